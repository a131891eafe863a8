"""The focus country is the one the news sentences are about, not the dateline or the bio."""

from __future__ import annotations

from collections.abc import Callable

from tests.resolve.actor_helpers import context, matched, shipped_kb, span_of

from kibaru.config import PipelineConfig
from kibaru.contract import Annotation, Dateline, Doc, Entity
from kibaru.pipeline import BuildContext
from kibaru.resolve.focus import FocusCountry, country_weights, focus_country
from kibaru.resolve.gazetteer import Gazetteer
from kibaru.resolve.place_cues import PlaceCues
from kibaru.resources import Resources


def test_the_most_named_country_in_the_news_is_the_focus(make_doc: Callable[..., Doc]) -> None:
    text = (
        "Malian troops clashed with jihadists near Mopti on Sunday. "
        "Russia sent advisers to Mali last year, Moscow said. "
        "The army of Mali said the town was calm."
    )
    doc = matched(make_doc, text)
    assert focus_country(doc, shipped_kb()) == "MLI"


def test_the_dateline_and_the_author_bio_do_not_count(make_doc: Callable[..., Doc]) -> None:
    text = (
        "ABUJA, Nigeria — Burkinabe soldiers repelled an attack, the army of Burkina Faso said. "
        "The author lives in Nigeria and has reported from Nigeria, Ghana and Nigeria for years."
    )
    doc = matched(make_doc, text, excluded=("The author",))
    dateline = span_of(text, "ABUJA, Nigeria —")
    doc = doc.evolve(
        annotations=doc.annotations + (Annotation("dateline", dateline),),
        dateline=Dateline(dateline, span_of(text, "ABUJA, Nigeria")),
    )
    assert "NGA" not in country_weights(doc, shipped_kb())
    assert focus_country(doc, shipped_kb()) == "BFA"


def test_the_lede_outweighs_a_later_aside(make_doc: Callable[..., Doc]) -> None:
    text = (
        "Gunmen killed eight villagers in Niger on Friday. Residents buried the dead. "
        "Officials gave no toll. A similar attack hit Mali in 2021, Bamako said."
    )
    weights = country_weights(matched(make_doc, text), shipped_kb())
    assert weights["NER"][0] == 2.0 and weights["MLI"][0] == 1.5  # lede x2; a seat 0.5
    assert focus_country(matched(make_doc, text), shipped_kb()) == "NER"


def test_no_country_named_gives_no_focus(make_doc: Callable[..., Doc]) -> None:
    doc = matched(make_doc, "Gunmen killed eight villagers on Friday.")
    assert focus_country(doc, shipped_kb()) is None


def test_the_stage_sets_the_focus_country(make_doc: Callable[..., Doc]) -> None:
    doc = matched(make_doc, "Nigerien soldiers patrolled Niamey after the coup in Niger.")
    assert FocusCountry(context())(doc).focus_country == "NER"


def test_gazetteer_towns_count_for_their_country(
    make_doc: Callable[..., Doc], tiny_gazetteer: Gazetteer
) -> None:
    text = "Gunmen attacked Djibo and Dori on Monday, a day after Russia spoke."
    doc = matched(make_doc, text)
    places = []
    for name in ("Djibo", "Dori"):
        place = tiny_gazetteer.lookup(name, country="BF")[0]
        places.append(Entity(span_of(text, name), "PLACE", "gazetteer", str(place.geonameid)))
    doc = doc.evolve(entities=doc.entities + tuple(places))
    assert focus_country(doc, shipped_kb()) == "RUS"  # without places only Russia is named
    resources = Resources(PipelineConfig(), actor_kb=shipped_kb(), gazetteer=tiny_gazetteer)
    stage = FocusCountry(BuildContext(PipelineConfig(), resources, "test"))
    assert stage(doc).focus_country == "BFA"


