"""The place matcher finds gazetteer names in every news sentence, with precision rules."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kibaru.config import PipelineConfig
from kibaru.contract import Doc, Entity, Sentence, Span
from kibaru.pipeline import BuildContext
from kibaru.resolve.gazetteer import Gazetteer
from kibaru.resolve.place_matcher import PlaceMatcher
from kibaru.resources import Resources


@pytest.fixture
def matcher(tiny_gazetteer: Gazetteer) -> PlaceMatcher:
    config = PipelineConfig()
    return PlaceMatcher(BuildContext(config, Resources(config, gazetteer=tiny_gazetteer), "test"))


def _doc(make_doc: Callable[..., Doc], text: str, **fields: object) -> Doc:
    return make_doc(text, sentences=(Sentence(Span(0, len(text))),), **fields)


def _places(doc: Doc) -> list[str]:
    return [doc.span_text(e.span) for e in doc.entities if e.source == "gazetteer"]


def test_finds_village_region_and_country_with_ids(matcher: PlaceMatcher, tiny_gazetteer: Gazetteer,
                                                   make_doc: Callable[..., Doc]) -> None:
    text = "Soldiers killed civilians in Bounti, in the Mopti region of central Mali, on Sunday."
    doc = matcher(_doc(make_doc, text))
    assert _places(doc) == ["Bounti", "Mopti", "Mali"]
    entity = next(e for e in doc.entities if doc.span_text(e.span) == "Mali")
    place = tiny_gazetteer.from_kb_id(entity.kb_id)
    assert entity.label == "PLACE" and place is not None and place.kind == "country"


def test_accents_possessives_and_multiword_names(matcher: PlaceMatcher, make_doc: Callable[..., Doc]) -> None:
    text = "Fighters entered Segou and Mali’s army retook Bobo-Dioulasso and Boucle du Mouhoun region."
    assert _places(matcher(_doc(make_doc, text))) == ["Segou", "Mali", "Bobo-Dioulasso", "Boucle du Mouhoun"]


def test_words_that_are_also_place_names_do_not_match(matcher: PlaceMatcher, make_doc: Callable[..., Doc]) -> None:
    # "Police", "Will" and the demonym "Malian" are names of some place somewhere.
    text = "Police said the Malian army will hold Kidal. Will the talks last? President Moussa Dori spoke."
    found = _places(matcher(_doc(make_doc, text)))
    assert found == ["Kidal"]


def test_sahel_alone_is_not_the_region(matcher: PlaceMatcher, make_doc: Callable[..., Doc]) -> None:
    text = "Jihadists spread across the Sahel. Dori is the capital of the Sahel region."
    assert _places(matcher(_doc(make_doc, text))) == ["Dori", "Sahel"]


def test_excluded_sentences_are_skipped_and_entities_kept(matcher: PlaceMatcher, make_doc: Callable[..., Doc]) -> None:
    text = "Gunmen attacked Kidal. The author lives in Gao."
    ner = Entity(Span(0, 6), "NORP")
    doc = make_doc(text, sentences=(Sentence(Span(0, 22)), Sentence(Span(23, len(text)), excluded=True)),
                   entities=(ner,))
    out = matcher(doc)
    assert out.entities[0] == ner and _places(out) == ["Kidal"]


def test_name_inside_a_longer_person_name_is_not_a_place(matcher: PlaceMatcher, make_doc: Callable[..., Doc]) -> None:
    text = "Spokesman Amadou Gao Traore denied the attack in Gao."
    person = Entity(Span(10, 27), "PERSON")
    doc = matcher(_doc(make_doc, text, entities=(person,)))
    assert [e.span.start for e in doc.entities if e.source == "gazetteer"] == [text.rindex("Gao")]


def test_a_capitalised_cue_opening_the_sentence_is_not_part_of_a_name(
    matcher: PlaceMatcher, make_doc: Callable[..., Doc]
) -> None:
    text = "In Djibo, gunmen attacked a supply convoy on Monday."
    assert _places(matcher(_doc(make_doc, text))) == ["Djibo"]


def test_a_name_the_actor_kb_knows_as_a_person_is_not_a_place(
    matcher: PlaceMatcher, make_doc: Callable[..., Doc]
) -> None:
    text = "Soldiers loyal to Sanogo arrested several ministers in Bamako."
    start = text.index("Sanogo")
    person = Entity(Span(start, start + len("Sanogo")), "ACTOR", "kb", "kb:person:amadou-sanogo")
    assert _places(matcher(_doc(make_doc, text, entities=(person,)))) == ["Bamako"]
    assert "Sanogo" in _places(matcher(_doc(make_doc, text)))  # the village, without the KB


def test_a_given_name_alone_is_a_person_not_a_village(
    matcher: PlaceMatcher, make_doc: Callable[..., Doc]
) -> None:
    text = "Residents told Daouda that gunmen had come back to the village."
    assert _places(matcher(_doc(make_doc, text))) == []
    text = "Gunmen came back to Daouda on Sunday, residents said."
    assert _places(matcher(_doc(make_doc, text))) == ["Daouda"]
