"""Run the real pipeline over gold reports and score it.

The pipeline cleans the text before coding, so its offsets index the *cleaned* text. The gold
evidence, trigger and not-event strings are located again in the cleaned text (exactly, or
ignoring differences of whitespace) before matching; a gold span that cannot be found there is
kept at its original offsets and listed as an alignment warning in the article's errors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kibaru.contract import Span
from kibaru.evaluate.gold import GoldEvent, GoldReport, GoldSet
from kibaru.evaluate.matching import Predicted, predicted_from_event
from kibaru.evaluate.metrics import ArticleScore, Summary, score_article, summarize

__all__ = ["Coder", "Evaluation", "align_report", "evaluate", "locate", "pipeline_coder"]

Coder = Callable[[str, dt.date | None], tuple[str, Sequence[Predicted]]]
"""Code one text published on a date; return the cleaned text and the predicted events."""


@dataclass
class Evaluation:
    """An evaluation run: totals, per-article scores and what was skipped."""

    summary: Summary
    articles: list[ArticleScore]
    skipped: list[str]
    split: str
    files: list[str]
    pipeline_version: str = ""


def locate(needle: str, haystack: str, *, start: int = 0) -> Span | None:
    """Return where ``needle`` occurs in ``haystack`` (whitespace-insensitive fallback)."""
    index = haystack.find(needle, start)
    if index < 0 and start:
        index = haystack.find(needle)
    if index >= 0:
        return Span(index, index + len(needle))
    words = needle.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), haystack)
    return Span(match.start(), match.end()) if match else None


def align_report(report: GoldReport, cleaned: str) -> tuple[GoldReport, list[str]]:
    """Return ``report`` with its spans moved into ``cleaned``, and alignment warnings."""
    if cleaned == report.text:
        return report, []
    warnings: list[str] = []
    events: list[GoldEvent] = []
    for event in report.events:
        ev = locate(event.evidence, cleaned, start=max(0, event.evidence_span.start - 200))
        if ev is None:
            warnings.append(
                f"ALIGN: gold evidence not found in the cleaned text: {event.evidence[:80]!r}"
            )
            events.append(event)
            continue
        inner = locate(event.trigger, cleaned[ev.start : ev.end])
        trig = Span(ev.start + inner.start, ev.start + inner.end) if inner else ev
        others: list[Span] = []
        for span in event.other_evidence:
            moved = locate(report.text[span.start : span.end], cleaned, start=max(0, span.start - 200))
            if moved is None:
                lost = report.text[span.start : span.end][:80]
                warnings.append(f"ALIGN: other evidence not found in the cleaned text: {lost!r}")
            else:
                others.append(moved)
        events.append(
            dataclasses.replace(
                event, evidence_span=ev, trigger_span=trig, other_evidence=tuple(others)
            )
        )
    not_events = []
    for item in report.not_events:
        found = locate(item.text, cleaned, start=max(0, item.span.start - 200))
        if found is None:
            warnings.append(f"ALIGN: not-event span not found in the cleaned text: {item.text[:80]!r}")
            not_events.append(item)
        else:
            not_events.append(dataclasses.replace(item, span=found))
    return (
        dataclasses.replace(report, text=cleaned, events=tuple(events), not_events=tuple(not_events)),
        warnings,
    )


def pipeline_coder(*, model: str = "md") -> tuple[Coder, str]:
    """Return a coder running the real pipeline (all modalities) and its version string."""
    from kibaru.coder import code, default_pipeline
    from kibaru.config import PipelineConfig

    config = PipelineConfig(model=model)
    pipeline = default_pipeline(config)

    def run(text: str, published: dt.date | None) -> tuple[str, Sequence[Predicted]]:
        result = code(
            text, published=published, all_modalities=True, pipeline=pipeline, config=config
        )
        return result.text, [predicted_from_event(e) for e in result.events]

    return run, str(getattr(pipeline, "version", "") or getattr(pipeline, "pipeline_version", ""))


def evaluate(
    gold: GoldSet,
    coder: Coder,
    *,
    split: str = "all",
    pipeline_version: str = "",
    progress: Callable[[GoldReport], None] | None = None,
) -> Evaluation:
    """Code every report of ``split`` with ``coder`` and score it against the gold."""
    chosen = gold.split(split)
    scores: list[ArticleScore] = []
    for report in chosen.reports:
        if progress:
            progress(report)
        cleaned, predicted = coder(report.text, report.published)
        aligned, warnings = align_report(report, cleaned)
        score = score_article(aligned, predicted, text=cleaned)
        score.errors[:0] = warnings
        scores.append(score)
    return Evaluation(
        summary=summarize(scores),
        articles=scores,
        skipped=list(chosen.skipped),
        split=split,
        files=list(chosen.files),
        pipeline_version=pipeline_version,
    )
