"""Decide whether each event mention is asserted, negated, hypothetical or future
(stage events.factuality.v1).

The rule walks up the parse from the trigger through the clauses that govern it and stops at
the first cue: a modal or future auxiliary, a negation, a conditional marker, or a governing
verb or noun that makes its complement unreal ("threatened to", "plans to", "denied",
"risks"). Cue words are per-language data (data/<lang>/modality.yaml). A threat itself stays
an asserted THREATEN event; only the threatened act is future.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from kibaru.contract import Doc, EventMention, Modality, Span, Token
from kibaru.events.tree import (
    NOUN_POS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    VERB_POS,
    ParseIndex,
    SentenceTree,
)

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["FactualityTagger", "ModalityCues", "modality_of"]

# Moving up across these links keeps us in the clause(s) that share the trigger's tense and
# mood; relative clauses and reported-speech complements are their own worlds.
_CLIMB = frozenset(
    {
        "conj",
        "advcl",
        "xcomp",
        "prep",
        "pobj",
        "pcomp",
        "dobj",
        "obj",
        "nsubj",
        "nsubjpass",
        "compound",
        "amod",
        "nmod",
        "appos",
        "attr",
        "oprd",
        "agent",
        "npadvmod",
        "dative",
        "obl",
        "acomp",
        "ccomp",
        "acl",
    }
)
_COMPLEMENT = frozenset({"xcomp", "ccomp", "acl", "pcomp", "advcl", "relcl", "csubj"})
_AUX = frozenset({"aux", "auxpass", "aux:pass"})
# Complements whose reality the governing verb decides ("threatened to ally", "plans to").
_GOVERNED = frozenset({"xcomp", "ccomp", "csubj"})


@dataclass(frozen=True)
class ModalityCues:
    """The cue words of one language (data/<lang>/modality.yaml), lower-cased."""

    hypothetical_aux: frozenset[str]
    future_aux: frozenset[str]
    negation_words: frozenset[str]
    negating_determiners: frozenset[str]
    conditional_marks: frozenset[str]
    negating_governors: frozenset[str]
    future_governors: frozenset[str]
    hypothetical_governors: frozenset[str]
    future_nouns: frozenset[str]
    hypothetical_nouns: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    negated_modifiers: frozenset[str]
    light_verbs: frozenset[str] = frozenset()

    @classmethod
    def from_data(
        cls, data: Mapping[str, Any], *, light_verbs: frozenset[str] = frozenset()
    ) -> ModalityCues:
        """Build the cues from a parsed modality.yaml."""

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(key) or ())

        return cls(
            hypothetical_aux=words("hypothetical_aux"),
            future_aux=words("future_aux"),
            negation_words=words("negation_words"),
            negating_determiners=words("negating_determiners"),
            conditional_marks=words("conditional_marks"),
            negating_governors=words("negating_governors"),
            future_governors=words("future_governors"),
            hypothetical_governors=words("hypothetical_governors"),
            future_nouns=words("future_nouns"),
            hypothetical_nouns=words("hypothetical_nouns"),
            hypothetical_modifiers=words("hypothetical_modifiers"),
            negated_modifiers=words("negated_modifiers"),
            light_verbs=light_verbs,
        )


class FactualityTagger:
    """Stage: set ``modality`` and ``modality_cue`` (and ``negation_cue``) on each mention."""

    name: ClassVar[str] = "events.factuality.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"modality"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._cues: dict[str, ModalityCues] = {}

    def cues(self, language: str) -> ModalityCues:
        """Return the language's modality cues (loaded on first use)."""
        if language not in self._cues:
            triggers = self._resources.lexicon(language, "triggers") or {}
            light = frozenset(str(v).lower() for v in triggers.get("light_verbs") or ())
            self._cues[language] = ModalityCues.from_data(
                self._resources.lexicon(language, "modality"), light_verbs=light
            )
        return self._cues[language]

    def __call__(self, doc: Doc) -> Doc:
        cues = self.cues(doc.language or "en")
        index = ParseIndex(doc)
        out: list[EventMention] = []
        for mention in doc.mentions:
            tree = index.tree(mention.sentence)
            token = tree.at_offset(mention.trigger)
            if token is None:
                out.append(mention)
                continue
            modality, cue = modality_of(tree, token, cues)
            out.append(
                dataclasses.replace(
                    mention,
                    modality=modality,
                    modality_cue=cue,
                    negation_cue=cue if modality == "negated" else None,
                )
            )
        return doc.evolve(mentions=tuple(out))


