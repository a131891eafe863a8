"""Mark datelines, bylines, author bios, related links, boilerplate and captions
(stage clean.structure.v1).

Regions are kept as ``Annotation``s on the cleaned text, never deleted, so offsets stay valid
and a reader can see what was set aside. The language's cues live in
``data/<lang>/structure.yaml``. A dateline's date (or a date line opening the article) can
supply the publication date when the article has none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from kibaru import lexicon
from kibaru.contract import Annotation, Dateline, Doc, Span

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["StructureDetector", "StructureRules", "detect_structure"]


@dataclass(frozen=True)
class StructureRules:
    """Compiled cues of one language."""

    dateline: re.Pattern[str]
    date_line: re.Pattern[str]
    agencies: frozenset[str]
    byline: tuple[re.Pattern[str], ...]
    bio: re.Pattern[str]
    by_kind: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> StructureRules:
        """Compile the cues of a ``structure.yaml`` mapping."""
        professions = "|".join(re.escape(p) for p in data["bio_professions"])
        verbs = "|".join(data["bio_verbs"])
        name = r"[A-Z][\w.'’\-]+(?:\s+(?:[A-Z][\w.'’\-]+|de|van|von|al|el|bin|ibn|da|dos)){0,4}"
        bio = re.compile(
            rf"^{name}\s*(?:\([^)]*\)\s*)?,?\s+(?:{verbs})\b(?:\s+[\w\-'’]+){{0,5}}?\s+(?:{professions})\b",
        )
        return cls(
            dateline=re.compile(data["dateline"]),
            date_line=re.compile(data["date_line"]),
            agencies=frozenset(a.lower() for a in data.get("agencies", [])),
            byline=tuple(re.compile(p) for p in data.get("byline", [])),
            bio=bio,
            by_kind=tuple(
                (kind, tuple(re.compile(p, re.IGNORECASE if kind == "boilerplate" else 0) for p in data.get(kind, [])))
                for kind in ("related", "boilerplate", "caption")
            ),
        )


def _lines(text: str) -> Iterator[Span]:
    start = 0
    for part in text.split("\n"):
        if part.strip():
            yield Span(start, start + len(part))
        start += len(part) + 1


def _parse_date(text: str) -> dt.date | None:
    import dateparser

    parsed = dateparser.parse(
        text, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    day: dt.date = parsed.date()  # dateparser is untyped
    return day


def _dateline(text: str, first: Span, rules: StructureRules) -> tuple[Dateline | None, Annotation | None]:
    line = text[first.start : first.end]
    whole = rules.date_line.match(line.strip())
    if whole:
        span = Span(first.start, first.end)
        return Dateline(span=span, place=None, date=_parse_date(line.strip())), Annotation("dateline", span, "date line")
    match = rules.dateline.match(line)
    if not match or len(match.group("place").split()) > 6:
        return None, None
    place = match.group("place").strip().rstrip(",")
    # A dateline place is upper case ("LAGOS") or Title Case followed by an agency/date.
    if not (place.split(",")[0].isupper() or match.group("paren")):
        return None, None
    paren = match.group("paren")
    date = None
    if paren and paren.strip().lower() not in rules.agencies:
        date = _parse_date(paren)
    span = Span(first.start, first.start + match.end())
    place_start = first.start + match.start("place")
    place_span = Span(place_start, place_start + len(place))
    return Dateline(span=span, place=place_span, date=date), Annotation("dateline", span, place)


def detect_structure(text: str, rules: StructureRules) -> tuple[Dateline | None, list[Annotation]]:
    """Return the dateline and the non-news annotations of ``text``."""
    lines = list(_lines(text))
    annotations: list[Annotation] = []
    dateline: Dateline | None = None
    date_only: dt.date | None = None
    for span in lines[:3]:
        found, annotation = _dateline(text, span, rules)
        if found is None or annotation is None:
            break
        annotations.append(annotation)
        if found.place is None:
            date_only = date_only or found.date
            continue
        dateline = found
        break
    if dateline is None and annotations:
        dateline = Dateline(span=annotations[0].span, place=None, date=date_only)
    elif dateline is not None and dateline.date is None and date_only:
        dateline = Dateline(span=dateline.span, place=dateline.place, date=date_only)
    tail_from = int(len(lines) * 0.6)
    for index, span in enumerate(lines):
        line = text[span.start : span.end].strip()
        if any(p.match(line) for p in rules.byline) and len(line) < 250:
            annotations.append(Annotation("byline", span))
            continue
        if index >= max(tail_from, 1) and rules.bio.match(line):
            annotations.append(Annotation("bio", span))
            continue
        for kind, patterns in rules.by_kind:
            if any(p.search(line) for p in patterns) and (kind != "caption" or len(line) < 300):
                annotations.append(Annotation(kind, span))
                break
    return dateline, annotations


class StructureDetector:
    """Stage: dateline, bylines, bios, related links, boilerplate and captions."""

    name: ClassVar[str] = "clean.structure.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"annotations", "dateline", "published"})

    def __init__(self, context: BuildContext | None = None) -> None:
        self._rules: dict[str, StructureRules] = {}

    def rules(self, language: str) -> StructureRules:
        """Return the compiled cues of ``language`` (English when it has none)."""
        if language not in self._rules:
            try:
                data = lexicon.load(language, "structure")
            except Exception:  # noqa: BLE001 - a language without cues falls back to English
                data = lexicon.load("en", "structure")
            self._rules[language] = StructureRules.from_data(data)
        return self._rules[language]

    def __call__(self, doc: Doc) -> Doc:
        rules = self.rules(doc.article.language or "en")
        dateline, annotations = detect_structure(doc.text, rules)
        published = doc.article.published or (dateline.date if dateline else None)
        return doc.evolve(
            dateline=dateline,
            annotations=doc.annotations + tuple(annotations),
            published=published,
        )
