"""Read the clause around a trigger: its predicate, linked verbs and noun-phrase spans.

Shared by the argument, aggregate and casualty rules. A *frame* is the trigger plus the verb
that carries it (the trigger itself, or the verb whose subject/object/adjunct a nominal
trigger is) and the verbs chained to that one in the same happening ("attacked ..., killing
12 and wounding five").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kibaru.contract import Span, Token
from kibaru.events.tree import (
    NOUN_POS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    VERB_POS,
    SentenceTree,
)

__all__ = ["Frame", "counted_or_plural", "frame_of", "np_span", "np_tokens", "subjects"]

_CHAIN = frozenset({"advcl", "xcomp", "conj"})
# Left modifiers that belong to a named group ("Russian Foreign Minister Sergey Lavrov").
_NP_LEFT = frozenset(
    {
        "compound",
        "amod",
        "nmod",
        "poss",
        "nummod",
        "quantmod",
        "advmod",
        "det",
        "predet",
        "npadvmod",
        "flat",
        "nn",
    }
)
_NP_RIGHT = frozenset({"compound", "flat"})
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
_HYPHENS = frozenset({"-", "–", "‑"})


@dataclass(frozen=True)
class Frame:
    """The trigger token, the predicate verb that carries it, and their linked verbs."""

    trigger: Token
    predicate: Token | None
    relation: str | None
    """How a nominal trigger hangs off ``predicate`` (``nsubj``, ``dobj``, ``prep`` ...)."""
    verbs: tuple[Token, ...]

    @property
    def nominal(self) -> bool:
        """Whether the trigger is a noun."""
        return self.trigger.pos not in VERB_POS

    @property
    def trigger_is_subject(self) -> bool:
        """Whether a nominal trigger is the subject of its predicate ("an airstrike killed")."""
        return self.nominal and self.relation in SUBJECT_DEPS


def frame_of(
    tree: SentenceTree,
    trigger: Token,
    *,
    event_lemmas: frozenset[str],
    light_verbs: frozenset[str] = frozenset(),
) -> Frame:
    """Return the frame of ``trigger``; ``event_lemmas`` are words that can carry an event
    (trigger, casualty and light-verb lemmas). A noun that is the object of another event
    verb ("prohibited a protest march") is not carried by it, unless that verb is light
    ("carried out an attack")."""
    predicate: Token | None = None
    relation: str | None = None
    if trigger.pos in VERB_POS:
        predicate = trigger
    else:
        verb = tree.clause_verb(trigger.i)
        if verb is not None and verb.lemma.lower() in event_lemmas:
            relation = tree.relation_to(trigger.i, verb.i)
            own_event = (
                relation in {"dobj", "obj", "attr"} and verb.lemma.lower() not in light_verbs
            )
            if relation == "prep" and not _direct_adjunct(tree, trigger, verb):
                own_event = True  # "in the weeks of protests, police fired": too far down
            if relation not in {"relcl", "acl", "ccomp", "advcl", "xcomp", "conj", "csubj"} and (
                not own_event
            ):
                predicate = verb
    verbs: list[Token] = []
    if predicate is not None:
        verbs.append(predicate)
        head = tree.head(predicate.i)
        if (
            head is not None
            and predicate.dep in _CHAIN
            and head.pos in VERB_POS
            and (predicate.dep != "conj" or head.lemma.lower() in event_lemmas)
        ):
            verbs.append(head)
        for base in list(verbs):
            for child in tree.children(base.i, *_CHAIN):
                if child.dep == "conj" and tree.children(child.i, *(SUBJECT_DEPS - {"nsubj:pass"})):
                    continue  # "... and soldiers killed five": another happening
                if child.pos in VERB_POS and child not in verbs:
                    verbs.append(child)
                    verbs.extend(
                        c
                        for c in tree.children(child.i, "conj")
                        if c.pos in VERB_POS and c not in verbs
                    )
    return Frame(trigger=trigger, predicate=predicate, relation=relation, verbs=tuple(verbs))


def _direct_adjunct(tree: SentenceTree, noun: Token, verb: Token) -> bool:
    """Whether ``noun`` is the object of a preposition attached to ``verb`` ("killed in an
    airstrike"), not buried deeper ("in the weeks of protests")."""
    prep = tree.head(noun.i)
    return prep is not None and prep.head == verb.i and noun.dep in {"pobj", "pcomp"}


def subjects(tree: SentenceTree, verb: Token) -> list[Token]:
    """Return the active subjects of ``verb``, inherited along xcomp/advcl/conj/relcl."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return []
        found = tree.children(current.i, *SUBJECT_DEPS)
        found = [t for t in found if t.dep != "expl"]
        if found:
            head = tree.head(current.i)
            relative = [t for t in found if t.tag in _RELATIVE_TAGS]
            if relative and current.dep == "relcl" and head is not None:
                return [head]  # "the group, which will reimpose sanctions"
            if relative:
                return []
            return found
        if tree.children(current.i, *PASSIVE_SUBJECT_DEPS):
            return []  # passive: the agent is the source
        head = tree.head(current.i)
        if head is None:
            return []
        if current.dep == "relcl" and head.pos in NOUN_POS:
            return [head]  # "the militants who attacked"
        if current.dep == "acl" and head.pos in NOUN_POS:
            if current.tag == "VBN":
                return []  # "civilians killed": the noun suffered, it did not act
            if any(c.tag == "TO" for c in tree.children(current.i, "aux")):
                # "Goita's plan to retake the north": the possessor acts
                return tree.children(head.i, "poss")
            return [head]  # "fighters loyal to X attacking ..."
        if current.dep not in _CHAIN and current.dep != "pcomp":
            return []
        current = head if head.pos in VERB_POS else None
    return []


def np_tokens(tree: SentenceTree, head: Token, *, bare: bool = False) -> list[Token]:
    """Return the tokens of the noun phrase headed by ``head`` (modifiers, no clauses);
    ``bare`` leaves out counts ("at least 85 civilians" -> "civilians")."""
    out = [head]
    left = _NP_LEFT - {"nummod", "quantmod"} if bare else _NP_LEFT
    stack = [
        c
        for c in tree.children(head.i)
        if c.dep in left and c.i < head.i and not (bare and c.like_num)
    ]
    stack += [c for c in tree.children(head.i) if c.dep in _NP_RIGHT and c.i > head.i]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(
            c
            for c in tree.children(token.i)
            if c.dep not in {"punct", "relcl", "acl", "appos", "cc", "conj", "prep"}
        )
    # a possessive marker ends a name ("Lavrov's visit"): keep the inner one only
    out = [t for t in out if not (t.dep == "case" and t.i > head.i - 1 and t.head == head.i)]
    out.sort(key=lambda t: t.i)
    # trim leading determiners and punctuation, keep the contiguous block around the head
    while out and (out[0].pos in {"DET", "PUNCT", "CCONJ"} or out[0].dep in {"det", "punct"}):
        if out[0] is head:
            break
        out.pop(0)
    while out and out[-1].pos == "PUNCT" and out[-1] is not head:
        out.pop()
    return _contiguous(out, head, tree)


def np_span(tree: SentenceTree, head: Token, *, bare: bool = False) -> Span:
    """Return the character span of the noun phrase headed by ``head``."""
    return tree.span_of(np_tokens(tree, head, bare=bare))


def _contiguous(tokens: Iterable[Token], head: Token, tree: SentenceTree) -> list[Token]:
    ordered = sorted(tokens, key=lambda t: t.i)
    # hyphens inside names ("Ngefa-Atondoko") are attached as punctuation; keep them
    for token in list(ordered):
        for side in (token.i - 1, token.i + 1):
            other = tree.tokens.get(side)
            if other is not None and other.text in _HYPHENS and other not in ordered:
                ordered.append(other)
    ordered.sort(key=lambda t: t.i)
    indices = {t.i for t in ordered}
    start = end = head.i
    while start - 1 in indices:
        start -= 1
    while end + 1 in indices:
        end += 1
    return [t for t in ordered if start <= t.i <= end]


def counted_or_plural(tree: SentenceTree, token: Token) -> bool:
    """Whether a noun is plural or counted ("five girls"): a likely group of victims."""
    return token.tag in {"NNS", "NNPS"} or bool(tree.children(token.i, "nummod"))
