"""Find and type event trigger candidates: the ``EventTyper`` interface and its rule version.

``EventTyper`` is the one seam between the trigger stage and whatever decides which words
name which events. ``RuleTyper`` (registry name ``events.typer.rules.v1``) reads the
language's ``triggers.yaml``; a learned typer only has to implement ``candidates``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from kibaru.contract import PLOVER_TYPES, Doc, Span, Token, Typing
from kibaru.errors import ConfigError
from kibaru.events.crosswalk import Crosswalk
from kibaru.events.frames import subjects as _active_subjects
from kibaru.events.tree import (
    NOUN_POS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    ParseIndex,
    SentenceTree,
)

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["EventTyper", "RuleTyper", "TriggerCandidate", "TriggerRule", "compile_rules"]

# Entities whose words name something, not an event ("Attack on Titan", "Operation Serval").
_NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "LAW", "PRODUCT", "ACTOR"})
_OBJECT_LIKE = OBJECT_DEPS | PASSIVE_SUBJECT_DEPS | {"acomp", "advmod", "npadvmod", "xcomp"}
_PARTICLE_DEPS = frozenset({"prt", "advmod", "prep", "acomp", "oprd", "xcomp", "compound:prt"})
_PREDICATE_DEPS = frozenset({"oprd"})
"""An object predicate: "called the attack [a war crime]", "called the sanctions [illegal]"."""
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})


@dataclass(frozen=True)
class TriggerCandidate:
    """A word that may name an event, with its typing.

    ``token`` is the anchor ``Token.i``; ``outcome`` marks words naming a result (killed)
    and ``generic`` words naming violence without its means (attack): when candidates of one
    happening are merged, specific ones win over these.
    """

    token: int
    span: Span
    typing: Typing
    outcome: bool = False
    generic: bool = False


@runtime_checkable
class EventTyper(Protocol):
    """Decide which words of a parsed sentence name events, and of which type."""

    def candidates(
        self, doc: Doc, sentence: int, *, tree: SentenceTree | None = None
    ) -> Sequence[TriggerCandidate]:
        """Return the typed trigger candidates of parsed ``sentence`` of ``doc``."""
        ...


@dataclass(frozen=True)
class TriggerRule:
    """One entry of triggers.yaml, compiled."""

    id: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    plover_type: str
    mode: str | None
    acled_rule: str
    strength: float
    objects: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    phrase: tuple[str, ...] = ()
    outcome: bool = False
    generic: bool = False
    active: bool = False
    intransitive: bool = False
    not_preps: frozenset[str] = frozenset()
    rhetorical: str | None = None
    predicate: bool = False
    clause: bool = False
    subjects: frozenset[str] = frozenset()
    not_subjects: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """Return how many constraints the rule adds to its lemma (more wins)."""
        # a required object, modifier or phrase says more than a particle or preposition
        return (
            2 * (bool(self.objects) + bool(self.modifiers) + bool(self.phrase))
            + bool(self.particles)
            + bool(self.preps)
            + 2 * self.predicate
            + 2 * self.clause
            + 2 * bool(self.subjects)
        )

    def match(self, tree: SentenceTree, token: Token) -> list[Token] | None:
        """Return the tokens that satisfied the constraints (``[]`` when there are none), or
        None when the rule does not match ``token``."""
        if _lemma(token) not in self.lemmas or not _pos_ok(token, self.pos):
            return None
        if self.active and tree.children(token.i, "auxpass", "nsubjpass", "aux:pass"):
            return None
        if self.intransitive and tree.children(token.i, *OBJECT_DEPS, "ccomp"):
            return None
        if self.intransitive and token.dep == "acl":
            return None  # "protesters gathered at the gate": a participle describing them
        if self.not_preps and any(_lemma(p) in self.not_preps for p in _preps(tree, token)):
            return None
        if self.predicate and not tree.children(token.i, *_PREDICATE_DEPS):
            return None  # "called the attack a war crime", not "called a meeting"
        if self.subjects or self.not_subjects:
            # "soldiers left Mali" is a withdrawal, "the minister left Paris" a trip;
            # "protesters gathered" a protest, "ministers gathered" a meeting
            said = {_lemma(t) for t in _subject_words(tree, token)}
            if self.subjects and not said & self.subjects:
                return None
            if said & self.not_subjects:
                return None
        if self.clause and not [c for c in tree.children(token.i, "ccomp") if c.i > token.i]:
            # "warned that France would pay", not "warned of floods" nor the reporting verb
            # after the words ("an intervention would kill many, a diplomat warned")
            return None
        used: list[Token] = []
        for wanted, finder in (
            (self.objects, _objects),
            (self.particles, _particles),
            (self.preps, _preps),
            (self.modifiers, _modifiers),
        ):
            if not wanted:
                continue
            found = [t for t in finder(tree, token) if _lemma(t) in wanted]
            if finder is _preps:
                # a phrasal verb's preposition follows it: "called on X", not "On Sunday ...
                # called the sanctions illegal"
                found = [t for t in found if t.i > token.i]
            if not found:
                return None
            used.append(found[0])
        if self.phrase and not _phrase_after(tree, token, self.phrase):
            return None
        return used


def compile_rules(data: Mapping[str, Any], *, language: str) -> tuple[TriggerRule, ...]:
    """Return the rules of a parsed triggers.yaml, checked against the ontologies."""
    rules: list[TriggerRule] = []
    for entry in data.get("triggers") or []:
        try:
            rule = TriggerRule(
                id=str(entry["id"]),
                lemmas=_lower_set(entry["lemmas"]),
                pos=frozenset(entry.get("pos") or ["VERB", "NOUN"]),
                plover_type=str(entry["type"]),
                mode=entry.get("mode"),
                acled_rule=str(entry.get("acled") or "none"),
                strength=float(entry.get("strength", 0.6)),
                objects=_lower_set(entry.get("object")),
                particles=_lower_set(entry.get("particle")),
                preps=_lower_set(entry.get("prep")),
                modifiers=_lower_set(entry.get("modifier")),
                phrase=tuple(str(entry.get("phrase") or "").lower().split()),
                outcome=bool(entry.get("outcome", False)),
                generic=bool(entry.get("generic", False)),
                active=bool(entry.get("active", False)),
                intransitive=bool(entry.get("intransitive", False)),
                not_preps=_lower_set(entry.get("not_prep")),
                rhetorical=entry.get("rhetorical"),
                predicate=bool(entry.get("predicate", False)),
                clause=bool(entry.get("clause", False)),
                subjects=_lower_set(entry.get("subject")),
                not_subjects=_lower_set(entry.get("not_subject")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                f"data file kibaru/data/{language}/triggers.yaml has a bad entry {entry!r}: {exc}"
            ) from exc
        if rule.plover_type not in PLOVER_TYPES:
            raise ConfigError(
                f"trigger {rule.id!r} in kibaru/data/{language}/triggers.yaml has unknown "
                f"PLOVER type {rule.plover_type!r}"
            )
        rules.append(rule)
    return tuple(rules)


class RuleTyper:
    """Type triggers with the lexicon rules of the document's language (triggers.yaml)."""

    name = "events.typer.rules.v1"

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._crosswalk: Crosswalk | None = None
        self._rules: dict[str, dict[str, list[TriggerRule]]] = {}
        self._non_agents: dict[str, frozenset[str]] = {}
        self._rhetorical_targets: dict[str, frozenset[str]] = {}

    @property
    def crosswalk(self) -> Crosswalk:
        """The shared crosswalk tables (loaded on first use)."""
        if self._crosswalk is None:
            self._crosswalk = Crosswalk.load()
        return self._crosswalk

    def rules_for(self, language: str) -> dict[str, list[TriggerRule]]:
        """Return the language's rules indexed by lemma, most specific first."""
        if language not in self._rules:
            data = self._resources.lexicon(language, "triggers")
            by_lemma: dict[str, list[TriggerRule]] = {}
            for rule in compile_rules(data, language=language):
                for lemma in rule.lemmas:
                    by_lemma.setdefault(lemma, []).append(rule)
            for listed in by_lemma.values():
                listed.sort(key=lambda r: -r.specificity)
            self._rules[language] = by_lemma
            self._non_agents[language] = _lower_set(data.get("non_agent_causes"))
            self._rhetorical_targets[language] = _lower_set(data.get("rhetorical_targets"))
        return self._rules[language]

    def candidates(
        self, doc: Doc, sentence: int, *, tree: SentenceTree | None = None
    ) -> list[TriggerCandidate]:
        """Return one typed candidate per trigger word of ``sentence``."""
        language = doc.language or "en"
        rules = self.rules_for(language)
        tree = tree or ParseIndex(doc).tree(sentence)
        named = [e.span for e in doc.entities if e.label in _NAME_LABELS]
        found: list[TriggerCandidate] = []
        non_agents = self._non_agents.get(language, frozenset())
        abstract = self._rhetorical_targets.get(language, frozenset())
        for token in tree:
            options = rules.get(_lemma(token))
            if not options or any(s.start <= token.start < s.end for s in named):
                continue
            if token.pos == "VERB" and token.dep in {"amod", "compound"}:
                continue  # "a captured car", "the detained suspect": a description
            if token.pos == "VERB" and token.tag == "VBN" and tree.children(token.i, "det"):
                continue  # "thoughts with the injured": a participle naming people
            if token.pos in NOUN_POS and token.dep in _PREDICATE_DEPS:
                continue  # "calling the process a coup": a label, not a happening
            for rule in options:
                used = rule.match(tree, token)
                if used is None:
                    continue
                if token.pos in NOUN_POS and _is_idle_compound(tree, token, rules):
                    break
                if (rule.outcome or rule.generic) and _caused_by(tree, token, non_agents):
                    break  # "a fire killed five", "an earthquake struck": not an event
                if rule.plover_type == "ASSAULT" and any(
                    _lemma(o) in non_agents and not (o in used and rule.mode == "firearms")
                    for o in tree.children(token.i, *OBJECT_DEPS)
                ):
                    # "battled cancer", "fought the flames"; but "opened fire" is gunfire
                    break
                if rule.rhetorical and (
                    _person_on_person(doc, tree, token)
                    or any(_lemma(o) in abstract for o in tree.children(token.i, *OBJECT_DEPS))
                ):
                    # "Biden attacked Trump", "the president attacked the media": criticism
                    rule = dataclasses.replace(
                        rule, plover_type=rule.rhetorical, mode=None, acled_rule="none"
                    )
                found.append(self._candidate(rule, token, used, language))
                break
        return found

    def _candidate(
        self, rule: TriggerRule, token: Token, used: list[Token], language: str
    ) -> TriggerCandidate:
        acled = self.crosswalk.acled(rule.acled_rule)
        typing = Typing(
            plover_type=rule.plover_type,
            plover_mode=rule.mode,
            acled_event_type=acled[0] if acled else None,
            acled_sub_event_type=acled[1] if acled else None,
            cameo_root=self.crosswalk.cameo_root(rule.plover_type, rule.mode),
            confidence=rule.strength,
            rule=f"{language}/triggers:{rule.id}",
            acled_rule=rule.acled_rule,
        )
        rules = self.rules_for(language)
        # widen to a nearby particle, modifier or object, unless that word names an event of
        # its own ("banned a protest march": the march is another mention)
        widen = [
            t
            for t in used
            if t.dep in _MODIFIER_DEPS
            or not any(_pos_ok(t, r.pos) for r in rules.get(_lemma(t), ()))
        ]
        return TriggerCandidate(
            token=token.i,
            span=_trigger_span(token, widen),
            typing=typing,
            outcome=rule.outcome,
            generic=rule.generic,
        )


