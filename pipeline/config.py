"""Pipeline configuration: the ordered list of stages and their settings.

Defaults live in code (each stage's `Settings` dataclass and `DEFAULT_STAGES`); the
TOML file checked into the repo (`pipeline.toml`) names the stages and overrides
settings. The whole file is checked before any work is done: unknown sections, stages or
settings, values of the wrong type or out of range (each setting's annotation says what
it accepts, see `stages/base.py`), rule files outside the package's rules or the
config's own `rules_dir`. Every problem is reported, one line each, in one `ConfigError`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from pipeline.rulebook import RULES_DIR
from pipeline.stages import STAGES
from pipeline.stages.base import RuleFile, Stage

DEFAULT_STAGES = [
    "decode",
    "repair_mojibake",
    "restore_line_breaks",
    "strip_site_chrome",
    "chrome_context",
    "strip_repeated_lines",
    "pagination",
    "strip_site_chrome",
    "split_documents",
    "strip_repeated_paragraphs",
    "normalize",
    "fix_typos",
    "segment",
    "quality",
    "deduplicate",
]
PIPELINE_KEYS = {"stages", "batch_size", "max_file_mb", "rules_dir"}


class ConfigError(ValueError):
    """The configuration is not usable; the message has one line per problem."""


@dataclass
class PipelineConfig:
    stages: list[str] = field(default_factory=lambda: list(DEFAULT_STAGES))
    stage_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    batch_size: int = 64
    # Files larger than this are rejected: a stage holds a whole file in memory.
    max_file_mb: float = 16
    # A folder of the user's own rule files (relative to the config file), searched
    # before the package's pipeline/rules/.
    rules_dir: Path | None = None
    source: str = "<defaults>"

    def problems(self, for_build: bool = True) -> list[str]:
        """Everything wrong with this configuration (empty when it is usable). A build
        reads raw files, so its stage list must start with `decode`; tests and tools may
        run other stage lists on text (`for_build=False`)."""
        out = []
        if not _is_int(self.batch_size) or self.batch_size < 1:
            out.append(f"[pipeline] batch_size = {self.batch_size!r}: must be a whole number ≥ 1")
        if not _is_number(self.max_file_mb) or not 0 < self.max_file_mb < math.inf:
            out.append(f"[pipeline] max_file_mb = {self.max_file_mb!r}: must be a number > 0")
        if self.rules_dir is not None and not self.rules_dir.is_dir():
            out.append(f"[pipeline] rules_dir = {str(self.rules_dir)!r}: no such folder")
        if for_build and not self.stages:
            out.append("[pipeline] stages is empty: a build needs at least `decode`")
        elif for_build and self.stages[0] != "decode":
            out.append(f"[pipeline] stages must start with `decode` (raw bytes to text), not {self.stages[0]!r}")
        for name in self.stages:
            if name not in STAGES:
                out.append(f"[pipeline] stages: unknown stage {name!r} (known: {', '.join(sorted(STAGES))})")
        for name, overrides in self.stage_settings.items():
            if name not in STAGES:
                out.append(f"[stages.{name}]: unknown stage (known: {', '.join(sorted(STAGES))})")
            elif name not in self.stages:
                out.append(f"[stages.{name}]: settings for a stage that is not in the pipeline")
            elif not isinstance(overrides, dict):
                out.append(f"[stages.{name}] must be a table of settings")
            else:
                out += [f"[stages.{name}] {p}" for p in self._setting_problems(STAGES[name], overrides)]
        return out

    def _setting_problems(self, cls: type[Stage], overrides: dict[str, Any]) -> list[str]:
        hints = typing.get_type_hints(cls.Settings, include_extras=True)
        known = {f.name for f in dataclasses.fields(cls.Settings)}
        out = [f"{key}: no such setting (known: {', '.join(sorted(known)) or 'none'})"
               for key in sorted(set(overrides) - known)]
        for key in sorted(set(overrides) & known):
            value, hint = overrides[key], hints[key]
            why = _type_problem(value, _base_type(hint))
            for constraint in getattr(hint, "__metadata__", ()) if not why else ():
                why = why or (self._rule_file_problem(value) if isinstance(constraint, RuleFile)
                              else constraint.problem(value))
            if why:
                out.append(f"{key} = {value!r}: {why}")
        return out

    def _rule_file_problem(self, value: str) -> str | None:
        if Path(value).name != value or value in ("", ".", ".."):
            return "must be a plain file name (no folders, no '..'); put your own rule files in rules_dir"
        if self.rule_path(value) is None:
            where = f"{self.rules_dir} or " if self.rules_dir else ""
            return f"no such rule file in {where}{RULES_DIR}"
        return None

    def rule_path(self, name: str) -> Path | None:
        for folder in ([self.rules_dir] if self.rules_dir else []) + [RULES_DIR]:
            if (folder / name).is_file():
                return folder / name
        return None

    def resolved(self) -> list[tuple[type[Stage], Any]]:
        """Each stage's class and its settings (defaults filled in), without building the
        stages (which loads their rule files and dictionaries). A rule file found in the
        user's rules_dir is given to the stage by its full path."""
        problems = self.problems(for_build=False)
        if problems:
            raise ConfigError(f"{self.source}:\n  " + "\n  ".join(problems))
        out = []
        for name in self.stages:
            cls = STAGES[name]
            hints = typing.get_type_hints(cls.Settings, include_extras=True)
            overrides = dict(self.stage_settings.get(name, {}))
            for key, value in overrides.items():
                if typing.get_origin(_base_type(hints[key])) is tuple:
                    overrides[key] = tuple(value)  # TOML arrays are lists
                if any(isinstance(c, RuleFile) for c in getattr(hints[key], "__metadata__", ())) \
                        and self.rules_dir and (self.rules_dir / value).is_file():
                    overrides[key] = str((self.rules_dir / value).resolve())
            out.append((cls, cls.Settings(**overrides)))
        return out

    def build_stages(self) -> list[Stage]:
        return [cls(settings) for cls, settings in self.resolved()]

    def as_dict(self) -> dict[str, Any]:
        """The effective configuration (defaults filled in), as recorded in the manifest:
        JSON values only (a tuple setting reads back from the manifest as the same list)."""
        data = {"batch_size": self.batch_size, "max_file_mb": self.max_file_mb,
                "stages": [{"name": cls.name, "settings": dataclasses.asdict(settings)}
                           for cls, settings in self.resolved()]}
        if self.rules_dir:
            data["user_rule_files"] = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                                       for p in sorted(self.rules_dir.iterdir()) if p.is_file()}
        return json.loads(json.dumps(data, ensure_ascii=False, default=str))

    def fingerprint(self) -> str:
        canon = json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canon.encode()).hexdigest()


