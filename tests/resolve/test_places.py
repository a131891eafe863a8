"""The place resolver picks where each event happened and geocodes it by ACLED precision."""

from __future__ import annotations

import dataclasses
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


def _parsed(text: str, heads: list[tuple[int, str, str]]) -> tuple[Token, ...]:
    """Hand-built parse: one (head index, dep, pos) per whitespace token of ``text``."""
    tokens, start = [], 0
    for i, (word, (head, dep, pos)) in enumerate(zip(text.split(" "), heads, strict=True)):
        begin = text.index(word, start)
        tokens.append(Token(i, begin, begin + len(word), word, word.lower(), pos, pos, dep, head, 0))
        start = begin + len(word)
    return tuple(tokens)


def _location(resources: Resources, make_doc: Callable[..., Doc], text: str, trigger: str,
              parse: list[tuple[int, str, str]]) -> tuple[str, float | None]:
    doc = _doc(make_doc, text, _mention(text, trigger), focus_country="MLI",
               tokens=_parsed(text, parse))
    location = _run(resources, doc).mentions[0].location
    assert location is not None
    return location.name, location.lat


def test_sentence_place_of_the_event_clause_is_used(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "A civilian died in the city of Gao after being shot"
    parse = [(1, "det", "DET"), (2, "nsubj", "NOUN"), (2, "ROOT", "VERB"), (2, "prep", "ADP"),
             (5, "det", "DET"), (3, "pobj", "NOUN"), (5, "prep", "ADP"), (6, "pobj", "PROPN"),
             (2, "prep", "ADP"), (10, "auxpass", "AUX"), (8, "pcomp", "VERB")]
    assert _location(resources, make_doc, text, "shot", parse)[0] == "Gao"


def test_sentence_place_of_another_clause_or_noun_is_not_used(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Rebels allied with JNIM which fights in Kidal"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "prep", "ADP"), (2, "pobj", "PROPN"),
             (5, "nsubj", "PRON"), (3, "relcl", "VERB"), (5, "prep", "ADP"), (6, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "allied", parse) == ("Mali", None)
    text = "Rebels know the terrain better than their counterparts in Bamako"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (3, "det", "DET"), (1, "dobj", "NOUN"),
             (1, "advmod", "ADV"), (4, "prep", "ADP"), (7, "poss", "PRON"), (5, "pobj", "NOUN"),
             (7, "prep", "ADP"), (8, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "know", parse) == ("Mali", None)


def test_place_of_a_clause_describing_the_trigger_noun_is_used(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Police banned a march they planned to hold in Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (3, "det", "DET"), (1, "dobj", "NOUN"),
             (5, "nsubj", "PRON"), (3, "relcl", "VERB"), (7, "aux", "PART"), (5, "xcomp", "VERB"),
             (7, "prep", "ADP"), (8, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "banned a march", parse)[0] == "Gao"


def test_place_of_an_event_noun_the_trigger_acts_on_is_used(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Police banned a march they planned to hold in Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (3, "det", "DET"), (1, "dobj", "NOUN"),
             (5, "nsubj", "PRON"), (3, "acl", "VERB"), (7, "aux", "PART"), (5, "xcomp", "VERB"),
             (7, "prep", "ADP"), (8, "pobj", "PROPN")]
    doc = _doc(make_doc, text, _mention(text, "banned"), _mention(text, "march"),
               focus_country="MLI", tokens=_parsed(text, parse))
    banned, march = _run(resources, doc).mentions
    assert banned.location is not None and banned.location.name == "Gao"
    assert march.location is not None and march.location.name == "Gao"


def test_place_under_a_site_noun_is_the_event_place(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Gunmen stormed a hotel in Bamako"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (3, "det", "DET"), (1, "dobj", "NOUN"),
             (3, "prep", "ADP"), (4, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "stormed", parse)[0] == "Bamako"


def test_adjective_passes_the_place_to_the_noun_it_describes(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Gunmen attacked a bar popular with expatriates in Bamako"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (3, "det", "DET"), (1, "dobj", "NOUN"),
             (3, "amod", "ADJ"), (4, "prep", "ADP"), (5, "pobj", "NOUN"), (4, "prep", "ADP"),
             (7, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "attacked", parse)[0] == "Bamako"


def test_place_of_a_participle_describing_the_object_is_the_event_place(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Jets bombed depots held by rebels around Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "dobj", "NOUN"), (2, "acl", "VERB"),
             (3, "agent", "ADP"), (4, "pobj", "NOUN"), (3, "prep", "ADP"), (6, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "bombed", parse)[0] == "Gao"
    # ... but not a participle describing the subject: "rebels based in Gao attacked Kidal"
    # names Kidal; with no place of its own the event stays in the country.
    text = "Rebels based around Gao bombed depots"
    parse = [(4, "nsubj", "NOUN"), (0, "acl", "VERB"), (1, "prep", "ADP"), (2, "pobj", "PROPN"),
             (4, "ROOT", "VERB"), (4, "dobj", "NOUN")]
    assert _location(resources, make_doc, text, "bombed", parse) == ("Mali", None)


def test_place_inside_a_named_site_is_the_event_place(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Gunmen attacked a crowd at Freedom Plaza in Bamako"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (3, "det", "DET"), (1, "dobj", "NOUN"),
             (1, "prep", "ADP"), (6, "compound", "PROPN"), (4, "pobj", "PROPN"),
             (6, "prep", "ADP"), (7, "pobj", "PROPN")]
    tokens = _parsed(text, parse)
    named = tuple(dataclasses.replace(t, ent_type="FAC") if t.text in ("Freedom", "Plaza") else t
                  for t in tokens)
    doc = _doc(make_doc, text, _mention(text, "attacked"), focus_country="MLI", tokens=named)
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.name == "Bamako"
    # an unnamed common noun still holds it for itself: "their counterparts in Bamako"
    doc = _doc(make_doc, text, _mention(text, "attacked"), focus_country="MLI", tokens=tokens)
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.name == "Mali"


def _story(make_doc: Callable[..., Doc], text: str, *mentions: EventMention) -> Doc:
    sentences, start = [], 0
    for line in text.split("\n"):
        if line:
            sentences.append(Sentence(Span(start, start + len(line))))
        start += len(line) + 1
    return make_doc(text, sentences=tuple(sentences), mentions=mentions, focus_country="MLI")


def test_an_event_without_place_carries_the_previous_event_point(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = ("Gunmen stormed a hotel in Bamako on Friday.\n"
            "Special forces retook the building in the afternoon.")
    doc = _story(make_doc, text, _mention(text, "stormed", ("Bamako", "in")),
                 _mention(text, "retook", sentence=1))
    stormed, retook = _run(resources, doc).mentions
    assert stormed.location is not None and retook.location is not None
    assert (retook.location.name, retook.location.geo_precision) == ("Bamako", 1)
    assert (retook.location.lat, retook.location.lon) == (stormed.location.lat, stormed.location.lon)
    assert retook.location.feature is not None and retook.location.feature.endswith(":carried")
    assert retook.location.span is None and retook.location.text == ""


def test_no_carry_across_another_place_or_a_paragraph_break(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = ("Gunmen stormed a hotel in Bamako on Friday.\n"
            "Reinforcements were sent from Kati.\n"
            "Two attackers were killed.")
    doc = _story(make_doc, text, _mention(text, "stormed", ("Bamako", "in")),
                 _mention(text, "killed", sentence=2))
    killed = _run(resources, doc).mentions[1].location
    assert killed is not None and (killed.name, killed.lat) == ("Mali", None)
    text = "Gunmen stormed a hotel in Bamako on Friday.\n\nTwo attackers were killed."
    doc = _story(make_doc, text, _mention(text, "stormed", ("Bamako", "in")),
                 _mention(text, "killed", sentence=1))
    killed = _run(resources, doc).mentions[1].location
    assert killed is not None and (killed.name, killed.lat) == ("Mali", None)


def test_no_carry_from_a_hypothetical_event(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "Jihadists threatened to attack Gao.\nSoldiers killed two militants."
    threat = dataclasses.replace(_mention(text, "attack", ("Gao", "in")), modality="hypothetical")
    doc = _story(make_doc, text, threat, _mention(text, "killed", sentence=1))
    killed = _run(resources, doc).mentions[1].location
    assert killed is not None and killed.lat is None


def test_small_homonym_in_a_country_the_article_never_names_is_not_used(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Gunmen killed nine villagers in Banizoumbou, in central Mali."
    doc = _doc(make_doc, text, _mention(text, "killed", ("Banizoumbou", "in")), focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None
    assert (location.name, location.country, location.lat, location.feature) == (
        "Banizoumbou", "MLI", None, "unresolved")
    text = "Gunmen killed nine villagers in Banizoumbou, across the border in Niger."
    doc = _doc(make_doc, text, _mention(text, "killed", ("Banizoumbou", "in")), focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None and (location.country, location.geo_precision) == ("NER", 1)


def test_a_withdrawal_happened_where_it_left(resources: Resources, make_doc: Callable[..., Doc]) -> None:
    text = "Soldiers withdrew from Timbuktu before the rebels arrived."
    mention = dataclasses.replace(_mention(text, "withdrew", ("Timbuktu", "from")),
                                  typing=Typing("RETREAT"))
    (out,) = _run(resources, _doc(make_doc, text, mention, focus_country="MLI")).mentions
    assert out.location is not None and (out.location.name, out.location.geo_precision) == ("Timbuktu", 1)
    assert out.places[0].relation == "at"
    text = "Soldiers from Timbuktu attacked the rebels."
    (out,) = _run(resources, _doc(make_doc, text, _mention(text, "attacked", ("Timbuktu", "from")),
                                  focus_country="MLI")).mentions
    assert out.location is not None and out.location.lat is None  # an attack is not where troops came from


def test_a_country_argument_gives_way_to_a_place_of_the_clause(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Two soldiers were killed when their vehicle struck a mine in the Ménaka region of Mali"
    parse = [(1, "nummod", "NUM"), (3, "nsubjpass", "NOUN"), (3, "auxpass", "AUX"), (3, "ROOT", "VERB"),
             (7, "advmod", "SCONJ"), (6, "poss", "PRON"), (7, "nsubj", "NOUN"), (3, "advcl", "VERB"),
             (9, "det", "DET"), (7, "dobj", "NOUN"), (7, "prep", "ADP"), (13, "det", "DET"),
             (13, "compound", "PROPN"), (10, "pobj", "NOUN"), (13, "prep", "ADP"), (14, "pobj", "PROPN")]
    doc = _doc(make_doc, text, _mention(text, "killed", ("Mali", "in")), focus_country="MLI",
               tokens=_parsed(text, parse))
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.text == "Ménaka" and location.lat is not None
    assert location.geo_precision in (2, 3) and location.country == "MLI"


def test_the_same_event_named_again_takes_its_place(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = ("A car bomb killed 12 people in Gao on Monday.\n"
            "Soldiers later clashed with militants near Ansongo.\n"
            "JNIM said it carried out the car bomb.")
    doc = _story(make_doc, text, _mention(text, "car bomb", ("Gao", "in")),
                 _mention(text, "clashed", ("Ansongo", "near"), sentence=1),
                 _mention(text, "car bomb", sentence=2))
    doc = doc.evolve(mentions=(doc.mentions[0], doc.mentions[1], dataclasses.replace(
        doc.mentions[2], trigger=_at(text, "car bomb", 1))))
    first, _, again = _run(resources, doc).mentions
    assert first.location is not None and again.location is not None
    assert (again.location.name, again.location.lat) == ("Gao", first.location.lat)


def test_the_country_named_again_does_not_end_the_town_story(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = ("Protesters marched in Bamako on Friday.\n"
            "Critics across Mali blamed the junta.\n"
            "Police fired tear gas at the crowd.")
    doc = _story(make_doc, text, _mention(text, "marched", ("Bamako", "in")),
                 _mention(text, "blamed", ("Mali", "in"), sentence=1),
                 _mention(text, "fired", sentence=2))
    fired = _run(resources, doc).mentions[2].location
    assert fired is not None and fired.name == "Bamako"


def test_the_place_of_the_direct_object_is_the_event_place(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "A bomber struck crowds outside Gao airport"
    parse = [(1, "det", "DET"), (2, "nsubj", "NOUN"), (2, "ROOT", "VERB"), (2, "dobj", "NOUN"),
             (3, "prep", "ADP"), (6, "compound", "PROPN"), (4, "pobj", "NOUN")]
    assert _location(resources, make_doc, text, "struck", parse)[0] == "Gao"


def test_an_indefinite_article_may_stand_between_the_cue_and_the_name(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Police arrested the journalist at a Gao hotel"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (3, "det", "DET"), (1, "dobj", "NOUN"),
             (1, "prep", "ADP"), (7, "det", "DET"), (7, "compound", "PROPN"), (4, "pobj", "NOUN")]
    assert _location(resources, make_doc, text, "arrested", parse)[0] == "Gao"


@pytest.fixture(scope="module")
def world_resources() -> Resources:
    """The built-in world gazetteer (homonyms in several countries)."""
    return Resources(PipelineConfig())


def test_a_dateline_naming_its_country_picks_the_homonym_of_that_country(
    world_resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "TRIPOLI, Lebanon — Protesters set fire to the town hall in Tripoli on Thursday."
    dateline = Dateline(span=_at(text, "TRIPOLI, Lebanon —"), place=_at(text, "TRIPOLI"))
    doc = _doc(make_doc, text, _mention(text, "set fire", ("Tripoli", "in")),
               dateline=dateline, focus_country="LBY")
    location = _run(world_resources, doc).mentions[0].location
    assert location is not None and (location.name, location.country) == ("Tripoli", "LBN")
    assert location.span == _at(text, "Tripoli")  # the text's Tripoli, not the dateline


def test_a_country_written_after_the_place_beats_the_focus(
    world_resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Youths burned tyres in Tripoli, Lebanon, on Friday, while talks went on in Libya."
    doc = _doc(make_doc, text, _mention(text, "burned", ("Tripoli", "in")), focus_country="LBY")
    location = _run(world_resources, doc).mentions[0].location
    assert location is not None and (location.name, location.country, location.geo_precision) == (
        "Tripoli", "LBN", 1)


def test_an_unknown_place_written_with_its_country_stays_in_that_country(
    world_resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "NEW DELHI — Jets struck a camp near Garhi Habibullah, Pakistan, on Tuesday."
    dateline = Dateline(span=_at(text, "NEW DELHI —"), place=_at(text, "NEW DELHI"))
    doc = _doc(make_doc, text, _mention(text, "struck", ("Garhi Habibullah", "near")),
               dateline=dateline, focus_country="IND")
    location = _run(world_resources, doc).mentions[0].location
    assert location is not None
    assert (location.name, location.country, location.lat, location.feature) == (
        "Garhi Habibullah", "PAK", None, "unresolved")


def test_a_country_across_the_border_is_not_where_the_event_happened(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Gunmen killed ten soldiers near the border with Burkina Faso on Monday."
    doc = _doc(make_doc, text, _mention(text, "killed", ("Burkina Faso", "near")),
               focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None
    assert (location.country, location.lat, location.feature) == ("MLI", None, "PCLI")


def test_a_foreign_town_reached_only_by_an_alternate_name_is_not_used(
    world_resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    # "Boni" is an alternate name of Bonn (Germany), which the article never names.
    text = "Gunmen killed nine herders in Boni, near Lake Chad, on Sunday."
    doc = _doc(make_doc, text, _mention(text, "killed", ("Boni", "in")), focus_country="TCD")
    location = _run(world_resources, doc).mentions[0].location
    assert location is not None
    assert (location.name, location.country, location.feature) == ("Boni", "TCD", "unresolved")


def test_near_cues_come_from_the_language_data() -> None:
    from kibaru.resolve.place_cues import PlaceCues

    cues = PlaceCues.from_data({"near_cues": ["près de"], "distance_units": ["km"],
                                "distance_joiners": ["de"], "directions": ["nord"],
                                "direction_joiners": ["de"]})
    assert cues.near.search("près de Gao") and cues.near.search("à 30 km de Djibo")
    assert cues.near.search("au nord de Mopti") and not cues.near.search("near Gao")
    assert cues.distance_from.search("à 30 km de ")
    assert cues.near_end.search("au nord de ") and not cues.near_end.search("à ")
    assert not PlaceCues().near.search("near Gao")


def test_a_different_kind_of_happening_does_not_carry_the_previous_events_point() -> None:
    from kibaru.coder import code

    result = code(
        "OUAGADOUGOU — Gunmen attacked the town of Djibo on Sunday, killing 12 people.\n"
        "The opposition accused the government of abandoning the north.",
        published="2024-05-20",
    )
    by_type = {e.plover_type: e for e in result.events}
    assert by_type["ASSAULT"].location is not None and by_type["ASSAULT"].location.name == "Djibo"
    accuse = by_type["ACCUSE"].location
    assert accuse is None or accuse.lat is None


def test_there_and_the_town_name_again_the_last_town_named() -> None:
    from kibaru.coder import code_doc

    doc = code_doc("GAO, Mali — Rebels entered Kidal on Friday as the army abandoned its positions "
                   "there, residents said.\nOn Sunday jihadists attacked Djibo and took control of "
                   "the town, said residents who fled to Dori.", published="2024-05-20")
    by_trigger = {doc.span_text(m.trigger).split()[0]: m.location for m in doc.mentions}
    abandoned, took = by_trigger["abandoned"], by_trigger["took"]
    assert abandoned is not None and abandoned.name == "Kidal" and abandoned.geo_precision == 1
    assert abandoned.feature is not None and abandoned.feature.endswith(":anaphor")
    assert took is not None and took.name == "Djibo"  # not Dori, where people fled to


def test_the_capital_is_the_capital_of_the_article_country() -> None:
    from kibaru.coder import code_doc

    doc = code_doc("PORT SUDAN — Sudan's air force carried out strikes on RSF bases in and around "
                   "the capital on Sunday, witnesses said.", published="2024-05-20")
    (strikes,) = [m for m in doc.mentions if m.typing.plover_type == "ASSAULT"]
    assert strikes.location is not None
    assert (strikes.location.name, strikes.location.geo_precision) == ("Khartoum", 2)


def test_an_anaphor_before_a_name_or_an_expletive_there_names_nothing_again() -> None:
    from kibaru.resolve.place_cues import PlaceCues

    cues = PlaceCues.from_data({"place_anaphors": ["there"], "town_anaphors": ["the town"],
                                "capital_anaphors": ["the capital"]})
    found = [m.group() for m in cues.anaphor.finditer(
        "took the town of Bosso, the capital, Niamey, and the town near Lake Chad")]
    assert found == ["the town"]
    assert cues.anaphor_kind("The  capital") == "capital" and cues.anaphor_kind("here") is None
    from kibaru.coder import code_doc

    doc = code_doc("BAMAKO — Gunmen attacked Gao on Sunday.\n\nThere were no soldiers in the camp "
                   "when militants attacked it, residents said.", published="2024-05-20")
    later = [m for m in doc.mentions if m.sentence == 1 and m.location is not None]
    assert all(m.location.lat is None for m in later if m.location is not None)


def test_the_object_of_a_preposition_passes_its_place_to_the_event(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Gunmen opened fire on protesters in Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "dobj", "NOUN"), (1, "prep", "ADP"),
             (3, "pobj", "NOUN"), (4, "prep", "ADP"), (5, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "opened", parse)[0] == "Gao"
    # ... and so does a participle describing it: "fired on crowds gathered at a gate in Gao"
    text = "Soldiers fired on crowds gathered at a gate in Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "prep", "ADP"), (2, "pobj", "NOUN"),
             (3, "acl", "VERB"), (4, "prep", "ADP"), (7, "det", "DET"), (5, "pobj", "NOUN"),
             (7, "prep", "ADP"), (8, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "fired", parse)[0] == "Gao"


def test_a_subjectless_clause_of_a_preposition_and_including_pass_the_place(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Fighters looted shops after entering the town of Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "dobj", "NOUN"), (1, "prep", "ADP"),
             (3, "pcomp", "VERB"), (6, "det", "DET"), (4, "dobj", "NOUN"), (6, "prep", "ADP"),
             (7, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "looted", parse)[0] == "Gao"
    text = "Soldiers seized barracks , including a camp in Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "dobj", "NOUN"), (2, "punct", "PUNCT"),
             (2, "prep", "VERB"), (6, "det", "DET"), (4, "pobj", "NOUN"), (6, "prep", "ADP"),
             (7, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "seized", parse)[0] == "Gao"


def test_a_region_named_with_its_region_word_is_the_region_not_its_cercle(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Two soldiers were killed when their vehicle struck a mine in the Ménaka region."
    doc = _doc(make_doc, text, _mention(text, "killed", ("the Ménaka region", "in")),
               focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.geo_precision == 3


def test_a_homonym_near_the_other_towns_named_beside_it_is_the_one_meant(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "A boat was hit by rockets near Bamba, and fighters attacked an army camp at Bourem."
    doc = _doc(make_doc, text, _mention(text, "hit", ("Bamba", "near")), focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.lat is not None
    assert location.lat > 16.5  # the Bamba on the Niger near Bourem
    text = "Gunmen killed five herders in Bamba, and soldiers were attacked at Kolondiéba."
    doc = _doc(make_doc, text, _mention(text, "killed", ("Bamba", "in")), focus_country="MLI")
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.lat is not None
    assert location.lat < 11.0  # the Bamba of the south, near Kolondiéba


def test_a_country_alias_of_the_focus_country_names_it(
    world_resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "A bomb exploded at a church in Congo on Sunday, killing 14 people."
    doc = _doc(make_doc, text, _mention(text, "exploded", ("Congo", "in")), focus_country="COD")
    location = _run(world_resources, doc).mentions[0].location
    assert location is not None and location.country == "COD"


def test_no_carry_is_blocked_by_where_people_fled_to(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = ("Gunmen attacked Djibo on Sunday.\n"
            "They went from house to house, shooting men, said residents who fled to Dori.")
    doc = _story(make_doc, text, _mention(text, "attacked", ("Djibo", "in")),
                 _mention(text, "shooting", sentence=1))
    shooting = _run(resources, doc).mentions[1].location
    assert shooting is not None and shooting.name == "Djibo"


def test_a_statement_does_not_take_the_place_of_what_it_speaks_of(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Officials thanked services responding to the incident in Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "dobj", "NOUN"), (2, "acl", "VERB"),
             (3, "prep", "ADP"), (6, "det", "DET"), (4, "pobj", "NOUN"), (6, "prep", "ADP"),
             (7, "pobj", "PROPN")]
    thanked = dataclasses.replace(_mention(text, "thanked"), typing=Typing("SUPPORT"))
    doc = _doc(make_doc, text, thanked, focus_country="MLI", tokens=_parsed(text, parse))
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.lat is None
    text = "Police fired on protesters in Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "prep", "ADP"), (2, "pobj", "NOUN"),
             (3, "prep", "ADP"), (4, "pobj", "PROPN")]
    accused = dataclasses.replace(_mention(text, "fired"), typing=Typing("ACCUSE"))
    doc = _doc(make_doc, text, accused, focus_country="MLI", tokens=_parsed(text, parse))
    location = _run(resources, doc).mentions[0].location
    assert location is not None and location.lat is None


def test_a_complement_or_next_act_of_the_same_subject_holds_the_event_place(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "A bombing was reported to have killed a journalist in Gao"
    parse = [(1, "det", "DET"), (3, "nsubjpass", "NOUN"), (3, "auxpass", "AUX"), (3, "ROOT", "VERB"),
             (6, "aux", "PART"), (6, "aux", "AUX"), (3, "xcomp", "VERB"), (8, "det", "DET"),
             (6, "dobj", "NOUN"), (6, "prep", "ADP"), (9, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "bombing", parse)[0] == "Gao"
    text = "Gunmen set off a bomb , then opened fire near Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "prt", "ADP"), (4, "det", "DET"),
             (1, "dobj", "NOUN"), (1, "punct", "PUNCT"), (7, "advmod", "ADV"), (1, "conj", "VERB"),
             (7, "dobj", "NOUN"), (7, "prep", "ADP"), (9, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "set", parse)[0] == "Gao"
    # ... but not the act of another subject: "and soldiers fought near Gao"
    text = "Gunmen set off a bomb , and soldiers fought near Gao"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "prt", "ADP"), (4, "det", "DET"),
             (1, "dobj", "NOUN"), (1, "punct", "PUNCT"), (1, "cc", "CCONJ"), (8, "nsubj", "NOUN"),
             (1, "conj", "VERB"), (8, "prep", "ADP"), (9, "pobj", "PROPN")]
    assert _location(resources, make_doc, text, "set", parse) == ("Mali", None)


def test_a_distance_from_a_town_in_the_sentence_is_near_it(
    resources: Resources, make_doc: Callable[..., Doc]
) -> None:
    text = "Gunmen opened fire 40 km from Djibo"
    parse = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (1, "dobj", "NOUN"), (4, "nummod", "NUM"),
             (5, "npadvmod", "NOUN"), (1, "prep", "ADP"), (5, "pobj", "PROPN")]
    doc = _doc(make_doc, text, _mention(text, "opened"), focus_country="BFA",
               tokens=_parsed(text, parse))
    location = _run(resources, doc).mentions[0].location
    assert location is not None and (location.name, location.geo_precision) == ("Djibo", 2)


def test_a_site_the_gazetteer_does_not_know_takes_the_town_it_is_in() -> None:
    from kibaru.coder import code_doc

    doc = code_doc("ISLAMABAD — A suicide bomber struck crowds outside Kabul airport's Abbey Gate on "
                   "Thursday, killing about 170 people.", published="2021-08-27")
    located = [m.location for m in doc.mentions if m.typing.plover_type == "ASSAULT"]
    assert any(loc is not None and loc.name == "Kabul" and loc.lat is not None for loc in located)


def test_there_after_a_country_names_no_town() -> None:
    from kibaru.coder import code_doc

    doc = code_doc("NIAMEY — Jihadists attacked Tillabéri on Monday.\nFrance said its troops "
                   "would leave Niger, and it withdrew its ambassador from there on Friday.",
                   published="2023-09-25")
    withdrew = [m for m in doc.mentions if doc.span_text(m.trigger).startswith("withdrew")]
    assert withdrew and all(m.location is None or m.location.lat is None for m in withdrew)
