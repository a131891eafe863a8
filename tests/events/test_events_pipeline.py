"""The event stages inside the full default pipeline, on a golden article we wrote about
documented events (Niger, July-December 2023; split: ours, not from a corpus)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kibaru.articles import make_article
from kibaru.coder import result_from_doc
from kibaru.contract import Doc, Event
from kibaru.pipeline import Pipeline

GOLDEN = Path(__file__).parent / "golden" / "niger-2023-coup.txt"


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> Doc:
    text = GOLDEN.read_text(encoding="utf-8")
    return pipeline(make_article(text, published="2024-01-10"))


def _trigger(doc: Doc, event: Event) -> str:
    return doc.text[event.evidence.trigger_start : event.evidence.trigger_end]


def _sentence(doc: Doc, event: Event) -> str:
    return doc.text[event.evidence.sentence_start : event.evidence.sentence_end]


def test_golden_article_gives_the_documented_events(coded: Doc) -> None:
    asserted = result_from_doc(coded).events
    by_trigger = {_trigger(coded, e): e for e in asserted}
    detained = by_trigger["detained"]
    assert (detained.plover_type, detained.acled_sub_event_type) == ("COERCE", "Arrests")
    assert detained.date == dt.date(2023, 7, 26)
    sanctions = next(e for t, e in by_trigger.items() if t.startswith("imposed"))
    assert sanctions.plover_type == "SANCTION"
    assert sanctions.date == dt.date(2023, 7, 30)
    assert by_trigger["threatened"].plover_type == "THREATEN"
    assert by_trigger["rallied"].plover_type == "PROTEST"
    assert by_trigger["withdrew"].plover_type == "RETREAT"


def test_hypothetical_killing_is_kept_but_never_asserted(coded: Doc) -> None:
    hedged = [
        e
        for e in coded.events
        if "would kill" in _sentence(coded, e) and e.plover_type == "ASSAULT"
    ]
    assert hedged and all(e.modality == "hypothetical" for e in hedged)
    asserted = result_from_doc(coded).events
    assert not [e for e in asserted if "would kill" in _sentence(coded, e)]
    assert not [e for e in asserted if e.plover_type == "ASSAULT"]


def test_every_event_points_at_its_evidence(coded: Doc) -> None:
    for event in coded.events:
        assert event.evidence.sentence_start <= event.evidence.trigger_start
        assert event.evidence.trigger_end <= event.evidence.sentence_end
        assert _trigger(coded, event).strip()
        assert event.pipeline_version
        assert 0.0 <= event.confidence <= 1.0


def test_event_ids_are_unique_within_the_article(coded: Doc) -> None:
    ids = [e.event_id for e in coded.events]
    assert len(ids) == len(set(ids))


def test_no_event_comes_from_the_seed_articles_author_bio(
    pipeline: Pipeline, shared_dir: Path
) -> None:
    text = (shared_dir / "seed" / "mali-2023-02-10.txt").read_text(encoding="utf-8")
    doc = pipeline(make_article(text, published="2023-02-10"))
    bios = [a.span for a in doc.annotations if a.kind == "bio"]
    assert bios, "the structure stage should mark the author bio"
    for event in doc.events:
        assert not any(b.start <= event.evidence.trigger_start < b.end for b in bios)
