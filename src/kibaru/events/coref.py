"""Point pronouns and "the group" back to the actor they stand for (argument stage helper).

The antecedent is the most salient compatible actor in the last sentences, a subject of the
same sentence first. Agreement (person, number, organisation) comes from the language's
arguments.yaml and the entity labels of NER and the KB matcher.
"""

from __future__ import annotations

from kibaru.contract import ActorMention, Doc, Entity, Span, Token
from kibaru.events.argument_cues import ArgumentCues
from kibaru.events.frames import np_span
from kibaru.events.tree import NOUN_POS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, ParseIndex

__all__ = ["COREF_WINDOW", "CorefRules"]

COREF_WINDOW = 3
"""How many sentences back an antecedent is looked for."""
_SALIENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"})


class CorefRules:
    """Antecedent rules, mixed into the argument finder (which sets the attributes)."""

    doc: Doc
    cues: ArgumentCues
    entities: list[Entity]
    index: ParseIndex
    event_lemmas: frozenset[str]

    def _coref(
        self, token: Token, via: str, *, plural: bool = False, group: bool = False
    ) -> list[ActorMention]:
        """Point a pronoun or "the group" back to the most salient compatible actor before it:
        a subject of the same sentence first, then of the previous ones, then any mention."""
        text = token.text.lower()
        person = text in self.cues.person_pronouns and not group
        if group:
            labels = self.cues.antecedents.get("group_noun", frozenset())
        elif person:
            labels = self.cues.antecedents.get("singular_person", frozenset())
        elif plural:
            labels = self.cues.antecedents.get("plural", frozenset())
        else:
            labels = self.cues.antecedents.get("singular_thing", frozenset())
        first_sentence = max(0, token.sentence - COREF_WINDOW)
        window_start = self.doc.sentences[first_sentence].span.start
        candidates: dict[Span, bool] = {}  # span -> is a subject
        victims: set[Span] = set()  # counted objects ("killing more than 700 people")
        agents: set[Span] = set()  # nouns that are the subject of their clause
        for entity in self.entities:
            if entity.span.end > token.start:
                break
            if entity.span.start < window_start or entity.label not in labels:
                continue
            if (
                entity.label in {"ORG", "NORP", "GPE"}
                and self._is_place_entity(entity)
                and not (plural and entity.label == "GPE")
            ):
                continue
            if group and self._is_place_entity(entity):
                continue  # "the rebels" never stand for "Bamako", whatever its label
            if self._excluded(entity.span) or entity.span.overlaps(Span(token.start, token.end)):
                continue
            if person and self._plural_at(entity.span):
                continue  # "he" is not "residents"
            span = self._entity_phrase(entity.span)
            candidates[span] = self._is_subject_at(entity.span)
            if candidates[span]:
                agents.add(span)
        if not person:
            for sentence in range(first_sentence, token.sentence + 1):
                if self.doc.sentences[sentence].excluded:
                    continue
                for noun in self.index.tree(sentence):
                    if noun.start >= token.start or noun.dep not in _SALIENT_DEPS:
                        continue
                    if not self._agrees(noun, plural=plural, group=group):
                        continue
                    span = np_span(self.index.tree(sentence), noun)
                    if self.in_dateline(span):
                        continue
                    if not any(span.overlaps(c) for c in candidates):
                        candidates[span] = True
                        if noun.dep in SUBJECT_DEPS:
                            agents.add(span)
                        elif self._counted(sentence, noun):
                            victims.add(span)
        if not candidates:
            return []
        sentence_start = self.doc.sentences[token.sentence].span.start
        same = [c for c, subj in candidates.items() if subj and c.start >= sentence_start]
        subjects_before = [c for c, subj in candidates.items() if subj]
        pools = [same, subjects_before, list(candidates)]
        if token.dep in SUBJECT_DEPS and victims:
            # "X attacked, killing more than 700 people, according to officials. They took
            # hostages": the subject of an act is an earlier subject, not the counted victims
            # nor the source quoted, unless nothing else
            same_agents = [c for c in agents if c.start >= sentence_start]
            pools = (
                [same_agents, list(agents)]
                + [[c for c in pool if c not in victims] for pool in pools]
                + [list(victims)]
            )
        if group:
            # "the group" names an organisation: a known actor beats a common noun
            # (a person is not a group: "al-Qaeda's chief, Ayman al-Zawahiri")
            known = [
                e.span
                for e in self.entities
                if e.label in {"ACTOR", "ORG"} and not (e.kb_id or "").startswith("kb:person:")
            ]
            # "Tuareg rebels ... the government said. The rebels struck": the same noun,
            # qualified (not another bare "the rebels")
            lemma = token.lemma.lower()
            same_noun = [c for c in candidates if self._qualified(c, lemma)]
            pools[:0] = [[c for c in candidates if any(c.overlaps(k) for k in known)], same_noun]
        for pool in pools:
            if pool:
                best = max(pool, key=lambda c: c.start)
                return [ActorMention(best, head=Span(token.start, token.end), via="coref")]
        return []

    def _entity_phrase(self, span: Span) -> Span:
        """Widen a nationality or name that modifies a group noun to the whole phrase
        ("Nigerian" in "the Nigerian army" -> "Nigerian army")."""
        sentence = self.doc.sentence_of(span.start)
        if sentence is None:
            return span
        tree = self.index.tree(sentence)
        token = tree.at_offset(span)
        if token is None or token.dep not in {"amod", "compound", "nmod"}:
            return span
        head = tree.head(token.i)
        if head is None or head.pos != "NOUN" or head.lemma.lower() not in self.cues.group_nouns:
            return span
        return np_span(tree, head)

    def _agrees(self, noun: Token, *, plural: bool, group: bool) -> bool:
        lemma = noun.lemma.lower()
        if noun.pos not in NOUN_POS or lemma in self.cues.non_actors or lemma in self.event_lemmas:
            return False
        if noun.pos == "PROPN" and noun.ent_type in {"PERSON", "DATE", "TIME", "GPE", "LOC", "FAC"}:
            return False
        if group:
            return noun.pos == "NOUN" and lemma in self.cues.anaphoric_nouns | self.cues.group_nouns
        is_plural = noun.tag in {"NNS", "NNPS"}
        if plural:
            return is_plural or lemma in self.cues.group_nouns
        return not is_plural and (noun.pos == "PROPN" or lemma in self.cues.group_nouns)

    def _qualified(self, span: Span, lemma: str) -> bool:
        """Whether ``span`` holds ``lemma`` with a qualifying word ("Tuareg rebels")."""
        words = self.doc.span_text(span).lower().split()
        words = [w for w in words if w not in self.cues.anaphoric_determiners]
        return len(words) > 1 and any(w.startswith(lemma) for w in words)

    def _counted(self, sentence: int, noun: Token) -> bool:
        """Whether ``noun`` is counted ("700 people", "dozens of people")."""
        tree = self.index.tree(sentence)
        if tree.children(noun.i, "nummod"):
            return True
        head = tree.head(noun.i)
        if noun.dep == "pobj" and head is not None:
            quantity = tree.head(head.i)
            return quantity is not None and (
                quantity.like_num or quantity.lemma.lower() in self.cues.quantity_words
            )
        return False

    def _plural_at(self, span: Span) -> bool:
        sentence = self.doc.sentence_of(span.start)
        if sentence is None:
            return False
        inside = [t for t in self.index.tree(sentence) if span.start <= t.start < span.end]
        if not inside:  # an unparsed sentence: judge by the word's ending
            word = self.doc.span_text(span)
            return word.endswith("s") and not word.endswith("ss") and word[:1].islower()
        return inside[-1].tag in {"NNS", "NNPS"}

    def _is_subject_at(self, span: Span) -> bool:
        sentence = self.doc.sentence_of(span.start)
        if sentence is None:
            return False
        tree = self.index.tree(sentence)
        inside = [t for t in tree if span.start <= t.start < span.end]
        return any(t.dep in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for t in inside) or any(
            (h := tree.head(t.i)) is not None
            and h.dep in SUBJECT_DEPS
            and h.start >= span.end
            and t.dep in {"compound", "amod", "poss"}
            for t in inside
        )

    def _is_place_entity(self, entity: Entity) -> bool:
        return any(e.label == "PLACE" and e.span.overlaps(entity.span) for e in self.entities)

    def in_dateline(self, span: Span) -> bool:
        """Whether ``span`` lies in the dateline ("BAMAKO, Mali (AP) --"), which names where
        the report was filed, never who acted."""
        regions = [a.span for a in self.doc.annotations if a.kind == "dateline"]
        if self.doc.dateline is not None:
            regions.append(self.doc.dateline.span)
        return any(r.overlaps(span) for r in regions)

    def _excluded(self, span: Span) -> bool:
        if self.in_dateline(span):
            return True
        index = self.doc.sentence_of(span.start)
        return index is not None and self.doc.sentences[index].excluded
