"""Resolve each event's source and target actors against the actor KB (resolve.actors.v1).

For every ``ActorMention`` the resolver reads the KB entities (``entities.actors.v1``)
overlapping the mention's span (a name may run past an argument's edge: "Islamic State" in
"the Islamic State in the Greater Sahel") and builds a contract ``Actor`` by these rules,
in order:

1. A named actor (group, organisation, mission, person, named force) wins: the one holding
   the mention's head, else the last one before any comma or relative clause (English noun
   phrases end in their head: "Russian Foreign Minister Sergey Lavrov" -> Sergey Lavrov).
   A name in the possessive before the head is not the actor ("Trump's adviser John Bolton").
   A person's or group's sector and country follow its dated terms on the publication date.
2. Else a role word ("soldiers", "gunmen", "villagers") gives the actor, with the country of
   the nearest country name or demonym in the mention ("Malian soldiers", "Mali's army"),
   else (roles whose country comes from context) the article's focus country:
   "gunmen" -> Unidentified Armed Group (Mali). A weak role ("spokesman", "officials")
   yields to any other role in the mention.
3. Else a country, demonym or seat alone is that country's government ("Moscow", "the
   Kremlin" -> Government of Russia), unless a bare demonym heads a coordinated list that
   ends in a role ("French, Chadian and Malian forces": "French" -> Military Forces of
   France), or the event is armed violence (ACLED Battles, Explosions/Remote violence),
   which a state wages through its military ("a French airstrike" -> Military Forces of
   France).
   A plural demonym alone is the people ("Malians" -> Civilians (Mali)); a country or
   demonym qualifying an unknown name ("Pakistani student Mashal Khan") resolves nothing;
   a capital alone in armed violence is a place, not an actor ("an attack on Kabul"), and
   so is a capital qualifying a noun ("Moscow airport").
4. Else the mention stays unresolved: its text, sector UNK, no inter code. Nothing is
   guessed.

A role's context country is, in order: the country of the mention's own words, the country
of the gazetteer place where the event happened (if the article's actors name that country:
"people killed in Gaza" in a report about Israel), else the focus country. Aircraft
("jets", "drones") take a country only from the text ("French jets"), or from the last
aircraft the article flagged ("French warplanes struck ... Rafale jets bombed"). A
transnational group's national branch takes the branch's country ("Islamic State's Afghan
branch"). In a report about protests, civilians the state kills or arrests are protesters;
without any protest, a "crowd" a non-state actor attacks is civilians, and so are plain
"men" or "boys" a non-state actor shoots. The unresolved source of a protest naming the crowd
("the march", "supporters") is the protesters. An arrest told without an author is made by
the police of where it happened (``implicit_sources`` in data/<lang>/arguments.yaml).

A group's claim of responsibility in the article ("JNIM said it had carried out the
attack") names the unnamed perpetrators of its attacks (kibaru.resolve.actor_claims):
"gunmen", "militants" or "the attackers" (roles marked ``anonymous``) become the claimant,
unless the claim names a place and the attack another, or several groups claim.

Names follow ACLED's style without its regime-period suffix: "Government of Mali",
"Military Forces of Mali", "Police Forces of Mali", "Civilians (Mali)", "Protesters (Mali)",
"Unidentified Armed Group (Mali)". Military and police forces of a country other than the
focus country are state forces abroad: inter 8 (ACLED's external forces).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from kibaru import lexicon
from kibaru.contract import Actor, ActorMention, Doc, Entity, EventMention, Span
from kibaru.events.happenings import load_cues
from kibaru.resolve.actor_claims import ClaimCues, anonymous_ids, find_claims, name_claimants

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext
    from kibaru.resolve.actor_kb import ActorKB, ActorRecord
    from kibaru.resolve.gazetteer import Gazetteer

__all__ = ["ActorResolver", "resolve_actor"]

_NAMED_KINDS = frozenset({"igo", "mission", "ngo", "group", "military", "person"})
_FORCES = frozenset({"MIL", "POL"})
_ABROAD_INTER = 8
_ARMED_TYPES = frozenset({"Battles", "Explosions/Remote violence"})
_CLAUSE_BREAK = re.compile(r",|;|\(|\s[–—]\s|\b(?:who|which|that|whose|whom)\b")
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)$")


@dataclass(frozen=True, slots=True)
class _Found:
    entity: Entity
    record: ActorRecord


def _government_name(record: ActorRecord) -> str:
    return f"Government of {record.name}"


def _with_abroad(actor: Actor, focus: str | None) -> Actor:
    if (
        actor.sector in _FORCES
        and actor.country
        and focus
        and actor.country != focus
        and actor.acled_inter == 1
    ):
        return replace(actor, acled_inter=_ABROAD_INTER)
    return actor


def _named_actor(found: _Found, *, text: str, span: Span, day: dt.date | None) -> Actor:
    return found.record.actor(text=text, span=span, day=day)


def _country_actor(record: ActorRecord, *, text: str, span: Span, day: dt.date | None) -> Actor:
    return Actor(
        text=text,
        name=_government_name(record),
        country=record.country,
        sector=record.sector_at(day),
        acled_inter=record.inter_at(day),
        actor_id=record.id,
        external_id=record.external_id,
        span=span,
    )


def _role_actor(
    role: ActorRecord, country: str | None, kb: ActorKB, *, text: str, span: Span
) -> Actor:
    if country is None:
        actor_id = role.id_template if role.id_template and "{" not in role.id_template else role.id
        fixed = kb.get(actor_id)
        name = (
            fixed.name
            if fixed is not None and fixed.kind != "role"
            else (role.bare_name or role.name)
        )
        return Actor(text, name, None, role.sector, role.inter, actor_id, span=span)
    actor_id = (role.id_template or role.id).format(iso3=country)
    template = role.name_template or "{country}"
    name = template.format(country=kb.country_name(country))
    known = kb.get(actor_id)
    external_id = None
    if known is not None and known.kind != "country":
        name = known.name
        external_id = known.external_id
    elif known is not None:
        external_id = known.external_id
    return Actor(text, name, country, role.sector, role.inter, actor_id, external_id, span)


def _head_part(doc_text: str, span: Span) -> Span:
    """Return the part of ``span`` before a comma, bracket or relative pronoun."""
    match = _CLAUSE_BREAK.search(doc_text, span.start, span.end)
    if match is None or match.start() == span.start:
        return span
    return Span(span.start, match.start())


def _pick(found: list[_Found], head: Span | None) -> _Found:
    if head is not None:
        for item in found:
            if item.entity.span.overlaps(head):
                return item
    return found[-1]


def _country_of(item: _Found) -> str | None:
    return item.record.country if item.record.kind == "country" else None


def _listed_role(doc_text: str, start: _Found, later: list[_Found]) -> _Found | None:
    """Return the role closing a coordinated list of demonyms that ``start`` opens
    ("French, Chadian and Malian forces" -> forces), if any."""
    previous = start.entity.span
    for item in later:
        gap = doc_text[previous.end : item.entity.span.start]
        if item.record.kind == "role":
            return item if gap.strip() == "" else None
        if item.entity.label != "NORP" or not _LIST_GAP.match(gap):
            return None
        previous = item.entity.span
    return None


def resolve_actor(
    doc: Doc,
    mention: ActorMention,
    kb: ActorKB,
    *,
    focus: str | None = None,
    day: dt.date | None = None,
    entities: tuple[Entity, ...] | None = None,
    armed: bool = False,
    context_country: str | None = None,
    group_parts: frozenset[str] = frozenset(),
) -> Actor:
    """Return the actor ``mention`` names, by the rules in this module's docstring.

    ``armed`` says the event is armed violence (a battle, an airstrike): a state named
    alone then acts through its military ("a French airstrike": Military Forces of France).
    ``context_country`` gives roles their country when the mention names none (default: the
    focus country). ``group_parts`` are the nouns naming a part of a group ("branch"): a
    group owning one is the actor.
    """
    span = mention.span
    text = doc.span_text(span)
    pool = entities if entities is not None else tuple(e for e in doc.entities if e.source == "kb")
    inside: list[_Found] = []
    for entity in pool:
        record = kb.get(entity.kb_id or "")
        if record is not None and span.overlaps(entity.span):
            inside.append(_Found(entity, record))
    inside.sort(key=lambda f: f.entity.span.start)
    core = _head_part(doc.text, span)
    in_core = [f for f in inside if core.overlaps(f.entity.span)] or inside

    named = [
        f
        for f in in_core
        if f.record.kind in _NAMED_KINDS
        and not _possessor(
            doc.text, f.entity.span, core, group_parts if f.record.kind == "group" else frozenset()
        )
    ]
    if named:
        actor = _named_actor(_pick(named, mention.head), text=text, span=span, day=day)
        if actor.country is None and actor.sector == "REB":
            # a transnational group's national branch ("Islamic State's Afghan branch")
            local = [f for f in in_core if f.record.kind == "country" and f not in named]
            if local and _kind(kb, doc, local[-1]) != "metonym":
                actor = replace(actor, country=local[-1].record.country)
        return _with_abroad(actor, focus)

    roles = [f for f in in_core if f.record.kind == "role"]
    countries = [f for f in in_core if f.record.kind == "country"]
    unresolved = Actor(text=text, name=text, sector="UNK", span=span)
    if roles:
        strong = [f for f in roles if not f.record.weak] or roles
        role = _pick(strong, mention.head)
        nationals = [f for f in countries if _kind(kb, doc, f) != "metonym"]
        country = _nearest_country(role, nationals)
        if country is None and role.record.country_mode == "context":
            country = context_country or focus
        actor = _role_actor(role.record, country, kb, text=text, span=span)
        return _with_abroad(actor, focus)

    if not countries:
        return unresolved
    chosen = _pick(countries, mention.head)
    kind = _kind(kb, doc, chosen)
    if _unknown_name_after(doc, core, inside):
        return unresolved  # "Pakistani student Mashal Khan": the country only qualifies him
    if kind == "metonym" and _words_after(doc.text, chosen.entity.span, core):
        return unresolved  # "Moscow airport", "Kabul residents' market": a place, qualified
    if kind == "people":  # "Malians", "Serbians": the people, not the state
        civilians = kb.get("kb:role:civilians")
        if civilians is not None:
            actor = _role_actor(civilians, chosen.record.country, kb, text=text, span=span)
            return actor
    if chosen.entity.label == "NORP":
        later = sorted(
            (
                _Found(e, r)
                for e in pool
                if e.span.start >= chosen.entity.span.end
                and (r := kb.get(e.kb_id or "")) is not None
                and doc.sentence_of(e.span.start) == doc.sentence_of(span.start)
            ),
            key=lambda f: f.entity.span.start,
        )
        listed = _listed_role(doc.text, chosen, later)
        if listed is not None:
            actor = _role_actor(listed.record, chosen.record.country, kb, text=text, span=span)
            return _with_abroad(actor, focus)
    if armed:
        if kind == "metonym":
            return unresolved  # a capital in a battle is where it happened, not who fought
        military = kb.get("kb:role:military")
        if military is not None:
            actor = _role_actor(military, chosen.record.country, kb, text=text, span=span)
            return _with_abroad(actor, focus)
    return _country_actor(chosen.record, text=text, span=span, day=day)


_POSSESSIVE = re.compile(r"['’]s?\b")


def _possessor(text: str, span: Span, core: Span, parts: frozenset[str] = frozenset()) -> bool:
    """Return whether the name is a possessor before the head ("Trump's adviser John
    Bolton" is not Trump); a possessive ending the phrase ("Lavrov's") is the actor, and so
    is a group owning a part of itself ("Islamic State's Afghan branch")."""
    after = _POSSESSIVE.match(text, span.end, core.end)
    if after is None:
        return False
    rest = text[after.end() : core.end].split()
    return bool(rest) and rest[-1].lower().strip(".,") not in parts


def _words_after(text: str, span: Span, core: Span) -> bool:
    """Return whether words follow ``span`` inside ``core`` (a possessive ending aside)."""
    rest = text[span.end : core.end]
    rest = _POSSESSIVE.sub("", rest, count=1) if _POSSESSIVE.match(rest) else rest
    return any(c.isalpha() for c in rest)


def _kind(kb: ActorKB, doc: Doc, found: _Found) -> str | None:
    return kb.alias_kind(found.record.id, doc.span_text(found.entity.span))


_CAPITALISED = re.compile(r"[^\W\d_][\w'’.-]*")


def _unknown_name_after(doc: Doc, core: Span, inside: list[_Found]) -> bool:
    """Return whether ``core`` ends in capitalised words no KB entity covers (an unknown
    person or organisation the country or demonym before it only qualifies)."""
    words = list(_CAPITALISED.finditer(doc.text, core.start, core.end))
    if len(words) < 2:
        return False
    last = words[-1]
    if not last.group()[:1].isupper():
        return False
    return not any(f.entity.span.overlaps(Span(last.start(), last.end())) for f in inside)


def _nearest_country(role: _Found, countries: list[_Found]) -> str | None:
    if not countries:
        return None
    centre = role.entity.span.start

    def distance(item: _Found) -> int:
        entity = item.entity.span
        return min(abs(entity.end - centre), abs(entity.start - role.entity.span.end))

    return _country_of(min(countries, key=distance))


def _sender_country(mention: EventMention, sources: tuple[ActorMention, ...]) -> str | None:
    """Return the country of a state that mobilises or deploys: its troops are its own
    ("the United States will send more troops": troops of the United States)."""
    if mention.typing.plover_type != "MOBILIZE":
        return None
    for source in sources:
        actor = source.actor
        if actor is not None and actor.country and actor.sector in ("GOV", "MIL"):
            return actor.country
    return None


def _clause_country(
    doc: Doc, mention: EventMention, gazetteer: Gazetteer | None, named: frozenset[str]
) -> str | None:
    """Return the country of the place the event happened in, read from the gazetteer
    entities of its place arguments ("people killed in Gaza" are Palestinian civilians in
    an article about Israel). Places resolve after actors, so the gazetteer entity is looked
    up here. Only a country the article's actors name (``named``) counts, since an
    unresolved place name may match a namesake abroad; a place that is also an actor name
    ("France") is not where. None when no place qualifies or several countries do."""
    if gazetteer is None:
        return None
    where = [p.span for p in mention.places if p.relation != "from"]
    dateline = doc.dateline.span if doc.dateline is not None else None
    countries: set[str] = set()
    for entity in doc.entities:
        if entity.source != "gazetteer" or not any(entity.span.overlaps(w) for w in where):
            continue
        if dateline is not None and dateline.overlaps(entity.span):
            continue
        if any(e.source == "kb" and e.span.overlaps(entity.span) for e in doc.entities):
            continue
        place = gazetteer.from_kb_id(entity.kb_id)
        if place is not None and place.country3 in named:
            countries.add(place.country3)
    return countries.pop() if len(countries) == 1 else None


def _armed(mention: EventMention) -> bool:
    """Return whether the mention is armed violence: ACLED battles or remote violence, or
    any PLOVER assault (its ACLED type, violence against civilians until the actors are
    known, says nothing yet about who fought: "Nigeria killed 20 militants")."""
    typing = mention.typing
    return typing.acled_event_type in _ARMED_TYPES or typing.plover_type == "ASSAULT"


class ActorResolver:
    """Stage: fill ``ActorMention.actor`` for the sources and targets of every mention.

    Civilians named as the source of a protest are coded as protesters ("residents
    marched" -> Protesters (Mali)), as ACLED codes demonstrators. Forces a state mobilises
    take that state's country ("the United States will send more troops").
    """

    name: ClassVar[str] = "resolve.actors.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"arguments", "focus_country"})
    provides: ClassVar[frozenset[str]] = frozenset({"actors"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._claim_cues: dict[str, ClaimCues] = {}

    def _claims(self, language: str) -> ClaimCues:
        if language not in self._claim_cues:
            data = self._resources.lexicon(language, "arguments") or {}
            self._claim_cues[language] = ClaimCues.from_data(data.get("claims"))
        return self._claim_cues[language]

    @property
    def _self_target_types(self) -> frozenset[str]:
        """PLOVER types in which an actor may act on itself (``self_target_types``)."""
        return frozenset(lexicon.load_shared("crosswalk").get("self_target_types") or ())

    def __call__(self, doc: Doc) -> Doc:
        if not doc.mentions:
            return doc
        kb = self._resources.actor_kb
        pool = tuple(e for e in doc.entities if e.source == "kb")
        day = doc.published

        protesters = kb.get("kb:role:protesters")
        civilians = kb.get("kb:role:civilians")
        cues = self._resources.lexicon(doc.language or "en", "arguments") or {}
        parts = frozenset(str(w).lower() for w in cues.get("group_part_nouns") or ())
        crowds = frozenset(str(w).lower() for w in cues.get("protest_crowds") or ())
        victims = frozenset(str(w).lower() for w in cues.get("victim_people") or ())
        outcomes = load_cues(self._resources, doc.language or "en").outcome_rules
        implicit, undergo = (
            {
                str(mode): role
                for mode, name in (cues.get(key) or {}).items()
                if (role := kb.get(f"kb:role:{name}")) is not None
            }
            for key in ("implicit_sources", "implicit_targets")
        )

        def resolve(
            mention: ActorMention,
            armed: bool,
            protest: bool = False,
            context: str | None = None,
        ) -> ActorMention:
            actor = resolve_actor(
                doc,
                mention,
                kb,
                focus=doc.focus_country,
                day=day,
                entities=pool,
                armed=armed,
                context_country=context,
                group_parts=parts,
            )
            if protest and actor.sector == "CVL" and protesters is not None:
                actor = _role_actor(
                    protesters, actor.country, kb, text=actor.text, span=mention.span
                )
            elif protest and actor.sector == "UNK" and protesters is not None:
                words = re.findall(r"[\w-]+", actor.text.lower())
                if words and words[-1] in crowds:
                    # "the march ... was protesting", "protests by supporters of X"
                    country = context or doc.focus_country
                    actor = _role_actor(protesters, country, kb, text=actor.text, span=mention.span)
            if actor.sector == "UNK" and mention.actor is not None:
                return mention  # keep an earlier stage's answer rather than lose it
            return replace(mention, actor=actor)

        gazetteer = (
            self._resources.gazetteer
            if any(e.source == "gazetteer" for e in doc.entities)
            else None
        )
        named = frozenset(
            r.country for e in pool if (r := kb.get(e.kb_id or "")) is not None and r.country
        )
        protest_sentences = frozenset(
            m.sentence for m in doc.mentions
            if m.typing.plover_type == "PROTEST" and m.modality == "asserted"
        )
        aircraft = kb.get("kb:role:military_aircraft")
        air: str | None = None  # the country of the last aircraft the article named with one
        mentions: list[EventMention] = []
        for m in doc.mentions:
            where = _clause_country(doc, m, gazetteer, named)
            sources = tuple(
                resolve(a, _armed(m), m.typing.plover_type == "PROTEST", context=where)
                for a in m.sources
            )
            role = implicit.get(m.typing.plover_mode or "")
            told = m.targets or m.places or m.times or m.fatality_spans
            if not sources and role is not None and told and m.typing.rule not in outcomes:
                # "five journalists were arrested in Gao": by the police of where it happened
                sources = (_implicit(m, role, kb, where or doc.focus_country),)
            sources, air = _flown(sources, pool, aircraft, kb, air)
            sender = _sender_country(m, sources)
            targets = tuple(resolve(a, _armed(m), context=sender or where) for a in m.targets)
            role = undergo.get(m.typing.plover_mode or "")
            if not targets and role is not None:
                # "declared a state of emergency": on the population of where it applies, or
                # of the state that declares it ("Saudi Arabia extended the curfew")
                states = [
                    a.actor.country
                    for a in sources
                    if a.actor is not None and a.actor.sector in _STATE_SECTORS
                ]
                country = where or (states[0] if states else None) or doc.focus_country
                targets = (_implicit(m, role, kb, country),)
            if civilians is not None and _non_state_violence(m, sources):
                # "gunmen went from house to house, shooting men"; the men the police shot
                # may be the attackers, so state violence keeps them unresolved
                targets = tuple(
                    _plain_victim(t, civilians, kb, victims, where or doc.focus_country)
                    for t in targets
                )
            if protesters is not None and _repression(m, sources, protest_sentences):
                targets = tuple(_as_role(t, protesters, kb, "kb:civilians:") for t in targets)
            elif civilians is not None and not protest_sentences and _non_state_attack(m, sources):
                # "struck crowds outside the airport": a crowd is no protest when none is told
                targets = tuple(_as_role(t, civilians, kb, "kb:protesters:") for t in targets)
            if m.typing.plover_type not in self._self_target_types:
                targets = _not_sources(sources, targets)
            mentions.append(replace(m, sources=sources, targets=targets))
        claim_cues = self._claims(doc.language or "en")
        claims = find_claims(doc, kb, claim_cues, day=day)
        if claims:
            anonymous = anonymous_ids(kb)
            mentions = [
                name_claimants(
                    doc,
                    m,
                    claims,
                    kb,
                    types=claim_cues.types,
                    anonymous=anonymous,
                    outcomes=outcomes,
                    day=day,
                )
                for m in mentions
            ]
        return doc.evolve(mentions=tuple(mentions))


_REPRESSION_TYPES = frozenset({"ASSAULT", "COERCE"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "POL"})


def _repression(
    mention: EventMention, sources: tuple[ActorMention, ...], protests: frozenset[int]
) -> bool:
    """Return whether the mention is the state's violence or coercion in a report about
    protests ("police arrested 20 people"), or violence by no named actor told beside a
    protest ("13 people were killed in protests")."""
    if mention.typing.plover_type not in _REPRESSION_TYPES or not protests:
        return False
    # Only a protest told in this sentence or next to it: an airstrike paragraphs away from
    # a banned march did not hit demonstrators.
    if not {mention.sentence - 1, mention.sentence, mention.sentence + 1} & protests:
        return False
    return not sources or all(
        s.actor is not None and s.actor.sector in _STATE_SECTORS for s in sources
    )


def _non_state_attack(mention: EventMention, sources: tuple[ActorMention, ...]) -> bool:
    """Return whether the mention is an assault by actors none of which is the state."""
    return mention.typing.plover_type == "ASSAULT" and not any(
        s.actor is not None and s.actor.sector in _STATE_SECTORS for s in sources
    )


def _implicit(
    mention: EventMention, role: ActorRecord, kb: ActorKB, country: str | None
) -> ActorMention:
    """Return the actor the text leaves implicit, as ACLED codes it (no words of its own)."""
    actor = _role_actor(role, country, kb, text="", span=mention.trigger)
    return ActorMention(mention.trigger, actor=replace(actor, span=None), via="implicit")


def _flown(
    sources: tuple[ActorMention, ...],
    pool: tuple[Entity, ...],
    aircraft: ActorRecord | None,
    kb: ActorKB,
    last: str | None,
) -> tuple[tuple[ActorMention, ...], str | None]:
    """Give aircraft named without a flag ("Rafale jets bombed camps") the country of the
    last aircraft the article named with one ("French warplanes struck ..."); return the
    sources and that country, updated."""
    if aircraft is None:
        return sources, last
    out = []
    for source in sources:
        actor = source.actor
        flown = any(e.kb_id == aircraft.id and e.span.overlaps(source.span) for e in pool)
        if flown and actor is not None and actor.country:
            last = actor.country
        elif flown and actor is not None and last is not None and actor.sector == aircraft.sector:
            coded = _role_actor(aircraft, last, kb, text=actor.text, span=source.span)
            source = replace(source, actor=coded)
        out.append(source)
    return tuple(out), last


def _non_state_violence(mention: EventMention, sources: tuple[ActorMention, ...]) -> bool:
    """Return whether the mention is violence or coercion no state actor is said to do."""
    return mention.typing.plover_type in _REPRESSION_TYPES and not any(
        s.actor is not None and s.actor.sector in _STATE_SECTORS for s in sources
    )


def _plain_victim(
    mention: ActorMention,
    civilians: ActorRecord,
    kb: ActorKB,
    words: frozenset[str],
    country: str | None,
) -> ActorMention:
    """Code an unresolved target ending in a plain word for people ("shooting men") as
    civilians: violence or coercion against people no one describes as armed."""
    actor = mention.actor
    if actor is None or actor.sector != "UNK" or not words:
        return mention
    tail = re.findall(r"[\w-]+", actor.text.lower())
    if not tail or tail[-1] not in words:
        return mention
    coded = _role_actor(civilians, country, kb, text=actor.text, span=mention.span)
    return replace(mention, actor=coded)


def _as_role(mention: ActorMention, role: ActorRecord, kb: ActorKB, prefix: str) -> ActorMention:
    """Code a generic role actor whose id starts with ``prefix`` as ``role`` instead: in a
    report about protests the people the state kills or arrests are the demonstrators, as
    ACLED codes them; without any protest a "crowd" attacked is civilians."""
    actor = mention.actor
    if actor is None or not (actor.actor_id or "").startswith(prefix):
        return mention
    coded = _role_actor(role, actor.country, kb, text=actor.text, span=mention.span)
    return replace(mention, actor=coded)


def _not_sources(sources: tuple[ActorMention, ...],
                 targets: tuple[ActorMention, ...]) -> tuple[ActorMention, ...]:
    """Return the targets that are not one of the sources (same KB actor id)."""
    ids = {a.actor.actor_id for a in sources if a.actor is not None and a.actor.actor_id}
    return tuple(t for t in targets
                 if t.actor is None or not t.actor.actor_id or t.actor.actor_id not in ids)
