"""Builders for hand-made gold reports and predictions used by the evaluator tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from kibaru.contract import Span
from kibaru.evaluate.gold import GoldReport, parse_report
from kibaru.evaluate.matching import Predicted

TEXT = (
    "BAMAKO — Gunmen killed five villagers in Ogossagou on March 3. "
    "The army said it would retaliate against the attackers. "
    "Soldiers arrested two suspects in Mopti on March 4. "
    "The government denied bombing the market."
)


@pytest.fixture
def report() -> GoldReport:
    """A three-event report: an attack, an arrest, and a negated bombing in not_events."""
    raw: dict[str, Any] = {
        "id": "t-001",
        "split": "dev",
        "published": "2024-03-05",
        "events": [
            {
                "evidence": "Gunmen killed five villagers in Ogossagou on March 3.",
                "trigger": "killed", "plover_type": "ASSAULT",
                "acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack",
                "date": "2024-03-03", "time_precision": 1,
                "source_actors": [{"name": "Unidentified gunmen", "country": "MLI", "sector": "UNK"}],
                "target_actors": [{"name": "Civilians (Mali)", "country": "MLI", "sector": "CVL"}],
                "location": {"name": "Ogossagou", "country": "MLI", "lat": 14.24, "lon": -3.32, "geo_precision": 1},
                "fatalities": {"low": 5, "best": 5, "high": 5},
            },
            {
                "evidence": "The army said it would retaliate against the attackers.",
                "trigger": "would retaliate", "plover_type": "THREATEN", "date": "2024-03-03",
                "time_precision": 1,
                "source_actors": [{"name": "Military Forces of Mali", "country": "MLI", "sector": "MIL"}],
            },
            {
                "evidence": "Soldiers arrested two suspects in Mopti on March 4.",
                "trigger": "arrested", "plover_type": "COERCE",
                "acled_event_type": "Strategic developments", "acled_sub_event_type": "Arrests",
                "date": "2024-03-04", "time_precision": 1,
                "source_actors": [{"name": "Military Forces of Mali", "country": "MLI", "sector": "MIL"}],
                "location": {"name": "Mopti", "country": "MLI", "lat": 14.49, "lon": -4.19, "geo_precision": 1},
            },
        ],
        "not_events": [{"text": "denied bombing the market", "why": "negated"}],
    }
    return parse_report(raw, TEXT, origin="test")


@pytest.fixture
def predict() -> Callable[..., Predicted]:
    """Build a prediction whose trigger is the first occurrence of ``trigger`` in TEXT."""

    def build(trigger: str, plover_type: str, **fields: Any) -> Predicted:
        start = TEXT.index(trigger)
        sentence_start = TEXT.rfind(". ", 0, start)
        sentence_start = 0 if sentence_start < 0 else sentence_start + 2
        sentence_end = TEXT.find(".", start) + 1
        fields.setdefault("date", dt.date(2024, 3, 3))
        return Predicted(
            sentence=Span(sentence_start, sentence_end),
            trigger=Span(start, start + len(trigger)),
            plover_type=plover_type,
            **fields,
        )

    return build

