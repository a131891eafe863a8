"""The matching rule: candidate pairs (evidence, type family, date, place, actors) and the
one-to-one greedy assignment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from kibaru.evaluate.gold import GoldActor, GoldLocation, GoldReport
from kibaru.evaluate.matching import (
    Predicted,
    candidate,
    date_tolerance,
    family_of,
    haversine_km,
    match_events,
    why_not,
)

Build = Callable[..., Predicted]


def test_trigger_inside_gold_evidence_with_same_type_matches(report: GoldReport, predict: Build) -> None:
    pairs = match_events([predict("killed", "ASSAULT")], report.events)
    assert [(p.pred, p.gold) for p in pairs] == [(0, 0)]


def test_prediction_in_another_sentence_does_not_match(report: GoldReport, predict: Build) -> None:
    pred = predict("arrested", "ASSAULT", date=dt.date(2024, 3, 4))
    assert why_not(pred, report.events[0]) == "evidence"


def test_type_outside_the_family_is_rejected(report: GoldReport, predict: Build) -> None:
    pred = predict("killed", "AGREE")
    assert why_not(pred, report.events[0]) == "type family (AGREE vs ASSAULT)"
    assert candidate(predict("killed", "COERCE"), report.events[0])


def test_same_acled_type_overrides_a_different_family(report: GoldReport, predict: Build) -> None:
    pred = predict("killed", "THREATEN", acled_event_type="Violence against civilians")
    assert candidate(pred, report.events[0])


def test_date_outside_precision_slack_is_rejected(report: GoldReport, predict: Build) -> None:
    assert candidate(predict("killed", "ASSAULT", date=dt.date(2024, 3, 4)), report.events[0])
    late = predict("killed", "ASSAULT", date=dt.date(2024, 3, 5))
    assert why_not(late, report.events[0]) == "date (2024-03-05 vs 2024-03-03..2024-03-03 p1)"
    assert candidate(predict("killed", "ASSAULT", date=None), report.events[0])


def test_location_in_another_country_is_rejected(report: GoldReport, predict: Build) -> None:
    pred = predict("killed", "ASSAULT", location=GoldLocation("Tripoli", "LBY", lat=32.9, lon=13.2))
    assert why_not(pred, report.events[0]) == "place (LBY vs MLI)"


def test_actors_with_no_common_country_are_rejected(report: GoldReport, predict: Build) -> None:
    pred = predict("killed", "ASSAULT", source_actors=(GoldActor("Army", "Army", "NER", "MIL"),))
    assert why_not(pred, report.events[0]) == "actors (['NER'] vs ['MLI'])"
    unknown = predict("killed", "ASSAULT", source_actors=(GoldActor("gunmen", "gunmen", None, "UNK"),))
    assert candidate(unknown, report.events[0])


def test_one_gold_event_takes_only_the_best_of_two_predictions(report: GoldReport, predict: Build) -> None:
    weak = predict("Gunmen", "COERCE")
    strong = predict("killed", "ASSAULT")
    pairs = match_events([weak, strong], report.events)
    assert [(p.pred, p.gold, p.score) for p in pairs] == [(1, 0, 9.0)]


def test_each_prediction_matches_at_most_one_gold_event(report: GoldReport, predict: Build) -> None:
    preds = [predict("killed", "ASSAULT"), predict("arrested", "COERCE", date=dt.date(2024, 3, 4))]
    pairs = match_events(preds, report.events)
    assert [(p.pred, p.gold) for p in pairs] == [(0, 0), (1, 2)]


def test_families_tolerances_and_distances() -> None:
    assert family_of("ASSAULT") == family_of("PROTEST") == "material conflict"
    assert family_of("AGREE") == "verbal cooperation"
    assert family_of(None) is None
    assert [date_tolerance(p) for p in (1, 2, 3, None)] == [1, 7, 31, 1]
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.195, abs=0.001)
    assert haversine_km(14.24, -3.32, 14.24, -3.32) == 0.0
