"""Tag event mentions in parsed sentences (stage events.triggers.v1).

The stage asks the configured ``EventTyper`` (``PipelineConfig.event_typer``) for typed
trigger candidates, then merges candidates that describe one happening: a nominal trigger
that is the subject or object of a verbal one ("an airstrike killed dozens"), a noun inside a
light verb's clause ("carried out an attack ..., killing 12"), and verbs chained in one clause
("stormed the town and killed ..."). The merged mention keeps the most specific typing
(means over generic violence over mere outcome), then ACLED's precedence order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from kibaru import registry
from kibaru.contract import Doc, EventMention
from kibaru.events.crosswalk import Crosswalk
from kibaru.events.tree import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    VERB_POS,
    ParseIndex,
    SentenceTree,
)
from kibaru.events.typing_rules import EventTyper, TriggerCandidate

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["TriggerTagger", "merge_candidates"]

# How a nominal trigger may hang off the verb whose clause it is in and still be the same
# happening as that verb's own trigger.
_NOUN_TO_VERB = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS | OBJECT_DEPS | {"prep", "agent", "npadvmod"}
# How two verbs (or a noun and a noun) may be linked and describe one happening.
_VERB_CHAIN = frozenset({"advcl", "xcomp", "conj", "pcomp"})
_NOUN_CHAIN = frozenset({"compound", "conj", "appos", "amod", "nmod"})
_NO_RULE = "none"  # the crosswalk rule of events ACLED does not record


class TriggerTagger:
    """Stage: one ``EventMention`` per happening named in a parsed, kept sentence."""

    name: ClassVar[str] = "events.triggers.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"tokens"})
    provides: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def __init__(self, context: BuildContext, *, typer: EventTyper | None = None) -> None:
        if typer is None:
            factory = registry.resolve(context.config.event_typer)
            typer = cast(EventTyper, factory(context))
        self.typer = typer
        self._light: dict[str, frozenset[str]] = {}
        self._resources = context.resources
        self._crosswalk: Crosswalk | None = None

    def _light_verbs(self, language: str) -> frozenset[str]:
        if language not in self._light:
            data = self._resources.lexicon(language, "triggers")
            self._light[language] = frozenset(str(v).lower() for v in data.get("light_verbs", []))
        return self._light[language]

    def __call__(self, doc: Doc) -> Doc:
        if self._crosswalk is None:
            self._crosswalk = Crosswalk.load()
        index = ParseIndex(doc)
        light = self._light_verbs(doc.language or "en")
        mentions: list[EventMention] = []
        for sentence in index.sentences():
            tree = index.tree(sentence)
            found = self.typer.candidates(doc, sentence, tree=tree)
            for candidate in merge_candidates(found, tree, self._crosswalk, light_verbs=light):
                mentions.append(
                    EventMention(trigger=candidate.span, sentence=sentence, typing=candidate.typing)
                )
        mentions.sort(key=lambda m: (m.trigger.start, m.trigger.end))
        return doc.evolve(mentions=tuple(mentions))


def merge_candidates(
    candidates: Sequence[TriggerCandidate],
    tree: SentenceTree,
    crosswalk: Crosswalk,
    *,
    light_verbs: frozenset[str] = frozenset(),
) -> list[TriggerCandidate]:
    """Return one candidate per happening: linked candidates of one PLOVER type merge."""
    parent = list(range(len(candidates)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a in range(len(candidates)):
        for b in range(a + 1, len(candidates)):
            first, second = candidates[a], candidates[b]
            if first.typing.plover_type != second.typing.plover_type:
                continue
            if _separate_acts(first, second, crosswalk):
                continue  # "overran parts of the city and took hostages": two ACLED events
            if _linked(tree, first, second, light_verbs) or _linked(
                tree, second, first, light_verbs
            ):
                parent[find(a)] = find(b)
    groups: dict[int, list[TriggerCandidate]] = {}
    for k, candidate in enumerate(candidates):
        groups.setdefault(find(k), []).append(candidate)
    merged = [_carrier(group, tree, crosswalk) for group in groups.values()]
    return sorted(merged, key=lambda c: c.span.start)


def _carrier(
    group: list[TriggerCandidate], tree: SentenceTree, crosswalk: Crosswalk
) -> TriggerCandidate:
    """Return the group's candidate: the most specific typing, anchored on the act's verb
    when the winning noun is only its instrument ("struck the camp with missiles": the
    verb says who, whom, when and where; the noun says how)."""
    best = min(group, key=lambda c: _preference(c, tree, crosswalk))
    noun = tree.tokens[best.token]
    if noun.pos in VERB_POS or noun.dep not in {"pobj", "conj"}:
        return best
    for other in group:
        verb = tree.tokens[other.token]
        if verb.pos not in VERB_POS or other.outcome:
            continue  # "killed in an airstrike": the airstrike is the act
        prep = tree.head(noun.i)
        while prep is not None and prep.dep in {"pobj", "conj"}:
            prep = tree.head(prep.i)  # "with missiles and bombs"
        if prep is not None and prep.dep == "prep" and prep.head == verb.i:
            return dataclasses.replace(best, token=other.token, span=other.span)
    return best


def _separate_acts(first: TriggerCandidate, second: TriggerCandidate, crosswalk: Crosswalk) -> bool:
    """Whether the two candidates name acts ACLED codes apart even when told together
    (an abduction, sexual violence or looting beside an attack: crosswalk
    ``separate_act_modes``)."""
    modes = {first.typing.plover_mode, second.typing.plover_mode}
    if None in modes or first.outcome or second.outcome:
        return False  # "abducted ..., killing two": an outcome goes with its act
    return len(modes) == 2 and bool(modes & crosswalk.separate_act_modes)


def _preference(
    candidate: TriggerCandidate, tree: SentenceTree, crosswalk: Crosswalk
) -> tuple[int, int, int, int, float]:
    typing = candidate.typing
    acled = (
        (typing.acled_event_type, typing.acled_sub_event_type)
        if typing.acled_event_type and typing.acled_sub_event_type
        else None
    )
    modifier = int(tree.tokens[candidate.token].dep in _NOUN_CHAIN - {"conj"})
    return (
        int(candidate.outcome),
        int(candidate.generic),
        crosswalk.rank(acled),
        modifier,  # "protest march": the head noun names the happening
        -typing.confidence,
    )


def _event_verb(tree: SentenceTree, i: int) -> int | None:
    verb = tree.clause_verb(i)
    return None if verb is None else verb.i


def _linked(
    tree: SentenceTree,
    first: TriggerCandidate,
    second: TriggerCandidate,
    light_verbs: frozenset[str],
) -> bool:
    """Return whether trigger ``first`` hangs off trigger ``second`` as one happening."""
    a, b = first.token, second.token
    ta, tb = tree.tokens[a], tree.tokens[b]
    # Chained verbs ("imposed sanctions and expelled the envoy") are separate acts unless
    # one of them only names an outcome or generic violence, or both follow one ACLED rule.
    chain_ok = (
        first.outcome
        or second.outcome
        or first.generic
        or second.generic
        or (first.typing.acled_rule or _NO_RULE)
        == (second.typing.acled_rule or _NO_RULE)
        != _NO_RULE
    )
    if ta.head == b and ta.pos not in VERB_POS and tb.pos not in VERB_POS:
        return ta.dep in _NOUN_CHAIN  # "protest march", "clashes and fighting"
    if ta.pos not in VERB_POS:
        verb = _event_verb(tree, a)
        if verb == b:
            relation = tree.relation_to(a, b)
            if relation == "prep":  # "killed in an airstrike", not "in the weeks of clashes"
                prep = tree.head(a)
                return prep is not None and prep.head == b and ta.dep in {"pobj", "pcomp"}
            return relation in _NOUN_TO_VERB  # "an airstrike killed"
        if (
            verb is not None
            and tb.head == verb
            and tb.dep in {"xcomp", "ccomp"}
            and (tree.relation_to(a, verb) in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
            and chain_ok
        ):
            return True  # "a bombing was reported to have killed ..."
        if verb is not None and tree.tokens[verb].lemma.lower() in light_verbs:
            # "carried out an attack ..., killing 12": the light verb stands for the noun
            return chain_ok and _verbs_chained(tree, verb, b)
        return False
    if tb.pos in VERB_POS:
        return chain_ok and _verbs_chained(tree, a, b)
    return False


def _verbs_chained(tree: SentenceTree, a: int, b: int) -> bool:
    ta, tb = tree.tokens[a], tree.tokens[b]
    for child, head in ((ta, tb), (tb, ta)):
        if child.head == head.i and child.dep in _VERB_CHAIN:
            # "militants attacked X and soldiers killed Y": two happenings
            return not (
                child.dep == "conj" and tree.children(child.i, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)
            )
    return False
