"""Aggregates (events.aggregates.v1): totals over many events are flagged, single events not."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kibaru.contract import Doc, EventMention

Analyse = Callable[[str], Doc]
MentionAt = Callable[[Doc, str], EventMention]


@pytest.mark.parametrize(
    ("sentence", "trigger", "aggregate"),
    [
        (
            "Jihadist attacks have killed thousands of people in Burkina Faso since 2015.",
            "attacks",
            True,
        ),
        (
            "Army operations and militia attacks have killed at least 300 civilians.",
            "attacks",
            True,
        ),
        ("Armed groups have abducted more than 200 people so far this year.", "abducted", True),
        ("Militants have killed dozens of soldiers over the past decade.", "killed", True),
        (
            "A suicide bomber has killed 12 people at a market in Maiduguri.",
            "suicide bomber",
            False,
        ),
        ("Gunmen killed five farmers near Djibo on Monday.", "killed", False),
        ("Clashes erupted in the town on Sunday.", "Clashes", False),
    ],
)
def test_aggregate_flag(
    analyse: Analyse, mention_at: MentionAt, sentence: str, trigger: str, aggregate: bool
) -> None:
    assert mention_at(analyse(sentence), trigger).aggregate is aggregate
