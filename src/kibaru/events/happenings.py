"""Decide when two event mentions of one article tell of one happening (used by assembly).

Three situations make one happening of several mentions, as an analyst reading the article
would code it once:

- an *outcome* ("were killed", "were wounded": a trigger flagged ``outcome`` in
  ``data/<lang>/triggers.yaml``) said with no agent of its own, in the same sentence as the
  act that caused it ("25 soldiers were killed after jihadists attacked two camps"), or in a
  sentence shortly after it ("Several other people were wounded.");
- a *nominal back-reference* to an act already coded: an event noun with an anaphoric
  determiner or a time possessor ("the attack", "this bombing", "Saturday's explosion", "its
  raid"): "IS claimed the attack", "Dozens died in the attack".

The words (determiners) come from ``data/<lang>/arguments.yaml``; which triggers are
outcomes from ``triggers.yaml``. Nothing here is English-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kibaru.contract import EventMention
from kibaru.events.tree import VERB_POS, ParseIndex

if TYPE_CHECKING:
    from kibaru.resources import Resources

__all__ = [
    "HappeningCues",
    "in_background_clause",
    "is_back_reference",
    "is_bare_outcome",
    "is_habitual",
    "is_setting",
    "is_time_anchor",
    "load_cues",
]

_TIME_LABELS = frozenset({"DATE", "TIME"})
_RELATIVE_DEPS = frozenset({"relcl", "acl"})
"""A relative clause, or a participle (past only, see ``in_background_clause``) on a noun."""
_SETTING_DEPS = frozenset({"acl", "advcl"})
_PARTICIPLE_TAGS = frozenset({"VBG"})


@dataclass(frozen=True)
class HappeningCues:
    """Per-language cues: outcome trigger rules and anaphoric determiners."""

    outcome_rules: frozenset[str]
    determiners: frozenset[str]
    generic_rules: frozenset[str] = frozenset()
    anchor_words: frozenset[str] = frozenset()
    habitual_adverbs: frozenset[str] = frozenset()
    """Adverbs that make an act habitual (data/<lang>/aggregates.yaml)."""
    """Words opening a clause or phrase that only anchors a time span (see triggers.yaml)."""


def load_cues(resources: Resources, language: str) -> HappeningCues:
    """Read the cues of ``language`` from its triggers and arguments data files."""
    triggers = resources.lexicon(language, "triggers")
    arguments = resources.lexicon(language, "arguments")
    outcome = frozenset(
        f"{language}/triggers:{entry['id']}"
        for entry in triggers.get("triggers") or ()
        if entry.get("outcome")
    )
    generic = frozenset(
        f"{language}/triggers:{entry['id']}"
        for entry in triggers.get("triggers") or ()
        if entry.get("generic")
    )
    determiners = frozenset(str(w).lower() for w in arguments.get("anaphoric_determiners") or ())
    anchors = frozenset(str(w).lower() for w in triggers.get("time_anchor_words") or ())
    aggregates = resources.lexicon(language, "aggregates") or {}
    habitual = frozenset(str(w).lower() for w in aggregates.get("habitual_adverbs") or ())
    return HappeningCues(
        outcome_rules=outcome,
        determiners=determiners,
        generic_rules=generic,
        anchor_words=anchors,
        habitual_adverbs=habitual,
    )


def is_bare_outcome(mention: EventMention, cues: HappeningCues) -> bool:
    """Whether ``mention`` only states a result ("were killed") and names no one who acted."""
    return mention.typing.rule in cues.outcome_rules and not mention.sources


def is_back_reference(index: ParseIndex, mention: EventMention, cues: HappeningCues) -> bool:
    """Whether ``mention`` is an event noun pointing back to a known act ("the attack",
    "Saturday's explosion", "its raid"), not a new one ("an attack on a convoy")."""
    token = index.token_at(mention.trigger, mention.sentence)
    if token is None or token.pos in VERB_POS:
        return False
    tree = index.tree(mention.sentence)
    for child in tree.children(token.i, "det", "poss"):
        if child.dep == "det" and child.lemma.lower() in cues.determiners:
            return True
        if child.dep == "poss" and (child.pos == "PRON" or child.ent_type in _TIME_LABELS):
            return True
    return False


def in_background_clause(index: ParseIndex, mention: EventMention) -> bool:
    """Whether a verbal trigger sits in a relative clause or participle that describes a
    noun ("people who had been accused of crimes", "people accused of crimes")."""
    token = index.token_at(mention.trigger, mention.sentence)
    if token is None or token.pos not in VERB_POS:
        return False
    tree = index.tree(mention.sentence)
    if token.dep not in _RELATIVE_DEPS:
        return False
    if token.dep == "acl" and token.tag != "VBN":
        return False  # "a statement condemning the use of force" says what was said
    head = tree.head(token.i)
    return head is not None and head.pos not in VERB_POS


def is_time_anchor(index: ParseIndex, mention: EventMention, cues: HappeningCues) -> bool:
    """Whether the trigger only dates another statement: it sits in a clause or phrase
    opened by an anchor word ("the bloodiest day since the military seized power", "less
    affected since it was recaptured in 2017", "the deadliest since an assault in 2018").
    Such a past act is the yardstick of the news, not the news."""
    token = index.token_at(mention.trigger, mention.sentence)
    if token is None or not cues.anchor_words:
        return False
    tree = index.tree(mention.sentence)
    while token.dep == "conj":  # "since X seized power and dissolved parliament"
        head = tree.head(token.i)
        if head is None:
            return False
        token = head
    if token.pos in VERB_POS:
        return token.dep == "advcl" and any(
            mark.lemma.lower() in cues.anchor_words for mark in tree.children(token.i, "mark")
        )
    head = tree.head(token.i)
    return token.dep == "pobj" and head is not None and head.lemma.lower() in cues.anchor_words


def is_habitual(index: ParseIndex, mention: EventMention, cues: HappeningCues) -> bool:
    """Whether the act's verb carries an adverb of repetition ("the group has repeatedly
    attacked Turkish targets"): a habit, not one event."""
    token = index.token_at(mention.trigger, mention.sentence)
    if token is None or not cues.habitual_adverbs:
        return False
    tree = index.tree(mention.sentence)
    verb = token if token.pos in VERB_POS else tree.clause_verb(token.i)
    if verb is None:
        return False
    return any(
        child.lemma.lower() in cues.habitual_adverbs or child.text.lower() in cues.habitual_adverbs
        for child in tree.children(verb.i, "advmod")
    )


def is_setting(index: ParseIndex, mention: EventMention, others: list[EventMention]) -> bool:
    """Whether a participle trigger ("leaders meeting in Dakar imposed ...", "Meeting in
    Abuja, ECOWAS imposed ...") only sets the scene of another mention's verb."""
    token = index.token_at(mention.trigger, mention.sentence)
    if token is None or token.tag not in _PARTICIPLE_TAGS or token.dep not in _SETTING_DEPS:
        return False
    tree = index.tree(mention.sentence)
    verb = next((t for t in tree.ancestors(token.i) if t.pos in VERB_POS), None)
    if verb is None:
        return False
    # the act may be any verb coordinated with the governing one ("leaders meeting in Accra
    # closed the borders, froze assets and recalled their ambassadors")
    acts = [t for t in tree.conjuncts(verb.i) if t.pos in VERB_POS]
    return any(
        other is not mention
        and other.sentence == mention.sentence
        and any(other.trigger.start <= act.start < other.trigger.end for act in acts)
        for other in others
    )
