"""Turn each event's fatality and injury phrases into counts (stage resolve.counts.v1).

The argument stage marks the phrases (``EventMention.fatality_spans``/``injury_spans``);
this stage parses each phrase's sentence with ``kibaru.resolve.count_parser``, keeps the
counts overlapping the phrase (so the words around it say who and what), and sums them:

- fatalities are the figures whose casualty word says killed (or says nothing, since the
  phrase was found as a fatality); figures said to be wounded in a fatality phrase ("killed
  12 soldiers and wounded five") go to injuries; abducted people and bare "casualties" are
  never fatalities (ACLED: "casualties" alone -> 0);
- several figures in one mention add up ("12 soldiers and 5 civilians": 17); the same
  characters are never counted twice; a bare plural beside a figure adds nothing ("several
  soldiers and police officers": 3);
- ``who`` lists the victims' categories ("soldiers, civilians");
- implausible tolls are dropped, not guessed down: above ``max_single_event`` (numbers.yaml,
  10,000) for one event, above ``max_aggregate`` (1,000,000) for a mention that totals many
  events. The phrase is still in the evidence for an analyst to read;
- an asserted violent mention without a toll phrase takes its sentence's toll for the same
  incident (``share_sentence_tolls``): another mention's toll, or the figures the sentence
  explicitly says were killed;
- a later sentence revising the toll ("revised the toll to 84") gives the last tolled
  incident before it its new best figure, the range keeping both (``revise_tolls``);
- one person named or pointed at without a figure is one death ("Godane was killed", "a
  protester died", "officers shot him dead", "the killing of Soleimani"): read from the parse
  (``singular_deaths``), so plural nouns, "anyone" and "no one" never count.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import Count, Doc, EventMention, Span, Token
from kibaru.errors import ConfigError
from kibaru.resolve.count_parser import NumberWords, ParsedCount, parse_counts
from kibaru.resolve.gazetteer import haversine_km

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["CountResolver", "resolve_counts", "revise_tolls", "share_sentence_tolls",
           "singular_deaths"]

log = logging.getLogger(__name__)

_FATAL = frozenset({"killed", "unknown"})
_VIOLENT_ACLED = frozenset({
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Riots",
})
_SAME_PLACE_KM = 25.0
_INJURED = frozenset({"injured", "unknown"})
_SINGULAR_TAGS = frozenset({"NN", "NNP"})
_NOT_PERSON = frozenset({"GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "TIME", "EVENT", "PRODUCT",
                         "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT", "LAW"})


def _parse(doc: Doc, spans: Sequence[Span], words: NumberWords, *,
           people: bool = False) -> list[ParsedCount]:
    """Parse each phrase in its sentence, so that what happened is read from the words
    around it ("killing twelve and injuring twelve more": the second twelve is injured)."""
    out: list[ParsedCount] = []
    for span in spans:
        index = doc.sentence_of(span.start)
        if index is not None:
            sentence = doc.sentences[index].span
            context = parse_counts(doc.span_text(sentence), words=words, offset=sentence.start)
            inside = [c for c in context if Span(c.start, c.end).overlaps(span)]
            if inside:
                out += inside
                continue
        start = _with_article(doc.text, span.start, words)
        out += parse_counts(doc.text[start : span.end], words=words, offset=start)
    if not out and people:
        # No figure at all: each person named is one ("Godane was killed"); a name listed
        # after a figure is one of them ("five people, among them a Belgian").
        for span in spans:
            out += singular_deaths(doc, span, words, victim_only=True)
    return out


def _victims_of(doc: Doc, token: Token, words: NumberWords) -> list[Token]:
    """Return who a casualty word says died: the subject of "died" or of a passive "was
    killed", the object of "killed", the object of the verb a "dead" completes ("shot him
    dead"), the "of" phrase of "the killing of"."""
    tokens = doc.tokens

    def children(head: Token, *deps: str) -> list[Token]:
        return [t for t in doc.sentence_tokens(head.sentence) if t.head == head.i
                and t.i != head.i and t.dep in deps]

    if token.pos == "VERB":
        passive = children(token, "nsubjpass")
        if passive:
            return passive
        return children(token, "dobj") or children(token, "nsubj")
    if token.pos == "ADJ" and token.dep in ("oprd", "acomp", "xcomp", "ccomp", "advcl"):
        verb = tokens[token.head]
        return children(verb, "dobj") or children(verb, "nsubjpass", "nsubj")
    if token.pos == "NOUN":
        return [pobj for prep in children(token, "prep") if prep.lemma.lower() in words.victim_prepositions
                for pobj in children(prep, "pobj")]
    return []


