"""Assembly (events.assemble.v1) over hand-built documents: no model needed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from kibaru.config import PipelineConfig
from kibaru.contract import (
    Actor,
    ActorMention,
    Count,
    DateSpan,
    Doc,
    EventMention,
    Location,
    PlaceMention,
    Sentence,
    Span,
    Typing,
)
from kibaru.events.assemble import EventAssembler, event_confidence
from kibaru.pipeline import BuildContext
from kibaru.resources import Resources

TEXT = "Gunmen killed five villagers in Djibo. Police dispersed a protest in Dakar."
S0 = Span(0, TEXT.index(" Police"))
S1 = Span(TEXT.index("Police"), len(TEXT))


def _span(word: str, start: int = 0) -> Span:
    at = TEXT.index(word, start)
    return Span(at, at + len(word))


def _actor(word: str, sector: str) -> ActorMention:
    span = _span(word)
    return ActorMention(span, actor=Actor(text=word, name=word, sector=sector, span=span))


def _typing(plover: str, rule: str) -> Typing:
    return Typing(plover, acled_rule=rule, confidence=0.8)


@pytest.fixture
def assembler() -> EventAssembler:
    config = PipelineConfig()
    return EventAssembler(BuildContext(config, Resources(config), "9.9.9+test"))


@pytest.fixture
def doc(make_doc: Callable[..., Doc]) -> Doc:
    return make_doc(TEXT, sentences=(Sentence(S0, parsed=True), Sentence(S1, parsed=True)))


def _killing(target_sector: str, **changes: object) -> EventMention:
    mention = EventMention(
        trigger=_span("killed"),
        sentence=0,
        typing=_typing("ASSAULT", "ground_attack"),
        sources=(_actor("Gunmen", "OPP"),),
        targets=(_actor("villagers", target_sector),),
        places=(PlaceMention(_span("Djibo")),),
        location=Location(
            text="Djibo",
            name="Djibo",
            country="BFA",
            lat=14.1,
            lon=-1.6,
            geo_precision=1,
            span=_span("Djibo"),
        ),
        when=DateSpan(dt.date(2024, 1, 14), dt.date(2024, 1, 14), 1),
        fatalities=Count(5, 5, 5, "five villagers"),
    )
    import dataclasses

    return dataclasses.replace(mention, **changes)  # type: ignore[arg-type]


def test_acled_type_follows_the_target_sector(assembler: EventAssembler, doc: Doc) -> None:
    (on_civilians,) = assembler(doc.evolve(mentions=(_killing("CVL"),))).events
    assert (on_civilians.acled_event_type, on_civilians.acled_sub_event_type) == (
        "Violence against civilians",
        "Attack",
    )
    (on_soldiers,) = assembler(doc.evolve(mentions=(_killing("MIL"),))).events
    assert (on_soldiers.acled_event_type, on_soldiers.acled_sub_event_type) == (
        "Battles",
        "Armed clash",
    )


def test_event_carries_provenance_dates_place_and_counts(
    assembler: EventAssembler, doc: Doc
) -> None:
    (event,) = assembler(doc.evolve(mentions=(_killing("CVL"),))).events
    assert event.article_id == doc.article.id
    assert event.pipeline_version == "9.9.9+test"
    assert (event.evidence.sentence_start, event.evidence.sentence_end) == (S0.start, S0.end)
    assert TEXT[event.evidence.trigger_start : event.evidence.trigger_end] == "killed"
    assert (event.date, event.date_end, event.time_precision) == (
        dt.date(2024, 1, 14),
        dt.date(2024, 1, 14),
        1,
    )
    assert event.location is not None and event.location.name == "Djibo"
    assert event.fatalities is not None and event.fatalities.best == 5
    assert event.cameo_root == "18"
    payload = event.to_json()
    assert payload["source_actors"][0]["sector"] == "OPP"
    assert 0.0 <= payload["confidence"] <= 1.0


def test_event_id_is_stable_and_tied_to_trigger_and_type(
    assembler: EventAssembler, doc: Doc
) -> None:
    first = assembler(doc.evolve(mentions=(_killing("CVL"),))).events[0].event_id
    again = assembler(doc.evolve(mentions=(_killing("CVL"),))).events[0].event_id
    other = (
        assembler(doc.evolve(mentions=(_killing("CVL", trigger=_span("Gunmen")),)))
        .events[0]
        .event_id
    )
    assert first == again != other


def test_an_unresolved_actor_becomes_an_unknown_sector_actor(
    assembler: EventAssembler, doc: Doc
) -> None:
    mention = _killing("CVL", sources=(ActorMention(_span("Gunmen")),))
    (event,) = assembler(doc.evolve(mentions=(mention,))).events
    assert [(a.text, a.name, a.sector) for a in event.source_actors] == [
        ("Gunmen", "Gunmen", "UNK")
    ]


def test_a_location_from_a_from_phrase_is_never_the_event_location(
    assembler: EventAssembler, doc: Doc
) -> None:
    mention = _killing("CVL", places=(PlaceMention(_span("Djibo"), relation="from"),))
    (event,) = assembler(doc.evolve(mentions=(mention,))).events
    assert event.location is None


def test_two_mentions_of_one_happening_in_a_sentence_become_one_event(
    assembler: EventAssembler, doc: Doc
) -> None:
    again = _killing("CVL", trigger=_span("villagers"))
    events = assembler(doc.evolve(mentions=(_killing("CVL"), again))).events
    assert len(events) == 1
    other_victims = _killing("CVL", trigger=_span("villagers"), targets=(_actor("Djibo", "CVL"),))
    assert len(assembler(doc.evolve(mentions=(_killing("CVL"), other_victims))).events) == 2


def test_every_modality_is_kept(assembler: EventAssembler, doc: Doc) -> None:
    hypothetical = _killing("CVL", modality="hypothetical")
    (event,) = assembler(doc.evolve(mentions=(hypothetical,))).events
    assert event.modality == "hypothetical"


def test_a_protest_and_its_dispersal_are_one_protest_with_intervention(
    assembler: EventAssembler, doc: Doc
) -> None:
    protest = EventMention(
        trigger=_span("protest"),
        sentence=1,
        typing=_typing("PROTEST", "protest"),
        places=(PlaceMention(_span("Dakar")),),
    )
    dispersal = EventMention(
        trigger=_span("dispersed"),
        sentence=1,
        typing=_typing("COERCE", "restrict_protest"),
        sources=(_actor("Police", "POL"),),
    )
    (event,) = assembler(doc.evolve(mentions=(dispersal, protest))).events
    assert event.plover_type == "PROTEST"
    assert (event.acled_event_type, event.acled_sub_event_type) == (
        "Protests",
        "Protest with intervention",
    )


def test_confidence_rewards_complete_asserted_events() -> None:
    full = event_confidence(
        strength=0.8, has_source=True, has_target=True, has_location=True, has_date=True
    )
    bare = event_confidence(
        strength=0.8, has_source=False, has_target=False, has_location=False, has_date=False
    )
    hedged = event_confidence(
        strength=0.8,
        has_source=True,
        has_target=True,
        has_location=True,
        has_date=True,
        asserted=False,
        aggregate=True,
    )
    assert 0.0 <= bare < hedged < full <= 1.0
