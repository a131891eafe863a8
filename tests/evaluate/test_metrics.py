"""Metrics on hand-built gold and predictions: exact precision, recall, F1, non-asserted and
duplicate counts, and field accuracies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from kibaru.evaluate.gold import GoldActor, GoldCount, GoldLocation, GoldReport
from kibaru.evaluate.matching import Predicted
from kibaru.evaluate.metrics import date_within_precision, score_article, summarize
from kibaru.evaluate.report import to_dict, to_html, to_markdown
from kibaru.evaluate.runner import Evaluation, align_report, evaluate

Build = Callable[..., Predicted]
MLI_CIV = GoldActor("Civilians (Mali)", "villagers", "MLI", "CVL")


def test_perfect_predictions_score_one(report: GoldReport, predict: Build) -> None:
    preds = [
        predict("killed", "ASSAULT", acled_event_type="Violence against civilians",
                acled_sub_event_type="Attack", target_actors=(MLI_CIV,),
                source_actors=(GoldActor("gunmen", "Gunmen", "MLI", "UNK"),),
                location=GoldLocation("Ogossagou", "MLI", lat=14.25, lon=-3.30),
                fatalities=GoldCount(5, 5, 5), date_end=dt.date(2024, 3, 3)),
        predict("would retaliate", "THREATEN", source_actors=(GoldActor("army", "army", "MLI", "MIL"),),
                date_end=dt.date(2024, 3, 3)),
        predict("arrested", "COERCE", acled_event_type="Strategic developments",
                acled_sub_event_type="Arrests", date=dt.date(2024, 3, 4), date_end=dt.date(2024, 3, 4),
                source_actors=(GoldActor("Soldiers", "Soldiers", "MLI", "MIL"),),
                location=GoldLocation("Mopti", "MLI", lat=14.49, lon=-4.19)),
    ]
    score = score_article(report, preds)
    assert (score.tp, score.fp, score.fn, score.non_asserted_emitted) == (3, 0, 0, 0)
    assert all(t.right == t.total for t in score.fields.values())
    assert score.fields["actor_country"].total == 4
    assert score.fields["fatalities_exact"].total == 1
    assert score.errors == []


def test_negated_span_emitted_as_asserted_is_counted(report: GoldReport, predict: Build) -> None:
    preds = [predict("killed", "ASSAULT"), predict("bombing", "ASSAULT")]
    score = score_article(report, preds)
    assert (score.tp, score.fp, score.fn, score.non_asserted_emitted) == (1, 1, 2, 1)
    assert any(line.startswith("FP (NON-ASSERTED: negated)") for line in score.errors)


def test_predictions_of_other_modalities_are_not_counted(report: GoldReport, predict: Build) -> None:
    preds = [predict("bombing", "ASSAULT", modality="negated")]
    score = score_article(report, preds)
    assert (score.tp, score.fp, score.fn, score.non_asserted_emitted) == (0, 0, 3, 0)


def test_second_prediction_of_a_matched_event_is_a_duplicate(report: GoldReport, predict: Build) -> None:
    preds = [predict("killed", "ASSAULT"), predict("Gunmen", "ASSAULT")]
    score = score_article(report, preds)
    assert (score.tp, score.fp, score.duplicates) == (1, 1, 1)


def test_summary_precision_recall_f1(report: GoldReport, predict: Build) -> None:
    a = score_article(report, [predict("killed", "ASSAULT"), predict("bombing", "ASSAULT")])
    b = score_article(report, [predict("killed", "ASSAULT"), predict("arrested", "COERCE", date=dt.date(2024, 3, 4))])
    total = summarize([a, b])
    assert (total.tp, total.fp, total.fn) == (3, 1, 3)
    assert total.precision == pytest.approx(0.75)
    assert total.recall == pytest.approx(0.5)
    assert total.f1 == pytest.approx(0.6)
    assert total.non_asserted_emitted == 1
    assert total.gold_types["ASSAULT"] == 2 and total.found_types["ASSAULT"] == 2


def test_field_errors_are_listed_with_gold_and_predicted(report: GoldReport, predict: Build) -> None:
    pred = predict("killed", "COERCE", acled_event_type="Battles", acled_sub_event_type="Armed clash",
                   location=GoldLocation("Bamako", "MLI", lat=12.64, lon=-8.0), fatalities=GoldCount(12, 12, 12),
                   date=dt.date(2024, 3, 4))
    score = score_article(report, [pred])
    f = score.fields
    assert (f["plover_type"].right, f["plover_type"].total) == (0, 1)
    assert (f["location_country"].right, f["location_within_25km"].right) == (1, 0)
    assert (f["date_exact"].right, f["date_within_precision"].right) == (0, 1)
    assert (f["fatalities_exact"].right, f["fatalities_within_range"].right) == (0, 0)
    assert (f["actor_country"].total, f["actor_country"].right) == (2, 0)
    assert "[ASSAULT 'killed'] plover_type: gold ASSAULT, predicted COERCE" in score.errors
    assert any("location_within_25km: gold Ogossagou, predicted Bamako (" in e for e in score.errors)


def test_missing_fatalities_on_violent_event_count_as_zero(report: GoldReport, predict: Build) -> None:
    score = score_article(report, [predict("killed", "ASSAULT")])
    assert (score.fields["fatalities_exact"].right, score.fields["fatalities_exact"].total) == (0, 1)


def test_date_within_precision_by_precision(report: GoldReport) -> None:
    gold = report.events[0]
    assert date_within_precision(dt.date(2024, 3, 4), gold)
    assert not date_within_precision(dt.date(2024, 3, 5), gold)
    month = type(gold)(**{**{s: getattr(gold, s) for s in gold.__slots__}, "time_precision": 3})
    assert date_within_precision(dt.date(2024, 3, 28), month)
    assert not date_within_precision(dt.date(2024, 4, 1), month)


def test_alignment_moves_spans_into_the_cleaned_text(report: GoldReport) -> None:
    cleaned = "  " + report.text.replace("Ogossagou on", "Ogossagou\non")
    aligned, warnings = align_report(report, cleaned)
    assert warnings == []
    ev = aligned.events[0]
    assert cleaned[ev.trigger_span.start : ev.trigger_span.end] == "killed"
    assert cleaned[ev.evidence_span.start : ev.evidence_span.end].startswith("Gunmen killed")
    assert cleaned[aligned.not_events[0].span.start : aligned.not_events[0].span.end] == "denied bombing the market"


def test_evaluate_with_a_hand_coder_and_render_every_format(report: GoldReport, predict: Build) -> None:
    from kibaru.evaluate.gold import GoldSet

    def coder(text: str, published: dt.date | None) -> tuple[str, list[Predicted]]:
        assert published == dt.date(2024, 3, 5)
        return text, [predict("killed", "ASSAULT"), predict("bombing", "ASSAULT")]

    run: Evaluation = evaluate(GoldSet((report,)), coder, split="dev")
    assert (run.summary.tp, run.summary.fp, run.summary.fn) == (1, 1, 2)
    assert evaluate(GoldSet((report,)), coder, split="test").summary.articles == 0
    data = to_dict(run)
    assert data["detection"]["precision"] == 0.5 and data["detection"]["recall"] == 0.333
    assert data["detection"]["non_asserted_emitted_as_asserted"] == 1
    assert data["detection"]["non_asserted_by_kind"] == {"negated": 1}
    md = to_markdown(run)
    assert "| asserted-event precision | 0.500 | 1/2 |" in md and "### t-001" in md
    assert "| non-asserted emitted as asserted | 1 | negated 1 |" in md
    page = to_html(run)
    assert page.startswith("<!doctype html>") and "http" not in page
