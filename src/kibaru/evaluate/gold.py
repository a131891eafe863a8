"""Load gold reports: typed records with evidence and trigger offsets computed from the text.

A gold file is JSON lines, one report a line (see ``src/kibaru/data/gold/README.md``). A report
either carries its ``text`` (reports written by the team) or points at a Wikinews article by
``url`` and ``text_sha256``; the text of those is read from the Wikinews CSVs in ``../shared``
at load time and is never copied into the repository. When ``../shared`` is absent, or the
article's text no longer hashes to ``text_sha256``, the report is skipped with a reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from kibaru.contract import Span
from kibaru.errors import ConfigError, MalformedInputError

__all__ = [
    "GoldActor",
    "GoldCount",
    "GoldEvent",
    "GoldLocation",
    "GoldNotEvent",
    "GoldReport",
    "GoldSet",
    "bundled_gold_files",
    "default_shared_dir",
    "load_gold",
    "load_gold_files",
    "parse_report",
    "wikinews_split",
]

SPLITS = ("dev", "test")


def wikinews_split(url: str) -> str:
    """Return the team's split for a Wikinews URL: test when sha1(url)[0] is in 8-f."""
    return "test" if hashlib.sha1(url.encode()).hexdigest()[0] in "89abcdef" else "dev"


def default_shared_dir() -> Path:
    """Return ``$KIBARU_SHARED`` or the ``shared`` folder beside the checkout."""
    env = os.environ.get("KIBARU_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared"


def bundled_gold_files() -> list[Path]:
    """Return the gold files shipped in ``kibaru/data/gold`` (sorted by name)."""
    folder = Path(str(resources.files("kibaru") / "data" / "gold"))
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


@dataclass(frozen=True, slots=True)
class GoldActor:
    """One annotated actor; ``country`` is ISO3 or None, ``sector`` a contract sector."""

    name: str
    text: str = ""
    country: str | None = None
    sector: str | None = None
    acled_inter: int | None = None


@dataclass(frozen=True, slots=True)
class GoldLocation:
    """One annotated event location (ACLED geo_precision 1-3)."""

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None


@dataclass(frozen=True, slots=True)
class GoldCount:
    """An annotated count with its conservative range."""

    low: int
    best: int
    high: int


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event; spans are character offsets into ``GoldReport.text``."""

    evidence: str
    trigger: str
    evidence_span: Span
    trigger_span: Span
    plover_type: str | None
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    modality: str = "asserted"
    aggregate: bool = False
    date: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: int | None = None
    source_actors: tuple[GoldActor, ...] = ()
    target_actors: tuple[GoldActor, ...] = ()
    location: GoldLocation | None = None
    fatalities: GoldCount | None = None
    injuries: GoldCount | None = None
    other_evidence: tuple[Span, ...] = ()
    """Other sentences restating the same event (a second mention is a duplicate, not new)."""

    @property
    def spans(self) -> tuple[Span, ...]:
        """Return the evidence sentence and the sentences restating it."""
        return (self.evidence_span, *self.other_evidence)


@dataclass(frozen=True, slots=True)
class GoldNotEvent:
    """A span that must not become an asserted event, with the reason."""

    text: str
    span: Span
    why: str = ""


@dataclass(frozen=True, slots=True)
class GoldReport:
    """One annotated article."""

    id: str
    split: str
    published: dt.date | None
    text: str
    events: tuple[GoldEvent, ...]
    not_events: tuple[GoldNotEvent, ...] = ()
    title: str = ""
    url: str | None = None
    origin: str = ""
    """The gold file (and line) this report came from."""

    @property
    def asserted(self) -> tuple[GoldEvent, ...]:
        """Return the events a coder must emit as asserted."""
        return tuple(e for e in self.events if e.modality == "asserted")


@dataclass(frozen=True)
class GoldSet:
    """Reports loaded from one or more files, and the reports skipped with their reasons."""

    reports: tuple[GoldReport, ...]
    skipped: tuple[str, ...] = ()
    files: tuple[str, ...] = field(default_factory=tuple)

    def split(self, name: str) -> GoldSet:
        """Return the reports of split ``name`` (``dev``, ``test`` or ``all``)."""
        if name == "all":
            return self
        return GoldSet(tuple(r for r in self.reports if r.split == name), self.skipped, self.files)


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise MalformedInputError(f"{where}: bad date {value!r}") from exc


def _count(value: Any, where: str) -> GoldCount | None:
    if value is None:
        return None
    if isinstance(value, int):
        return GoldCount(value, value, value)
    if not isinstance(value, Mapping):
        raise MalformedInputError(f"{where}: a count must be an object with low/best/high")
    best = value.get("best", value.get("low"))
    low = value.get("low", best)
    high = value.get("high", best)
    if best is None or low is None or high is None or not low <= best <= high:
        raise MalformedInputError(f"{where}: count needs low <= best <= high, got {dict(value)}")
    return GoldCount(int(low), int(best), int(high))


def _actors(values: Any) -> tuple[GoldActor, ...]:
    actors = []
    for item in values or ():
        if isinstance(item, str):
            actors.append(GoldActor(name=item, text=item))
            continue
        actors.append(
            GoldActor(
                name=str(item.get("name") or item.get("text") or ""),
                text=str(item.get("text") or ""),
                country=item.get("country") or None,
                sector=item.get("sector") or None,
                acled_inter=item.get("acled_inter"),
            )
        )
    return tuple(actors)


def _location(value: Any) -> GoldLocation | None:
    if not value:
        return None
    lat, lon = value.get("lat"), value.get("lon")
    return GoldLocation(
        name=str(value.get("name") or ""),
        country=value.get("country") or None,
        admin1=value.get("admin1") or None,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        geo_precision=value.get("geo_precision"),
    )


def _find(needle: str, haystack: str, where: str, *, start: int = 0) -> Span:
    index = haystack.find(needle, start)
    if index < 0:
        raise MalformedInputError(f"{where}: {needle[:60]!r} is not in the text")
    return Span(index, index + len(needle))


def _event(raw: Mapping[str, Any], text: str, where: str) -> GoldEvent:
    evidence = str(raw.get("evidence") or "")
    trigger = str(raw.get("trigger") or "")
    if not evidence or not trigger:
        raise MalformedInputError(f"{where}: an event needs evidence and trigger")
    ev_span = _find(evidence, text, where)
    local = evidence.find(trigger)
    if local < 0:
        raise MalformedInputError(f"{where}: trigger {trigger!r} is not in its evidence")
    tr_span = Span(ev_span.start + local, ev_span.start + local + len(trigger))
    others = tuple(_find(str(o), text, where) for o in raw.get("other_evidence") or ())
    return GoldEvent(
        evidence=evidence,
        trigger=trigger,
        evidence_span=ev_span,
        trigger_span=tr_span,
        plover_type=raw.get("plover_type") or None,
        plover_mode=raw.get("plover_mode") or None,
        acled_event_type=raw.get("acled_event_type") or None,
        acled_sub_event_type=raw.get("acled_sub_event_type") or None,
        cameo_root=(str(raw["cameo_root"]).zfill(2) if raw.get("cameo_root") else None),
        modality=str(raw.get("modality") or "asserted"),
        aggregate=bool(raw.get("aggregate", False)),
        date=_date(raw.get("date"), where),
        date_end=_date(raw.get("date_end"), where) or _date(raw.get("date"), where),
        time_precision=raw.get("time_precision"),
        source_actors=_actors(raw.get("source_actors")),
        target_actors=_actors(raw.get("target_actors")),
        location=_location(raw.get("location")),
        fatalities=_count(raw.get("fatalities"), where),
        injuries=_count(raw.get("injuries"), where),
        other_evidence=others,
    )


def parse_report(raw: Mapping[str, Any], text: str, *, origin: str) -> GoldReport:
    """Return the typed report of one gold record whose article text is ``text``."""
    rid = str(raw.get("id") or raw.get("url") or origin)
    url = raw.get("url")
    split = str(raw.get("split") or (wikinews_split(url) if url else "dev"))
    if split not in SPLITS:
        raise MalformedInputError(f"{origin}: split must be dev or test, got {split!r}")
    events = tuple(
        _event(e, text, f"{origin} event {i + 1}") for i, e in enumerate(raw.get("events") or ())
    )
    not_events = []
    for i, item in enumerate(raw.get("not_events") or ()):
        phrase = str(item.get("text") or "")
        span = _find(phrase, text, f"{origin} not_event {i + 1}")
        not_events.append(GoldNotEvent(text=phrase, span=span, why=str(item.get("why") or "")))
    return GoldReport(
        id=rid,
        split=split,
        published=_date(raw.get("published"), origin),
        text=text,
        events=events,
        not_events=tuple(not_events),
        title=str(raw.get("title") or ""),
        url=url,
        origin=origin,
    )


def _wikinews_texts(shared_dir: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted((shared_dir / "corpus" / "wikinews" / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                texts[row["url"]] = row["text"]
    return texts


def load_gold(path: Path, *, shared_dir: Path | None = None) -> GoldSet:
    """Load one gold JSONL file; Wikinews-keyed records read their text from ``shared_dir``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the gold file ({exc.strerror})") from exc
    reports: list[GoldReport] = []
    skipped: list[str] = []
    texts: dict[str, str] | None = None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        origin = f"{path.name}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MalformedInputError(f"{origin}: not valid JSON ({exc.msg})") from exc
        text = raw.get("text")
        if text is None:
            url = raw.get("url")
            if not url:
                raise MalformedInputError(f"{origin}: a record needs text or url")
            if texts is None:
                folder = shared_dir or default_shared_dir()
                texts = _wikinews_texts(folder) if folder.is_dir() else {}
            if not texts:
                skipped.append(f"{origin}: skipped, the Wikinews corpus (../shared) is absent")
                continue
            text = texts.get(url)
            if text is None:
                skipped.append(f"{origin}: skipped, {url} is not in the Wikinews corpus")
                continue
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if raw.get("text_sha256") and digest != raw["text_sha256"]:
                skipped.append(f"{origin}: skipped, the text of {url} changed (sha256 differs)")
                continue
        reports.append(parse_report(raw, text, origin=origin))
    return GoldSet(tuple(reports), tuple(skipped), (str(path),))


def load_gold_files(paths: Iterable[Path], *, shared_dir: Path | None = None) -> GoldSet:
    """Load and concatenate several gold files; ids must be unique across them."""
    reports: list[GoldReport] = []
    skipped: list[str] = []
    files: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        part = load_gold(path, shared_dir=shared_dir)
        for report in part.reports:
            if report.id in seen:
                raise MalformedInputError(
                    f"{report.origin}: report id {report.id!r} already used at {seen[report.id]}"
                )
            seen[report.id] = report.origin
        reports.extend(part.reports)
        skipped.extend(part.skipped)
        files.extend(part.files)
    return GoldSet(tuple(reports), tuple(skipped), tuple(files))
