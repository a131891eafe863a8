"""Hand stored events to the exporters (``kibaru.export``) as ``ExportItem``s, streaming."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kibaru.export import ExportItem, ExportStats, write
from kibaru.export.rows import Output
from kibaru.store.event_store import Store
from kibaru.store.filters import EventFilter
from kibaru.store.records import EventRecord

__all__ = ["export_events", "export_item"]


def export_item(record: EventRecord) -> ExportItem:
    """Return the exporters' view of a stored event (merged event, reports, sources)."""
    return ExportItem(event=record.event, n_reports=record.n_reports, sources=record.sources,
                      article_ids=record.article_ids, evidence_text=record.evidence_text or None,
                      url=record.urls[0] if record.urls else None)


def _items(records: Iterable[EventRecord]) -> Iterator[ExportItem]:
    for record in records:
        yield export_item(record)


def export_events(store: Store, fmt: str, out: Output, *, flt: EventFilter | None = None,
                  limit: int | None = None, **options: Any) -> ExportStats:
    """Write the events matching ``flt`` (all of them, or ``limit``) to ``out`` in ``fmt``
    (``kibaru.export.FORMATS``), a page at a time."""
    return write(fmt, _items(store.iter_events(flt, limit=limit)), out, **options)
