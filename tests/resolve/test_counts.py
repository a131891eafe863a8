"""Casualty phrases become conservative low/best/high counts, split by who and what."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from tests.resolve.actor_helpers import context, sentenced, span_of

from kibaru.contract import DateSpan, Doc, EventMention, Span, Typing
from kibaru.resolve.count_parser import default_words, parse_counts
from kibaru.resolve.counts import CountResolver, resolve_counts


def first(text: str) -> tuple[int, int, int, str | None, str]:
    count = parse_counts(text)[0]
    return count.low, count.best, count.high, count.who, count.kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gunmen killed 14 villagers", (14, 14, 14, "civilians", "killed")),
        ("twelve soldiers were killed", (12, 12, 12, "soldiers", "killed")),
        ("twenty-five people died", (25, 25, 25, "people", "killed")),
        ("one hundred and twenty people", (120, 120, 120, "people", "unknown")),
        ("1,200 people died", (1200, 1200, 1200, "people", "killed")),
        ("two dozen civilians", (24, 24, 24, "civilians", "unknown")),
        ("a dozen soldiers", (12, 12, 12, "soldiers", "unknown")),
        ("scores of civilians", (20, 20, 99, "civilians", "unknown")),
        ("dozens of people attending a wedding", (12, 12, 99, "people", "unknown")),
        ("hundreds of villagers", (100, 100, 999, "civilians", "unknown")),
        ("several militants were killed", (3, 3, 9, "militants", "killed")),
        ("a few soldiers were wounded", (2, 3, 5, "soldiers", "injured")),
        ("would kill many innocent people", (10, 10, 99, "people", "killed")),
        ("more than 100 people were killed", (100, 100, 200, "people", "killed")),
        ("killing at least 20 civilians", (20, 20, 40, "civilians", "killed")),
        ("up to 30 people", (1, 30, 30, "people", "unknown")),
        ("between 10 and 15 villagers", (10, 10, 15, "civilians", "unknown")),
        ("10 to 15 dead", (10, 10, 15, None, "killed")),
        ("about 50 people", (40, 50, 60, "people", "unknown")),
        ("nearly 40 killed", (32, 40, 40, None, "killed")),
        ("the death toll rose to 45", (45, 45, 45, None, "killed")),
        ("a soldier was killed", (1, 1, 1, "soldiers", "killed")),
        ("killing civilians", (2, 3, 9, "civilians", "killed")),
        ("three hostages were abducted", (3, 3, 3, None, "abducted")),
    ],
)
def test_figures_words_and_vague_quantities_parse(text: str, expected: tuple[object, ...]) -> None:
    assert first(text) == expected


def test_killed_and_wounded_in_one_phrase_are_told_apart() -> None:
    counts = parse_counts("killed 12 soldiers and wounded five")
    assert [(c.best, c.who, c.kind) for c in counts] == [(12, "soldiers", "killed"), (5, None, "injured")]
    counts = parse_counts("12 soldiers were killed and five wounded")
    assert [(c.best, c.kind) for c in counts] == [(12, "killed"), (5, "injured")]


def test_a_listed_figure_inherits_what_happened() -> None:
    counts = parse_counts("killed 12 soldiers and 5 civilians")
    assert [(c.best, c.who, c.kind) for c in counts] == [
        (12, "soldiers", "killed"), (5, "civilians", "killed"),
    ]


@pytest.mark.parametrize(
    "text",
    ["the 12-year civil war", "on Feb. 8", "on 3 January", "in 2012", "5 km from the town",
     "three vehicles were burned", "for 11 years"],
)
def test_numbers_that_are_not_people_are_not_counts(text: str) -> None:
    assert parse_counts(text) == []


def test_offsets_point_into_the_source_text() -> None:
    text = "Officials said at least 20 civilians died."
    count = parse_counts(text[15:], offset=15)[0]
    assert text[count.start : count.end] == "at least 20 civilians"


def test_an_absurd_figure_is_flagged() -> None:
    assert parse_counts("10 million people")[0].flag == "implausible"


def mention(text: str, *, fatal: tuple[str, ...] = (), injured: tuple[str, ...] = (),
            aggregate: bool = False, plover: str = "ASSAULT", trigger: str | None = None,
            sentence: int = 0) -> EventMention:
    return EventMention(
        trigger=span_of(text, trigger) if trigger else Span(0, 1), sentence=sentence,
        typing=Typing(plover), aggregate=aggregate,
        fatality_spans=tuple(span_of(text, p) for p in fatal),
        injury_spans=tuple(span_of(text, p) for p in injured),
    )


def test_fatalities_and_injuries_come_from_one_phrase(make_doc: Callable[..., Doc]) -> None:
    text = "Jihadists killed 12 soldiers and wounded five in an ambush."
    doc = make_doc(text)
    fatalities, injuries = resolve_counts(
        doc, mention(text, fatal=("killed 12 soldiers and wounded five",)), default_words()
    )
    assert fatalities is not None and injuries is not None
    assert (fatalities.low, fatalities.best, fatalities.high, fatalities.who) == (12, 12, 12, "soldiers")
    assert injuries.best == 5
    assert doc.span_text(fatalities.span) == "12 soldiers"  # type: ignore[arg-type]


def test_several_phrases_add_up_without_double_counting(make_doc: Callable[..., Doc]) -> None:
    text = "The attack killed 12 soldiers and three civilians, officials said."
    doc = make_doc(text)
    fatalities, _ = resolve_counts(
        doc, mention(text, fatal=("12 soldiers", "three civilians", "12 soldiers")), default_words()
    )
    assert fatalities is not None
    assert (fatalities.best, fatalities.who) == (15, "soldiers, civilians")


def test_casualties_alone_are_not_fatalities(make_doc: Callable[..., Doc]) -> None:
    text = "The clashes caused 30 casualties."
    fatalities, _ = resolve_counts(make_doc(text), mention(text, fatal=("30 casualties",)),
                                   default_words())
    assert fatalities is None


def test_implausible_tolls_are_dropped_for_one_event_but_not_for_a_total(
    make_doc: Callable[..., Doc],
) -> None:
    text = "The war has killed 300,000 people."
    one, _ = resolve_counts(make_doc(text), mention(text, fatal=("300,000 people",)), default_words())
    total, _ = resolve_counts(
        make_doc(text), mention(text, fatal=("300,000 people",), aggregate=True), default_words()
    )
    assert one is None
    assert total is not None and total.best == 300_000


def test_the_stage_fills_each_mention(make_doc: Callable[..., Doc]) -> None:
    text = "A French airstrike killed dozens of people attending a wedding."
    # A non-violent mention of the sentence takes no toll (violent ones may share it, below).
    doc = make_doc(text, mentions=(mention(text, fatal=("dozens of people",)),
                                   mention(text, plover="ACCUSE")))
    out = CountResolver(context())(doc)
    fatalities = out.mentions[0].fatalities
    assert fatalities is not None
    assert fatalities.to_json() == {"low": 12, "best": 12, "high": 99, "text": "dozens of people"}
    assert out.mentions[1].fatalities is None


def test_a_phrase_is_read_in_its_sentence(make_doc: Callable[..., Doc]) -> None:
    text = "The bomb killed twelve people and injured twelve more. Police sealed the area."
    doc = sentenced(make_doc, text)
    both = mention(text, fatal=("twelve people", "twelve more"))
    fatalities, injuries = resolve_counts(doc, both, default_words())
    assert fatalities is not None and injuries is not None
    assert (fatalities.best, injuries.best) == (12, 12)


def test_a_bare_victim_after_an_article_is_one(make_doc: Callable[..., Doc]) -> None:
    text = "The driver killed a woman and injured at least nineteen people."
    doc = sentenced(make_doc, text)
    fatalities, _ = resolve_counts(doc, mention(text, fatal=("woman",)), default_words())
    assert fatalities is not None and (fatalities.best, fatalities.who) == (1, "civilians")


def test_a_figure_in_apposition_is_part_of_the_one_before() -> None:
    text = "53 people, 49 of them gendarmes, were killed in an attack on a post near Inata."
    total, part = parse_counts(text)
    assert (total.best, total.kind, total.flag) == (53, "killed", "")
    assert (part.best, part.kind, part.flag) == (49, "killed", "subset")


def test_a_clock_time_is_not_a_count() -> None:
    assert parse_counts("Police shot the attacker dead at around 14:00 local time.") == []
    assert [c.best for c in parse_counts("Gunmen killed 14 people at 6h30.")] == [14]


def test_a_violent_mention_shares_the_toll_of_its_sentence(make_doc: Callable[..., Doc]) -> None:
    text = ("A suicide bomber struck crowds outside the airport on Thursday, killing about "
            "170 Afghans and 13 US service members.")
    doc = sentenced(make_doc, text)
    struck = mention(text, trigger="struck")
    killing = mention(text, trigger="killing", fatal=("about 170 Afghans", "13 US service members"))
    out = CountResolver(context())(doc.evolve(mentions=(struck, killing)))
    assert [m.fatalities.best if m.fatalities else None for m in out.mentions] == [183, 183]


def test_a_violent_mention_takes_the_killed_figures_of_its_sentence(
    make_doc: Callable[..., Doc],
) -> None:
    text = ("Anger has grown since Nov. 14, when 53 people, 49 of them gendarmes, were killed "
            "in an attack on a gendarmerie post.")
    doc = sentenced(make_doc, text)
    out = CountResolver(context())(doc.evolve(mentions=(mention(text, trigger="attack"),)))
    fatalities = out.mentions[0].fatalities
    assert fatalities is not None and fatalities.best == 53


def test_no_toll_is_shared_between_incidents_or_from_bare_words(make_doc: Callable[..., Doc]) -> None:
    text = "Jihadists attacked a convoy on Monday, days after gunmen killed 12 villagers."
    doc = sentenced(make_doc, text)
    attacked = dataclasses.replace(mention(text, trigger="attacked"),
                                   when=DateSpan(dt.date(2024, 1, 15), dt.date(2024, 1, 15), 1))
    killed = dataclasses.replace(mention(text, trigger="killed", fatal=("12 villagers",)),
                                 when=DateSpan(dt.date(2024, 1, 10), dt.date(2024, 1, 16), 2))
    out = CountResolver(context())(doc.evolve(mentions=(attacked, killed)))
    assert out.mentions[0].fatalities is None
    text = "Police officers shot the attacker dead outside a store."
    doc = sentenced(make_doc, text)
    out = CountResolver(context())(doc.evolve(mentions=(mention(text, trigger="shot"),)))
    assert out.mentions[0].fatalities is None  # no figure is written: nothing is guessed


def test_sentence_figures_are_not_given_to_two_incidents(make_doc: Callable[..., Doc]) -> None:
    text = ("Monday's attack was the deadliest since an assault in Ghazni in August 2018, "
            "when hundreds of Taliban were killed.")
    doc = sentenced(make_doc, text)
    attack = dataclasses.replace(mention(text, trigger="attack"),
                                 when=DateSpan(dt.date(2019, 1, 21), dt.date(2019, 1, 21), 1))
    assault = dataclasses.replace(mention(text, trigger="assault"),
                                  when=DateSpan(dt.date(2018, 8, 1), dt.date(2018, 8, 31), 3))
    out = CountResolver(context())(doc.evolve(mentions=(attack, assault)))
    assert [m.fatalities for m in out.mentions] == [None, None]


def test_present_tense_injuries_are_not_added_to_the_dead(pipeline: object) -> None:
    from kibaru.coder import code

    result = code(
        "KABUL — A suicide bomber kills 13 civilians and injures 61 at a market in Kabul on "
        "Monday, police said.",
        published="2024-03-05",
        pipeline=pipeline,  # type: ignore[arg-type]
    )
    (event,) = result.events
    assert event.fatalities is not None and event.fatalities.best == 13
    assert event.injuries is not None and event.injuries.best == 61


def _tolls(pipeline: object, text: str) -> list[int | None]:
    from kibaru.coder import code

    result = code(text, published="2024-03-05", pipeline=pipeline)  # type: ignore[arg-type]
    return [e.fatalities.best if e.fatalities else None for e in result.events
            if e.plover_type == "ASSAULT"]


def test_one_person_named_or_pointed_at_without_a_figure_is_one_death(pipeline: object) -> None:
    assert 1 in _tolls(pipeline, "WASHINGTON — Ahmed Abdi Godane, the leader of al-Shabaab, was "
                                 "killed in a US air strike on Monday, the Pentagon said.")
    assert 1 in _tolls(pipeline, "TRIPOLI — A protester died on Thursday when security forces "
                                 "opened fire on a crowd, officials said.")
    assert 1 in _tolls(pipeline, "LONDON — A man stabbed two people on Sunday before armed "
                                 "officers shot him dead, police said.")


def test_a_person_listed_after_a_figure_is_one_of_them_and_no_one_is_no_death(
    pipeline: object,
) -> None:
    assert 5 in _tolls(pipeline, "BAMAKO — Gunmen opened fire in a bar on Saturday, killing five "
                                 "people, among them a French citizen and a Belgian.")
    assert 1 not in _tolls(pipeline, "KABUL — Gunmen attacked a checkpoint on Monday, but no "
                                     "soldier was killed, police said.")


def test_a_bare_plural_beside_a_figure_adds_nothing(make_doc: Callable[..., Doc]) -> None:
    text = "Several soldiers and police officers were killed."
    fatalities, _ = resolve_counts(
        make_doc(text), mention(text, fatal=("Several soldiers", "police officers")),
        default_words())
    assert fatalities is not None and fatalities.best == 3
    text = "A soldier and three civilians were killed."
    fatalities, _ = resolve_counts(
        make_doc(text), mention(text, fatal=("A soldier", "three civilians")), default_words())
    assert fatalities is not None and fatalities.best == 4  # one person is a figure


def test_a_later_sentence_revising_the_toll_gives_the_new_best(
    make_doc: Callable[..., Doc],
) -> None:
    text = ("A suicide bomber blew himself up at a mosque on Monday, killing at least 100 people.\n"
            "On Thursday the government revised the toll to 84, saying some victims had been "
            "counted twice.")
    doc = sentenced(make_doc, text)
    killing = mention(text, trigger="killing", fatal=("at least 100 people",))
    out = CountResolver(context())(doc.evolve(mentions=(killing,)))
    fatalities = out.mentions[0].fatalities
    assert fatalities is not None and (fatalities.low, fatalities.best) == (84, 84)
    assert fatalities.high == 200  # the range keeps the first report
    # another source's figure is not a revision
    text = ("Police killed at least 11 protesters on Friday.\n"
            "The opposition put the death toll at 23.")
    doc = sentenced(make_doc, text)
    out = CountResolver(context())(doc.evolve(
        mentions=(mention(text, trigger="killed", fatal=("at least 11 protesters",)),)))
    assert out.mentions[0].fatalities is not None and out.mentions[0].fatalities.best == 11
