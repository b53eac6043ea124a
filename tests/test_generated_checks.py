"""The invented-site checks built by the shared generator (tests/fixtures/pagegen.py) are what
their page definitions say: each set's make_pages.py --check rebuilds pages/ and gold/ and
finds them byte for byte as committed. (Their scores are measured by `make unseenN`, not here.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SETS = sorted(p.parent.name for p in FIXTURES.glob("unseen*/make_pages.py") if "pagegen" in p.read_text(encoding="utf-8"))


def test_the_shared_generator_serves_the_recent_sets():
    assert {"unseen7", "unseen8", "unseen9", "unseen11", "unseen12", "unseen13", "unseen14", "unseen15",
            "unseen16", "unseen17", "unseen18", "unseen19", "unseen20", "unseen21",
            "unseen22", "unseen23", "unseen24", "unseen25", "unseen26"} <= set(SETS)


@pytest.mark.parametrize("name", SETS)
def test_a_set_is_what_its_definitions_write(name):
    done = subprocess.run([sys.executable, str(FIXTURES / name / "make_pages.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
