"""Export events to the formats analysts use: one entry point, ``write(fmt, events, out)``.

``events`` is any iterable of contract ``Event``s, ``EventCluster``s (merged events, with
their report count and sources), ``CodeResult``s or ``ExportItem``s; it is consumed lazily,
so exports of any size stream. ``out`` is a path, ``"-"`` for stdout, or an open stream
(binary for ``parquet``). Formats (``FORMATS``) and their field mappings are documented in
docs/export.md::

    from kibaru.export import write
    stats = write("acled", events, "events.csv", article_texts=texts)
    print(stats.summary())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kibaru.errors import ConfigError
from kibaru.export.acled import write_acled
from kibaru.export.flat_csv import write_csv
from kibaru.export.geojson import write_geojson
from kibaru.export.jsonl import event_from_json, read_jsonl, write_jsonl
from kibaru.export.parquet import write_parquet
from kibaru.export.plover import write_plover
from kibaru.export.rows import Exportable, ExportItem, Output, iter_items
from kibaru.export.stats import ExportStats

__all__ = [
    "FORMATS",
    "ExportItem",
    "ExportStats",
    "event_from_json",
    "iter_items",
    "read_jsonl",
    "write",
]

Writer = Callable[..., ExportStats]

FORMATS: dict[str, Writer] = {
    "acled": write_acled,
    "csv": write_csv,
    "geojson": write_geojson,
    "jsonl": write_jsonl,
    "parquet": write_parquet,
    "plover": write_plover,
}
"""Format name -> writer ``(items, out, **options) -> ExportStats``."""


def write(
    fmt: str,
    events: Iterable[Exportable | ExportItem],
    out: Output,
    *,
    article_texts: Mapping[str, str] | None = None,
    source_names: Mapping[str, str] | None = None,
    urls: Mapping[str, str] | None = None,
    **options: Any,
) -> ExportStats:
    """Write ``events`` to ``out`` in format ``fmt`` and return what was written.

    ``article_texts`` (article id -> cleaned text) lets exports quote evidence sentences;
    ``source_names`` (article id -> outlet) and ``urls`` fill source columns. Other
    ``options`` go to the writer (``timestamp`` and ``source_scale`` for acled,
    ``row_group_size`` for parquet, ``coder`` and ``coded_date`` for plover).
    """
    writer = FORMATS.get(fmt)
    if writer is None:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(FORMATS))}")
    items = iter_items(events, article_texts=article_texts, source_names=source_names, urls=urls)
    try:
        return writer(items, out, **options)
    except TypeError as exc:
        if "unexpected keyword" in str(exc):
            raise ConfigError(f"format {fmt!r} does not take option: {exc}") from exc
        raise
