"""Published output unchanged unless meant to change (issue 13): the seeds and a generated
corpus are built and their published rows compared with tests/fixtures/output_fingerprint.json."""

from __future__ import annotations

import json

from pipeline.fingerprint import FIXTURE, compute, differences


def test_published_rows_match_the_committed_fingerprint() -> None:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    found = differences(expected, compute())
    assert not found, (
        "the published output changed:\n  " + "\n  ".join(found)
        + "\nA change meant to be faster only must not change the output: find and fix the difference."
        "\nIf this is an intended accuracy change, refresh the fingerprint (`make fingerprint`, i.e. "
        "`python -m pipeline.fingerprint --write`) in that same commit, a commit of its own apart from speed work."
    )
