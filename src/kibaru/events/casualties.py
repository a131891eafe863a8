"""Find the phrases that count the dead and injured of an event.

Only spans are found here ("at least 500 civilians", "dozens of people", "20" in "left 20
dead"); turning them into numbers is the count resolver's job (resolve.counts.v1), which
reads the span text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kibaru.contract import Span, Token
from kibaru.events.frames import Frame, np_tokens
from kibaru.events.tree import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, SentenceTree

__all__ = ["CasualtyCues", "casualty_spans"]


@dataclass(frozen=True)
class CasualtyCues:
    """Casualty words of one language (the ``casualties`` block of triggers.yaml)."""

    killed_verbs: frozenset[str]
    injured_verbs: frozenset[str]
    killed_adjectives: frozenset[str]
    injured_adjectives: frozenset[str]
    killed_nouns: frozenset[str]
    injured_nouns: frozenset[str]
    intransitive: frozenset[str] = frozenset()
    result_verbs: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    genitive_preps: frozenset[str] = frozenset()

    @classmethod
    def from_data(
        cls, data: Mapping[str, Any], *, genitive_preps: frozenset[str] = frozenset()
    ) -> CasualtyCues:
        """Build the cues from the parsed ``casualties`` mapping."""

        def words(kind: str, key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in (data.get(kind) or {}).get(key) or ())

        return cls(
            killed_verbs=words("killed", "verbs"),
            injured_verbs=words("injured", "verbs"),
            killed_adjectives=words("killed", "adjectives"),
            injured_adjectives=words("injured", "adjectives"),
            killed_nouns=words("killed", "nouns"),
            injured_nouns=words("injured", "nouns"),
            intransitive=frozenset(str(w).lower() for w in data.get("intransitive") or ()),
            result_verbs=frozenset(str(w).lower() for w in data.get("result_verbs") or ()),
            negators=frozenset(str(w).lower() for w in data.get("negators") or ()),
            genitive_preps=genitive_preps,
        )

    @property
    def all_verbs(self) -> frozenset[str]:
        """Every casualty verb lemma."""
        return self.killed_verbs | self.injured_verbs


def casualty_spans(
    tree: SentenceTree, frame: Frame, cues: CasualtyCues, quantity_words: frozenset[str]
) -> tuple[list[Span], list[Span]]:
    """Return (fatality spans, injury spans) attached to the event's frame."""
    killed: list[Span] = []
    injured: list[Span] = []
    verbs = list(frame.verbs)
    predicate = frame.predicate
    if predicate is not None and predicate.dep == "conj" and tree.children(
        predicate.i, *SUBJECT_DEPS
    ):
        # A conjoined clause with its own subject is another happening, and so are the dead
        # of the clause it is joined to: "two soldiers were killed ..., days after three
        # others died in a similar blast" gives the blast three, not five.
        verbs = [v for v in verbs if v.i != predicate.head]
    if frame.trigger not in verbs:
        verbs.insert(0, frame.trigger)
    for verb in verbs:
        lemma = verb.lemma.lower()
        if lemma in cues.result_verbs:
            _result(tree, verb, cues, quantity_words, killed, injured)
            continue
        bucket = (
            killed
            if lemma in cues.killed_verbs
            else injured
            if lemma in cues.injured_verbs
            else None
        )
        if bucket is None:
            continue
        passive = tree.children(verb.i, *PASSIVE_SUBJECT_DEPS)
        if lemma in cues.intransitive:
            heads = tree.children(verb.i, *SUBJECT_DEPS)
        elif passive:
            heads = passive
        else:
            heads = tree.children(verb.i, *OBJECT_DEPS)
        for head in heads:
            for token in tree.conjuncts(head.i):
                span = _count_span(tree, token, quantity_words, cues)
                if span is not None:
                    bucket.append(span)
    # adjectives and nouns in the frame: "dozens dead", "30 deaths"
    scope = {t.i for v in verbs for t in tree.subtree(v.i)}
    for token in tree:
        if token.i not in scope:
            continue
        lemma = token.lemma.lower()
        text = token.text.lower()
        if token.pos == "ADJ" and token.dep == "amod":
            counted = tree.head(token.i)
            if counted is not None and (
                counted.like_num or counted.lemma.lower() in quantity_words
            ):
                bucket = (
                    killed
                    if text in cues.killed_adjectives
                    else injured
                    if text in cues.injured_adjectives
                    else None
                )
                if bucket is not None:
                    span = _count_span(tree, counted, quantity_words, cues)
                    if span is not None:
                        bucket.append(span)
        if token.pos == "NOUN" and lemma in cues.killed_nouns | cues.injured_nouns:
            bucket = killed if lemma in cues.killed_nouns else injured
            if tree.children(token.i, "nummod"):
                span = _count_span(tree, token, quantity_words, cues)
                if span is not None:
                    bucket.append(span)
    return _dedupe(killed), _dedupe(injured)


def _result(
    tree: SentenceTree,
    verb: Token,
    cues: CasualtyCues,
    quantity_words: frozenset[str],
    killed: list[Span],
    injured: list[Span],
) -> None:
    """Read "left 20 dead and dozens injured"."""
    objects = tree.children(verb.i, *OBJECT_DEPS)
    for obj in objects:
        for token in tree.conjuncts(obj.i):
            kind = _predicate_kind(tree, verb, token, cues)
            if kind is None:
                continue
            span = _count_span(tree, token, quantity_words, cues)
            if span is not None:
                (killed if kind == "killed" else injured).append(span)
    for conj in tree.children(verb.i, "conj"):
        if conj.pos in {"NOUN", "NUM"}:
            kind = _predicate_kind(tree, verb, conj, cues)
            span = _count_span(tree, conj, quantity_words, cues)
            if kind and span is not None:
                (killed if kind == "killed" else injured).append(span)


def _predicate_kind(
    tree: SentenceTree, verb: Token, token: Token, cues: CasualtyCues
) -> str | None:
    words = [c for c in tree.children(token.i) if c.dep in {"amod", "acl", "oprd"}]
    words += [c for c in tree.children(verb.i, "oprd", "acomp", "xcomp", "ccomp") if c.i > token.i]
    for word in sorted(words, key=lambda w: abs(w.i - token.i)):
        text = word.text.lower()
        if text in cues.killed_adjectives:
            return "killed"
        if text in cues.injured_adjectives:
            return "injured"
    return None


def _count_span(
    tree: SentenceTree, head: Token, quantity_words: frozenset[str], cues: CasualtyCues
) -> Span | None:
    """Return the span of a counted noun phrase, or None when it is negated ("no one")."""
    tokens = np_tokens(tree, head)
    if any(t.text.lower() in cues.negators for t in [*tokens, *tree.children(head.i, "det")]):
        return None
    if head.lemma.lower() in quantity_words or head.like_num:
        # "dozens of people", "five of them"
        for prep in tree.children(head.i, "prep"):
            if prep.lemma.lower() in cues.genitive_preps:
                for inner in tree.children(prep.i, "pobj"):
                    tokens = tokens + [prep] + np_tokens(tree, inner)
    return _span(tokens)


def _span(tokens: Iterable[Token]) -> Span | None:
    listed = list(tokens)
    if not listed:
        return None
    return Span(min(t.start for t in listed), max(t.end for t in listed))


def _dedupe(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not any(o.contains(span) for o in out):
            out.append(span)
    return out