def _one_person(doc: Doc, token: Token, words: NumberWords) -> bool:
    """Whether a victim word names one person: a singular noun or name, or "him"/"she"."""
    if token.pos == "PRON":
        return token.text.lower() in words.singular_pronouns
    if token.tag not in _SINGULAR_TAGS or token.like_num or token.ent_type in _NOT_PERSON:
        return False
    return not any(t.head == token.i and t.text.lower() in words.negators
                   for t in doc.sentence_tokens(token.sentence))


def singular_deaths(doc: Doc, span: Span, words: NumberWords, *,
                    victim_only: bool = False) -> list[ParsedCount]:
    """Return one death per person a casualty word of ``span`` names without a figure
    ("Godane was killed", "a protester died", "shot him dead"); with ``victim_only`` the span
    is the victim phrase itself (a fatality phrase the argument stage marked)."""
    index = doc.sentence_of(span.start)
    if index is None:
        return []
    sentence = doc.sentence_tokens(index)
    inside = [t for t in sentence if span.start <= t.start < span.end]
    victims: list[Token] = []
    if victim_only:
        victims = [t for t in inside if not (span.start <= doc.tokens[t.head].start < span.end)
                   or t.head == t.i]
    else:
        for token in inside:
            if (token.text.lower(),) in words.kinds and words.kinds[(token.text.lower(),)] == "killed":
                victims += _victims_of(doc, token, words)
    found: list[ParsedCount] = []
    seen: set[int] = set()
    for victim in victims:
        for person in [victim, *(t for t in sentence if t.dep == "conj" and t.head == victim.i)]:
            if person.i in seen or not _one_person(doc, person, words):
                continue
            seen.add(person.i)
            found.append(ParsedCount(1, 1, 1, person.start, person.end, person.text,
                                     kind="killed", bare=True))
    return found


def _with_article(text: str, start: int, words: NumberWords) -> int:
    """Return ``start`` moved back over an article right before it ("a [woman]")."""
    before = text[max(0, start - 4) : start]
    for article in words.one_words:
        if before.endswith(f" {article} ") or before == f"{article} ":
            return start - len(article) - 1
    return start


def _total(counts: list[ParsedCount], *, aggregate: bool, words: NumberWords) -> Count | None:
    unique: dict[tuple[int, int], ParsedCount] = {}
    for count in counts:
        if count.flag:
            log.info("count %r flagged %s; not used", count.text, count.flag)
            continue
        unique.setdefault((count.start, count.end), count)
    if not unique:
        return None
    chosen = sorted(unique.values(), key=lambda c: c.start)
    if any(not c.bare for c in chosen):
        # A bare plural beside a figure adds nothing ACLED could count: "several soldiers
        # and police officers were killed" is 3, "12 soldiers and civilians" 12.
        chosen = [c for c in chosen if not c.bare or c.best == 1]
    best = sum(c.best for c in chosen)
    limit = words.max_aggregate if aggregate else words.max_single_event
    if best > limit:
        log.info("toll %d above the plausible %d; dropped", best, limit)
        return None
    who = ", ".join(dict.fromkeys(c.who for c in chosen if c.who)) or None
    return Count(
        low=sum(c.low for c in chosen),
        best=best,
        high=sum(c.high for c in chosen),
        text="; ".join(c.text for c in chosen),
        span=Span(chosen[0].start, max(c.end for c in chosen)),
        who=who,
    )


