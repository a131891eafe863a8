"""Triggers that depend on who acts (data/en/triggers.yaml ``subject``/``not_subject``) and
verbs that name how an attack was done: forces leaving, entering or losing a place, crowds
marching or gathering, bombs set off and missiles fired (real spaCy; sentences written by
us in the style of wire reports)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kibaru.contract import Doc

Analyse = Callable[[str], Doc]


def _typed(doc: Doc) -> list[tuple[str, str]]:
    return [(doc.span_text(m.trigger), m.typing.plover_type) for m in doc.mentions]


@pytest.mark.parametrize(
    ("sentence", "word", "plover"),
    [
        ("The town of Gao fell to the rebels on Saturday.", "fell", "ASSAULT"),
        ("The last French soldiers left Mali on Monday.", "left", "RETREAT"),
        ("The Syrian army entered the town of Manbij on Tuesday.", "entered", "MOBILIZE"),
        ("Tens of thousands of people marched in Bamako on Friday.", "marched", "PROTEST"),
        ("Hundreds of people gathered in the main square on Friday.", "gathered", "PROTEST"),
        (
            "The foreign ministers of four countries gathered in Cairo on Wednesday.",
            "gathered",
            "CONSULT",
        ),
        ("The attackers set off a roadside bomb under an army truck.", "set", "ASSAULT"),
        ("Warships fired 59 cruise missiles at the air base on Friday.", "fired", "ASSAULT"),
        ("The junta closed the country's land and air borders on Monday.", "closed", "SANCTION"),
        ("The interior minister offered his resignation on Tuesday.", "offered", "RETREAT"),
        ("The president asked France on Thursday for urgent military help.", "asked", "REQUEST"),
        ("The defendant asked the victims' families for forgiveness.", "asked", "CONCEDE"),
    ],
)
def test_a_verb_with_the_right_actor_names_the_event(
    analyse: Analyse, sentence: str, word: str, plover: str
) -> None:
    doc = analyse(sentence)
    found = [(t, p) for t, p in _typed(doc) if t.startswith(word)]
    assert found and found[0][1] == plover, _typed(doc)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Oil prices fell to a record low on Monday.", "fell"),
        ("The prime minister left Paris on Monday.", "left"),
        ("A man entered the shop on Monday.", "entered"),
        ("Government troops marched towards the capital on Monday.", "marched"),
        ("Investigators gathered evidence at the scene.", "gathered"),
        ("Police fired on hundreds of protesters gathered at the toll gate.", "gathered"),
        ("Our thoughts are with the injured and their families.", "injured"),
        ("The shop closed its doors early on Monday.", "closed"),
    ],
)
def test_the_same_verb_with_another_actor_or_use_is_no_event(
    analyse: Analyse, sentence: str, word: str
) -> None:
    doc = analyse(sentence)
    assert not [t for t, _ in _typed(doc) if t.startswith(word)], _typed(doc)


def test_a_bomb_set_off_carries_its_doer(analyse: Analyse) -> None:
    doc = analyse("The attackers set off an explosive device under a military vehicle.")
    bombs = [m for m in doc.mentions if m.typing.plover_mode == "explosives"]
    assert len(bombs) == 1
    assert doc.span_text(bombs[0].trigger).startswith("set")
    assert [doc.span_text(a.span) for a in bombs[0].sources] == ["attackers"]


def test_an_instrument_noun_types_the_act_but_the_verb_carries_it(analyse: Analyse) -> None:
    doc = analyse(
        "Warplanes struck rebel positions near the town of Barawe, south of the capital, "
        "with missiles and bombs."
    )
    assaults = [m for m in doc.mentions if m.typing.plover_type == "ASSAULT"]
    assert len(assaults) == 1, _typed(doc)
    assert doc.span_text(assaults[0].trigger) == "struck"
    assert assaults[0].typing.plover_mode == "heavy weapons"
    assert [doc.span_text(a.span) for a in assaults[0].sources] == ["Warplanes"]
