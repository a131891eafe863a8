"""Parse casualty counts from text: figures, number words, vague words, ranges, who and what.

A pure module (no Doc, no spaCy): ``parse_counts("killed 12 soldiers and wounded five")``
returns one ``ParsedCount`` per figure with ``low``/``best``/``high``, the victims' category
(``who``: civilians, soldiers, militants, ...) and what happened to them (``kind``: killed,
injured, abducted, casualties or unknown). The words are per-language data
(``data/<lang>/numbers.yaml``); the rules (docs/counts.md), after ACLED's codebook:

- a stated figure N is ``(N, N, N)``; "at least/more than N" is ``(N, N, 2N)``; "up to N"
  is ``(1, N, N)``; "about N" is ``(0.8N, N, 1.2N)``; "nearly N" is ``(0.8N, N, N)``;
- a range "between A and B", "A to B", "A-B", "A or B" is ``(A, A, B)``: the conservative
  figure is the lower one;
- vague words have fixed figures: "dozens" 12, "scores" 20, "hundreds" 100, "thousands"
  1000; small-scale words ("several", "a few", "some") 3; large-scale ones ("many",
  "numerous") 10; a bare plural victim noun ("killing civilians") 3; "a soldier" 1;
- a figure followed by a unit that is not people ("12-year", "5 km", "3 vehicles"), a day
  after a month name ("Feb. 8"), a bare year ("in 2012") and a clock time ("14:00") are not
  counts;
- what happened is read from the nearest casualty word after the figure within its clause
  ("12 soldiers were killed"), else before it ("killed 12 soldiers and wounded five": 12
  killed, 5 wounded), else inherited from the figure it is listed with ("killed 12 soldiers
  and 5 civilians");
- a figure above ``max_aggregate`` is flagged ``implausible`` (a population, not a toll);
- a figure in apposition that gives part of the figure before it ("53 people, 49 of them
  gendarmes, were killed") is flagged ``subset`` (never added to it), and what happened is
  read after the apposition for both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

__all__ = ["NumberWords", "ParsedCount", "default_words", "parse_counts"]

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?|%|[^\w\s]")
_CLAUSE_END = frozenset({"and", ",", ";", "but", ".", ":", "while", "whereas", "(", ")"})
_FORWARD_WINDOW = 6
Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedCount:
    """One count found in a text; offsets are into the text given (plus ``offset``)."""

    low: int
    best: int
    high: int
    start: int
    end: int
    text: str
    who: str | None = None
    kind: str = "unknown"
    flag: str = ""
    bare: bool = False
    """No figure was written: a bare plural or "a soldier" (see ``bare_plural``)."""


def _phrases(words: Sequence[str]) -> dict[Phrase, str]:
    return {tuple(w.lower().split()): w for w in words}


@dataclass(frozen=True)
class NumberWords:
    """The vocabulary of one language (``data/<lang>/numbers.yaml``), parsed."""

    units: Mapping[str, int]
    tens: Mapping[str, int]
    scales: Mapping[str, int]
    groups: Mapping[str, int]
    one_words: frozenset[str]
    vague: Mapping[Phrase, tuple[int, int, int]]
    bare_plural: tuple[int, int, int]
    modifiers: Mapping[Phrase, str]
    months: frozenset[str]
    range_words: frozenset[str]
    range_openers: frozenset[str]
    not_people: frozenset[str]
    victims: Mapping[Phrase, str]
    kinds: Mapping[Phrase, str]
    max_single_event: int
    max_aggregate: int
    subset_words: frozenset[Phrase] = frozenset()
    """Words after a figure that make it part of the figure before it ("49 of them")."""
    singular_pronouns: frozenset[str] = frozenset()
    victim_prepositions: frozenset[str] = frozenset()
    """Prepositions whose object is the victim of a casualty noun ("the killing of")."""
    """Pronouns that stand for one person ("shot him dead"): one death each."""
    negators: frozenset[str] = frozenset()
    """Determiners that deny a victim ("no soldier was killed")."""
    revision_words: frozenset[str] = frozenset()
    """Words that revise an earlier toll ("revised the toll to 84")."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> NumberWords:
        """Build the vocabulary from a parsed ``numbers.yaml``."""
        def table(section: Mapping[str, Sequence[str]]) -> dict[Phrase, str]:
            out: dict[Phrase, str] = {}
            for label, words in section.items():
                out.update({tuple(str(w).lower().split()): str(label) for w in words})
            return out

        def triple(value: Sequence[int]) -> tuple[int, int, int]:
            low, best, high = (int(v) for v in value)
            return low, best, high

        return cls(
            units={str(k): int(v) for k, v in data["units"].items()},
            tens={str(k): int(v) for k, v in data["tens"].items()},
            scales={str(k): int(v) for k, v in data["scales"].items()},
            groups={str(k): int(v) for k, v in data["groups"].items()},
            one_words=frozenset(str(w) for w in data.get("one_words") or ()),
            vague={tuple(str(k).lower().split()): triple(v) for k, v in data["vague"].items()},
            bare_plural=triple(data["bare_plural"]),
            modifiers=table(data["modifiers"]),
            months=frozenset(str(w).lower() for w in data.get("months") or ()),
            range_words=frozenset(data.get("range_words") or ()),
            range_openers=frozenset(data.get("range_openers") or ()),
            not_people=frozenset(str(w).lower() for w in data.get("not_people") or ()),
            victims=table(data["victims"]),
            kinds=table(data["kinds"]),
            max_single_event=int(data.get("max_single_event", 10_000)),
            max_aggregate=int(data.get("max_aggregate", 1_000_000)),
            subset_words=frozenset(
                tuple(str(w).lower().split()) for w in data.get("subset_words") or ()
            ),
            singular_pronouns=frozenset(str(w).lower() for w in data.get("singular_pronouns") or ()),
            victim_prepositions=frozenset(str(w).lower() for w in data.get("victim_prepositions") or ()),
            negators=frozenset(str(w).lower() for w in data.get("negators") or ()),
            revision_words=frozenset(str(w).lower() for w in data.get("revision_words") or ()),
        )

    def is_number_word(self, token: str) -> bool:
        """Return whether ``token`` is a unit, tens, scale or group word."""
        return (
            token in self.units or token in self.tens or token in self.scales
            or token in self.groups
        )


