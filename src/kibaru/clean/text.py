"""Repair mojibake and normalise white space (stage clean.text.v1).

ftfy run over a whole article misses mojibake in text that also holds correct non-ASCII
characters (a real curly quote makes it doubt the whole string) and, with default settings,
straightens every curly quote. So the repair works word by word: a word (with its next word,
for sequences like "Ã la" where the second byte was a no-break space) that ftfy's badness
heuristic flags is re-decoded with ``ftfy.fix_encoding``, and the fix is kept only when the
result no longer looks bad. Correct text is never touched. Each repair is kept as a
``mojibake`` annotation on the cleaned text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import TYPE_CHECKING, ClassVar

import ftfy
from ftfy.badness import is_bad

from kibaru.contract import Annotation, Doc, Span

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["TextCleaner", "clean_text"]

_WORD = re.compile(r"\S+")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# Characters that start a UTF-8 sequence when misread as Latin-1/cp1252: a word ending in
# one of them may have lost its second byte to a following (no-break) space.
_LEAD_AT_END = re.compile(r"[\u00c2-\u00f4]$")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def _repair_line(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Return ``line`` with mojibake words repaired and (start, end, original) of each fix."""
    if line.isascii():
        return line, []
    out: list[str] = []
    fixes: list[tuple[int, int, str]] = []
    position = 0
    words = list(_WORD.finditer(line))
    skip_until = -1
    for index, word in enumerate(words):
        if word.start() < skip_until or word.group().isascii():
            continue
        start, end = word.start(), word.end()
        if _LEAD_AT_END.search(word.group()) and index + 1 < len(words):
            end = words[index + 1].end()
        window = line[start:end]
        if not is_bad(window):
            continue
        fixed = _CONTROL.sub(" ", _LINE_BREAKS.sub(" ", ftfy.fix_encoding(window)).translate(_INVISIBLE))
        if fixed == window or is_bad(fixed) or not fixed.strip():
            continue
        out.append(line[position:start])
        new_start = sum(len(p) for p in out)
        out.append(fixed)
        fixes.append((new_start, new_start + len(fixed), window))
        position = end
        skip_until = end
    out.append(line[position:])
    return "".join(out), fixes


def clean_text(raw: str) -> tuple[str, list[Annotation]]:
    """Return the cleaned text and the ``mojibake`` annotations of the repairs made."""
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", raw).translate(_INVISIBLE))
    text = _CONTROL.sub(" ", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    lines_out: list[str] = []
    annotations: list[Annotation] = []
    offset = 0
    blank_run = 0
    for line in text.split("\n"):
        repaired, fixes = _repair_line(_SPACES.sub(" ", line))
        for _ in range(3):  # a repair can expose another layer (doubly encoded text)
            again, more = _repair_line(repaired)
            if not more:
                break
            repaired, fixes = again, fixes + more
        normal = unicodedata.normalize("NFC", _SPACES.sub(" ", repaired)).strip()
        if not normal:
            blank_run += 1
            continue
        if lines_out:
            separator = "\n\n" if blank_run else "\n"
            offset += len(separator)
            lines_out.append(separator)
        blank_run = 0
        if fixes:
            # re-locate each repaired word in the normalised line (spaces may have shifted)
            cursor = 0
            for _, _, original in fixes:
                fixed_word = unicodedata.normalize("NFC", _SPACES.sub(" ", ftfy.fix_encoding(original))).strip()
                found = normal.find(fixed_word, cursor) if fixed_word else -1
                if found >= 0:
                    span = Span(offset + found, offset + found + len(fixed_word))
                    annotations.append(Annotation("mojibake", span, note=original))
                    cursor = found + len(fixed_word)
        lines_out.append(normal)
        offset += len(normal)
    return "".join(lines_out), annotations


class TextCleaner:
    """Stage: repair mojibake and normalise white space, keeping paragraph breaks."""

    name: ClassVar[str] = "clean.text.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    provides: ClassVar[frozenset[str]] = frozenset({"text"})

    def __init__(self, context: BuildContext | None = None) -> None:
        self._context = context

    def __call__(self, doc: Doc) -> Doc:
        text, annotations = clean_text(doc.article.text)
        return doc.evolve(text=text, annotations=doc.annotations + tuple(annotations))
