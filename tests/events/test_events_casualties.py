"""Casualty phrases belong to the happening their clause tells of."""

from __future__ import annotations

from collections.abc import Callable

from kibaru.contract import Doc, EventMention


def _texts(doc: Doc, mention: EventMention) -> list[str]:
    return [doc.span_text(s) for s in mention.fatality_spans]


def test_the_dead_of_the_clause_a_new_happening_is_joined_to_are_not_its_own(
    analyse: Callable[[str], Doc], mention_at: Callable[[Doc, str], EventMention]
) -> None:
    doc = analyse("Two Malian soldiers were killed on Monday when their truck hit a landmine near "
                  "Gao, the army said, a week after four others died in a similar explosion near "
                  "Ansongo.")
    assert _texts(doc, mention_at(doc, "explosion")) == ["four others"]
    assert _texts(doc, mention_at(doc, "killed")) == ["Two Malian soldiers"]
