"""Assemble stages into a checked pipeline and run articles through it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from kibaru import registry
from kibaru.config import PipelineConfig
from kibaru.contract import Article, Doc
from kibaru.errors import KibaruError, StageError, StageOrderError
from kibaru.resources import Resources
from kibaru.stage import Stage
from kibaru.version import __version__

__all__ = ["BuildContext", "Pipeline", "build_pipeline"]


@dataclass(frozen=True)
class BuildContext:
    """What a component factory gets: the configuration, shared resources and version."""

    config: PipelineConfig
    resources: Resources
    pipeline_version: str


@dataclass
class Pipeline:
    """An ordered list of stages, checked at construction."""

    stages: Sequence[Stage]
    version: str = __version__
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        provided: set[str] = {"article"}
        for stage in self.stages:
            missing = set(stage.requires) - provided
            if missing:
                raise StageOrderError(
                    f"stage {stage.name!r} requires {', '.join(sorted(missing))}, "
                    "which no earlier stage provides"
                )
            provided |= set(stage.provides)
        self.names = tuple(stage.name for stage in self.stages)

    def __call__(self, article: Article) -> Doc:
        """Run ``article`` through every stage and return the final document."""
        doc = Doc(article=article, provides=frozenset({"article"}))
        for stage in self.stages:
            try:
                out = stage(doc)
            except KibaruError:
                raise
            except Exception as exc:  # a stage bug: name the stage and the article
                raise StageError(
                    f"stage {stage.name} failed on article {article.id}: "
                    f"{type(exc).__name__}: {exc}",
                    stage=stage.name,
                    article_id=article.id,
                ) from exc
            doc = out.evolve(provides=out.provides | stage.provides)
        return doc

    def pipe(self, articles: Iterable[Article]) -> Iterator[Doc]:
        """Run many articles, one at a time, yielding each finished document."""
        for article in articles:
            yield self(article)


def config_hash(config: PipelineConfig) -> str:
    """Return a short stable hash of what changes the pipeline's output: the settings and
    the shipped rule and lexicon files (gold data excluded)."""
    payload = json.dumps(config.fingerprint(), sort_keys=True, default=str)
    return hashlib.sha256(f"{payload}\n{_data_hash()}".encode()).hexdigest()[:8]


@lru_cache(maxsize=1)
def _data_hash() -> str:
    root = files("kibaru") / "data"
    digest = hashlib.sha256()

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            name = f"{prefix}/{child.name}"
            if child.is_dir():
                if child.name != "gold":
                    walk(child, name)
            elif child.name.endswith((".yaml", ".yml", ".json", ".tsv", ".txt")):
                digest.update(name.encode())
                digest.update(child.read_bytes())

    walk(root, "")
    return digest.hexdigest()


def build_pipeline(
    config: PipelineConfig | None = None, *, resources: Resources | None = None
) -> Pipeline:
    """Build the pipeline that ``config`` names, sharing ``resources`` between its stages."""
    config = config or PipelineConfig()
    resources = resources or Resources(config)
    version = f"{__version__}+{config_hash(config)}"
    context = BuildContext(config=config, resources=resources, pipeline_version=version)
    stages = [registry.resolve(name)(context) for name in config.stages]
    return Pipeline(stages=stages, version=version)
