"""Find and resolve time expressions in text against a publication date (pure functions).

No free-text date search from a library is used: ``dateparser.search_dates`` invents dates
from words like "march". Patterns are built from the per-language word lists in
``data/<lang>/dates.yaml`` (months, weekdays, relative words, month parts, number words).

Resolution rules (``time_precision`` as ACLED: 1 day, 2 week or range of days, 3 month or
coarser):

- full dates ("8 February 2023", "Feb. 8, 2023", "2023-02-08") -> that day, 1;
- partial dates ("Feb. 8", "on 3 January") -> the most recent such day not after
  publication, 1;
- day ranges ("Feb. 6-7", "between 3 and 5 March") -> start/end, 2;
- month parts ("early March": 1-10, "mid-": 11-20, "late": 21-end) -> 2;
- a month ("in March", "March 2021", "last month") -> the whole month, 3;
- a year or part of one ("in 2014", "mid-2021", "last year", "11 years ago") -> that span,
  3 (coarser than a month: ACLED would not record it; Kibaru keeps the range and the caller
  can drop it);
- days relative to publication ("yesterday", "on Tuesday": the latest such weekday not after
  publication, "two days ago") -> 1; weeks ("last week": the previous Monday-Sunday,
  "this week", "last weekend") -> 2;
- anchored relatives ("the next day", "a year later", "two days earlier") -> shifted from the
  narrative date (the previous dated event), or nothing when there is none.

Impossible dates (Feb 30, year 0 or 9999) resolve to nothing; they never raise.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kibaru.contract import DateSpan, Span

__all__ = ["DateWords", "extract_dates", "parse_date_expression"]

MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class DateWords:
    """One language's date vocabulary (parsed from ``dates.yaml``)."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    units: dict[str, str]
    numbers: dict[str, int]
    previous: tuple[str, ...]
    current: tuple[str, ...]
    anchored: dict[str, tuple[str, ...]]
    recent: dict[str, tuple[int, int]]
    open_ranges: tuple[str, ...] = ()
    """Words opening a period that runs up to publication ("since")."""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DateWords:
        """Build the vocabulary from a parsed ``dates.yaml``."""
        def pairs(d: dict[str, Any]) -> dict[str, tuple[int, int]]:
            return {str(k).lower(): (int(v[0]), int(v[1])) for k, v in (d or {}).items()}

        return cls(
            months={str(k).lower(): int(v) for k, v in data["months"].items()},
            ambiguous_months=frozenset(str(m).lower() for m in data.get("ambiguous_months") or []),
            weekdays={str(k).lower(): int(v) for k, v in data["weekdays"].items()},
            relative_days={str(k).lower(): int(v) for k, v in data["relative_days"].items()},
            month_parts=pairs(data.get("month_parts") or {}),
            year_parts=pairs(data.get("year_parts") or {}),
            units={str(k).lower(): str(v) for k, v in data["units"].items()},
            numbers={str(k).lower(): int(v) for k, v in data["numbers"].items()},
            previous=tuple(str(x).lower() for x in data.get("previous") or ()),
            current=tuple(str(x).lower() for x in data.get("current") or ()),
            anchored={str(k): tuple(str(x).lower() for x in v)
                      for k, v in (data.get("anchored") or {}).items()},
            recent=pairs(data.get("recent") or {}),
            open_ranges=tuple(str(x).lower() for x in data.get("open_ranges") or ()),
        )


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_Handler = Callable[[re.Match[str], dt.date, dt.date | None], DateSpan | None]


