"""Measure Kibaru against gold events: loaders, the matching rule, metrics and reports.

``load_gold_files`` reads the team's JSONL gold (and Wikinews annotations, whose text stays in
``../shared``); ``adapters`` read ACLED-style CSV and PLOVER JSON; ``evaluate`` runs a coder
(by default the real pipeline, ``pipeline_coder``) over the reports of a split and scores it
with the rule in ``matching`` and the metrics in ``metrics``; ``report`` renders the result.
"""

from __future__ import annotations

from kibaru.evaluate.adapters import load_acled_csv, load_any, load_plover_json
from kibaru.evaluate.gold import (
    GoldActor,
    GoldCount,
    GoldEvent,
    GoldLocation,
    GoldNotEvent,
    GoldReport,
    GoldSet,
    bundled_gold_files,
    load_gold,
    load_gold_files,
)
from kibaru.evaluate.matching import Predicted, match_events, predicted_from_event
from kibaru.evaluate.metrics import ArticleScore, Summary, score_article, summarize
from kibaru.evaluate.report import to_html, to_json, to_markdown
from kibaru.evaluate.runner import Evaluation, evaluate, pipeline_coder

__all__ = [
    "ArticleScore",
    "Evaluation",
    "GoldActor",
    "GoldCount",
    "GoldEvent",
    "GoldLocation",
    "GoldNotEvent",
    "GoldReport",
    "GoldSet",
    "Predicted",
    "Summary",
    "bundled_gold_files",
    "evaluate",
    "load_acled_csv",
    "load_any",
    "load_gold",
    "load_gold_files",
    "load_plover_json",
    "match_events",
    "pipeline_coder",
    "predicted_from_event",
    "score_article",
    "summarize",
    "to_html",
    "to_json",
    "to_markdown",
]