def test_a_place_counts_more_than_a_nationality_and_the_title_counts_double(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Gunmen attacked a convoy of a Canadian mining firm in eastern Burkina Faso on Monday."
    doc = matched(make_doc, text)
    assert focus_country(doc, shipped_kb()) == "BFA"
    titled = matched(make_doc, "Gunmen attacked a convoy of a mining firm on Monday.")
    titled = titled.evolve(article=titled.article.__class__(
        id="t", text=titled.text, title="Ghana: gunmen attack mining convoy"))
    assert focus_country(titled, shipped_kb()) == "GHA"


def test_a_tie_goes_to_the_dateline_country(make_doc: Callable[..., Doc]) -> None:
    text = "NIAMEY — France said its envoy left Niger on Wednesday."
    doc = matched(make_doc, text)
    dateline = span_of(text, "NIAMEY —")
    doc = doc.evolve(dateline=Dateline(dateline, span_of(text, "NIAMEY")))
    assert country_weights(doc, shipped_kb())["FRA"][0] == country_weights(doc, shipped_kb())["NER"][0]
    assert focus_country(doc, shipped_kb()) == "NER"


def _with_mention(doc: Doc, text: str, trigger: str, *, sources: tuple[str, ...] = (),
                  places: tuple[str, ...] = ()) -> Doc:
    from kibaru.contract import ActorMention, EventMention, PlaceMention, Typing

    mention = EventMention(
        trigger=span_of(text, trigger), sentence=0, typing=Typing("ASSAULT"),
        sources=tuple(ActorMention(span_of(text, s)) for s in sources),
        places=tuple(PlaceMention(span_of(text, p)) for p in places),
    )
    return doc.evolve(mentions=doc.mentions + (mention,))


def test_countries_of_the_actors_count_less_than_the_event_place(make_doc: Callable[..., Doc]) -> None:
    text = ("French jets and French troops bombed jihadist camps in Mali on Sunday, "
            "France said.")
    plain = country_weights(matched(make_doc, text), shipped_kb())
    assert plain["FRA"][0] > plain["MLI"][0]  # counting names alone, France wins
    doc = _with_mention(matched(make_doc, text), text, "bombed",
                        sources=("French jets and French troops",), places=("Mali",))
    weights = country_weights(doc, shipped_kb())
    assert weights["MLI"][0] == 4.0 and weights["FRA"][0] == 3.0  # 1 x lede x event place
    assert focus_country(doc, shipped_kb()) == "MLI"


def _datelined(make_doc: Callable[..., Doc], text: str, place: str) -> Doc:
    doc = matched(make_doc, text)
    dateline = span_of(text, f"{place} —")
    return doc.evolve(annotations=doc.annotations + (Annotation("dateline", dateline),),
                      dateline=Dateline(dateline, span_of(text, place)))


def test_the_dateline_country_counts_once_when_the_news_names_it(make_doc: Callable[..., Doc]) -> None:
    text = "BAMAKO — Malian soldiers were killed near the border with Burkina Faso."
    doc = _datelined(make_doc, text, "BAMAKO")
    weights = country_weights(doc, shipped_kb())
    assert (weights["BFA"][0], weights["MLI"][0]) == (2.0, 1.0)  # the dateline is no mention
    assert focus_country(doc, shipped_kb()) == "MLI"  # but it adds one to a named country
    text = "BAMAKO — Soldiers were killed near the border with Burkina Faso."
    assert focus_country(_datelined(make_doc, text, "BAMAKO"), shipped_kb()) == "BFA"


def test_a_dateline_naming_its_country_counts_its_city_for_that_country(
    make_doc: Callable[..., Doc],
) -> None:
    text = "TRIPOLI, Lebanon — Protesters clashed with police in Tripoli, and Tripoli's mayor quit."
    doc = matched(make_doc, text)
    libya_tripoli = "2210247"  # the gazetteer's best Tripoli before context
    places = tuple(
        Entity(span, "PLACE", "gazetteer", libya_tripoli)
        for span in (span_of(text, "TRIPOLI"), span_of(text, "Tripoli"),
                     span_of(text, "Tripoli", 1))
    )
    doc = doc.evolve(entities=doc.entities + places,
                     dateline=Dateline(span_of(text, "TRIPOLI, Lebanon —"), span_of(text, "TRIPOLI")))

    def place_country(entity: Entity) -> str | None:
        return "LBY" if entity.kb_id == libya_tripoli else None

    assert focus_country(doc, shipped_kb(), place_country=place_country) == "LBN"


def test_a_country_across_a_border_does_not_count(make_doc: Callable[..., Doc]) -> None:
    text = "Gunmen killed ten soldiers near the border with Burkina Faso, Mali's army said."
    doc = matched(make_doc, text)
    assert focus_country(doc, shipped_kb()) == "BFA"  # a tie, and Burkina Faso comes first
    data = Resources(PipelineConfig()).lexicon("en", "place_stopwords")
    border = PlaceCues.from_data(data).border_before
    assert focus_country(doc, shipped_kb(), border=border) == "MLI"
