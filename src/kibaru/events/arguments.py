"""Find each event mention's actors, places, times and casualty phrases
(stage events.arguments.v1).

Sources are subjects, passive agents ("chased ... by French, Chadian and Malian forces") and
the possessors or nationality adjectives of nominal triggers ("Lavrov's visit", "a French
airstrike"); targets are objects, passive subjects and the objects of "against/on/with".
Coordinated actors each become one argument; pronouns and "the group" point back to the
nearest compatible actor named before (``via="coref"``). Places are prepositional phrases
attached to the event's clause ("in", "near", ... kept as the relation) or a place that is
the object of the verb ("stormed Kidal"). Casualty spans are handed to the count resolver
as text. Cue words live in data/<lang>/arguments.yaml and triggers.yaml.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import ActorMention, Doc, Entity, EventMention, PlaceMention, Span, Token
from kibaru.events.argument_cues import ArgumentCues
from kibaru.events.casualties import CasualtyCues, casualty_spans
from kibaru.events.coref import CorefRules
from kibaru.events.frames import (
    Frame,
    counted_or_plural,
    frame_of,
    np_span,
    np_tokens,
    subjects,
)
from kibaru.events.timex import TimeFinder
from kibaru.events.tree import (
    NOUN_POS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    VERB_POS,
    ParseIndex,
    SentenceTree,
)

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["ArgumentFinder"]

_PLACE_LABELS = frozenset({"PLACE", "GPE", "LOC", "FAC"})
_NOT_PLACE_LABELS = frozenset(
    {
        "PERSON",
        "DATE",
        "TIME",
        "CARDINAL",
        "MONEY",
        "PERCENT",
        "ORDINAL",
        "QUANTITY",
        "ACTOR",
        "ROLE",
    }
)
_ACTOR_LABELS = frozenset({"ACTOR", "ROLE", "NORP", "ORG", "PERSON", "GPE"})
# Event types whose object, when it is a place, is where the event happened.
_PLACE_OBJECT_TYPES = frozenset({"ASSAULT", "COERCE", "CONSULT", "MOBILIZE", "PROTEST", "RETREAT"})
_NOT_ACTOR_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
)
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# Types whose unnamed plural or counted objects are victims ("killed five girls").
_VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})


class ArgumentFinder:
    """Stage: fill sources, targets, places, times and casualty spans of each mention."""

    name: ClassVar[str] = "events.arguments.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"mentions", "actor_entities", "place_entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"arguments"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._loaded: dict[str, tuple[ArgumentCues, CasualtyCues, TimeFinder, frozenset[str]]] = {}
        self._light: dict[str, frozenset[str]] = {}
        self._event_nouns: dict[str, frozenset[str]] = {}

    def _language(
        self, language: str
    ) -> tuple[ArgumentCues, CasualtyCues, TimeFinder, frozenset[str]]:
        if language not in self._loaded:
            data = self._resources.lexicon(language, "arguments")
            triggers = self._resources.lexicon(language, "triggers")
            cues = ArgumentCues.from_data(data)
            casualty = CasualtyCues.from_data(
                triggers.get("casualties") or {}, genitive_preps=cues.genitive_preps
            )
            lemmas: set[str] = set(casualty.all_verbs)
            self._light[language] = frozenset(
                str(v).lower() for v in triggers.get("light_verbs") or ()
            )
            lemmas |= self._light[language]
            nouns: set[str] = set()
            for entry in triggers.get("triggers") or ():
                plain_verb = "VERB" in (entry.get("pos") or ["VERB"]) and not any(
                    entry.get(k) for k in ("object", "prep", "particle", "phrase", "modifier")
                )
                if plain_verb:
                    # a verb that names an event by itself can carry a nominal trigger
                    # ("an airstrike killed"); "called it a killing" cannot
                    lemmas |= {str(v).lower() for v in entry.get("lemmas") or ()}
                if "NOUN" in (entry.get("pos") or ["NOUN"]):
                    nouns |= {str(v).lower() for v in entry.get("lemmas") or ()}
            self._event_nouns[language] = frozenset(nouns)
            self._loaded[language] = (
                cues,
                casualty,
                TimeFinder.from_data(data),
                frozenset(lemmas),
            )
        return self._loaded[language]

    def __call__(self, doc: Doc) -> Doc:
        cues, casualty, times, event_lemmas = self._language(doc.language or "en")
        light = self._light[doc.language or "en"]
        index = ParseIndex(doc)
        per_sentence: dict[int, int] = {}
        for mention in doc.mentions:
            per_sentence[mention.sentence] = per_sentence.get(mention.sentence, 0) + 1
        finder = _Finder(
            doc,
            cues,
            event_lemmas=self._event_nouns[doc.language or "en"],
            casualty_verbs=casualty.all_verbs - casualty.result_verbs,
        )
        out: list[EventMention] = []
        for mention in doc.mentions:
            tree = index.tree(mention.sentence)
            token = tree.at_offset(mention.trigger)
            if token is None:
                out.append(mention)
                continue
            frame = frame_of(tree, token, event_lemmas=event_lemmas, light_verbs=light)
            sources, targets, places = finder.arguments(tree, frame, mention)
            killed, injured = casualty_spans(tree, frame, casualty, cues.quantity_words)
            when = times.attached(doc, tree, frame, only_event=per_sentence[mention.sentence] == 1)
            out.append(
                dataclasses.replace(
                    mention,
                    sources=tuple(sources),
                    targets=tuple(targets),
                    places=tuple(places),
                    times=tuple(when),
                    fatality_spans=tuple(killed),
                    injury_spans=tuple(injured),
                )
            )
        return doc.evolve(mentions=tuple(out))


class _Finder(CorefRules):
    """Argument rules over one document (its entities drive place and coref decisions)."""

    def __init__(
        self,
        doc: Doc,
        cues: ArgumentCues,
        *,
        event_lemmas: frozenset[str],
        casualty_verbs: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.cues = cues
        self.event_lemmas = event_lemmas
        self.casualty_verbs = casualty_verbs
        self.entities = sorted(doc.entities, key=lambda e: e.span.start)
        self.index = ParseIndex(doc)

    # -------------------------------------------------------------- entities
    def _entities_at(self, token: Token) -> list[Entity]:
        return [e for e in self.entities if e.span.start <= token.start < e.span.end]

    def is_place(self, token: Token, *, loose: bool = False) -> bool:
        """Whether ``token`` names a place: gazetteer/NER place, or a bare proper noun after a
        locative preposition when ``loose``."""
        found = self._entities_at(token)
        if any(e.label == "PLACE" for e in found):
            return True
        if any(e.label in {"ACTOR", "ROLE"} for e in found):
            return False
        if any(e.label in _PLACE_LABELS for e in found) or token.ent_type in _PLACE_LABELS:
            return True
        if loose and token.pos == "PROPN":
            return (
                not any(e.label in _NOT_PLACE_LABELS for e in found)
                and token.ent_type not in _NOT_PLACE_LABELS
            )
        return False

    def place_span(self, tree: SentenceTree, token: Token) -> Span:
        """Return the place's span: the matched entity, else the noun phrase."""
        for entity in self._entities_at(token):
            if entity.label in _PLACE_LABELS:
                return entity.span
        return np_span(tree, token)

    # -------------------------------------------------------------- arguments
    def arguments(
        self, tree: SentenceTree, frame: Frame, mention: EventMention
    ) -> tuple[list[ActorMention], list[ActorMention], list[PlaceMention]]:
        trigger = frame.trigger
        predicate = frame.predicate
        places: list[PlaceMention] = []
        place_type = mention.typing.plover_type in _PLACE_OBJECT_TYPES
        source_heads: list[tuple[Token, str]] = []
        target_heads: list[tuple[Token, str]] = []
        if frame.nominal:
            genitive_patient = mention.typing.plover_type in self.cues.genitive_patient_types
            patient_preps = self.cues.target_preps
            if not genitive_patient:
                patient_preps = patient_preps - self.cues.genitive_preps
                source_heads += self._prep_objects(
                    tree, trigger, self.cues.genitive_preps, via="genitive"
                )
            source_heads += self._noun_sources(tree, trigger)
            target_heads += self._prep_objects(tree, trigger, patient_preps)
        if predicate is not None:
            passive = bool(tree.children(predicate.i, *PASSIVE_SUBJECT_DEPS))
            passive = passive or bool(tree.children(predicate.i, "auxpass", "aux:pass"))
            bare_participle = (
                predicate.tag == "VBN"
                and not tree.children(predicate.i, "aux", "auxpass", "aux:pass")
                and predicate.head != predicate.i
            )
            modified = tree.head(predicate.i) if predicate.dep == "acl" else None
            if bare_participle and modified is not None and modified.pos in NOUN_POS:
                # "Malian forces, backed by French troops, ...": a participle modifying a
                # noun is passive; its "by" phrase acts, the noun undergoes
                passive = True
                target_heads.append((modified, "nsubjpass"))
            if bare_participle and tree.children(predicate.i, "nsubj"):
                # "reporting 150 soldiers killed": a small clause, its subject suffered
                passive = True
                target_heads += [(s, "nsubjpass") for s in tree.children(predicate.i, "nsubj")]
            if not frame.trigger_is_subject and not (frame.nominal and source_heads):
                if passive:
                    source_heads += self._agents(tree, predicate)
                else:
                    source_heads += [(s, "nsubj") for s in subjects(tree, predicate)]
            if (
                passive
                and modified is None
                and not tree.children(predicate.i, *PASSIVE_SUBJECT_DEPS)
            ):
                # "seized the north before being chased": the main clause's subject suffered
                governor = tree.head(predicate.i)
                while governor is not None and governor.pos not in VERB_POS:
                    governor = tree.head(governor.i)
                if governor is not None:
                    target_heads += [(s, "nsubjpass") for s in subjects(tree, governor)]
            objects = [
                o
                for o in tree.children(predicate.i, *OBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)
                if o.i != trigger.i and o.dep != "attr"
            ]
            for obj in [
                o for o in objects if mention.trigger.start <= o.start < mention.trigger.end
            ]:
                # "imposed sanctions on Mali": the object is part of the trigger
                objects.remove(obj)
                target_heads += self._prep_objects(tree, obj, self.cues.target_preps)
            for obj in list(objects):
                if obj.tag in _RELATIVE_TAGS and predicate.dep == "relcl":
                    head = tree.head(predicate.i)  # "protesters who were arrested"
                    if head is not None:
                        objects[objects.index(obj)] = head
            for obj in objects:
                if place_type and self.is_place(obj):
                    relation = "from" if mention.typing.plover_type == "RETREAT" else "in"
                    places.append(PlaceMention(self.place_span(tree, obj), relation))
                    continue
                target_heads.append((obj, obj.dep))
                # "signed an agreement with X", "imposed sanctions on X"
                if obj.lemma.lower() in self.cues.non_actors or obj.pos not in NOUN_POS | {"PRON"}:
                    target_heads += self._prep_objects(tree, obj, self.cues.target_preps)
            if not frame.nominal or frame.trigger_is_subject or not target_heads:
                target_heads += self._prep_objects(tree, predicate, self.cues.verb_target_preps)
            named_targets = [h for h, _ in target_heads if h.ent_type not in _NOT_ACTOR_LABELS]
            if mention.typing.plover_type in self.cues.clause_target_types and not named_targets:
                # "warned that France would pay": the named subject of the reported clause
                for clause in tree.children(predicate.i, "ccomp"):
                    target_heads += [
                        (s, "clause") for s in subjects(tree, clause) if s.pos in NOUN_POS
                    ]
        if place_type and predicate is not None:
            # "attacked the village of Seytenga": the village is where, not whom
            for obj in tree.children(predicate.i, *OBJECT_DEPS):
                if obj.lemma.lower() in self.cues.non_actors and not self.is_place(obj):
                    found = self._place_from(tree, obj, "in")
                    places += found
                    target_heads = [
                        (h, v)
                        for h, v in target_heads
                        if not any(p.span.start <= h.start < p.span.end for p in found)
                    ]
        # "Dozens of Malian soldiers were killed": a subject or object NER calls a CARDINAL
        # counts the people of its genitive phrase (not so a noun's "the killing of hundreds",
        # which alone does not make an event noun a happening)
        target_heads = [
            (h, v)
            for h, v in target_heads
            if h.ent_type not in _NOT_ACTOR_LABELS
            or (not v.startswith("prep_") and self._counts_people(tree, h))
        ]
        if not [
            h
            for h, _ in target_heads
            if h.lemma.lower() not in self.cues.non_actors
            and (self._actor_like(h) or counted_or_plural(tree, h))
        ]:
            # "40 civilians were killed when gunmen attacked": the victims of a merged outcome
            # (also when the attacked noun is no actor: "when their patrol was ambushed")
            for verb in frame.verbs:
                if verb.lemma.lower() in self.casualty_verbs and verb.i != trigger.i:
                    victims = tree.children(verb.i, *PASSIVE_SUBJECT_DEPS) or tree.children(
                        verb.i, *OBJECT_DEPS
                    )
                    target_heads += [(v, "victim") for v in victims]
        if place_type:
            # "an attack on Kidal": a place, found by the place rules, not a target
            target_heads = [
                (h, v) for h, v in target_heads if not (v.startswith("prep_") and self.is_place(h))
            ]
        # "stabbed at a fundraising event", "visited the hospital": only actor-like words
        # are targets (violence and coercion also count plain or counted victims)
        violent = mention.typing.plover_type in _VICTIM_TYPES
        target_heads = [
            (h, v)
            for h, v in target_heads
            if self._actor_like(h)
            or (violent and not v.startswith("prep_") and counted_or_plural(tree, h))
        ]
        sources = self._actors(tree, source_heads, frame)
        targets = self._actors(tree, target_heads, frame)
        source_spans = {a.span for a in sources}
        targets = [t for t in targets if t.span not in source_spans]
        places += self._places(tree, frame, [h for h, _ in target_heads])
        return sources, targets, list({p.span: p for p in reversed(places)}.values())[::-1]

    def _owned_by_role(self, tree: SentenceTree, noun: Token) -> bool:
        """Whether a thing is qualified by a role word that owns it ("a military base", "the
        army barracks", "a police station"): attacking it is attacking its forces."""
        return any(
            e.label == "ROLE"
            for m in tree.children(noun.i, "compound", "amod")
            if m.i < noun.i
            for e in self._entities_at(m)
        )

    def _counts_people(self, tree: SentenceTree, token: Token) -> bool:
        """Whether ``token`` is a number or quantity word with a genitive phrase ("dozens of
        soldiers"): the actor is the inner noun, whatever NER calls the number."""
        if not (token.like_num or token.lemma.lower() in self.cues.quantity_words):
            return False
        return any(
            prep.lemma.lower() in self.cues.genitive_preps and tree.children(prep.i, "pobj")
            for prep in tree.children(token.i, "prep")
        )

    def _agents(self, tree: SentenceTree, verb: Token) -> list[tuple[Token, str]]:
        """Return the passive agents ("by X"), also when the parser hung "by X" on a noun of
        the clause ("chased from the towns by French forces")."""
        found = self._prep_objects(tree, verb, self.cues.agent_preps, via="agent")
        if found:
            return found
        for prep in tree.children(verb.i, "prep"):
            if prep.lemma.lower() not in self.cues.place_preps:
                continue  # only "chased from the towns by ...", not "with estimates by ..."
            for obj in tree.children(prep.i, "pobj"):
                found += self._prep_objects(tree, obj, self.cues.agent_preps, via="agent")
        return found

    def _actor_like(self, token: Token) -> bool:
        """Whether a word can name an actor: a named or known actor, a role, a group noun, a
        pronoun, or a quantity of people ("dozens of people")."""
        if (
            token.pos == "PRON"
            or token.lemma.lower() in self.cues.group_nouns | self.cues.anaphoric_nouns
        ):
            return True
        sentence = self.index.tree(token.sentence)
        words = [*np_tokens(sentence, token), *sentence.children(token.i, "appos")]
        for word in words:  # "the human-rights chief, Guillaume N.", "UN envoy"
            labels = {e.label for e in self._entities_at(word)} | {word.ent_type}
            if labels & {"ACTOR", "ROLE", "NORP", "PERSON", "ORG", "GPE"}:
                return True
        return token.lemma.lower() in self.cues.quantity_words or token.like_num

    def _noun_sources(self, tree: SentenceTree, noun: Token) -> list[tuple[Token, str]]:
        out: list[tuple[Token, str]] = [(c, "poss") for c in tree.children(noun.i, "poss")]
        for participle in tree.children(noun.i, "acl"):
            # "the attack, reportedly conducted by the Taliban"
            out += self._prep_objects(tree, participle, self.cues.agent_preps, via="agent")
        modifiers = self._actor_modifiers(tree, noun)
        if modifiers:
            out.append((modifiers[0], "mod"))
        out += self._prep_objects(tree, noun, self.cues.agent_preps, via="agent")
        return out

    def _actor_modifiers(self, tree: SentenceTree, noun: Token) -> list[Token]:
        """Return the actor words among a nominal trigger's left modifiers ("Nigerian army"
        in "a Nigerian army drone strike"), in text order."""
        left = [
            t
            for t in np_tokens(tree, noun)
            if t.i < noun.i
            and t.dep != "poss"
            and t.dep not in {"det", "case"}
            and not self._in_possessor(tree, t, noun)
        ]
        found = []
        for token in left:
            labels = {e.label for e in self._entities_at(token)} | {token.ent_type}
            lemma = token.lemma.lower()
            if lemma in self.event_lemmas or self.is_place(token):
                continue
            if labels & {"NORP", "ORG", "ACTOR", "PERSON"} or (
                token.pos == "NOUN" and lemma in self.cues.group_nouns
            ):
                found.append(token)
        return found

    def _in_possessor(self, tree: SentenceTree, token: Token, noun: Token) -> bool:
        return any(a.dep == "poss" and a.head == noun.i for a in [token, *tree.ancestors(token.i)])

    def _modifier_actors(self, tree: SentenceTree, token: Token) -> list[ActorMention]:
        """Return "Malian army" for "Malian army attacks" (one actor from the modifiers), or
        one actor per nationality for "French and Malian airstrikes"."""
        if tree.children(token.i, "conj"):
            return [ActorMention(Span(t.start, t.end), via="mod") for t in tree.conjuncts(token.i)]
        noun = tree.head(token.i)
        while noun is not None and noun.dep in {"compound", "amod", "nmod"}:
            noun = tree.head(noun.i)
        if noun is None:
            return [ActorMention(Span(token.start, token.end), via="mod")]
        mods = self._actor_modifiers(tree, noun)
        last = max(mods, key=lambda m: m.i, default=token)
        return [ActorMention(Span(token.start, last.end), via="mod")]

    def _past_dateline(self, tree: SentenceTree, head: Token) -> list[Token]:
        """Return the head, or for a dateline word the parser made the subject ("RIMBO,
        Sweden -- Yemen's government and the Houthis agreed") its appositions after the
        dateline."""
        if not self.in_dateline(Span(head.start, head.end)):
            return [head]
        return [
            a for a in tree.children(head.i, "appos") if not self.in_dateline(Span(a.start, a.end))
        ]

    def _prep_objects(
        self, tree: SentenceTree, head: Token, preps: frozenset[str], *, via: str | None = None
    ) -> list[tuple[Token, str]]:
        out: list[tuple[Token, str]] = []
        for prep in tree.children(head.i, "prep", "agent", "dative"):
            if prep.lemma.lower() in preps:
                for obj in tree.children(prep.i, "pobj"):
                    out.append((obj, via or f"prep_{prep.lemma.lower()}"))
        return out

    def _actors(
        self, tree: SentenceTree, heads: list[tuple[Token, str]], frame: Frame
    ) -> list[ActorMention]:
        out: list[ActorMention] = []
        for head, via in heads:
            if via == "mod":
                out.extend(self._modifier_actors(tree, head))
                continue
            for token in self._past_dateline(tree, head):
                for conjunct in tree.conjuncts(token.i):
                    out.extend(self._actor(tree, conjunct, via, frame))
        unique: dict[Span, ActorMention] = {}
        for actor in out:
            if not self.in_dateline(actor.span):
                unique.setdefault(actor.span, actor)
        return list(unique.values())

    def _actor(
        self, tree: SentenceTree, token: Token, via: str, frame: Frame
    ) -> list[ActorMention]:
        lemma = token.lemma.lower()
        if token.i == frame.trigger.i:
            return []
        if (token.like_num or lemma in self.cues.quantity_words) and token.pos != "PROPN":
            inner = [
                p
                for prep in tree.children(token.i, "prep")
                if prep.lemma.lower() in self.cues.genitive_preps
                for p in tree.children(prep.i, "pobj")
            ]
            if not inner:
                return []
            return [a for t in tree.conjuncts(inner[0].i) for a in self._actor(tree, t, via, frame)]
        if token.ent_type in _NOT_ACTOR_LABELS:
            return []
        if token.pos == "PRON" or token.text.lower() in self.cues.pronouns:
            return self._coref(token, via, plural=token.text.lower() in self.cues.plural_pronouns)
        if token.pos not in NOUN_POS | {"ADJ"}:
            return []
        if lemma in self.cues.non_actors and not self._owned_by_role(tree, token):
            return []
        after = " ".join(self.doc.text[token.start : token.start + 60].lower().split())
        if any(after.startswith(p) for p in self.cues.non_actor_phrases):
            return []  # "declared a ten-day state of emergency"
        if lemma in self.event_lemmas and token.pos == "NOUN":
            return []  # an event noun ("his booting") is not an actor
        if token.pos == "ADJ" and token.ent_type != "NORP":
            return []
        if self._is_anaphoric(tree, token):
            found = self._coref(token, via, group=True)
            if found:
                return found
        return self._split_coordinated_modifiers(tree, token, via)

    def _flattened_pair(self, tree: SentenceTree, token: Token) -> list[Span]:
        """Split two names the parser hung one on the other ("US President Donald Trump and
        Turkish President Recep Tayyip Erdoğan": "Trump" a modifier of "Erdoğan" holding
        the "and") into the two names."""
        for left in tree.children(token.i, "nmod", "compound"):
            if left.pos != "PROPN" or left.i > token.i:
                continue
            joints = [c for c in tree.children(left.i, "cc") if c.i > left.i]
            if not joints:
                continue
            first = np_span(tree, left)
            rest = [t for t in np_tokens(tree, token) if t.i > joints[0].i]
            if not rest or first.end > joints[0].start:
                continue
            return [first, Span(rest[0].start, max(t.end for t in rest))]
        return []

    def _owners(self, tree: SentenceTree, token: Token) -> list[Token]:
        """Return the organisations whose members or envoys ``token`` names ("fighters of
        Ansar Dine, AQIM and MUJAO", "a delegation of the UN Security Council"): each
        conjunct of the genitive phrase that a KB entity names, a country aside."""
        if token.lemma.lower() not in self.cues.member_nouns:
            return []
        for prep in tree.children(token.i, "prep"):
            if prep.lemma.lower() not in self.cues.member_preps:
                continue
            for obj in tree.children(prep.i, "pobj"):
                owners = [c for c in tree.conjuncts(obj.i) if self._organisation(c)]
                if owners:
                    return owners
        return []

    def _organisation(self, token: Token) -> bool:
        return any(
            e.source == "kb"
            and e.label == "ACTOR"
            and not (e.kb_id or "").startswith(("kb:country:", "kb:person:"))
            for e in self._entities_at(token)
        )

    def _split_coordinated_modifiers(
        self, tree: SentenceTree, token: Token, via: str
    ) -> list[ActorMention]:
        """Split "Chadian and Malian forces" into one actor per nationality."""
        head_span = Span(token.start, token.end)
        if token.pos == "PROPN":
            pair = self._flattened_pair(tree, token)
            if pair:
                return [ActorMention(span, head=span, via=via) for span in pair]
        owners = self._owners(tree, token)
        if owners:
            return [
                ActorMention(np_span(tree, o), head=Span(o.start, o.end), via=via) for o in owners
            ]
        for mod in tree.children(token.i, "amod", "compound"):
            if mod.i < token.i and tree.children(mod.i, "conj"):
                group = tree.conjuncts(mod.i)
                out = [
                    ActorMention(Span(m.start, m.end), head=head_span, via=via) for m in group[:-1]
                ]
                out.append(ActorMention(Span(group[-1].start, token.end), head=head_span, via=via))
                return out
        span = np_span(tree, token, bare=True)
        appositions = [a for a in tree.children(token.i, "appos") if a.pos == "PROPN"]
        if appositions and token.pos == "NOUN":
            # "the human-rights chief, Guillaume N.": the name identifies the actor
            span = np_span(tree, appositions[0])
        described = [a for a in tree.children(token.i, "appos") if a.pos == "NOUN"]
        if token.pos == "PROPN" and described and self._role_words(tree, described[0]):
            # "Paweł Adamowicz, mayor of Gdańsk": the description says who the name is
            span = Span(span.start, max(span.end, np_span(tree, described[0]).end))
        return [ActorMention(span, head=head_span, via=via)]

    def _role_words(self, tree: SentenceTree, noun: Token) -> bool:
        """Whether the phrase of ``noun`` holds a role word ("a US peace envoy")."""
        phrase = np_span(tree, noun)
        return any(
            e.label == "ROLE" and phrase.start <= e.span.start < phrase.end for e in self.entities
        )

    def _is_anaphoric(self, tree: SentenceTree, token: Token) -> bool:
        if token.lemma.lower() not in self.cues.anaphoric_nouns or token.pos != "NOUN":
            return False
        children = tree.children(token.i)
        if any(
            c.dep in {"compound", "amod", "poss", "nmod", "appos"} and c.pos in {"PROPN", "ADJ"}
            for c in children
        ):
            return False  # "the Malian army" names its actor
        return any(
            c.dep == "det" and c.text.lower() in self.cues.anaphoric_determiners for c in children
        )

    # -------------------------------------------------------------- places
    def _places(self, tree: SentenceTree, frame: Frame, objects: list[Token]) -> list[PlaceMention]:
        anchors: list[Token] = [frame.trigger, *frame.verbs, *objects]
        out: list[PlaceMention] = []
        seen: set[int] = set()
        for anchor in anchors:
            if anchor.i in seen:
                continue
            seen.add(anchor.i)
            for prep in tree.children(anchor.i, "prep", "advmod"):
                relation = self.cues.place_preps.get(prep.lemma.lower())
                if relation is None:
                    continue
                for obj in tree.children(prep.i, "pobj"):
                    for token in tree.conjuncts(obj.i):
                        out.extend(self._place_from(tree, token, relation))
        return out

    def _place_from(self, tree: SentenceTree, token: Token, relation: str) -> list[PlaceMention]:
        if self.is_place(token, loose=True):
            return [PlaceMention(self.place_span(tree, token), relation)]
        # "the town of Menaka", "the capital, Bamako", "in the north of Mali"
        for child in tree.children(token.i, "appos"):
            if self.is_place(child, loose=True):
                return [PlaceMention(self.place_span(tree, child), relation)]
        for prep in tree.children(token.i, "prep"):
            if prep.lemma.lower() in self.cues.genitive_preps:
                for inner in tree.children(prep.i, "pobj"):
                    if self.is_place(inner, loose=True):
                        return [PlaceMention(self.place_span(tree, inner), relation)]
        return []
