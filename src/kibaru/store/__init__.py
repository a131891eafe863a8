"""Own Kibaru's event database (DuckDB): migrations, batch writes and typed reads.

Nothing else opens the database. ``Store`` is the entry point; reads return the typed
records of ``kibaru.store.records``; ``EventFilter`` says which events to read.
"""

from kibaru.store.database import DEFAULT_DB
from kibaru.store.event_store import Store
from kibaru.store.filters import EventFilter
from kibaru.store.records import (
    ActorCount,
    ActorLink,
    AggregateRow,
    ArticleRecord,
    EventDetail,
    EventRecord,
    EvidenceSpan,
    FailureRecord,
    ReportRecord,
    RunRecord,
    SourceArticle,
    StoreStats,
)
from kibaru.store.writes import ArticleWrite, RunCounts

__all__ = [
    "DEFAULT_DB",
    "ActorCount",
    "ActorLink",
    "AggregateRow",
    "ArticleRecord",
    "ArticleWrite",
    "EventDetail",
    "EventFilter",
    "EventRecord",
    "EvidenceSpan",
    "FailureRecord",
    "ReportRecord",
    "RunCounts",
    "RunRecord",
    "SourceArticle",
    "Store",
    "StoreStats",
]