def _lemma(token: Token) -> str:
    return (token.lemma or token.text).lower()


def _lower_set(values: Iterable[Any] | None) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


def _pos_ok(token: Token, wanted: frozenset[str]) -> bool:
    if token.pos in wanted:
        return True
    return "NOUN" in wanted and token.pos == "PROPN"


def _objects(tree: SentenceTree, token: Token) -> list[Token]:
    out = tree.children(token.i, *_OBJECT_LIKE)
    if token.pos in NOUN_POS or not out:
        # "capture of the town", "pulled out of the deal"; a verb's adjunct ("took place in
        # the capital") is not its object when it has a real one
        for prep in tree.children(token.i, "prep", "agent", "dative"):
            out.extend(tree.children(prep.i, "pobj", "pcomp"))
    for obj in list(out):
        out.extend(tree.children(obj.i, "conj"))
        for prep in tree.children(obj.i, "prep"):
            # "seized the town of X", "took control of": the noun inside counts too
            out.extend(tree.children(prep.i, "pobj"))
    head = tree.head(token.i)
    if head is not None and token.dep in {"acl", "relcl", "amod"}:
        out.append(head)  # "the agreement signed on Feb. 8"
    return out


def _subject_words(tree: SentenceTree, token: Token) -> list[Token]:
    """Return the verb's active subjects with their conjuncts and the nouns their
    prepositions govern ("hundreds of people", "thousands of protesters")."""
    out: list[Token] = []
    for subject in _active_subjects(tree, token):
        for word in tree.conjuncts(subject.i):
            out.append(word)
            for prep in tree.children(word.i, "prep"):
                out.extend(tree.children(prep.i, "pobj"))
    return out


