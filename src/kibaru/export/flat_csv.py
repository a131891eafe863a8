"""Write events as a flat CSV: one row per event, the columns of ``FLAT_SCHEMA``."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from kibaru.export.rows import FLAT_COLUMNS, ExportItem, Output, flat_row, open_text
from kibaru.export.stats import ExportStats

__all__ = ["write_csv"]


def write_csv(items: Iterable[ExportItem], out: Output) -> ExportStats:
    """Write a header and one flat row per event; empty cells for null values."""
    written = 0
    with open_text(out) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(FLAT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for item in items:
            row = flat_row(item)
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            written += 1
    return ExportStats(format="csv", written=written)
