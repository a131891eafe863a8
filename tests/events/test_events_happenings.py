"""One happening, one event: mentions of one act across clauses and sentences merge, and
scene-setting or background clauses are not coded (the full default pipeline; sentences
written by us in the style of wire reports)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kibaru.articles import make_article
from kibaru.coder import result_from_doc
from kibaru.contract import Doc, Event
from kibaru.pipeline import Pipeline

ATTACK = (
    "NIAMEY — Nine soldiers were killed on Sunday after gunmen attacked an army post near "
    "Torodi, in the Tillabéri region, the defence ministry said. "
    "Three other soldiers were wounded. "
    "The assailants also shot two guards at the gate. "
    "The Islamic State group claimed the attack on Monday."
)


@pytest.fixture(scope="module")
def code(pipeline: Pipeline) -> Callable[[str], tuple[Doc, list[Event]]]:
    def run(text: str) -> tuple[Doc, list[Event]]:
        doc = pipeline(make_article(text, published="2024-03-10"))
        return doc, list(result_from_doc(doc).events)

    return run


def _trigger(doc: Doc, event: Event) -> str:
    return doc.text[event.evidence.trigger_start : event.evidence.trigger_end]


def _of_type(events: list[Event], plover: str) -> list[Event]:
    return [e for e in events if e.plover_type == plover]


def test_one_attack_told_in_four_sentences_is_one_event_with_its_toll(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(ATTACK)
    assaults = _of_type(events, "ASSAULT")
    assert len(assaults) == 1, [_trigger(doc, e) for e in assaults]
    attack = assaults[0]
    # the act, not its result, carries the evidence; killed and wounded stay apart
    assert _trigger(doc, attack) == "attacked"
    assert attack.fatalities is not None and attack.fatalities.best == 9
    assert attack.injuries is not None and attack.injuries.best == 3


def test_hostage_taking_after_an_attack_stays_its_own_event(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(ATTACK + " They took four hostages.")
    modes = sorted(str(e.plover_mode) for e in _of_type(events, "ASSAULT"))
    assert "abduct" in modes and len(modes) == 2, [_trigger(doc, e) for e in events]


def test_a_new_act_by_other_actors_on_another_day_is_not_folded(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(ATTACK + " On Wednesday, soldiers killed twelve militants near Téra.")
    assert len(_of_type(events, "ASSAULT")) == 2, [_trigger(doc, e) for e in events]


def test_calling_an_act_names_is_an_accusation_not_a_request(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "Niger's foreign minister called the raid a cowardly act of terror. "
        "On Tuesday the junta called the Western condemnation hypocritical."
    )
    assert [e.plover_type for e in events] == ["ACCUSE", "ACCUSE"], [
        (_trigger(doc, e), e.plover_type) for e in events
    ]


def test_a_clause_describing_a_participant_is_background(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "A fuel trader, who had been accused of supplying the militants, was arrested in "
        "Niamey on Wednesday, the prosecutor said."
    )
    assert [e.plover_type for e in events] == ["COERCE"], [_trigger(doc, e) for e in events]


def test_a_meeting_that_sets_the_scene_of_a_decision_is_not_an_event(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "Regional leaders meeting in Abuja on Thursday imposed sanctions on the junta."
    )
    assert [e.plover_type for e in events] == ["SANCTION"], [_trigger(doc, e) for e in events]


def test_an_attempted_arrest_is_not_asserted(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code("Police tried to arrest the opposition leader at his home on Friday.")
    assert not _of_type(events, "COERCE"), [_trigger(doc, e) for e in events]


def test_a_lead_sentence_takes_the_date_of_the_sentence_that_details_it(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "OUAGADOUGOU — Fourteen soldiers were killed after jihadists attacked an army convoy "
        "in northern Burkina Faso, the army said. "
        "The assailants ambushed the convoy on Thursday near the town of Gorom-Gorom."
    )
    assaults = _of_type(events, "ASSAULT")
    assert len(assaults) == 1, [_trigger(doc, e) for e in assaults]
    assert str(assaults[0].date) == "2024-03-07"  # the Thursday before publication


def test_a_reply_in_kind_is_its_own_diplomatic_event(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "Regional leaders recalled their ambassadors from Bamako on Sunday. "
        "The junta recalled its own ambassadors from the region's capitals."
    )
    assert len(_of_type(events, "SANCTION")) == 2, [_trigger(doc, e) for e in events]


def test_a_nationwide_toll_is_not_folded_into_one_attack(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "KHARTOUM — Gunmen attacked a market in Omdurman on Saturday, killing four traders. "
        "At least 56 civilians had been killed across Sudan by Sunday morning, doctors said."
    )
    assert len(_of_type(events, "ASSAULT")) == 2, [_trigger(doc, e) for e in events]


def test_a_detail_dated_months_before_the_lead_is_another_act(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "MOPTI, Mali — Gunmen killed seven villagers in central Mali, local officials said. "
        "Gunmen had attacked the same village in November, killing three herders."
    )
    assert len(_of_type(events, "ASSAULT")) == 2, [_trigger(doc, e) for e in events]


def test_an_act_that_only_dates_the_news_is_not_coded(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "YANGON — Security forces killed at least 40 people across the country on Saturday, "
        "the bloodiest day since the military seized power on February 1. "
        "Reuters called it the deadliest attack since an assault on Kyaukse in August, "
        "with officials reporting at the time hundreds of people killed."
    )
    triggers = [_trigger(doc, e) for e in events]
    assert not _of_type(events, "COERCE"), triggers
    assert not [t for t in triggers if "assault" in t], triggers
    assert len(_of_type(events, "ASSAULT")) == 1, triggers


def test_two_acts_dated_apart_in_one_sentence_stay_two_events(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "BEIRUT — Warships fired 59 cruise missiles at the Shayrat air base early on Friday, "
        "in retaliation for a chemical attack that killed more than 80 people in the town of "
        "Khan Sheikhoun on Tuesday."
    )
    assaults = _of_type(events, "ASSAULT")
    assert len(assaults) == 2, [_trigger(doc, e) for e in assaults]
    assert {e.plover_mode for e in assaults} == {"heavy weapons", "chemical"}


def test_a_bomb_set_off_before_the_gunfire_is_its_own_event(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "OUAGADOUGOU — Gunmen ambushed a convoy of mine workers in eastern Burkina Faso on "
        "Wednesday, killing 37 people. "
        "The attackers first set off an explosive device under a military vehicle escorting "
        "the buses, then opened fire on the passengers."
    )
    modes = sorted(str(e.plover_mode) for e in _of_type(events, "ASSAULT"))
    assert modes == ["explosives", "firearms"], [_trigger(doc, e) for e in events]


def test_fighting_that_broke_out_is_an_event(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "KHARTOUM — Fighting broke out on Saturday between the army and the paramilitary "
        "Rapid Support Forces in Khartoum, with gunfire heard near the airport."
    )
    assert [_trigger(doc, e) for e in _of_type(events, "ASSAULT")] == ["Fighting"]


def test_hostages_taken_in_the_sentence_of_the_assault_are_their_own_event(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "MANILA — The president declared martial law on the island on Tuesday night after "
        "gunmen overran parts of the city of Marawi and took hostages."
    )
    modes = sorted(str(e.plover_mode) for e in _of_type(events, "ASSAULT"))
    assert "abduct" in modes and len(modes) == 2, [_trigger(doc, e) for e in events]


def test_a_meeting_that_sets_the_scene_of_several_measures_is_not_an_event(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "ACCRA — West African leaders meeting in Accra on Sunday closed their borders with "
        "Mali, froze its assets and recalled their ambassadors."
    )
    assert not _of_type(events, "CONSULT"), [_trigger(doc, e) for e in events]
    assert _of_type(events, "SANCTION")


def test_a_habitual_act_is_not_one_event(
    code: Callable[[str], tuple[Doc, list[Event]]],
) -> None:
    doc, events = code(
        "MOGADISHU — Turkey opened a military base in Mogadishu on Saturday. "
        "Al-Shabaab has repeatedly attacked Turkish targets in the capital."
    )
    assert not _of_type(events, "ASSAULT"), [_trigger(doc, e) for e in events]
