"""Render an evaluation as a Markdown table, JSON or a self-contained HTML page."""

from __future__ import annotations

import html
import json
from typing import Any

from kibaru.evaluate.metrics import FIELDS, Summary, summarize
from kibaru.evaluate.runner import Evaluation

__all__ = ["LABELS", "by_source", "to_dict", "to_html", "to_json", "to_markdown"]

LABELS: dict[str, str] = {
    "plover_type": "PLOVER type",
    "acled_event_type": "ACLED event type",
    "acled_sub_event_type": "ACLED sub-event type",
    "actor_country": "actor country",
    "actor_sector": "actor sector",
    "location_country": "location country",
    "location_within_25km": "location within 25 km",
    "date_exact": "date exact",
    "date_within_precision": "date within precision",
    "fatalities_exact": "fatalities exact",
    "fatalities_within_range": "fatalities within range",
    "aggregate_flag": "aggregate flag",
}


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def by_source(run: Evaluation) -> dict[str, Summary]:
    """Return the totals of each gold file (sorted by name)."""
    names = sorted({a.source for a in run.articles})
    return {name: summarize([a for a in run.articles if a.source == name]) for name in names}


def to_dict(run: Evaluation) -> dict[str, Any]:
    """Return the evaluation as plain JSON-able data."""
    s = run.summary
    return {
        "split": run.split,
        "files": run.files,
        "pipeline_version": run.pipeline_version,
        "articles": s.articles,
        "detection": {
            "gold_asserted": s.gold_events,
            "predicted_asserted": s.predicted_events,
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
            "precision": _r(s.precision),
            "recall": _r(s.recall),
            "f1": _r(s.f1),
            "non_asserted_emitted_as_asserted": s.non_asserted_emitted,
            "non_asserted_by_kind": dict(sorted(s.non_asserted_kinds.items())),
            "duplicates": s.duplicates,
        },
        "fields": {
            name: {"accuracy": _r(s.fields[name].accuracy), "right": s.fields[name].right,
                   "total": s.fields[name].total}
            for name in FIELDS
        },
        "by_source": {
            name: {"articles": t.articles, "tp": t.tp, "fp": t.fp, "fn": t.fn,
                   "precision": _r(t.precision), "recall": _r(t.recall), "f1": _r(t.f1)}
            for name, t in by_source(run).items()
        },
        "near_misses": dict(sorted(s.near_misses.items())),
        "recall_by_type": {
            t: {"gold": n, "found": s.found_types.get(t, 0)} for t, n in sorted(s.gold_types.items())
        },
        "skipped": run.skipped,
        "per_article": [
            {"id": a.report_id, "title": a.title, "tp": a.tp, "fp": a.fp, "fn": a.fn,
             "non_asserted_emitted": a.non_asserted_emitted, "duplicates": a.duplicates,
             "errors": a.errors}
            for a in run.articles
        ],
    }


def to_json(run: Evaluation) -> str:
    """Return the evaluation as indented JSON."""
    return json.dumps(to_dict(run), ensure_ascii=False, indent=2)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _rows(run: Evaluation) -> list[tuple[str, str, str]]:
    s = run.summary
    rows = [
        ("asserted-event precision", _fmt(s.precision), f"{s.tp}/{s.tp + s.fp}"),
        ("asserted-event recall", _fmt(s.recall), f"{s.tp}/{s.tp + s.fn}"),
        ("asserted-event F1", _fmt(s.f1), ""),
        ("non-asserted emitted as asserted", str(s.non_asserted_emitted),
         ", ".join(f"{k} {v}" for k, v in sorted(s.non_asserted_kinds.items())) or "count"),
        ("duplicates (same event coded twice)", str(s.duplicates), "count"),
    ]
    if s.near_misses:
        why = ", ".join(f"{k} {v}" for k, v in sorted(s.near_misses.items()))
        rows.append(("missed with a prediction in the sentence, by rule", why, "count"))
    for name in FIELDS:
        tally = s.fields[name]
        rows.append((LABELS[name], _fmt(tally.accuracy), f"{tally.right}/{tally.total}"))
    return rows


def to_markdown(run: Evaluation, *, errors: bool = True) -> str:
    """Return the figures as a Markdown table, then the per-article errors."""
    out = [
        f"# Kibaru evaluation: split {run.split}, {run.summary.articles} articles",
        "",
        f"Gold files: {', '.join(run.files) or '-'}" + (f"; pipeline {run.pipeline_version}" if run.pipeline_version else ""),
        "",
        "| metric | value | n |",
        "|---|---|---|",
    ]
    out += [f"| {m} | {v} | {n} |" for m, v, n in _rows(run)]
    s = run.summary
    sources = by_source(run)
    if len(sources) > 1:
        out += ["", "| gold file | articles | P | R | F1 |", "|---|---|---|---|---|"]
        out += [f"| {n} | {t.articles} | {_fmt(t.precision)} | {_fmt(t.recall)} | {_fmt(t.f1)} |"
                for n, t in sources.items()]
    if s.gold_types:
        out += ["", "| gold type | gold | found |", "|---|---|---|"]
        out += [f"| {t} | {n} | {s.found_types.get(t, 0)} |" for t, n in sorted(s.gold_types.items())]
    if run.skipped:
        out += ["", "Skipped:"] + [f"- {line}" for line in run.skipped]
    if errors:
        listed = [a for a in run.articles if a.errors]
        if listed:
            out += ["", "## Errors per article", ""]
            for a in listed:
                out.append(f"### {a.report_id} (TP {a.tp}, FP {a.fp}, FN {a.fn}) {a.title}")
                out += [f"- {line}" for line in a.errors]
                out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_html(run: Evaluation) -> str:
    """Return a self-contained HTML page (no external assets) with the figures and errors."""
    e = html.escape
    rows = "".join(f"<tr><td>{e(m)}</td><td>{e(v)}</td><td>{e(n)}</td></tr>" for m, v, n in _rows(run))
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Kibaru evaluation ({e(run.split)})</title>",
        (
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}"
            "li{margin:.2em 0;font-size:.9em}</style></head><body>"
        ),
        f"<h1>Kibaru evaluation: split {e(run.split)}, {run.summary.articles} articles</h1>",
        f"<p>Gold files: {e(', '.join(run.files))}</p>",
        f"<table><tr><th>metric</th><th>value</th><th>n</th></tr>{rows}</table>",
    ]
    listed = [a for a in run.articles if a.errors]
    if listed:
        parts.append("<h2>Errors per article</h2>")
        for a in listed:
            items = "".join(f"<li>{e(line)}</li>" for line in a.errors)
            parts.append(
                f"<h3>{e(a.report_id)} (TP {a.tp}, FP {a.fp}, FN {a.fn}) {e(a.title)}</h3><ul>{items}</ul>"
            )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
