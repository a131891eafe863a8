"""Define the typed records the store's reads return (never untyped dicts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kibaru.contract import Event

__all__ = [
    "ActorCount",
    "ActorLink",
    "AggregateRow",
    "ArticleRecord",
    "EventDetail",
    "EventRecord",
    "EvidenceSpan",
    "FailureRecord",
    "ReportRecord",
    "RunRecord",
    "SourceArticle",
    "StoreStats",
]


def _iso(day: dt.date | dt.datetime | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One real-world event: the merged contract ``Event`` of its cluster of reports.

    ``event.event_id`` is the cluster id; its evidence, article and figures are those the
    clustering rule picked (``kibaru.cluster.EventCluster.event``); its actors are the union
    of its reports' actors. ``evidence_text`` is the lead report's sentence.
    """

    event: Event
    lead_report_id: str
    n_reports: int
    n_articles: int
    n_sources: int
    sources: tuple[str, ...]
    article_ids: tuple[str, ...]
    urls: tuple[str, ...]
    evidence_text: str

    @property
    def event_id(self) -> str:
        """Return the event's id (its cluster id)."""
        return self.event.event_id

    def to_json(self) -> dict[str, Any]:
        """Return the contract's event JSON with the cluster's counts, sources and evidence."""
        return {
            **self.event.to_json(),
            "evidence_text": self.evidence_text,
            "lead_report_id": self.lead_report_id,
            "n_reports": self.n_reports,
            "n_articles": self.n_articles,
            "n_sources": self.n_sources,
            "sources": list(self.sources),
            "article_ids": list(self.article_ids),
            "urls": list(self.urls),
        }


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """One coded report (a contract ``Event`` of one article) with its evidence sentence."""

    event: Event
    cluster_id: str
    sentence: str

    def to_json(self) -> dict[str, Any]:
        """Return the report's contract JSON with its cluster id and sentence."""
        data = self.event.to_json()
        data["report_id"] = data["event_id"]
        data["event_id"] = self.cluster_id
        data["evidence"] = {**data["evidence"], "sentence": self.sentence}
        return data


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """An article that reports an event (or a syndicated copy of one that does)."""

    article_id: str
    url: str | None
    title: str | None
    source: str | None
    published: dt.date | None
    duplicate_of: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the article reference as a JSON object."""
        return {
            "article_id": self.article_id,
            "url": self.url,
            "title": self.title,
            "source": self.source,
            "published": _iso(self.published),
            "duplicate_of": self.duplicate_of,
        }


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event with all its reports, evidence sentences and source articles."""

    event: EventRecord
    reports: tuple[ReportRecord, ...]
    articles: tuple[SourceArticle, ...]

    def to_json(self) -> dict[str, Any]:
        """Return the event, its reports and articles as one JSON object."""
        return {
            **self.event.to_json(),
            "reports": [r.to_json() for r in self.reports],
            "articles": [a.to_json() for a in self.articles],
        }


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    """Where one report's evidence lies in its article's cleaned text."""

    report_id: str
    event_id: str
    plover_type: str
    modality: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int

    def to_json(self) -> dict[str, Any]:
        """Return the span as a JSON object."""
        return {
            "report_id": self.report_id,
            "event_id": self.event_id,
            "plover_type": self.plover_type,
            "modality": self.modality,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
        }


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A stored article: its cleaned text and the evidence spans of its reports."""

    article_id: str
    url: str | None
    title: str | None
    source: str | None
    origin: str | None
    published: dt.date | None
    language: str | None
    text: str
    status: str
    duplicate_of: str | None
    pipeline_version: str | None
    spans: tuple[EvidenceSpan, ...]

    def to_json(self) -> dict[str, Any]:
        """Return the article and its evidence spans as a JSON object."""
        return {
            "article_id": self.article_id,
            "url": self.url,
            "title": self.title,
            "source": self.source,
            "origin": self.origin,
            "published": _iso(self.published),
            "language": self.language,
            "text": self.text,
            "status": self.status,
            "duplicate_of": self.duplicate_of,
            "pipeline_version": self.pipeline_version,
            "spans": [s.to_json() for s in self.spans],
        }


@dataclass(frozen=True, slots=True)
class AggregateRow:
    """Events and fatalities in one period for one key (type, country or admin1)."""

    period: dt.date
    key: str | None
    events: int
    fatalities: int

    def to_json(self) -> dict[str, Any]:
        """Return the row as a JSON object."""
        return {"period": self.period.isoformat(), "key": self.key, "events": self.events,
                "fatalities": self.fatalities}


@dataclass(frozen=True, slots=True)
class ActorLink:
    """A source -> target actor pair with its event counts by PLOVER type."""

    source: str
    target: str
    events: int
    by_type: tuple[tuple[str, int], ...]

    def to_json(self) -> dict[str, Any]:
        """Return the link as a JSON object."""
        return {"source": self.source, "target": self.target, "events": self.events,
                "by_type": dict(self.by_type)}


@dataclass(frozen=True, slots=True)
class ActorCount:
    """An actor with the number of events it takes part in."""

    name: str
    country: str | None
    sector: str | None
    events: int
    fatalities: int

    def to_json(self) -> dict[str, Any]:
        """Return the actor count as a JSON object."""
        return {"name": self.name, "country": self.country, "sector": self.sector,
                "events": self.events, "fatalities": self.fatalities}


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """One thing that could not be read, coded or stored, and why."""

    origin: str
    stage: str
    kind: str
    reason: str
    article_id: str | None = None
    run_id: str | None = None
    at: dt.datetime | None = None

    def line(self) -> str:
        """Return the failure as one console line."""
        return f"{self.origin}: {self.reason} [{self.stage}]"

    def to_json(self) -> dict[str, Any]:
        """Return the failure as a JSON object."""
        return {"origin": self.origin, "stage": self.stage, "kind": self.kind,
                "reason": self.reason, "article_id": self.article_id, "run_id": self.run_id,
                "at": _iso(self.at)}


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One ingest or recode run and its counts."""

    run_id: str
    command: str
    started: dt.datetime
    finished: dt.datetime | None
    status: str
    pipeline_version: str | None
    n_read: int
    n_new: int
    n_skipped: int
    n_duplicates: int
    n_failed: int
    n_reports: int


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Counts over the whole store."""

    articles: int
    coded_articles: int
    duplicates: int
    failed_articles: int
    reports: int
    events: int
    asserted_events: int
    failures: int
    runs: int
    first_date: dt.date | None
    last_date: dt.date | None
    events_by_type: tuple[tuple[str, int], ...]
    events_by_country: tuple[tuple[str, int], ...]
    pipeline_versions: tuple[tuple[str, int], ...]
    schema: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """Return the statistics as a JSON object."""
        return {
            "articles": self.articles,
            "coded_articles": self.coded_articles,
            "duplicates": self.duplicates,
            "failed_articles": self.failed_articles,
            "reports": self.reports,
            "events": self.events,
            "asserted_events": self.asserted_events,
            "failures": self.failures,
            "runs": self.runs,
            "first_date": _iso(self.first_date),
            "last_date": _iso(self.last_date),
            "events_by_type": dict(self.events_by_type),
            "events_by_country": dict(self.events_by_country),
            "pipeline_versions": dict(self.pipeline_versions),
            "schema": list(self.schema),
        }
