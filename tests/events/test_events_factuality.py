"""Factuality (events.factuality.v1): asserted, negated, hypothetical or future, with the cue."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kibaru.contract import Doc, EventMention

Analyse = Callable[[str], Doc]
MentionAt = Callable[[Doc, str], EventMention]


@pytest.mark.parametrize(
    ("sentence", "trigger", "modality", "cue"),
    [
        ("Gunmen killed five farmers near Djibo on Monday.", "killed", "asserted", None),
        (
            "A wider offensive would kill many innocent people.",
            "offensive",
            "hypothetical",
            "would",
        ),
        (
            "The army could lose any offensive against the rebels.",
            "offensive",
            "hypothetical",
            "could",
        ),
        ("If the rebels attack the town, the army will respond.", "attack", "hypothetical", "If"),
        ("The group plans to attack the capital next month.", "attack", "future", "plans"),
        ("The bloc will probably reimpose sanctions on the junta.", "reimpose", "future", "will"),
        ("The junta is set to expel the envoy.", "expel", "future", "set"),
        (
            "The army denied that its soldiers killed civilians in Moura.",
            "killed",
            "negated",
            "denied",
        ),
        ("The militants did not attack the base.", "attack", "negated", "not"),
        ("No civilians were killed in the operation.", "killed", "negated", "No"),
        ("The region risks more fighting.", "fighting", "hypothetical", "risks"),
        ("Officials fear renewed fighting in the north.", "fighting", "hypothetical", "fear"),
        (
            "Several armed groups have started to pull out of the peace deal.",
            "pull out",
            "asserted",
            None,
        ),
        ("Potential clashes worry the mediators.", "clashes", "hypothetical", "Potential"),
        (
            "After the alliance stormed the north, the two sides are set to fight again.",
            "stormed",
            "asserted",
            None,
        ),
    ],
)
def test_modality_and_its_cue(
    analyse: Analyse,
    mention_at: MentionAt,
    sentence: str,
    trigger: str,
    modality: str,
    cue: str | None,
) -> None:
    doc = analyse(sentence)
    mention = mention_at(doc, trigger)
    assert mention.modality == modality
    assert (doc.span_text(mention.modality_cue) if mention.modality_cue else None) == cue


def test_a_threat_is_asserted_and_the_threatened_act_is_future(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse("The rebels threatened to attack Kidal again.")
    assert mention_at(doc, "threatened").modality == "asserted"
    assert mention_at(doc, "attack").modality == "future"


def test_negated_mentions_carry_a_negation_cue(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("The rebels did not attack the convoy.")
    mention = mention_at(doc, "attack")
    assert mention.negation_cue is not None and doc.span_text(mention.negation_cue) == "not"


def test_a_banned_protest_did_not_take_place(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("The military prohibited a protest march in the capital last week.")
    assert mention_at(doc, "prohibited").modality == "asserted"
    assert mention_at(doc, "march").modality == "negated"


def test_an_attack_that_killed_nobody_still_happened(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse("The attack on the convoy did not kill anyone.")
    assert mention_at(doc, "attack").modality == "asserted"


def test_an_order_to_attack_is_not_a_report_of_one(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("Take a knife and attack the tourists at night.")
    assert mention_at(doc, "attack").modality == "hypothetical"
