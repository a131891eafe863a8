"""Helpers for the actor tests: documents with real sentences and the shipped actor KB."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from kibaru.config import PipelineConfig
from kibaru.contract import Annotation, Doc, Sentence, Span
from kibaru.nlp.sentences import split_sentences
from kibaru.pipeline import BuildContext
from kibaru.resolve.actor_kb import ActorKB, load_files
from kibaru.resolve.actor_matcher import ActorMatcher
from kibaru.resources import Resources


@lru_cache(maxsize=1)
def shipped_kb() -> ActorKB:
    """The knowledge base built from the shipped data files (no user files, no cache)."""
    return load_files()


def context(kb: ActorKB | None = None) -> BuildContext:
    """A build context whose resources hold ``kb`` (nothing else is loaded)."""
    config = PipelineConfig()
    resources = Resources(config, actor_kb=kb or shipped_kb())
    return BuildContext(config=config, resources=resources, pipeline_version="test")


def sentenced(
    make_doc: Callable[..., Doc], text: str, *, excluded: tuple[str, ...] = (), **fields: object
) -> Doc:
    """A doc of ``text`` split into real sentences; sentences holding any of ``excluded``
    are marked excluded as a bio, like the language stage does."""
    sentences = []
    annotations = []
    for span in split_sentences(text, language="en"):
        body = text[span.start : span.end]
        if any(e in body for e in excluded):
            sentences.append(Sentence(span, excluded=True, exclusion="bio"))
            annotations.append(Annotation("bio", span))
        else:
            sentences.append(Sentence(span))
    return make_doc(text, sentences=tuple(sentences), annotations=tuple(annotations),
                    language="en", **fields)


def matched(make_doc: Callable[..., Doc], text: str, *, excluded: tuple[str, ...] = (),
            **kwargs: object) -> Doc:
    """A sentenced doc run through the real actor matcher stage."""
    return ActorMatcher(context())(sentenced(make_doc, text, excluded=excluded, **kwargs))


def span_of(text: str, phrase: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th ``phrase`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase))