def _base_type(hint: Any) -> Any:
    """The type under an `Annotated[type, constraints...]` hint."""
    return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)


def _type_problem(value: Any, expected: Any) -> str | None:
    """Why `value` (as TOML gives it) is not of the setting's type, or None."""
    if expected is bool:
        return None if isinstance(value, bool) else "must be true or false"
    if expected is int:
        return None if _is_int(value) else "must be a whole number"
    if expected is float:
        return None if _is_number(value) else "must be a number"
    if expected is str:
        return None if isinstance(value, str) else "must be a string"
    if typing.get_origin(expected) is tuple:
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        return None if ok else "must be a list of strings"
    return None


def load_config(path: Path | None) -> PipelineConfig:
    """Read and check a config file (None: the built-in defaults)."""
    if path is None:
        return PipelineConfig()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    problems = [f"[{key}]: unknown section (known: pipeline, stages)" for key in sorted(set(data) - {"pipeline", "stages"})]
    section = data.get("pipeline", {})
    stage_tables = data.get("stages", {})
    if not isinstance(section, dict) or not isinstance(stage_tables, dict):
        raise ConfigError(f"{path}:\n  [pipeline] and [stages] must be tables")
    problems += [f"[pipeline] {key}: no such setting (known: {', '.join(sorted(PIPELINE_KEYS))})"
                 for key in sorted(set(section) - PIPELINE_KEYS)]
    stages = section.get("stages", DEFAULT_STAGES)
    if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
        problems.append(f"[pipeline] stages = {stages!r}: must be a list of stage names")
        stages = DEFAULT_STAGES
    rules_dir = section.get("rules_dir")
    cfg = PipelineConfig(
        stages=list(stages),
        stage_settings={k: (dict(v) if isinstance(v, dict) else v) for k, v in stage_tables.items()},
        batch_size=section.get("batch_size", 64),
        max_file_mb=section.get("max_file_mb", 16),
        rules_dir=(Path(path).parent / str(rules_dir)).resolve() if rules_dir is not None else None,
        source=str(path),
    )
    problems += cfg.problems()
    if problems:
        raise ConfigError(f"{path}:\n  " + "\n  ".join(problems))
    return cfg