def _particles(tree: SentenceTree, token: Token) -> list[Token]:
    return tree.children(token.i, *_PARTICLE_DEPS)


def _preps(tree: SentenceTree, token: Token) -> list[Token]:
    return tree.children(token.i, "prep", "agent", "dative", "prt")


def _modifiers(tree: SentenceTree, token: Token) -> list[Token]:
    out = tree.children(token.i, *_MODIFIER_DEPS)
    # hyphenated or mis-parsed compounds: "drone-strike", "air strike"
    for back in (1, 2):
        previous = tree.tokens.get(token.i - back)
        if previous is not None and previous.text not in {"-", "–"}:
            out.append(previous)
            break
    return out


def _phrase_after(tree: SentenceTree, token: Token, phrase: tuple[str, ...]) -> bool:
    words = [t.text.lower() for t in tree if t.i > token.i]
    n = len(phrase)
    return any(tuple(words[k : k + n]) == phrase for k in range(len(words) - n + 1))


def _is_idle_compound(
    tree: SentenceTree, token: Token, rules: Mapping[str, list[TriggerRule]]
) -> bool:
    """Return whether a noun only modifies a non-event noun ("attack helicopters")."""
    if token.dep not in {"compound", "amod", "nmod"}:
        return False
    head = tree.head(token.i)
    return head is None or _lemma(head) not in rules


