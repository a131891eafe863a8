"""Decide whether a phrase of a sentence belongs to an event's clause, from the parse.

Used by the place and date resolvers when an event mention has no argument of their kind and
they look at the rest of its sentence: "in Bamako" of "rebels, who seized the north, will be
popular in Bamako" is not where the seizure happened.
"""

from __future__ import annotations

from kibaru.contract import Doc, Span, Token

__all__ = ["attached_to_event"]

_STOP_UP = frozenset({"relcl", "acl", "ccomp", "csubj", "parataxis"})
"""Dependencies that open a clause about something else: an event does not inherit the
places of the clause above them ("rebels, who ... seized the north, will be popular in
Bamako")."""
_CLAUSE_HEADS = frozenset({"VERB", "AUX"})


def _in_span(token: Token, span: Span) -> bool:
    return span.start <= token.start < span.end


def attached_to_event(doc: Doc, trigger: Span, span: Span, *,
                      nouns: frozenset[str] | None = None) -> bool | None:
    """Return whether a phrase (a place, a time) belongs to the event's clause; None when
    the sentence was not parsed.

    The phrase must hang from the trigger, or from a verb of the trigger's clause or of a
    clause the trigger's clause depends on through xcomp/advcl/conj ("died in Aden after
    being shot"), or from an adverbial clause of that clause ("killed when their vehicle
    struck a mine in Ménaka"), or from a clause that describes the trigger noun ("a march they planned to
    hold in Bamako"). With ``nouns`` given, the way up may pass only through those nouns
    ("the city of Aden"), other event nouns and dates: a place under another noun ("their
    counterparts in Bamako") is not the event's. An adjective passes the phrase on to the noun
    it describes ("a bar popular with expatriates in Bamako"), and so does the direct object of a
verb, which was where the verb acted ("struck crowds outside Kabul airport").
    """
    tokens = doc.tokens
    place = next((t for t in tokens if t.start <= span.start < t.end), None)
    events = [t for t in tokens if _in_span(t, trigger)]
    if place is None or not events:
        return None
    triggers = tuple(m.trigger for m in doc.mentions)
    anchor = _anchor(tokens, place, trigger, span, nouns, triggers)
    if anchor is None:
        return False
    if _in_span(anchor, trigger):
        return True
    # The trigger's own clause and those it depends on.
    chain: set[int] = set()
    for token in events:
        current, steps = token, 0
        while steps < 50:
            chain.add(current.i)
            if current.dep in _STOP_UP or current.head == current.i:
                break
            current, steps = tokens[current.head], steps + 1
    if anchor.i in chain:
        return True
    if anchor.dep == "advcl" and anchor.head in chain:
        # A clause saying when or how the event happened: "two soldiers were killed when
        # their vehicle struck a mine in the Ménaka region".
        return True
    # A clause describing the trigger noun: "the march [they planned to hold in Bamako]".
    current, steps = anchor, 0
    while current.dep in ("xcomp", "advcl", "conj", "pcomp") and steps < 20:
        current, steps = tokens[current.head], steps + 1
    if current.dep not in ("relcl", "acl"):
        return False
    noun = tokens[current.head]
    if _in_span(noun, trigger):
        return True
    if current.dep == "acl":
        # A participle describing what the trigger acted on says where it was: "bombed
        # depots held by rebels around Gao", as "struck crowds outside Kabul airport" does.
        target, steps = noun, 0
        while target.dep == "conj" and steps < 10:
            target, steps = tokens[target.head], steps + 1
        if target.dep == "dobj" and _in_span(tokens[target.head], trigger):
            return True
    # ... or describing an event noun the trigger acts on: "banned a march [planned in Gao]".
    return any(_in_span(noun, t) for t in triggers) and _in_span(tokens[noun.head], trigger)


def _anchor(tokens: tuple[Token, ...], place: Token, trigger: Span, span: Span,
            nouns: frozenset[str] | None, events: tuple[Span, ...]) -> Token | None:
    """Return the verb (or trigger token) a phrase hangs from; None if it modifies a noun
    that is not in ``nouns`` nor another event's trigger ("attack in Reading")."""
    current, steps = place, 0
    while steps < 50:
        if current.head == current.i:
            return current
        head = tokens[current.head]
        if _in_span(head, trigger) or _in_span(current, trigger):
            return head if _in_span(head, trigger) else current
        if current.dep in _STOP_UP | {"advcl", "xcomp", "conj"} and current.pos in _CLAUSE_HEADS:
            return current
        if head.pos in _CLAUSE_HEADS:
            return head
        if nouns is not None and not (
                _in_span(head, span) or head.pos in ("ADP", "ADJ") or head.lemma.lower() in nouns
                or head.dep in ("appos", "compound")
                or head.dep == "dobj" and tokens[head.head].pos in _CLAUSE_HEADS
                or head.ent_type in ("DATE", "TIME")
                # a named site or area holds the place: "in Forbury Gardens in Reading"
                or head.pos == "PROPN" and head.ent_type in ("FAC", "LOC", "GPE")
                or any(_in_span(head, e) for e in events)):
            return None
        current, steps = head, steps + 1
    return None


