"""Loading the versioned rule files under pipeline/rules/ (data, not code)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULES_DIR = Path(__file__).resolve().parent / "rules"


@dataclass(frozen=True)
class Rule:
    """One named rule of a rule file: what it matches, why, and its two examples."""

    name: str
    reason: str
    scope: str = "line"
    patterns: tuple[re.Pattern[str], ...] = ()
    priority: int = 5
    flag: str | None = None
    max_len: int = 10_000
    remove: str = ""
    keep: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@cache
def load_rules(filename: str) -> tuple[Rule, ...]:
    path = RULES_DIR / filename
    data = load_rule_data(filename)
    rules = []
    known = {"name", "reason", "scope", "patterns", "priority", "flag", "max_len", "remove", "keep"}
    ending = "(?:" + "|".join(map(re.escape, data.get("site_name_endings", []))) + ")"
    for raw in data["rule"]:
        try:
            patterns = tuple(re.compile(p.replace("{site_name_ending}", ending)) for p in raw.get("patterns", []))
        except re.error as exc:
            raise ValueError(f"{path}: rule {raw.get('name')}: bad pattern: {exc}") from exc
        rules.append(Rule(
            name=raw["name"], reason=raw["reason"], scope=raw.get("scope", "line"),
            patterns=patterns, priority=int(raw.get("priority", 5)), flag=raw.get("flag"),
            max_len=int(raw.get("max_len", 10_000)), remove=raw.get("remove", ""),
            keep=raw.get("keep", ""), extra={k: v for k, v in raw.items() if k not in known},
        ))
    return tuple(rules)


@cache
def load_word_list(filename: str) -> frozenset[str]:
    lines = (RULES_DIR / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


@cache
def load_rule_data(filename: str) -> dict[str, Any]:
    """A rule file's raw content, for the tables that are not rules (word lists)."""
    return tomllib.loads((RULES_DIR / filename).read_text(encoding="utf-8"))


def rules_by_name(filename: str) -> dict[str, Rule]:
    return {r.name: r for r in load_rules(filename)}
