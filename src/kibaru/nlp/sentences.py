"""Split cleaned text into sentences with rules from a per-language abbreviations file.

A rule splitter is used rather than a parser so that the whole article can be split cheaply
and only the sentences that can hold an event are parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kibaru import lexicon
from kibaru.contract import Span

__all__ = ["split_sentences"]

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before white
# space and an opening capital, digit or quote; or at a line break.
_END = re.compile(r"""[.!?]+["”’'»)\]]*(?=\s+["“‘'«(\[]?[A-Z0-9À-Ý])|\n+""")


@lru_cache(maxsize=8)
def _abbreviations(language: str) -> frozenset[str]:
    data = lexicon.load(language, "abbreviations")
    return frozenset(str(a).lower() for a in data.get("abbreviations", []))


def split_sentences(text: str, *, language: str = "en") -> list[Span]:
    """Return the sentence spans of ``text`` (white space trimmed, none empty)."""
    abbreviations = _abbreviations(language)
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start(), abbreviations):
            continue
        spans.extend(_trimmed(text, start, end))
        start = end
    spans.extend(_trimmed(text, start, len(text)))
    return spans


def _ends_with_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start : dot + 1].lstrip("(“\"'‘").lower()
    if word in abbreviations:
        return True
    # single initials ("J. Smith") and dotted acronyms ("U.S.", "N.Y.")
    bare = word.rstrip(".")
    return len(bare) == 1 and bare.isalpha() or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare))


def _trimmed(text: str, start: int, end: int) -> Iterable[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Span(start, end)