@lru_cache(maxsize=8)
def default_words(language: str = "en") -> NumberWords:
    """Return the shipped vocabulary for ``language``."""
    from kibaru import lexicon

    return NumberWords.from_data(lexicon.load(language, "numbers"))


@dataclass(frozen=True, slots=True)
class _Figure:
    first: int
    last: int  # index of the figure's last token
    low: int
    best: int
    high: int
    exact: bool


def _match_phrase(table: Mapping[Phrase, str], low: list[str], i: int) -> tuple[str, int] | None:
    for length in (4, 3, 2, 1):
        key = tuple(low[i : i + length])
        if len(key) == length and key in table:
            return table[key], length
    return None


def _digits(token: str) -> float | None:
    if not token[0].isdigit():
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return float(token.replace(",", ""))
    try:
        return float(token.replace(",", "."))
    except ValueError:
        return None


def _figure_at(words: NumberWords, low: list[str], i: int) -> _Figure | None:
    """Return the figure starting at token ``i`` (digits, number words or a vague word)."""
    for length in (4, 3, 2, 1):
        key = tuple(low[i : i + length])
        if len(key) == length and key in words.vague:
            after = i + length
            if key in (("some",), ("few",)) and after < len(low) and _starts_number(words, low, after):
                return None  # "some 50" is a modifier, not a vague count
            lo, best, hi = words.vague[key]
            return _Figure(i, after - 1, lo, best, hi, exact=False)
    value = _digits(low[i])
    j = i
    if value is not None:
        if j + 1 < len(low) and low[j + 1] in words.scales:
            value *= words.scales[low[j + 1]]
            j += 1
        number = int(value)
        return _Figure(i, j, number, number, number, exact=True)
    return _words_figure(words, low, i)


def _starts_number(words: NumberWords, low: list[str], i: int) -> bool:
    return bool(low[i][0].isdigit() or words.is_number_word(low[i]) or (
        low[i] in words.one_words and i + 1 < len(low)
        and (low[i + 1] in words.groups or low[i + 1] in words.scales)
    ))


