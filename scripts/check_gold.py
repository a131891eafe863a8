"""Validate every gold file in src/kibaru/data/gold (or the files given): one line per problem.

Checks each JSON line of each ``*.jsonl``: that it parses; the required fields; that every
``evidence`` (and ``other_evidence``) is an exact substring of ``text`` and every ``trigger`` an
exact substring of its evidence; PLOVER types, ACLED types and sub-types, CAMEO roots,
modalities, sectors and ACLED inter codes from the project's vocabularies; ISO dates with
``date <= date_end`` and asserted events not after publication; time and geo precision 1-3;
coordinates in range; low <= best <= high for counts; ``not_events`` spans present; unique ids.
Records keyed by a Wikinews ``url`` (text kept in ../shared) are checked without the substring
tests. Usage: ``.venv/bin/python scripts/check_gold.py [FILE...]``; exit code 1 on any problem.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

import pycountry
import yaml

from kibaru.contract import MODALITIES, PLOVER_TYPES, SECTORS

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "src" / "kibaru" / "data" / "gold"
REQUIRED = ("id", "split", "published", "events")
EVENT_REQUIRED = ("evidence", "trigger", "plover_type", "modality", "aggregate", "date",
                  "time_precision", "source_actors", "target_actors", "location")
WHY = ("hypothetical", "negated", "future", "threatened act", "aggregate", "background",
       "byline", "bio", "dateline", "quote", "question")


def _acled_types() -> dict[str, set[str]]:
    data = yaml.safe_load((ROOT / "src" / "kibaru" / "data" / "crosswalk.yaml").read_text("utf-8"))
    types: dict[str, set[str]] = {}
    for event_type, sub_type in data["acled_precedence"]:
        types.setdefault(event_type, set()).add(sub_type)
    return types


ACLED = _acled_types()
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"bad date {value!r}")
    return dt.date.fromisoformat(value)


def _count(value: Any, what: str, problems: list[str]) -> None:
    if value is None:
        return
    try:
        low, best, high = value["low"], value["best"], value["high"]
    except (TypeError, KeyError):
        problems.append(f"{what} must be null or {{low, best, high}}")
        return
    if not all(isinstance(v, int) and v >= 0 for v in (low, best, high)) or not low <= best <= high:
        problems.append(f"{what} needs integers 0 <= low <= best <= high, got {value}")


def _actors(values: Any, what: str, problems: list[str]) -> None:
    if not isinstance(values, list):
        problems.append(f"{what} must be a list")
        return
    for i, actor in enumerate(values):
        where = f"{what}[{i}]"
        if not isinstance(actor, dict) or not actor.get("name"):
            problems.append(f"{where} needs a name")
            continue
        if actor.get("country") is not None and actor["country"] not in ISO3:
            problems.append(f"{where} country {actor['country']!r} is not ISO3")
        if actor.get("sector") not in SECTORS:
            problems.append(f"{where} sector {actor.get('sector')!r} is not one of {SECTORS}")
        inter = actor.get("acled_inter")
        if inter is not None and inter not in range(1, 9):
            problems.append(f"{where} acled_inter {inter!r} is not 1..8")


def _location(value: Any, problems: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, dict) or not value.get("name"):
        problems.append("location needs a name")
        return
    if value.get("country") not in ISO3:
        problems.append(f"location country {value.get('country')!r} is not ISO3")
    lat, lon = value.get("lat"), value.get("lon")
    if lat is not None and not (isinstance(lat, int | float) and -90 <= lat <= 90):
        problems.append(f"location lat {lat!r} out of range")
    if lon is not None and not (isinstance(lon, int | float) and -180 <= lon <= 180):
        problems.append(f"location lon {lon!r} out of range")
    if value.get("geo_precision") not in (1, 2, 3):
        problems.append(f"geo_precision {value.get('geo_precision')!r} is not 1, 2 or 3")


def check_event(event: dict[str, Any], text: str | None, published: dt.date | None) -> list[str]:
    """Return the problems of one annotated event."""
    problems = [f"missing {key!r}" for key in EVENT_REQUIRED if key not in event]
    if problems:
        return problems
    evidence, trigger = event["evidence"], event["trigger"]
    if text is not None:
        if not evidence or evidence not in text:
            problems.append(f"evidence is not in the text: {evidence[:70]!r}")
        for other in event.get("other_evidence", []):
            if other not in text:
                problems.append(f"other_evidence is not in the text: {other[:70]!r}")
    if not trigger or trigger not in evidence:
        problems.append(f"trigger {trigger!r} is not in its evidence")
    if event["plover_type"] not in PLOVER_TYPES:
        problems.append(f"plover_type {event['plover_type']!r} is not a PLOVER type")
    acled, sub = event.get("acled_event_type"), event.get("acled_sub_event_type")
    if acled is None and sub is not None:
        problems.append("acled_sub_event_type without acled_event_type")
    if acled is not None:
        if acled not in ACLED:
            problems.append(f"acled_event_type {acled!r} is not an ACLED type")
        elif sub not in ACLED[acled]:
            problems.append(f"acled_sub_event_type {sub!r} is not a sub-type of {acled!r}")
    cameo = event.get("cameo_root")
    if cameo is not None and not (isinstance(cameo, str) and re.fullmatch(r"0[1-9]|1\d|20", cameo)):
        problems.append(f"cameo_root {cameo!r} is not '01'..'20'")
    if event["modality"] not in MODALITIES:
        problems.append(f"modality {event['modality']!r} is not one of {MODALITIES}")
    if not isinstance(event["aggregate"], bool):
        problems.append("aggregate must be true or false")
    try:
        start, end = _date(event["date"]), _date(event.get("date_end"))
    except ValueError as exc:
        problems.append(str(exc))
    else:
        if start and end and end < start:
            problems.append(f"date_end {end} is before date {start}")
        if start and published and event["modality"] == "asserted" and start > published:
            problems.append(f"asserted event dated {start} after publication {published}")
        if event["time_precision"] not in ((1, 2, 3) if start else (None, 1, 2, 3)):
            problems.append(f"time_precision {event['time_precision']!r} is not 1, 2 or 3")
    _actors(event["source_actors"], "source_actors", problems)
    _actors(event["target_actors"], "target_actors", problems)
    _location(event["location"], problems)
    _count(event.get("fatalities"), "fatalities", problems)
    _count(event.get("injuries"), "injuries", problems)
    return problems


def check_record(record: dict[str, Any]) -> list[str]:
    """Return the problems of one gold record (a report or a Wikinews annotation)."""
    problems = [f"missing {key!r}" for key in REQUIRED if key not in record]
    text = record.get("text")
    if text is None and not (record.get("url") and record.get("text_sha256")):
        problems.append("a record needs 'text', or 'url' and 'text_sha256'")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        problems.append("text is empty")
    if record.get("split") not in ("dev", "test"):
        problems.append(f"split {record.get('split')!r} is not dev or test")
    try:
        published = _date(record.get("published"))
    except ValueError as exc:
        problems.append(f"published: {exc}")
        published = None
    if "text" in record and not record.get("sources"):
        problems.append("a written report needs 'sources' (where the events are documented)")
    for i, event in enumerate(record.get("events") or []):
        problems += [f"event {i + 1}: {p}" for p in check_event(event, text, published)]
    for i, item in enumerate(record.get("not_events") or []):
        if not isinstance(item, dict) or not item.get("text"):
            problems.append(f"not_event {i + 1}: needs text")
            continue
        if text is not None and item["text"] not in text:
            problems.append(f"not_event {i + 1}: {item['text'][:60]!r} is not in the text")
        # ``why`` is free text; it should start with one of WHY, but any stated reason is valid.
        if not str(item.get("why") or "").strip():
            problems.append(f"not_event {i + 1}: needs a 'why' (e.g. one of {WHY})")
    return problems


def check_files(paths: list[Path]) -> list[str]:
    """Return every problem of every line of ``paths`` as ``file:line: problem``."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not valid JSON ({exc.msg})")
                continue
            rid = str(record.get("id") or record.get("url"))
            if rid in seen:
                problems.append(f"{where}: id {rid!r} already used at {seen[rid]}")
            seen[rid] = where
            problems += [f"{where} ({rid}): {p}" for p in check_record(record)]
    return problems


def main(argv: list[str]) -> int:
    """Check the files in ``argv`` (default: every bundled gold file) and print a summary."""
    paths = [Path(a) for a in argv] or sorted(GOLD_DIR.glob("*.jsonl"))
    problems = check_files(paths)
    for problem in problems:
        print(problem)
    reports = sum(1 for p in paths for line in p.read_text("utf-8").splitlines() if line.strip())
    print(f"{len(paths)} file(s), {reports} record(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
