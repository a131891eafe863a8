"""The place resolver picks where each event happened and geocodes it by ACLED precision."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kibaru.config import PipelineConfig
from kibaru.contract import Dateline, Doc, EventMention, PlaceMention, Sentence, Span, Token, Typing
from kibaru.pipeline import BuildContext
from kibaru.resolve.gazetteer import Gazetteer
from kibaru.resolve.place_matcher import PlaceMatcher
from kibaru.resolve.places import PlaceResolver
from kibaru.resources import Resources


@pytest.fixture
def resources(tiny_gazetteer: Gazetteer) -> Resources:
    config = PipelineConfig()
    return Resources(config, gazetteer=tiny_gazetteer)


def _run(resources: Resources, doc: Doc) -> Doc:
    context = BuildContext(resources.config, resources, "test")
    return PlaceResolver(context)(PlaceMatcher(context)(doc))


def _at(text: str, phrase: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def _mention(text: str, trigger: str, *places: tuple[str, str], sentence: int = 0) -> EventMention:
    return EventMention(
        trigger=_at(text, trigger), sentence=sentence, typing=Typing("ASSAULT"),
        places=tuple(PlaceMention(_at(text, p), relation=r) for p, r in places),
    )


def _doc(make_doc: Callable[..., Doc], text: str, *mentions: EventMention, **fields: object) -> Doc:
    return make_doc(text, sentences=(Sentence(Span(0, len(text))),), mentions=mentions, **fields)


def test_from_phrase_is_never_the_location(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "Troops from Gao attacked Kidal on Tuesday."
    doc = _doc(make_doc, text, _mention(text, "attacked", ("Gao", "from"), ("Kidal", "in")),
               focus_country="MLI")
    (mention,) = _run(resources, doc).mentions
    assert mention.location is not None
    assert (mention.location.name, mention.location.country, mention.location.geo_precision) == ("Kidal", "MLI", 1)
    assert mention.places[0].location is not None and mention.places[0].location.name == "Gao"


def test_containing_region_disambiguates_the_village(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "Gunmen killed 20 people in Bounti, in the Mopti region."
    doc = _doc(make_doc, text, _mention(text, "killed", ("Bounti", "in"), ("the Mopti region", "in")),
               focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None
    assert (location.name, location.admin1, location.geo_precision) == ("Bounti", "Mopti", 1)
    assert location.geonameid is not None and location.lat is not None


def test_near_a_town_is_precision_two(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "An IED exploded 30 km from Djibo."
    doc = _doc(make_doc, text, _mention(text, "exploded", ("Djibo", "from")), focus_country="BFA")
    location = _run(resources, doc).mentions[0].location
    assert location is not None and (location.name, location.geo_precision) == ("Djibo", 2)


def test_region_only_is_precision_three_with_representative_point(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Clashes were reported in the Sahel region."
    doc = _doc(make_doc, text, _mention(text, "Clashes", ("the Sahel region", "in")), focus_country="BFA")
    location = _run(resources, doc).mentions[0].location
    assert location is not None
    assert (location.country, location.geo_precision, location.feature) == ("BFA", 3, "ADM1")
    assert location.lat is not None


def test_country_only_has_no_coordinates(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "Jihadists attacked an army convoy in Niger."
    doc = _doc(make_doc, text, _mention(text, "attacked", ("Niger", "in")))
    location = _run(resources, doc).mentions[0].location
    assert location is not None
    assert (location.name, location.country, location.lat, location.lon, location.geo_precision) == (
        "Niger", "NER", None, None, None)


def test_dateline_city_is_not_the_location(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "BAMAKO — Gunmen attacked a convoy, the army said."
    dateline = Dateline(span=Span(0, 8), place=Span(0, 6))
    doc = _doc(make_doc, text, _mention(text, "attacked"), dateline=dateline, focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None
    assert (location.name, location.country, location.lat) == ("Mali", "MLI", None)


def test_place_in_sentence_used_when_no_argument(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "Gunmen from Gao attacked a market in Ménaka overnight."
    doc = _doc(make_doc, text, _mention(text, "attacked"), focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.name == "Ménaka"


def test_focus_country_decides_between_homonyms(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "Soldiers patrolled in Gao."
    mali = _run(resources, _doc(make_doc, text, _mention(text, "patrolled", ("Gao", "in")), focus_country="MLI"))
    burkina = _run(resources, _doc(make_doc, text, _mention(text, "patrolled", ("Gao", "in")), focus_country="BFA"))
    assert mali.mentions[0].location is not None and mali.mentions[0].location.country == "MLI"
    assert burkina.mentions[0].location is not None and burkina.mentions[0].location.country == "BFA"


def test_state_of_names_the_region_not_a_homonym_town(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "Protesters marched in the region of Mopti on Friday."
    doc = _doc(make_doc, text, _mention(text, "marched", ("Mopti", "in")), focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None and (location.geo_precision, location.feature) == (3, "ADM1")


def _parsed(text: str, heads: list[tuple[int, str]]) -> tuple[Token, ...]:
    """Hand-built parse: one (head index, dep) per whitespace token of ``text``."""
    tokens, start = [], 0
    for i, (word, (head, dep)) in enumerate(zip(text.split(" "), heads, strict=True)):
        begin = text.index(word, start)
        tokens.append(Token(i, begin, begin + len(word), word, word.lower(), "X", "X", dep, head, 0))
        start = begin + len(word)
    return tuple(tokens)


def test_sentence_place_must_hang_from_the_trigger(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    attacked = "Soldiers attacked a market in Kidal"
    parse = [(1, "nsubj"), (1, "ROOT"), (3, "det"), (1, "dobj"), (3, "prep"), (4, "pobj")]
    doc = _doc(make_doc, attacked, _mention(attacked, "attacked"), focus_country="MLI",
               tokens=_parsed(attacked, parse))
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.name == "Kidal"

    allied = "Rebels allied with JNIM which fights in Kidal"
    parse = [(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (5, "nsubj"), (3, "relcl"),
             (5, "prep"), (6, "pobj")]
    doc = _doc(make_doc, allied, _mention(allied, "allied"), focus_country="MLI",
               tokens=_parsed(allied, parse))
    location = _run(resources, doc).mentions[0].location
    assert location is not None and (location.name, location.lat) == ("Mali", None)
