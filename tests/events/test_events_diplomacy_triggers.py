"""Diplomatic and cooperative triggers (data/en/triggers.yaml) over the real spaCy model:
judgements, warnings, expulsions, vetoes, calls, extraditions, recognitions and concessions
(sentences written by us in the style of wire reports)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kibaru.contract import Doc

Analyse = Callable[[str], Doc]


def _typed(doc: Doc) -> dict[str, str]:
    return {doc.span_text(m.trigger): m.typing.plover_type for m in doc.mentions}


@pytest.mark.parametrize(
    ("sentence", "trigger", "plover"),
    [
        ("The foreign minister called the raid a cowardly act of terror.", "called", "ACCUSE"),
        ("On Monday the junta called the regional sanctions illegal.", "called", "ACCUSE"),
        (
            "The ministry characterised the drone strike as a violation of national sovereignty.",
            "characterised",
            "ACCUSE",
        ),
        (
            "The rebel spokesman warned that the army would pay for the massacre.",
            "warned",
            "THREATEN",
        ),
        (
            "The junta ordered the French ambassador to leave the country within 48 hours.",
            "ordered",
            "SANCTION",
        ),
        (
            "Russia blocked a Security Council resolution condemning the coup.",
            "blocked",
            "REJECT",
        ),
        ("The two presidents spoke on the phone on Tuesday.", "spoke", "CONSULT"),
        ("Senegal extradited the former minister to Mali in May.", "extradited", "COOPERATE"),
        (
            "Several African states recognised the council as the legitimate government.",
            "recognised",
            "SUPPORT",
        ),
        ("The governor thanked Chad for its help against the insurgents.", "thanked", "SUPPORT"),
        (
            "The government withdrew the fuel tax after three days of protests.",
            "withdrew",
            "CONCEDE",
        ),
        (
            "A UN helicopter delivered 12 tonnes of food to the besieged town.",
            "delivered",
            "AID",
        ),
    ],
)
def test_a_diplomatic_trigger_gets_its_plover_type(
    analyse: Analyse, sentence: str, trigger: str, plover: str
) -> None:
    typed = _typed(analyse(sentence))
    # a trigger with a required object spans it too ("withdrew the fuel tax")
    assert [t for w, t in typed.items() if w.startswith(trigger)] == [plover], typed


def test_a_warning_reported_after_its_words_is_no_threat(analyse: Analyse) -> None:
    doc = analyse("An intervention would kill many civilians, a regional diplomat warned.")
    assert "THREATEN" not in _typed(doc).values()


def test_a_time_phrase_before_call_is_not_a_call_on(analyse: Analyse) -> None:
    doc = analyse("On Sunday the junta called the sanctions inhumane.")
    assert "REQUEST" not in _typed(doc).values()


@pytest.mark.parametrize(
    ("sentence", "trigger", "plover"),
    [
        ("The president attacked the media on Tuesday over its coverage.", "attacked", "ACCUSE"),
        ("The army chief vowed revenge for the ambush.", "vowed", "THREATEN"),
        ("The government vowed to respond with force.", "vowed", "THREATEN"),
        ("The defence minister promised to punish those responsible.", "promised", "THREATEN"),
    ],
)
def test_words_of_violence_and_vows_are_typed_by_what_they_aim_at(
    analyse: Analyse, sentence: str, trigger: str, plover: str
) -> None:
    typed = _typed(analyse(sentence))
    assert [t for w, t in typed.items() if w.startswith(trigger)] == [plover], typed


def test_a_vow_to_fight_corruption_is_no_threat(analyse: Analyse) -> None:
    doc = analyse("The new prime minister vowed to fight corruption.")
    assert "THREATEN" not in _typed(doc).values()


def test_a_label_given_to_an_act_is_not_an_event(analyse: Analyse) -> None:
    doc = analyse("The opposition rejected the result, calling the vote a coup.")
    assert "COERCE" not in _typed(doc).values()
    calling = next(m for m in doc.mentions if doc.span_text(m.trigger) == "calling")
    # said alongside the rejection, not denied by it
    assert (calling.typing.plover_type, calling.modality) == ("ACCUSE", "asserted")


def test_denying_involvement_is_no_rejection_event_but_denying_a_report_is(
    analyse: Analyse,
) -> None:
    involvement = analyse("The group's spokesman denied any involvement in the bombing.")
    assert "REJECT" not in _typed(involvement).values()
    report = analyse("The ministry denied the report on Friday.")
    assert "REJECT" in _typed(report).values()


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Soldiers opened fire on protesters at the toll gate on Tuesday evening.", "opened"),
        ("Warplanes struck rebel positions near the border on Monday.", "struck"),
    ],
)
def test_gunfire_and_strikes_are_assaults(analyse: Analyse, sentence: str, trigger: str) -> None:
    typed = _typed(analyse(sentence))
    assert [t for w, t in typed.items() if w.startswith(trigger)] == ["ASSAULT"], typed


def test_a_natural_blow_or_a_deal_struck_is_no_assault(analyse: Analyse) -> None:
    doc = analyse("A strong earthquake struck the region, and the two sides struck a deal.")
    assert _typed(doc).get("struck a deal") == "AGREE"
    assert "ASSAULT" not in _typed(doc).values()


def test_not_everyone_agreeing_is_no_agreement(analyse: Analyse) -> None:
    doc = analyse("Not everyone agreed that a second referendum should be held.")
    agreed = [m for m in doc.mentions if doc.span_text(m.trigger) == "agreed"]
    assert agreed and all(m.modality == "negated" for m in agreed)