class _Patterns:
    """The compiled patterns of one vocabulary, in priority order."""

    def __init__(self, w: DateWords) -> None:
        self.w = w
        month = rf"(?P<m>{_alt(w.months)})\.?"
        month2 = rf"(?P<m2>{_alt(w.months)})\.?"
        day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
        day2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
        year = r"(?P<y>\d{4})"
        opt_year = rf"(?:,?\s+{year})?"
        to = r"\s*(?:-|–|—|to|and|through|until)\s*"
        wd = rf"(?P<wd>{_alt(w.weekdays)})"
        num = rf"(?P<n>\d+|{_alt(w.numbers)})"
        unit = rf"(?P<u>{_alt(w.units)})"
        prev = _alt(w.previous)
        cur = _alt(w.current)
        e = r"(?![\w-])"
        b = r"(?<![\w-])"
        specs: list[tuple[str, _Handler]] = [
            (rf"{b}(?P<y>\d{{4}})-(?P<mn>\d{{1,2}})-(?P<d>\d{{1,2}}){e}", self._iso),
            (rf"{b}{month}\s+{day}{to}{month2}\s+{day2}{opt_year}{e}", self._range_two_months),
            (rf"{b}{month}\s+{day}{to}{day2}{opt_year}{e}", self._range),
            (rf"{b}(?:between\s+|from\s+)?{day}{to}{day2}\s+(?:of\s+)?{month}{opt_year}{e}", self._range),
            (rf"{b}{month}\s+{day}{opt_year}{e}(?!:)", self._day),
            (rf"{b}{day}\s+(?:of\s+)?{month}{opt_year}{e}", self._day),
            (rf"{b}(?P<part>{_alt(w.month_parts)})[\s-]+{month}(?:\s+{year})?{e}", self._month_part),
            (rf"{b}(?P<part>{_alt(w.year_parts)})[\s-]+{year}{e}", self._year_part),
            (rf"{b}{month}\s+(?:of\s+)?{year}{e}", self._month),
            (rf"{b}(?:in|during|of|by|until|since)\s+{month}{e}", self._month),
            (rf"{b}(?:in|during|of|by|until|since)\s+(?:the\s+year\s+)?{year}{e}", self._year),
            (rf"{b}{num}\s+{unit}\s+ago{e}", self._ago),
            (rf"{b}{num}\s+{unit}\s+(?P<dir>later|after|earlier|before){e}(?!\s+(?:the|a|an|his|her|its|their)\b)", self._shift),
            (rf"{b}(?P<anc>{_alt(w.anchored.get('next', ()) + w.anchored.get('previous', ()))})\s+(?P<u>day|morning|night|evening|week|month|year){e}", self._anchored),
            (rf"{b}(?P<same>{_alt(w.anchored.get('same', ()))}){e}", self._same_day),
            (rf"{b}(?P<rel>{_alt(w.relative_days)}){e}", self._relative_day),
            (rf"{b}(?:(?P<which>{prev}|{cur}|on|next)\s+)?{wd}(?:\s+(?:morning|afternoon|evening|night))?{e}", self._weekday),
            (rf"{b}(?P<which>{prev}|{cur})\s+(?P<u>week|weekend|month|year){e}", self._period),
            (rf"{b}(?:over\s+)?the\s+weekend{e}", self._weekend),
            (rf"{b}(?P<rec>{_alt(w.recent)}){e}", self._recent),
        ]
        self.patterns = [(re.compile(p, re.IGNORECASE), h) for p, h in specs]

    # -- helpers -----------------------------------------------------------------------------

    def _month_no(self, match: re.Match[str], group: str = "m") -> int | None:
        token = match.group(group)
        key = token.lower().rstrip(".")
        if key in self.w.ambiguous_months and not token[0].isupper():
            return None
        return self.w.months.get(key)

    def _number(self, token: str) -> int | None:
        return int(token) if token.isdigit() else self.w.numbers.get(token.lower())

    # -- handlers ------------------------------------------------------------------------------

    def _iso(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        day = _date(int(m.group("y")), int(m.group("mn")), int(m.group("d")))
        return DateSpan(day, day, 1) if day else None

    def _day(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        month = self._month_no(m)
        if month is None:
            return None
        d = int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else _infer_year(month, d, pub)
        day = _date(year, month, d)
        return DateSpan(day, day, 1) if day else None

    def _range(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        month = self._month_no(m)
        if month is None:
            return None
        d1, d2 = int(m.group("d")), int(m.group("d2"))
        year = int(m.group("y")) if m.group("y") else _infer_year(month, d1, pub)
        start, end = _date(year, month, d1), _date(year, month, d2)
        if not start or not end or end < start:
            return None
        return DateSpan(start, end, 1 if start == end else 2)

    def _range_two_months(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        m1, m2 = self._month_no(m), self._month_no(m, "m2")
        if m1 is None or m2 is None:
            return None
        d1, d2 = int(m.group("d")), int(m.group("d2"))
        y2 = int(m.group("y")) if m.group("y") else _infer_year(m2, d2, pub)
        y1 = y2 if m1 <= m2 else y2 - 1
        start, end = _date(y1, m1, d1), _date(y2, m2, d2)
        if not start or not end or end < start:
            return None
        return DateSpan(start, end, 2)

    def _month_part(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        month = self._month_no(m)
        if month is None:
            return None
        first, last = self.w.month_parts[re.sub(r"\s+", " ", m.group("part").lower())]
        year = int(m.group("y")) if m.group("y") else _infer_year(month, first, pub)
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        end_day = min(last, calendar.monthrange(year, month)[1])
        return DateSpan(dt.date(year, month, first), dt.date(year, month, end_day), 2)

    def _year_part(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        year = int(m.group("y"))
        first, last = self.w.year_parts[re.sub(r"\s+", " ", m.group("part").lower())]
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return DateSpan(dt.date(year, first, 1), _month_end(year, last), 3)

    def _month(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        month = self._month_no(m)
        if month is None:
            return None
        year = int(m.group("y")) if m.groupdict().get("y") else _infer_year(month, 1, pub)
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        if m.group(0).lower().startswith("since"):
            return DateSpan(dt.date(year, month, 1), max(pub, dt.date(year, month, 1)), 3)
        return DateSpan(dt.date(year, month, 1), _month_end(year, month), 3)

    def _year(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        year = int(m.group("y"))
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        if m.group(0).lower().startswith("since"):
            return DateSpan(dt.date(year, 1, 1), max(pub, dt.date(year, 1, 1)), 3)
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), 3)

    def _ago(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        n = self._number(m.group("n"))
        return _shifted(pub, -n, self.w.units[m.group("u").lower()]) if n is not None else None

    def _shift(self, m: re.Match[str], pub: dt.date, narrative: dt.date | None) -> DateSpan | None:
        n = self._number(m.group("n"))
        if n is None or narrative is None:
            return None
        sign = 1 if m.group("dir").lower() in ("later", "after") else -1
        return _shifted(narrative, sign * n, self.w.units[m.group("u").lower()])

    def _anchored(self, m: re.Match[str], pub: dt.date, narrative: dt.date | None) -> DateSpan | None:
        if narrative is None:
            return None
        sign = 1 if m.group("anc").lower() in self.w.anchored.get("next", ()) else -1
        unit = m.group("u").lower()
        unit = "day" if unit in ("morning", "night", "evening") else unit
        return _shifted(narrative, sign, unit)

    def _same_day(self, m: re.Match[str], pub: dt.date, narrative: dt.date | None) -> DateSpan | None:
        return DateSpan(narrative, narrative, 1) if narrative else None

    def _relative_day(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        day = pub + dt.timedelta(days=self.w.relative_days[re.sub(r"\s+", " ", m.group("rel").lower())])
        return DateSpan(day, day, 1)

    def _weekday(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        token = m.group("wd")
        which = (m.group("which") or "").lower()
        if not token[0].isupper():
            return None
        target = self.w.weekdays[token.lower()]
        back = (pub.weekday() - target) % 7
        if which in self.w.previous and back == 0:
            back = 7
        if which == "next":
            return None  # a future day: not an event date
        day = pub - dt.timedelta(days=back)
        return DateSpan(day, day, 1)

    def _period(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        which, unit = m.group("which").lower(), m.group("u").lower()
        previous = which in self.w.previous
        if unit == "weekend":
            return self._weekend(m, pub - dt.timedelta(days=2) if previous and pub.weekday() >= 5 else pub, _n)
        if unit == "week":
            monday = pub - dt.timedelta(days=pub.weekday())
            if previous:
                return DateSpan(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), 2)
            return DateSpan(monday, pub, 2)
        if unit == "month":
            if previous:
                last = pub.replace(day=1) - dt.timedelta(days=1)
                return DateSpan(last.replace(day=1), last, 3)
            return DateSpan(pub.replace(day=1), pub, 3)
        if previous:
            return DateSpan(dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), 3)
        return DateSpan(dt.date(pub.year, 1, 1), pub, 3)

    def _weekend(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        back = (pub.weekday() - 6) % 7  # the latest Sunday not after publication
        sunday = pub - dt.timedelta(days=back)
        return DateSpan(sunday - dt.timedelta(days=1), sunday, 2)

    def _recent(self, m: re.Match[str], pub: dt.date, _n: dt.date | None) -> DateSpan | None:
        days, precision = self.w.recent[re.sub(r"\s+", " ", m.group("rec").lower())]
        return DateSpan(pub - dt.timedelta(days=days), pub, precision)


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _infer_year(month: int, day: int, pub: dt.date) -> int:
    """Return the year that puts (month, day) on the latest date not after publication."""
    return pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1


def _shifted(anchor: dt.date, amount: int, unit: str) -> DateSpan | None:
    try:
        if unit == "day":
            day = anchor + dt.timedelta(days=amount)
            return DateSpan(day, day, 1)
        if unit == "week":
            day = anchor + dt.timedelta(weeks=amount)
            monday = day - dt.timedelta(days=day.weekday())
            return DateSpan(monday, monday + dt.timedelta(days=6), 2)
        if unit == "month":
            index = anchor.year * 12 + anchor.month - 1 + amount
            year, month = divmod(index, 12)
            if not MIN_YEAR <= year <= MAX_YEAR:
                return None
            return DateSpan(dt.date(year, month + 1, 1), _month_end(year, month + 1), 3)
        year = anchor.year + amount
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), 3)
    except (ValueError, OverflowError):
        return None


_COMPILED: dict[int, _Patterns] = {}


def _patterns(words: DateWords) -> _Patterns:
    key = id(words)
    if key not in _COMPILED:
        _COMPILED[key] = _Patterns(words)
    return _COMPILED[key]


def extract_dates(
    text: str, words: DateWords, *, published: dt.date, narrative: dt.date | None = None,
    start: int = 0, end: int | None = None,
) -> list[DateSpan]:
    """Return the resolved time expressions in ``text[start:end]``, in text order, each with
    its span (offsets into ``text``) and surface text. Overlaps keep the earliest, longest."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, DateSpan]] = []
    taken: list[tuple[int, int]] = []
    for pattern, handler in _patterns(words).patterns:
        for match in pattern.finditer(text, start, end):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            resolved = handler(match, published, narrative)
            if resolved is None:
                continue
            taken.append((s, e))
            found.append((s, e, DateSpan(resolved.start, resolved.end, resolved.time_precision,
                                         text=match.group(0), span=Span(s, e))))
    return [d for _, _, d in sorted(found, key=lambda x: x[0])]


def parse_date_expression(
    expression: str, words: DateWords, *, published: dt.date, narrative: dt.date | None = None,
) -> DateSpan | None:
    """Resolve one isolated time expression ("Feb. 6-7", "last week"); None if it is none."""
    found = extract_dates(expression, words, published=published, narrative=narrative)
    if not found:
        return None
    best = max(found, key=lambda d: len(d.text))
    return DateSpan(best.start, best.end, best.time_precision, text=expression.strip())
