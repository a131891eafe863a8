"""Arguments that name people: a name's description, and the victims of an ambushed unit."""

from __future__ import annotations

from collections.abc import Callable

from kibaru.contract import Doc, EventMention

Analyse = Callable[[str], Doc]
MentionAt = Callable[[Doc, str], EventMention]


def _texts(doc: Doc, items: tuple) -> list[str]:  # type: ignore[type-arg]
    return [doc.span_text(item.span) for item in items]


def _full(text: str) -> Doc:
    from kibaru.coder import code_doc

    return code_doc(text, published="2024-01-15")


def test_a_name_keeps_the_apposition_that_says_who_the_person_is() -> None:
    doc = _full("Rebel leaders met Amadou Diallo, a Malian army officer, in Kidal on Monday.")
    met = next(m for m in doc.mentions if doc.span_text(m.trigger) == "met")
    assert _texts(doc, met.targets) == ["Amadou Diallo, a Malian army officer"]
    actor = met.targets[0].actor
    assert actor is not None and (actor.country, actor.sector) == ("MLI", "MIL")


def test_a_name_with_an_apposition_that_names_no_role_stays_bare() -> None:
    doc = _full("Soldiers arrested Amadou Diallo, a 34-year-old from Gao, on Monday.")
    arrested = next(m for m in doc.mentions if doc.span_text(m.trigger) == "arrested")
    assert _texts(doc, arrested.targets) == ["Amadou Diallo"]


def test_the_killed_are_the_victims_when_the_ambushed_unit_is_no_actor(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse(
        "Four Nigerien soldiers were killed on Wednesday when their patrol was ambushed by "
        "militants near Tongo Tongo."
    )
    ambushed = mention_at(doc, "ambushed")
    assert _texts(doc, ambushed.sources) == ["militants"]
    assert "Nigerien soldiers" in " ".join(_texts(doc, ambushed.targets))


def test_members_of_named_groups_are_the_groups_one_actor_each() -> None:
    doc = _full(
        "Fighters of Ansar Dine, AQIM and MUJAO seized the town of Konna on Thursday, and a "
        "delegation of the UN Security Council visited Bamako on Friday."
    )
    seized = next(m for m in doc.mentions if doc.span_text(m.trigger).startswith("seized"))
    assert _texts(doc, seized.sources) == ["Ansar Dine", "AQIM", "MUJAO"]
    visited = next(m for m in doc.mentions if doc.span_text(m.trigger) == "visited")
    actor = visited.sources[0].actor
    assert actor is not None and actor.actor_id == "kb:igo:unsc"


def test_soldiers_of_a_country_are_not_replaced_by_the_country() -> None:
    doc = _full("Soldiers of Mali attacked a jihadist camp near Mopti on Sunday.")
    attacked = next(m for m in doc.mentions if doc.span_text(m.trigger) == "attacked")
    assert _texts(doc, attacked.sources) == ["Soldiers"]


def test_two_names_the_parser_hung_together_are_two_actors() -> None:
    doc = _full(
        "On October 6, US President Donald Trump and Turkish President Recep Tayyip Erdoğan "
        "spoke on the phone."
    )
    spoke = next(m for m in doc.mentions if doc.span_text(m.trigger).startswith("spoke"))
    assert _texts(doc, spoke.sources) == [
        "US President Donald Trump",
        "Turkish President Recep Tayyip Erdoğan",
    ]
    assert [a.actor.country for a in spoke.sources if a.actor] == ["USA", "TUR"]


def test_a_counted_subject_ner_calls_a_number_still_names_its_people(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse(
        "Dozens of Malian soldiers and Russian mercenaries were killed near Tinzaouaten "
        "on Thursday."
    )
    killed = mention_at(doc, "killed")
    assert _texts(doc, killed.targets) == ["Malian soldiers", "Russian mercenaries"]


def test_a_base_a_role_word_owns_is_its_forces_a_bare_base_is_not() -> None:
    doc = _full("Militants attacked a military base near Gao. Militants attacked the base again.")
    first, second = (m for m in doc.mentions if doc.span_text(m.trigger) == "attacked")
    assert _texts(doc, first.targets) == ["military base"]
    actor = first.targets[0].actor
    assert actor is not None and actor.sector == "MIL"
    assert second.targets == ()


def test_a_state_of_emergency_is_no_actor(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("The president declared a ten-day state of emergency across Mali on Friday.")
    declared = mention_at(doc, "declared")
    assert all("state" not in text for text in _texts(doc, declared.targets))