def _person_on_person(doc: Doc, tree: SentenceTree, token: Token) -> bool:
    """Whether a named person acts on a named person ("Biden attacked Trump")."""

    def person(word: Token) -> bool:
        return word.ent_type == "PERSON" or any(
            e.label == "PERSON" and e.span.start <= word.start < e.span.end for e in doc.entities
        )

    subjects = tree.children(token.i, *SUBJECT_DEPS)
    objects = tree.children(token.i, *OBJECT_DEPS)
    return any(map(person, subjects)) and any(map(person, objects))


def _caused_by(tree: SentenceTree, token: Token, causes: frozenset[str]) -> bool:
    """Return whether an outcome verb's subject or prepositional cause is a non-agent."""
    for child in tree.children(token.i, *SUBJECT_DEPS):
        head = tree.head(token.i)
        if child.tag in {"WDT", "WP"} and token.dep == "relcl" and head is not None:
            child = head  # "a collision which killed ..."
        if _lemma(child) in causes:
            return True
    for prep in tree.children(token.i, "prep", "agent"):
        if any(_lemma(obj) in causes for obj in tree.children(prep.i, "pobj")):
            return True
    return False


def _trigger_span(token: Token, used: list[Token]) -> Span:
    start, end = token.start, token.end
    for other in used:
        # widen to a nearby particle, object or modifier ("seized control", "air strike")
        if abs(other.i - token.i) <= 3:
            start, end = min(start, other.start), max(end, other.end)
    return Span(start, end)