def modality_of(
    tree: SentenceTree, trigger: Token, cues: ModalityCues
) -> tuple[Modality, Span | None]:
    """Return the modality of the event triggered by ``trigger`` and the cue's span."""
    node = trigger
    is_trigger = True
    via_noun = trigger.pos in NOUN_POS
    seen: set[int] = set()
    while node.i not in seen:
        seen.add(node.i)
        found = _own_cues(tree, node, cues, is_trigger=is_trigger, via_noun=via_noun)
        if found is not None:
            return found
        head = tree.head(node.i)
        if head is None or node.dep not in _CLIMB:
            break
        found = _governor_cue(head, node, cues)
        if found is not None:
            return found
        if (
            node.pos in VERB_POS
            and _infinitive(tree, node)
            and node.dep in {"advcl", "acl", "relcl"}
        ):
            # "a strategy to take back the north", "moved in to retake the town": a goal
            return "future", _span(_infinitive(tree, node) or node)
        if node.dep == "ccomp" or (node.dep == "acl" and head.pos in NOUN_POS):
            break  # reported speech and clauses modifying a noun keep their own mood
        if node.dep == "advcl" and (
            tree.children(node.i, "mark") or tree.children(node.i, *SUBJECT_DEPS)
        ):
            break  # "after the alliance stormed ...": a finite adverbial clause has its own tense
        if (
            node.pos in VERB_POS
            and head.pos in VERB_POS
            and node.dep not in {"conj", "xcomp", "advcl"}
        ):
            break
        is_trigger = False
        if node.pos in VERB_POS:
            via_noun = False
        node = head
    if _imperative(tree, node):
        return "hypothetical", _span(node)  # "take a knife and attack the tourists"
    return "asserted", None


def _imperative(tree: SentenceTree, verb: Token) -> bool:
    """Whether ``verb`` heads an imperative: a bare base form at the root, with no subject
    and no auxiliary (an order or advice, not a report)."""
    if verb.pos not in VERB_POS or verb.tag != "VB" or verb.head != verb.i:
        return False
    return not tree.children(verb.i, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS, "aux", "auxpass")


def _own_cues(
    tree: SentenceTree, node: Token, cues: ModalityCues, *, is_trigger: bool, via_noun: bool
) -> tuple[Modality, Span | None] | None:
    """Return a cue attached to ``node`` itself (its auxiliaries, negation, markers)."""
    children = tree.children(node.i)
    lemma = node.lemma.lower()
    # negation only reaches a nominal trigger through a light verb ("did not launch an
    # attack"); "the attack did not kill anyone" still reports an attack
    negation_applies = is_trigger or not via_noun or lemma in cues.light_verbs
    for child in children:
        word = child.text.lower()
        child_lemma = child.lemma.lower()
        if negation_applies and (
            child.dep == "neg" or (child.dep in {"advmod", "det"} and word in {"never"})
        ):
            return "negated", _span(child)
        if node.pos in NOUN_POS and child.dep in {"amod", "compound"}:
            if child_lemma in cues.negated_modifiers:
                return "negated", _span(child)
            if child_lemma in cues.hypothetical_modifiers:
                return "hypothetical", _span(child)
        if (
            is_trigger
            and node.pos in NOUN_POS
            and child.dep == "det"
            and word in cues.negating_determiners
        ):
            return "negated", _span(child)
    for child in children:
        word = child.text.lower()
        if child.dep in _AUX and node.pos in VERB_POS:
            if word in cues.hypothetical_aux or child.lemma.lower() in cues.hypothetical_aux:
                return "hypothetical", _span(child)
            if word in cues.future_aux or child.lemma.lower() in cues.future_aux:
                return "future", _span(child)
        if child.dep == "mark" and word in cues.conditional_marks:
            return "hypothetical", _span(child)
    if is_trigger and node.pos in VERB_POS:
        # "no civilians were killed"
        for subject in tree.children(node.i, *SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS):
            for det in tree.children(subject.i, "det", "neg"):
                # "not everyone agreed": a negated subject quantifier negates the act
                if det.dep == "neg" or det.text.lower() in cues.negating_determiners:
                    return "negated", _span(det)
    return None


def _governor_cue(
    head: Token, node: Token, cues: ModalityCues
) -> tuple[Modality, Span | None] | None:
    """Return a cue given by the verb or noun that governs ``node``."""
    lemma = head.lemma.lower()
    if head.pos in VERB_POS or head.pos == "ADJ":
        if (
            lemma in cues.negating_governors
            and (node.dep in _COMPLEMENT or node.dep in {"dobj", "obj", "prep", "pobj"})
            and not (node.dep == "advcl" and node.tag == "VBG")
        ):
            # "rejected the vote, calling it a fraud": the participle is a second act said
            # alongside the rejection, not its complement
            return "negated", _span(head)
        if node.dep in _GOVERNED:
            if lemma in cues.future_governors:
                return "future", _span(head)
            if lemma in cues.hypothetical_governors:
                return "hypothetical", _span(head)
        elif node.dep in {"dobj", "obj", "prep"} and lemma in cues.hypothetical_governors:
            return "hypothetical", _span(head)  # "fear renewed fighting", "called for talks"
    if head.pos in NOUN_POS and node.dep in {"acl", "prep", "pobj", "relcl", "compound"}:
        if lemma in cues.future_nouns:
            return "future", _span(head)
        if lemma in cues.hypothetical_nouns:
            return "hypothetical", _span(head)
    return None


def _infinitive(tree: SentenceTree, verb: Token) -> Token | None:
    """Return the infinitive marker of ``verb`` (tag TO), if it is an infinitive clause."""
    for child in tree.children(verb.i, "aux"):
        if child.tag == "TO":
            return child
    return None


def _span(token: Token) -> Span:
    return Span(token.start, token.end)