def _words_figure(words: NumberWords, low: list[str], i: int) -> _Figure | None:
    total, current, j, used = 0, 0, i, False
    while j < len(low):
        token = low[j]
        if token in words.one_words and not used and j + 1 < len(low) and (
            low[j + 1] in words.groups or low[j + 1] in words.scales
        ):
            current = 1
        elif token in words.units:
            current += words.units[token]
        elif token in words.tens:
            current += words.tens[token]
        elif token == "hundred":
            current = (current or 1) * words.scales[token]
        elif token in words.scales:
            total += (current or 1) * words.scales[token]
            current = 0
        elif token in words.groups:
            current = (current or 1) * words.groups[token]
        elif token in ("-", "and") and used and j + 1 < len(low) and words.is_number_word(low[j + 1]):
            pass
        else:
            break
        used = True
        j += 1
    if not used or (total + current) == 0 and low[i] != "zero":
        return None
    value = total + current
    return _Figure(i, j - 1, value, value, value, exact=True)


def _apply_modifier(figure: _Figure, modifier: str | None) -> tuple[int, int, int]:
    n = figure.best
    if not figure.exact or modifier is None:
        return figure.low, figure.best, figure.high
    if modifier == "at_least":
        return n, n, max(n * 2, n + 1)
    if modifier == "at_most":
        return min(1, n), n, n
    if modifier == "about":
        return round(n * 0.8), n, max(round(n * 1.2), n)
    if modifier == "nearly":
        return round(n * 0.8), n, n
    return n, n, n


def _modifier_before(words: NumberWords, low: list[str], i: int) -> tuple[str, int] | None:
    for length in (4, 3, 2, 1):
        if i - length < 0:
            continue
        key = tuple(low[i - length : i])
        if key in words.modifiers:
            return words.modifiers[key], i - length
    return None


def _victim_after(words: NumberWords, low: list[str], j: int) -> tuple[str, int] | None:
    """Return the victims' category named within a few tokens after index ``j``."""
    k = j + 1
    limit = min(len(low), j + 6)
    while k < limit:
        if low[k] in _CLAUSE_END:
            return None
        found = _match_phrase(words.victims, low, k)
        if found is not None:
            return found[0], k + found[1] - 1
        k += 1
    return None


def _kind_between(words: NumberWords, low: list[str], start: int, end: int, *,
                  backwards: bool) -> str | None:
    indices = range(end - 1, start - 1, -1) if backwards else range(start, end)
    for k in indices:
        found = _match_phrase(words.kinds, low, k)
        if found is not None and k + found[1] <= max(end, k + 1):
            return found[0]
    return None


def _forward_end(low: list[str], j: int, stop: int) -> int:
    k = j + 1
    while k < min(stop, j + 1 + _FORWARD_WINDOW):
        if low[k] in _CLAUSE_END:
            break
        k += 1
    return k


def parse_counts(
    text: str, *, words: NumberWords | None = None, offset: int = 0
) -> list[ParsedCount]:
    """Return every count of people in ``text``, in order (see the module docstring)."""
    words = words or default_words("en")
    matches = list(_TOKEN.finditer(text))
    low = [m.group().lower().replace("’", "'") for m in matches]
    figures: list[tuple[_Figure, tuple[int, int, int], int]] = []  # figure, triple, first tok
    i = 0
    while i < len(low):
        figure = _figure_at(words, low, i)
        if figure is None:
            i += 1
            continue
        if not _is_count(words, low, matches, figure):
            i = figure.last + 1
            continue
        modifier = _modifier_before(words, low, i)
        first = modifier[1] if modifier else i
        triple = _apply_modifier(figure, modifier[0] if modifier else None)
        # a range: "between 10 and 15", "10 to 15", "10-15", "10 or 12"
        j = figure.last
        if j + 2 < len(low) + 1 and j + 1 < len(low) and (
            low[j + 1] in words.range_words or low[j + 1] == "-"
        ) and j + 2 < len(low):
            second = _figure_at(words, low, j + 2)
            joiner_ok = low[j + 1] != "and" or (i > 0 and low[i - 1] in words.range_openers)
            if second is not None and second.exact and figure.exact and joiner_ok and (
                second.best > figure.best
            ):
                triple = (figure.best, figure.best, second.best)
                j = second.last
                if i > 0 and low[i - 1] in words.range_openers:
                    first = i - 1
        figures.append((_Figure(figure.first, j, *triple, figure.exact), triple, first))
        i = j + 1
    if not figures:
        return _bare_counts(words, text, matches, low, offset)
    out: list[ParsedCount] = []
    for n, (figure, (lo, best, hi), first) in enumerate(figures):
        victim = _victim_after(words, low, figure.last)
        end_tok = victim[1] if victim else figure.last
        next_start = figures[n + 1][2] if n + 1 < len(figures) else len(low)
        prev_end = figures[n - 1][0].last + 1 if n > 0 else 0
        kind = _kind_between(words, low, end_tok + 1, _forward_end(low, end_tok, next_start),
                             backwards=False)
        if kind is None:
            kind = _kind_between(words, low, prev_end, first, backwards=True)
        if kind is None and out and _listed(low, prev_end, first):
            kind = out[-1].kind
        start, end = matches[first].start(), matches[end_tok].end()
        flag = "implausible" if best > words.max_aggregate else ""
        if out and _subset(words, low, figure.last, first, figures[n - 1][0].last,
                           out[-1].end - offset, matches):
            # "53 people, 49 of them gendarmes, were killed": 49 is part of the 53.
            flag = flag or "subset"
            if kind in (None, "unknown"):
                close = next((k for k in range(end_tok + 1, min(len(low), end_tok + 4))
                              if low[k] == ","), None)
                if close is not None:
                    kind = _kind_between(words, low, close + 1,
                                         _forward_end(low, close, next_start), backwards=False)
            if kind is not None and out[-1].kind == "unknown":
                out[-1] = replace(out[-1], kind=kind)
        out.append(ParsedCount(lo, best, hi, offset + start, offset + end, text[start:end],
                               victim[0] if victim else None, kind or "unknown", flag))
    return out


