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
                      nouns: frozenset[str] | None = None, physical: bool = False) -> bool | None:
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
verb, which was where the verb acted ("struck crowds outside Kabul airport"), and so does a
    participle used as a preposition ("seized barracks, including a camp in the capital"). A
    prepositional clause with no subject of its own holds the same actors' place ("looted shops
    after entering the city"). For a physical act (``physical``) the object of a preposition
    of a verb passes its place on too ("opened fire inside a bar popular with expatriates in
    Bamako"), as do a participle describing it ("fired on crowds gathered at the Lekki toll
    gate") and the agent of a passive ("Osama was killed by US forces in Pakistan"); for a
    statement they are what it speaks of ("thanked services responding to the incident in
    Streatham") or the speaker's home ("claimed by the movement in Yemen").
    """
    tokens = doc.tokens
    place = next((t for t in tokens if t.start <= span.start < t.end), None)
    events = [t for t in tokens if _in_span(t, trigger)]
    if place is None or not events:
        return None
    triggers = tuple(m.trigger for m in doc.mentions)
    anchor = _anchor(tokens, place, trigger, span, nouns, triggers, physical=physical)
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
    own_subject = any(t.head == anchor.i and t.dep in ("nsubj", "nsubjpass")
                      for t in tokens[max(0, anchor.i - 80) : anchor.i + 80])
    if anchor.head in chain and (anchor.dep == "xcomp"
                                 or anchor.dep in ("conj", "dep") and not own_subject):
        # The complement the event's subject does: "a bombing was reported to have killed a
        # photojournalist in Mokha"; the next act of the same subject ("set off a device,
        # then opened fire 40 km from Boungou"); or the main verb the parser left under its
        # auxiliary ("a car bomb was on Monday rammed into a base in Maidan Shahr").
        return True
    if (anchor.dep == "pcomp" and tokens[anchor.head].head in chain
            and not any(t.head == anchor.i and t.dep in ("nsubj", "nsubjpass")
                        for t in tokens[anchor.head + 1 : anchor.i])):
        # A clause of a preposition of the event, with no subject of its own, tells where
        # the same actors were: "fighters looted shops after entering the city".
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
        if target.dep == "dobj" and (target.head in chain or _in_span(tokens[target.head], trigger)):
            return True  # (the object of the event's clause: "bombers drove vehicles packed
            # with explosives into the barracks in Agadez")
        if (physical and target.dep == "pobj"
                and _in_span(tokens[tokens[target.head].head], trigger)):
            return True  # "opened fire on hundreds gathered at the Lekki toll gate"
    # ... or describing an event noun the trigger acts on: "banned a march [planned in Gao]".
    return any(_in_span(noun, t) for t in triggers) and _in_span(tokens[noun.head], trigger)


def _anchor(tokens: tuple[Token, ...], place: Token, trigger: Span, span: Span,
            nouns: frozenset[str] | None, events: tuple[Span, ...], *,
            physical: bool = False) -> Token | None:
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
        if head.pos in _CLAUSE_HEADS and head.dep != "prep":
            return head  # (a participle used as a preposition, "including", passes on)
        if nouns is not None and not (
                _in_span(head, span) or head.pos in ("ADP", "ADJ") or head.dep == "prep"
                or head.lemma.lower() in nouns
                or head.text.lower() in nouns  # the lemmatiser reads "bases" as "basis"
                or head.dep in ("appos", "compound")
                or head.dep == "dobj" and tokens[head.head].pos in _CLAUSE_HEADS
                # a physical act: a common noun after a preposition of a verb, or the agent
                # (a name holds its place: "a crowd at Freedom Plaza")
                or physical and head.dep == "pobj"
                and tokens[tokens[head.head].head].pos in _CLAUSE_HEADS
                and (head.pos == "NOUN" and tokens[head.head].dep == "prep"
                     or tokens[head.head].dep == "agent")
                or head.ent_type in ("DATE", "TIME")
                # a named site or area holds the place: "in Forbury Gardens in Reading"
                or head.pos == "PROPN" and head.ent_type in ("FAC", "LOC", "GPE")
                or any(_in_span(head, e) for e in events)):
            return None
        current, steps = head, steps + 1
    return None


