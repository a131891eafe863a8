"""Match known names in text: word tokens, accent- and hyphen-blind keys, per-token case rules.

A name ("Jama'at Nusrat al-Islam wal-Muslimin", "UN", "the Kremlin", "soldiers") is split
into word tokens and punctuation tokens; hyphens are dropped so "al-Shabaab" and
"al Shabaab" share a key; accents are folded so "Goïta" and "Goita" share one. Case follows
the name as written, token by token:

- a lower-case token ("soldiers", "the") matches in any case ("Soldiers" opening a sentence);
- a capitalised token ("Mali", "Kremlin") needs a capital in the text ("MALI" also matches,
  "mali" does not);
- any other token (acronyms and mixed case: "UN", "IS", "FAMa", "M23") must match exactly.

Matching finds the longest name starting at each token, then keeps the longest names (in
characters) first, so "the Islamic State in the Greater Sahara" beats "the Islamic State".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["AliasIndex", "IndexEntry", "Match", "normalise_token", "tokenize"]

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
_DROPPED = frozenset({"-", "‐", "‑"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})


@lru_cache(maxsize=1 << 16)
def normalise_token(token: str) -> str:
    """Return the case-, accent- and apostrophe-folded form of one token."""
    decomposed = unicodedata.normalize("NFKD", token.translate(_QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_accents(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token.translate(_QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Return ``(start, end, token)`` for each word or punctuation token, hyphens dropped."""
    return [
        (offset + m.start(), offset + m.end(), m.group())
        for m in _TOKEN.finditer(text)
        if m.group() not in _DROPPED
    ]


def _case_rule(token: str) -> str:
    letters = [c for c in token if c.isalpha()]
    if not letters or all(c.islower() for c in letters):
        return "any"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "capital"
    return "exact"


def _case_ok(rule: str, pattern: str, token: str) -> bool:
    if rule == "any":
        return True
    if rule == "capital":
        first = next((c for c in token if c.isalpha()), "")
        return first.isupper()
    return _fold_accents(token) == _fold_accents(pattern)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One name in the index: the record it names, how (``name``, ``demonym``, ``metonym``,
    ``role``), and the case rule per token."""

    record_id: str
    kind: str
    rules: tuple[tuple[str, str], ...]
    """``(case rule, token as written)`` per token."""

    def accepts(self, tokens: list[str]) -> bool:
        """Return whether the text ``tokens`` satisfy this name's case rules."""
        return all(
            _case_ok(rule, pattern, token)
            for (rule, pattern), token in zip(self.rules, tokens, strict=True)
        )


@dataclass(frozen=True, slots=True)
class Match:
    """A name found in the text: character offsets, the entry and the matched text."""

    start: int
    end: int
    entry: IndexEntry
    text: str


@dataclass
class AliasIndex:
    """Names keyed by their folded token tuples, with the longest length per first token."""

    entries: dict[tuple[str, ...], list[IndexEntry]] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, record_id: str, kind: str) -> None:
        """Index ``name`` as a ``kind`` name of ``record_id`` (duplicates are ignored)."""
        tokens = [t for _, _, t in tokenize(name)]
        if not tokens:
            return
        key = tuple(normalise_token(t) for t in tokens)
        entry = IndexEntry(record_id, kind, tuple((_case_rule(t), t) for t in tokens))
        bucket = self.entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    def __len__(self) -> int:
        return sum(len(bucket) for bucket in self.entries.values())

    def find(self, text: str, *, offset: int = 0) -> Iterator[Match]:
        """Yield the names in ``text`` in order, never overlapping: the longest name (in
        characters) found anywhere wins over the names it overlaps, then the next longest,
        so "the Islamic State in the Greater Sahel" is one name, not "the Islamic State"."""
        tokens = tokenize(text, offset)
        folded = [normalise_token(t) for _, _, t in tokens]
        candidates: list[tuple[int, int, IndexEntry]] = []
        for i in range(len(tokens)):
            found = self._longest_at(tokens, folded, i)
            if found is not None:
                length, entry = found
                candidates.append((tokens[i][0], tokens[i + length - 1][1], entry))
        taken: list[tuple[int, int, IndexEntry]] = []
        for start, end, entry in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if all(end <= s or e <= start for s, e, _ in taken):
                taken.append((start, end, entry))
        for start, end, entry in sorted(taken, key=lambda c: c[0]):
            yield Match(start, end, entry, text[start - offset : end - offset])

    def _longest_at(
        self, tokens: list[tuple[int, int, str]], folded: list[str], i: int
    ) -> tuple[int, IndexEntry] | None:
        longest = self.longest.get(folded[i], 0)
        for length in range(min(longest, len(tokens) - i), 0, -1):
            bucket = self.entries.get(tuple(folded[i : i + length]))
            if not bucket:
                continue
            surface = [t for _, _, t in tokens[i : i + length]]
            if not _contiguous(tokens, i, length):
                continue
            for entry in bucket:
                if entry.accepts(surface):
                    return length, entry
        return None

    def extend(self, names: Iterable[tuple[str, str, str]]) -> None:
        """Index many ``(name, record_id, kind)`` triples."""
        for name, record_id, kind in names:
            self.add(name, record_id, kind)


def _contiguous(tokens: list[tuple[int, int, str]], i: int, length: int) -> bool:
    """Return whether tokens ``i .. i+length`` are separated by at most a hyphen or a space
    or two (a name never spans a gap left by something dropped)."""
    for (_, end, _), (start, _, _) in zip(tokens[i : i + length - 1], tokens[i + 1 : i + length]):
        if start - end > 2:
            return False
    return True
