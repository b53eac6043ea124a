"""Pipeline configuration: the ordered list of stages and their settings.

Defaults live in code (each stage's `Settings` dataclass and `DEFAULT_STAGES`); the
TOML file checked into the repo (`pipeline.toml`) names the stages and overrides
settings. Unknown stages or settings are errors, not silently ignored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from pipeline.stages import STAGES
from pipeline.stages.base import Stage

DEFAULT_STAGES = [
    "decode",
    "count_collocations",
    "repair_mojibake",
    "strip_site_chrome",
    "strip_repeated_lines",
    "pagination",
    "strip_site_chrome",
    "split_documents",
    "normalize",
    "fix_typos",
    "segment",
]


class ConfigError(ValueError):
    """The configuration file names something that does not exist."""


@dataclass
class PipelineConfig:
    stages: list[str] = field(default_factory=lambda: list(DEFAULT_STAGES))
    stage_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    batch_size: int = 64
    source: str = "<defaults>"

    def resolved(self) -> list[tuple[type[Stage], Any]]:
        """Each stage's class and its settings (defaults filled in), checked by name,
        without building the stages (which loads their rule files and dictionaries)."""
        out = []
        for name in self.stages:
            if name not in STAGES:
                raise ConfigError(f"{self.source}: unknown stage {name!r} (known: {sorted(STAGES)})")
            cls = STAGES[name]
            overrides = self.stage_settings.get(name, {})
            unknown = set(overrides) - {f.name for f in dataclasses.fields(cls.Settings)}
            if unknown:
                raise ConfigError(f"{self.source}: stage {name!r} has no setting(s) {sorted(unknown)}")
            out.append((cls, cls.Settings(**overrides)))
        for name in self.stage_settings:
            if name not in self.stages:
                raise ConfigError(f"{self.source}: settings for stage {name!r}, which is not in the pipeline")
        return out

    def build_stages(self) -> list[Stage]:
        return [cls(settings) for cls, settings in self.resolved()]

    def as_dict(self) -> dict[str, Any]:
        """The effective configuration (defaults filled in), as recorded in the manifest."""
        return {"batch_size": self.batch_size,
                "stages": [{"name": cls.name, "settings": dataclasses.asdict(settings)}
                           for cls, settings in self.resolved()]}

    def fingerprint(self) -> str:
        canon = json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canon.encode()).hexdigest()


def load_config(path: Path | None) -> PipelineConfig:
    if path is None:
        return PipelineConfig()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    section = data.get("pipeline", {})
    cfg = PipelineConfig(
        stages=list(section.get("stages", DEFAULT_STAGES)),
        stage_settings={k: dict(v) for k, v in data.get("stages", {}).items()},
        batch_size=int(section.get("batch_size", 64)),
        source=str(path),
    )
    cfg.resolved()  # fail early on unknown names
    return cfg