def _subset(words: NumberWords, low: list[str], last: int, first: int, previous_last: int,
            previous_end: int, matches: list[re.Match[str]]) -> bool:
    """Whether the figure at ``first..last`` is an apposition giving part of the figure
    just before it (", 49 of them gendarmes,")."""
    if first < 1 or low[first - 1] != "," or matches[first - 1].start() < previous_end:
        return False
    if first - 1 - previous_last > 3:  # the count before may carry its victim noun only
        return False
    return any(tuple(low[last + 1 : last + 1 + len(p)]) == p for p in words.subset_words)


def _listed(low: list[str], start: int, end: int) -> bool:
    """Return whether tokens ``start..end`` only join two listed counts ("soldiers and")."""
    between = low[start:end]
    return len(between) <= 4 and any(t in ("and", ",", "as", "well", "plus") for t in between)


def _is_count(words: NumberWords, low: list[str], matches: list[re.Match[str]],
              figure: _Figure) -> bool:
    i, j = figure.first, figure.last
    if i > 0 and (low[i - 1] in words.months or (
        low[i - 1] == "." and i > 1 and low[i - 2] in words.months
    )):
        return False
    nxt = j + 1
    if nxt + 1 < len(low) and low[nxt] in (":", "h") and low[nxt + 1][:1].isdigit():
        return False  # a clock time: "at around 14:00", "at 6h30"
    if i > 1 and low[i - 1] in (":", "h") and low[i - 2][:1].isdigit():
        return False  # the minutes of a clock time
    if nxt < len(low) and low[nxt] == "-":
        nxt += 1
    if nxt < len(low) and low[nxt] in words.not_people:
        return False
    token = low[i]
    if figure.exact and re.fullmatch(r"1[89]\d\d|20\d\d", token):
        return _victim_after(words, low, j) is not None  # "2012" is a year unless "2012 people"
    return not (nxt < len(low) and low[nxt] in words.months)  # "8 February" is a date


def _bare_counts(words: NumberWords, text: str, matches: list[re.Match[str]], low: list[str],
                 offset: int) -> list[ParsedCount]:
    """Counts with no figure: "a soldier was killed" (1), "killing civilians" (3)."""
    for k in range(len(low)):
        found = _match_phrase(words.victims, low, k)
        if found is None:
            continue
        category, length = found
        last = k + length - 1
        surface = low[last]
        singular = k > 0 and low[k - 1] in words.one_words
        if singular:
            triple: tuple[int, int, int] = (1, 1, 1)
            first = k - 1
        elif surface.endswith("s") or surface in ("people", "children", "women", "men", "police"):
            triple = words.bare_plural
            first = k
        else:
            continue
        kind = _kind_between(words, low, 0, len(low), backwards=False) or "unknown"
        start, end = matches[first].start(), matches[last].end()
        return [ParsedCount(*triple, offset + start, offset + end, text[start:end], category, kind,
                            bare=True)]
    return []
