"""The stage interface: a named, configured, pure function from a document to a document.

A stage keeps no state between documents (apart from read-only settings and, for
corpus-aware stages, a compact index fitted before the run), so that an executor can run
it in other processes or on Ray Data unchanged. Every change it makes to the text goes
through `Document.replace_spans`, which records the stage and rule of each edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from pipeline.document import Document


# Constraints on a setting, written in its annotation (`threshold: Annotated[float,
# Between(0, 1)] = 0.7`); pipeline.config checks every setting of a config against its type
# and these before any work is done.
@dataclass(frozen=True)
class Between:
    low: float
    high: float

    def problem(self, value: Any) -> str | None:
        return None if self.low <= value <= self.high else f"must be between {self.low} and {self.high}"


@dataclass(frozen=True)
class OneOf:
    values: tuple[str, ...]

    def problem(self, value: Any) -> str | None:
        return None if value in self.values else f"must be one of {list(self.values)}"


@dataclass(frozen=True)
class Check:
    """Any other constraint: `test(value)` is true for a good value; `says` what a good one is."""

    test: Callable[[Any], bool]
    says: str

    def problem(self, value: Any) -> str | None:
        try:
            return None if self.test(value) else self.says
        except Exception:  # a test that cannot even run on the value rejects it
            return self.says


@dataclass(frozen=True)
class RuleFile:
    """A rule file's plain name, found in the config's `rules_dir` or in pipeline/rules/."""


@dataclass(frozen=True)
class NoSettings:
    """For stages that have nothing to configure."""


class Stage:
    """Base class: subclasses set `name`, optionally `Settings`, and implement `process`."""

    name: ClassVar[str] = "stage"
    Settings: ClassVar[type] = NoSettings

    def __init__(self, settings: Any | None = None) -> None:
        self.settings = settings if settings is not None else self.Settings()

    def process(self, doc: Document) -> Document:  # pragma: no cover - interface
        raise NotImplementedError


class CorpusStage(Stage):
    """A stage that first looks at every document of the build, keeping only a compact
    summary (hashes and counts), and then processes documents one by one.

    Observing is split so that it can run where the documents are (a worker process, a
    Ray task) and only the summary travels: `observation(doc)` is a pure function of one
    document giving a small picklable value; `absorb(observation)` merges one into the
    stage's state, in any order and from any number of workers; `finish_observing()` fits
    the state once all are in; `state_fingerprint()` names the fitted state, so that
    results that depend on it are cached under it."""

    def observation(self, doc: Document) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def absorb(self, observation: Any) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def observe(self, doc: Document) -> None:
        self.absorb(self.observation(doc))

    def finish_observing(self) -> None:
        """Called once after every document was observed."""

    def state_fingerprint(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError
