"""Code one article into events: the library function behind ``kibaru.code`` and the CLI."""

from __future__ import annotations

import datetime as dt
import threading

from kibaru.articles import make_article
from kibaru.config import PipelineConfig
from kibaru.contract import CodeResult, Doc
from kibaru.errors import InputTooLargeError
from kibaru.pipeline import Pipeline, build_pipeline

__all__ = ["code", "code_doc", "default_pipeline", "result_from_doc"]

_pipelines: dict[PipelineConfig, Pipeline] = {}
_lock = threading.Lock()


def default_pipeline(config: PipelineConfig | None = None) -> Pipeline:
    """Return the process-wide pipeline for ``config``, built (and its model loaded) once."""
    config = config or PipelineConfig()
    with _lock:
        if config not in _pipelines:
            _pipelines[config] = build_pipeline(config)
        return _pipelines[config]


def code_doc(
    text: str,
    *,
    published: str | dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
    origin: str | None = None,
    pipeline: Pipeline | None = None,
    config: PipelineConfig | None = None,
) -> Doc:
    """Run one article's text through the pipeline and return the finished ``Doc``."""
    config = config or PipelineConfig()
    if len(text) > config.max_article_chars:
        raise InputTooLargeError(
            f"article is {len(text):,} characters, over the {config.max_article_chars:,} limit",
            origin=origin,
        )
    article = make_article(text, published=published, url=url, title=title, origin=origin)
    return (pipeline or default_pipeline(config))(article)


def result_from_doc(doc: Doc, *, all_modalities: bool = False) -> CodeResult:
    """Return the ``CodeResult`` of a finished document (asserted events unless asked)."""
    events = tuple(e for e in doc.events if all_modalities or e.modality == "asserted")
    return CodeResult(
        article_id=doc.article.id,
        published=doc.published or doc.article.published,
        text=doc.text,
        events=events,
        doc=doc,
    )


def code(
    text: str,
    *,
    published: str | dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
    all_modalities: bool = False,
    pipeline: Pipeline | None = None,
    config: PipelineConfig | None = None,
) -> CodeResult:
    """Code ``text`` (published on ``published``) into events with their evidence.

    >>> result = kibaru.code("BAMAKO — Gunmen killed five villagers ...", published="2024-03-02")
    >>> [e.plover_type for e in result.events]
    """
    doc = code_doc(text, published=published, url=url, title=title, pipeline=pipeline, config=config)
    return result_from_doc(doc, all_modalities=all_modalities)
