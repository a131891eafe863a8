"""Write events as a GeoJSON FeatureCollection of points; events without coordinates are
left out and counted."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from kibaru.export.rows import ExportItem, Output, flat_row, open_text
from kibaru.export.stats import ExportStats

__all__ = ["write_geojson"]


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def write_geojson(items: Iterable[ExportItem], out: Output) -> ExportStats:
    """Write a FeatureCollection, one Point feature (lon, lat) per located event, streamed
    feature by feature; the flat row (minus coordinates) is each feature's properties."""
    written = skipped = 0
    with open_text(out) as handle:
        handle.write('{"type": "FeatureCollection", "features": [\n')
        for item in items:
            loc = item.event.location
            if loc is None or loc.lat is None or loc.lon is None:
                skipped += 1
                continue
            row = flat_row(item)
            props = {k: _value(v) for k, v in row.items() if k not in ("latitude", "longitude")}
            feature = {
                "type": "Feature",
                "id": item.event.event_id,
                "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                "properties": props,
            }
            handle.write(("" if not written else ",\n") + json.dumps(feature, ensure_ascii=False))
            written += 1
        handle.write("\n]}\n")
    return ExportStats(format="geojson", written=written, skipped=skipped,
                       skipped_reason="no coordinates" if skipped else "")
