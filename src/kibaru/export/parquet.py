"""Write events as Parquet with the flat typed schema, streaming in row groups."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from kibaru.export.rows import FLAT_SCHEMA, ExportItem, Output, flat_row, open_binary
from kibaru.export.stats import ExportStats

__all__ = ["write_parquet"]


def write_parquet(items: Iterable[ExportItem], out: Output, *, row_group_size: int = 10_000) -> ExportStats:
    """Write ``FLAT_SCHEMA`` rows, ``row_group_size`` at a time (memory stays bounded)."""
    written = 0
    batch: list[dict[str, Any]] = []
    with open_binary(out) as handle, pq.ParquetWriter(handle, FLAT_SCHEMA, compression="zstd") as writer:
        for item in items:
            batch.append(flat_row(item))
            if len(batch) >= row_group_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=FLAT_SCHEMA))
                written += len(batch)
                batch.clear()
        if batch or not written:
            writer.write_table(pa.Table.from_pylist(batch, schema=FLAT_SCHEMA))
            written += len(batch)
    return ExportStats(format="parquet", written=written)
