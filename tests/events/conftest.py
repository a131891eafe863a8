"""Fixtures for the event stages: a partial pipeline over the real spaCy model.

The stand-in stage ``_Prepared`` plays the cleaning stages' part (cleaned text = article text,
English) and ``_NoMatchers`` the KB and gazetteer matchers' (no extra entities), so that these
tests pin the event rules alone; tests/events/test_pipeline_events.py runs the full pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import pytest

from kibaru.articles import make_article
from kibaru.contract import Doc, EventMention
from kibaru.events.aggregates import AggregateFlagger
from kibaru.events.arguments import ArgumentFinder
from kibaru.events.factuality import FactualityTagger
from kibaru.events.triggers import TriggerTagger
from kibaru.nlp.spacy_stage import SpacyParser
from kibaru.pipeline import BuildContext, Pipeline
from kibaru.resources import Resources


class _Prepared:
    name: ClassVar[str] = "test.prepared"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset({"text", "annotations", "language"})

    def __call__(self, doc: Doc) -> Doc:
        return doc.evolve(text=doc.article.text, language="en", published=doc.article.published)


class _NoMatchers:
    name: ClassVar[str] = "test.no_matchers"
    requires: ClassVar[frozenset[str]] = frozenset({"entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"actor_entities", "place_entities"})

    def __call__(self, doc: Doc) -> Doc:
        return doc


@pytest.fixture(scope="session")
def context(resources: Resources) -> BuildContext:
    """A build context over the real shared resources."""
    return BuildContext(config=resources.config, resources=resources, pipeline_version="test")


@pytest.fixture(scope="session")
def event_pipeline(context: BuildContext) -> Pipeline:
    """Prepared text -> spaCy -> triggers -> factuality -> arguments -> aggregates."""
    return Pipeline(
        stages=[
            _Prepared(),
            SpacyParser(context),
            _NoMatchers(),
            TriggerTagger(context),
            FactualityTagger(context),
            ArgumentFinder(context),
            AggregateFlagger(context),
        ]
    )


@pytest.fixture(scope="session")
def analyse(event_pipeline: Pipeline) -> Callable[[str], Doc]:
    """Run ``text`` through the event stages and return the document."""

    def run(text: str) -> Doc:
        return event_pipeline(make_article(text, published="2024-01-15"))

    return run


@pytest.fixture(scope="session")
def mention_at() -> Callable[[Doc, str], EventMention]:
    """Return the one mention of ``doc`` whose trigger contains ``word``."""

    def find(doc: Doc, word: str) -> EventMention:
        found = [m for m in doc.mentions if word in doc.span_text(m.trigger)]
        assert len(found) == 1, [doc.span_text(m.trigger) for m in doc.mentions]
        return found[0]

    return find
