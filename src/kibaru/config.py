"""Define the pipeline's settings: one frozen dataclass, passed in, never read from globals."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_STAGES", "PipelineConfig", "default_cache_dir"]

DEFAULT_STAGES: tuple[str, ...] = (
    "clean.text.v1",
    "clean.structure.v1",
    "language.detect.v1",
    "nlp.spacy.v1",
    "entities.actors.v1",
    "entities.places.v1",
    "events.triggers.v1",
    "events.factuality.v1",
    "events.arguments.v1",
    "events.aggregates.v1",
    "resolve.focus.v1",
    "resolve.actors.v1",
    "resolve.places.v1",
    "resolve.dates.v1",
    "resolve.counts.v1",
    "events.assemble.v1",
)


def default_cache_dir() -> Path:
    """Return the on-disk cache folder ($KIBARU_CACHE or ~/.cache/kibaru)."""
    import os

    env = os.environ.get("KIBARU_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "kibaru"


@dataclass(frozen=True)
class PipelineConfig:
    """Settings that shape how articles are coded.

    ``model`` picks the spaCy English model (``md`` default, ``sm`` faster). ``languages``
    are those with a pipeline; text detected as another language is skipped with a reason.
    ``parse_all`` parses every sentence instead of only those that can hold an event.
    """

    stages: tuple[str, ...] = DEFAULT_STAGES
    model: str = "md"
    languages: tuple[str, ...] = ("en",)
    max_article_chars: int = 1_000_000
    parse_all: bool = False
    event_typer: str = "events.typer.rules.v1"
    """Registry name of the event typer (kibaru.events.typing_rules.EventTyper)."""
    actor_files: tuple[Path, ...] = ()
    gazetteer_files: tuple[Path, ...] = ()
    cache_dir: Path = field(default_factory=default_cache_dir)

    def fingerprint(self) -> dict[str, Any]:
        """Return the settings that change coded output (hashed into pipeline_version)."""
        return {
            "stages": list(self.stages),
            "model": self.model,
            "languages": list(self.languages),
            "parse_all": self.parse_all,
            "event_typer": self.event_typer,
            "actor_files": [str(p) for p in self.actor_files],
            "gazetteer_files": [str(p) for p in self.gazetteer_files],
        }
