"""Find the time expressions attached to an event: spaCy DATE/TIME entities plus the
language's regular expressions for what NER misses ("Feb. 6-7", "last week", "on Tuesday").

Only spans are found here; the date resolver (resolve.dates.v1) turns them into dates. A
preposition in front (on, since, in) is kept in the span because it changes the
meaning ("since 2012" is a total, not a day).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kibaru.contract import Doc, Span, Token
from kibaru.errors import ConfigError
from kibaru.events.frames import Frame
from kibaru.events.tree import VERB_POS, SentenceTree

__all__ = ["TimeFinder"]

_TIME_LABELS = frozenset({"DATE", "TIME"})


@dataclass(frozen=True)
class TimeFinder:
    """Time-expression rules of one language."""

    patterns: tuple[re.Pattern[str], ...]
    prepositions: frozenset[str]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> TimeFinder:
        """Build the finder from a parsed arguments.yaml."""
        try:
            patterns = tuple(re.compile(p, re.IGNORECASE) for p in data.get("time_patterns") or ())
        except re.error as exc:
            raise ConfigError(
                f"a time pattern in arguments.yaml is not a valid regex: {exc}"
            ) from exc
        preps = frozenset(str(p).lower() for p in data.get("time_prepositions") or ())
        return cls(patterns, preps)

    def spans(self, doc: Doc, sentence: Span) -> list[Span]:
        """Return the time expressions of ``sentence``, overlapping ones merged."""
        found = [
            e.span for e in doc.entities if e.label in _TIME_LABELS and sentence.contains(e.span)
        ]
        text = doc.span_text(sentence)
        for pattern in self.patterns:
            for match in pattern.finditer(text):
                found.append(Span(sentence.start + match.start(), sentence.start + match.end()))
        merged: list[Span] = []
        for span in sorted(found, key=lambda s: (s.start, -s.end)):
            if merged and merged[-1].end >= span.start:
                last = merged.pop()
                merged.append(Span(last.start, max(last.end, span.end)))
            else:
                merged.append(span)
        return merged

    def attached(
        self, doc: Doc, tree: SentenceTree, frame: Frame, *, only_event: bool
    ) -> list[Span]:
        """Return the time spans attached to ``frame`` (or the sentence's only one when it
        holds only this event), each widened to its leading preposition."""
        sentence = doc.sentences[frame.trigger.sentence].span
        spans = self.spans(doc, sentence)
        if not spans:
            return []
        frame_tokens = {frame.trigger.i, *(v.i for v in frame.verbs)}
        # a noun trigger owns the dates inside its phrase ("the Jan. 27 attack"); a verb only
        # those of its own clause (its subtree would take in every subordinate clause)
        trigger_subtree = {t.i for t in tree.subtree(frame.trigger.i)} if frame.nominal else set()
        out: list[Span] = []
        for span in spans:
            tokens = [t for t in tree if span.start <= t.start < span.end]
            if not tokens:
                continue
            if (
                any(t.i in trigger_subtree for t in tokens)
                or self._verb_of(tree, tokens) in frame_tokens
            ):
                out.append(self._widen(tree, span, tokens))
        if not out and only_event and len(spans) == 1:
            tokens = [t for t in tree if spans[0].start <= t.start < spans[0].end]
            out.append(self._widen(tree, spans[0], tokens) if tokens else spans[0])
        return out

    def _verb_of(self, tree: SentenceTree, tokens: list[Token]) -> int | None:
        # the span's syntactic head: the token whose head lies outside the span
        inside = {t.i for t in tokens}
        roots = [t for t in tokens if t.head not in inside or t.head == t.i]
        root = roots[0] if roots else tokens[-1]
        if root.pos in VERB_POS and root.head != root.i:
            head = tree.head(root.i)
            return head.i if head is not None else None
        verb = tree.clause_verb(root.i)
        return verb.i if verb is not None else None

    def _widen(self, tree: SentenceTree, span: Span, tokens: list[Token]) -> Span:
        first = tokens[0]
        before = tree.tokens.get(first.i - 1)
        if before is not None and before.text.lower() in self.prepositions:
            return Span(before.start, span.end)
        return span
