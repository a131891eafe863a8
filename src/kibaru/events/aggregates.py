"""Flag mentions that total many events rather than report one (stage events.aggregates.v1).

"Attacks have killed at least 500 civilians", "since 2012", "so far this year": such a
sentence is kept as evidence but marked ``aggregate=True`` so that it is never counted as one
event on one day. Cues are per-language data (data/<lang>/aggregates.yaml).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from kibaru.contract import Doc, EventMention, Token
from kibaru.events.tree import SUBJECT_DEPS, VERB_POS, ParseIndex, SentenceTree

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["AggregateCues", "AggregateFlagger", "is_aggregate"]

_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


@dataclass(frozen=True)
class AggregateCues:
    """Aggregate cue words of one language."""

    span_openers: tuple[str, ...]
    phrases: tuple[str, ...]
    plural_operations: frozenset[str]
    perfect_aux: frozenset[str]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AggregateCues:
        """Build the cues from a parsed aggregates.yaml."""
        return cls(
            span_openers=tuple(str(s).lower() for s in data.get("span_openers") or ()),
            phrases=tuple(str(s).lower() for s in data.get("phrases") or ()),
            plural_operations=frozenset(
                str(s).lower() for s in data.get("plural_operations") or ()
            ),
            perfect_aux=frozenset(str(s).lower() for s in data.get("perfect_aux") or ()),
        )


class AggregateFlagger:
    """Stage: set ``aggregate`` on mentions whose sentence totals many events."""

    name: ClassVar[str] = "events.aggregates.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"arguments"})
    provides: ClassVar[frozenset[str]] = frozenset({"aggregate"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._cues: dict[str, AggregateCues] = {}

    def cues(self, language: str) -> AggregateCues:
        """Return the language's aggregate cues (loaded on first use)."""
        if language not in self._cues:
            self._cues[language] = AggregateCues.from_data(
                self._resources.lexicon(language, "aggregates")
            )
        return self._cues[language]

    def __call__(self, doc: Doc) -> Doc:
        cues = self.cues(doc.language or "en")
        index = ParseIndex(doc)
        out = [
            dataclasses.replace(
                mention, aggregate=is_aggregate(doc, index.tree(mention.sentence), mention, cues)
            )
            for mention in doc.mentions
        ]
        return doc.evolve(mentions=tuple(out))


def is_aggregate(doc: Doc, tree: SentenceTree, mention: EventMention, cues: AggregateCues) -> bool:
    """Return whether ``mention`` reports a total over many events."""
    for span in mention.times:
        text = doc.span_text(span).lower()
        if text.startswith(cues.span_openers):
            return True
    sentence = " " + " ".join(doc.span_text(doc.sentences[mention.sentence].span).lower().split())
    if any(f" {phrase}" in sentence for phrase in cues.phrases):
        return True
    trigger = tree.at_offset(mention.trigger)
    if trigger is None:
        return False
    return _perfect_total(tree, trigger, cues)


def _perfect_total(tree: SentenceTree, trigger: Token, cues: AggregateCues) -> bool:
    """ "Attacks have killed ...": plural operations as the subject of a perfect verb."""
    verb = trigger if trigger.pos in VERB_POS else tree.clause_verb(trigger.i)
    if verb is None:
        return False
    perfect = any(
        c.dep == "aux" and c.lemma.lower() in cues.perfect_aux or c.text.lower() in cues.perfect_aux
        for c in tree.children(verb.i, "aux")
    )
    if not perfect:
        return False
    nouns = [trigger] if trigger.pos not in VERB_POS else []
    for subject in tree.children(verb.i, *SUBJECT_DEPS):
        nouns.extend(tree.conjuncts(subject.i))
    return any(n.tag in _PLURAL_TAGS and n.lemma.lower() in cues.plural_operations for n in nouns)
