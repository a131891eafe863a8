"""The pipeline checks stage order at construction and names a failing stage."""

from typing import ClassVar

import pytest

from kibaru import registry
from kibaru.articles import make_article
from kibaru.config import PipelineConfig
from kibaru.contract import Doc
from kibaru.errors import StageError, StageOrderError, UnknownComponentError
from kibaru.pipeline import Pipeline, build_pipeline


class Provides:
    name: ClassVar[str] = "test.provides"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    provides: ClassVar[frozenset[str]] = frozenset({"text"})

    def __call__(self, doc: Doc) -> Doc:
        return doc.evolve(text=doc.article.text.upper())


class Needs:
    name: ClassVar[str] = "test.needs"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"shout"})

    def __call__(self, doc: Doc) -> Doc:
        return doc.evolve(text=doc.text + "!")


class Broken(Needs):
    name: ClassVar[str] = "test.broken"

    def __call__(self, doc: Doc) -> Doc:
        raise ZeroDivisionError("boom")


def test_stages_run_in_order_and_record_what_they_provide() -> None:
    doc = Pipeline([Provides(), Needs()])(make_article("hello"))
    assert doc.text == "HELLO!"
    assert {"article", "text", "shout"} <= doc.provides


def test_a_stage_before_its_requirements_is_refused_at_construction() -> None:
    with pytest.raises(StageOrderError, match="stage 'test.needs' requires text"):
        Pipeline([Needs(), Provides()])


def test_a_failing_stage_is_named_with_the_article() -> None:
    article = make_article("hello")
    with pytest.raises(StageError, match=f"stage test.broken failed on article {article.id}: ZeroDivisionError"):
        Pipeline([Provides(), Broken()])(article)


def test_stages_do_not_mutate_their_input() -> None:
    before = Doc(article=make_article("hello"), text="x")
    Needs()(before)
    assert before.text == "x"


def test_unknown_component_names_are_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownComponentError, match="unknown pipeline component 'nope.v9'"):
        build_pipeline(PipelineConfig(stages=("nope.v9",)))


def test_plugins_register_through_the_same_path_as_builtins() -> None:
    registry.register("test.provides.v1", lambda context: Provides())
    pipeline = build_pipeline(PipelineConfig(stages=("test.provides.v1",)))
    assert pipeline.names == ("test.provides",)
    assert pipeline.version.startswith("0.1.0+")


def test_every_builtin_component_is_used_by_the_default_configuration() -> None:
    config = PipelineConfig()
    assert set(config.stages) | {config.event_typer} == set(registry.BUILTIN)