def resolve_counts(
    doc: Doc, mention: EventMention, words: NumberWords
) -> tuple[Count | None, Count | None]:
    """Return ``(fatalities, injuries)`` for ``mention`` (see the module docstring)."""
    # Only a violent event counts a person named as one death: "Khan was killed ... after
    # he was accused" gives the accusation no toll.
    from_fatal = _parse(doc, mention.fatality_spans, words, people=_violent(mention))
    from_injury = _parse(doc, mention.injury_spans, words)
    fatal = [c for c in from_fatal if c.kind in _FATAL]
    injured = [c for c in from_injury if c.kind in _INJURED]
    injured += [c for c in from_fatal if c.kind == "injured"]
    fatal += [c for c in from_injury if c.kind == "killed"]
    return (
        _total(fatal, aggregate=mention.aggregate, words=words),
        _total(injured, aggregate=mention.aggregate, words=words),
    )


class CountResolver:
    """Stage: fill ``EventMention.fatalities`` and ``injuries`` from their phrases."""

    name: ClassVar[str] = "resolve.counts.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"arguments"})
    provides: ClassVar[frozenset[str]] = frozenset({"counts"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._words: dict[str, NumberWords] = {}

    def _vocabulary(self, language: str) -> NumberWords:
        if language not in self._words:
            try:
                data = self._resources.lexicon(language, "numbers")
            except ConfigError:  # no numbers file yet for this language: digits still parse
                log.warning("no data/%s/numbers.yaml; using English number words", language)
                data = self._resources.lexicon("en", "numbers")
            self._words[language] = NumberWords.from_data(data)
        return self._words[language]

    def __call__(self, doc: Doc) -> Doc:
        if not doc.mentions:
            return doc
        words = self._vocabulary(doc.language or "en")
        mentions: list[EventMention] = []
        for mention in doc.mentions:
            if not mention.fatality_spans and not mention.injury_spans:
                mentions.append(mention)
                continue
            fatalities, injuries = resolve_counts(doc, mention, words)
            mentions.append(
                replace(
                    mention,
                    fatalities=fatalities if fatalities is not None else mention.fatalities,
                    injuries=injuries if injuries is not None else mention.injuries,
                )
            )
        shared = share_sentence_tolls(doc, mentions, words)
        return doc.evolve(mentions=revise_tolls(doc, shared, words))


def _violent(mention: EventMention) -> bool:
    return (mention.typing.plover_type == "ASSAULT"
            or mention.typing.acled_event_type in _VIOLENT_ACLED)


def _same_incident(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions of one sentence can be the same incident: the same start date
    and places no more than 25 km apart (or one of them without a point)."""
    if a.when is not None and b.when is not None and a.when.start != b.when.start:
        return False
    la, lb = a.location, b.location
    if la is None or lb is None or None in (la.lat, la.lon, lb.lat, lb.lon):
        return True
    assert la.lat is not None and la.lon is not None and lb.lat is not None and lb.lon is not None
    return haversine_km(la.lat, la.lon, lb.lat, lb.lon) <= _SAME_PLACE_KM


def share_sentence_tolls(
    doc: Doc, mentions: list[EventMention], words: NumberWords
) -> tuple[EventMention, ...]:
    """Give an asserted violent mention with no toll phrase of its own the toll its sentence
    states for the same incident, as ACLED codes one attack with its dead:

    - "A suicide bomber struck crowds ..., killing about 170 Afghans": the toll another
      asserted mention of the sentence carries ("killing"), when that sentence holds one
      toll only and both mentions share date and place (see ``_same_incident``);
    - "53 people, 49 of them gendarmes, were killed in an attack": when no mention of the
      sentence has a toll, the figures the sentence says were killed ("killed", "dead" ...:
      an explicit casualty word, never a bare figure), added up as ``resolve_counts`` does.
    """
    by_sentence: dict[int, list[int]] = {}
    for index, mention in enumerate(mentions):
        by_sentence.setdefault(mention.sentence, []).append(index)
    out = list(mentions)
    for sentence, indices in by_sentence.items():
        needy = [
            i for i in indices
            if mentions[i].modality == "asserted" and _violent(mentions[i])
            and mentions[i].fatalities is None and not mentions[i].fatality_spans
        ]
        if not needy:
            continue
        with_toll = [i for i in indices if mentions[i].fatalities is not None]
        # The sentence's own figures go to its violent mentions only when they can all be
        # one incident ("Monday's attack was the deadliest since an assault in Ghazni in
        # 2018, when hundreds were killed": not Monday's toll).
        one_incident = all(_same_incident(mentions[a], mentions[b])
                           for a in needy for b in needy if a < b)
        for i in needy:
            donors = [
                mentions[j] for j in with_toll
                if mentions[j].modality == "asserted" and _same_incident(mentions[i], mentions[j])
            ]
            tolls = {(d.fatalities.span, d.fatalities.best) for d in donors if d.fatalities}
            fatalities: Count | None = None
            if len(tolls) == 1 and donors[0].fatalities is not None:
                fatalities = donors[0].fatalities
            elif not with_toll and one_incident and 0 <= sentence < len(doc.sentences):
                span = doc.sentences[sentence].span
                parsed = parse_counts(doc.span_text(span), words=words, offset=span.start)
                # A bare plural ("killing civilians") is not a figure; one person is.
                killed = [c for c in parsed if c.kind == "killed" and (not c.bare or c.best == 1)]
                killed = killed or singular_deaths(doc, span, words)
                fatalities = _total(killed, aggregate=mentions[i].aggregate, words=words)
            if fatalities is not None:
                out[i] = replace(out[i], fatalities=fatalities)
    return tuple(out)


def revise_tolls(doc: Doc, mentions: Sequence[EventMention],
                 words: NumberWords) -> tuple[EventMention, ...]:
    """Give the last asserted violent incident with a toll the figure a later sentence of
    its paragraph revises it to ("On Thursday the government revised the toll to 84": best
    84, the range keeping the first figure). A revision is a killed figure after a revision
    word (``revision_words`` in numbers.yaml: "revised", "rose" ...); another source's figure
    ("the opposition put the toll at 23") is not one."""
    out = list(mentions)
    for index, sentence in enumerate(doc.sentences):
        text = doc.span_text(sentence.span)
        cue = next((m.end() for m in re.finditer(r"\w+", text)
                    if m.group().lower() in words.revision_words), None)
        if cue is None:
            continue
        # the figure the toll is revised to: the first killed figure after the cue word
        parsed = [c for c in parse_counts(text, words=words, offset=sentence.span.start)
                  if c.kind == "killed" and not c.bare and not c.flag
                  and c.start >= sentence.span.start + cue][:1]
        if not parsed:
            continue
        tolled = [i for i, m in enumerate(out) if m.sentence < index and m.fatalities is not None
                  and m.modality == "asserted" and _violent(m) and not m.aggregate
                  and _same_paragraph(doc, m.sentence, index)]
        if not tolled:
            continue
        last = max(out[i].sentence for i in tolled)
        new = parsed[0]
        for i in tolled:
            old = out[i].fatalities
            if out[i].sentence != last or old is None:
                continue
            out[i] = replace(out[i], fatalities=Count(
                low=min(old.low, new.low), best=new.best, high=max(old.high, new.high),
                text=new.text, span=Span(new.start, new.end), who=old.who))
    return tuple(out)


def _same_paragraph(doc: Doc, first: int, second: int) -> bool:
    """Whether no blank line separates sentence ``first`` from sentence ``second``."""
    start, end = doc.sentences[first].span.start, doc.sentences[second].span.start
    return "\n\n" not in doc.text[start:end].replace(" ", "").replace("\t", "")
