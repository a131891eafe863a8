"""Name an attack's unnamed perpetrators after the group that claims it (resolve.actors.v1).

``find_claims`` reads the news sentences that attribute violence to a named armed group: a
claim cue with the group before it ("JNIM claimed responsibility", "Al-Shabaab said it had
targeted the ministry") or an attribution cue with the group after it ("the attackers were
believed to belong to the Islamic State"); the cues are per-language data
(data/<lang>/arguments.yaml, ``claims``). A negation between the group and the cue ("JNIM
has not claimed ...") is no claim, and a state is never a claimant ("the army said it had
carried out strikes" is the army's own act, coded as such).

``name_claimants`` then codes, in the article's assaults, the actors resolved from anonymous
roles (data/actors/roles.yaml ``anonymous: true``: "gunmen", "militants", "the attackers")
as the claimant, and gives an assault told without any author ("two journalists were
abducted in Kidal") the claimant when the claim follows within a few sentences. A claim that
names a place applies only to an act at that place (or at none), and nothing changes when
several groups claim. One side blaming another ("attributed the bombing to the rebels") is
an accusation, not a claim, and is not read here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from kibaru.contract import Actor, ActorMention, Doc, EventMention, Span
from kibaru.errors import ConfigError

if TYPE_CHECKING:
    from kibaru.resolve.actor_kb import ActorKB

__all__ = [
    "CLAIM_WINDOW",
    "STATE_SECTORS",
    "Claim",
    "ClaimCues",
    "anonymous_ids",
    "find_claims",
    "name_claimants",
]

CLAIM_WINDOW = 3
"""How many sentences after an act its claim of responsibility may come."""
STATE_SECTORS = frozenset({"GOV", "MIL", "POL"})
_CLAIMANT_SECTORS = frozenset({"REB", "OPP", "MIL_ID", "PMC"})
"""Sectors of groups whose claims name an attack's perpetrators (not states: "the army said
it had carried out strikes" is already the army's act)."""
_WORD = re.compile(r"[\w']+")
_CLAUSE = re.compile(r"[,;:]|\s(?:but|while|whereas)\s")
"""Where the clause of an attribution cue starts: a negation before it is another clause's
("No one claimed the attack, but the gunmen were believed to belong to ...")."""


@dataclass(frozen=True, slots=True)
class ClaimCues:
    """One language's claim cues (data/<lang>/arguments.yaml, ``claims``)."""

    before: tuple[re.Pattern[str], ...] = ()
    """Cues whose claimant is the group named before them ("JNIM claimed the attack")."""
    after: tuple[re.Pattern[str], ...] = ()
    """Cues whose claimant follows ("believed to belong to the Islamic State")."""
    negations: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    """PLOVER types whose unnamed perpetrators a claim identifies."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> ClaimCues:
        """Build the cues from the ``claims`` mapping of an arguments.yaml."""
        data = data or {}

        def patterns(key: str) -> tuple[re.Pattern[str], ...]:
            try:
                return tuple(re.compile(str(p), re.IGNORECASE) for p in data.get(key) or ())
            except re.error as exc:
                raise ConfigError(f"arguments.yaml: claims.{key}: bad pattern: {exc}") from exc

        return cls(
            before=patterns("claimant_before"),
            after=patterns("claimant_after"),
            negations=frozenset(str(w).lower() for w in data.get("negations") or ()),
            types=frozenset(str(t) for t in data.get("types") or ()),
        )


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence saying that the group ``record_id`` carried out an act; ``places`` are the
    gazetteer ids the sentence names ("claimed the attack on the Bourem camp")."""

    sentence: int
    record_id: str
    places: frozenset[str] = frozenset()
    span: Span | None = None
    """Where the claimant is named."""


def find_claims(
    doc: Doc, kb: ActorKB, cues: ClaimCues, *, day: dt.date | None = None
) -> tuple[Claim, ...]:
    """Return the claims of responsibility in the news sentences of ``doc``: a claim cue
    with the nearest armed group (a KB group, not a state) on its claimant side, and no
    negation between them ("JNIM has not claimed ..." is no claim)."""
    if not cues.before and not cues.after:
        return ()
    groups = [
        e
        for e in doc.entities
        if e.source == "kb"
        and (record := kb.get(e.kb_id or "")) is not None
        and record.kind == "group"
        and record.sector_at(day) in _CLAIMANT_SECTORS
    ]
    out: list[Claim] = []
    for index, sentence in enumerate(doc.sentences):
        start, end = sentence.span.start, sentence.span.end
        inside = [e for e in groups if start <= e.span.start and e.span.end <= end]
        if sentence.excluded or not inside:
            continue
        found: dict[str, Span] = {}
        for pattern in cues.before:
            for cue in pattern.finditer(doc.text, start, end):
                before = [e for e in inside if e.span.end <= cue.start()]
                if before and not _negated(doc.text[before[-1].span.end : cue.start()], cues):
                    found.setdefault(before[-1].kb_id or "", before[-1].span)
        for pattern in cues.after:
            for cue in pattern.finditer(doc.text, start, end):
                after = [e for e in inside if e.span.start >= cue.end()]
                clause = _CLAUSE.split(doc.text[start : cue.start()])[-1]
                if after and not _negated(clause, cues):
                    found.setdefault(after[0].kb_id or "", after[0].span)
        if found:
            places = _places(doc, start, end)
            out += [Claim(index, rid, places, span) for rid, span in sorted(found.items()) if rid]
    return tuple(out)


def _places(doc: Doc, start: int, end: int) -> frozenset[str]:
    """Return the gazetteer ids of the places named between ``start`` and ``end`` that are
    not also actor names ("Mali" the state)."""
    inside = [e for e in doc.entities if start <= e.span.start < end]
    names = [e.span for e in inside if e.source == "kb"]
    return frozenset(
        e.kb_id
        for e in inside
        if e.source == "gazetteer" and e.kb_id and not any(n.overlaps(e.span) for n in names)
    )


def _negated(gap: str, cues: ClaimCues) -> bool:
    words = {w.lower() for w in _WORD.findall(gap)}
    return bool(words & cues.negations) or "n't" in gap.lower()


def name_claimants(
    doc: Doc,
    mention: EventMention,
    claims: tuple[Claim, ...],
    kb: ActorKB,
    *,
    types: frozenset[str],
    anonymous: tuple[str, ...],
    outcomes: frozenset[str],
    day: dt.date | None,
) -> EventMention:
    """Name the unnamed perpetrators of ``mention`` after the one group that claims it: a
    claim naming places applies only to an act at one of them (or at no named place)."""
    if mention.typing.plover_type not in types:
        return mention
    where = [p.span for p in mention.places if p.relation != "from"]
    places = {
        e.kb_id
        for e in doc.entities
        if e.source == "gazetteer" and any(e.span.overlaps(w) for w in where)
    }
    fitting = [c for c in claims if not c.places or not places or c.places & places]
    claimants = {c.record_id for c in fitting}
    record = kb.get(claimants.pop()) if len(claimants) == 1 else None
    if record is None:
        return mention

    def claimant(text: str, span: Span | None) -> Actor:
        return record.actor(text=text, span=span, day=day)

    def named(actors: tuple[ActorMention, ...]) -> tuple[ActorMention, ...]:
        out = []
        for item in actors:
            actor = item.actor
            if actor is not None and (actor.actor_id or "").startswith(anonymous):
                item = replace(item, actor=claimant(actor.text, actor.span))
            out.append(item)
        return tuple(out)

    sources = named(mention.sources)
    targets = mention.targets
    if any(s.actor is not None and s.actor.sector in STATE_SECTORS for s in sources):
        targets = named(targets)  # "soldiers killed three attackers": the claimant's men
    suffered = {(t.actor.actor_id or "") if t.actor else "" for t in targets}
    told = mention.targets or mention.places or mention.times or mention.fatality_spans
    if (
        not sources
        and told
        and mention.typing.rule not in outcomes
        and not any(a == record.id or a.startswith(anonymous) for a in suffered)
    ):
        # an act told without its author ("two journalists were abducted in Kidal"), claimed
        # in the sentences that follow; a bare result ("were killed") is left to the act it
        # follows, and a bare noun ("threw grenades") to the act it details
        near = [
            c
            for c in fitting
            if c.span is not None and 0 <= c.sentence - mention.sentence <= CLAIM_WINDOW
        ]
        if near and near[0].span is not None:
            span = near[0].span
            actor = claimant(doc.span_text(span), span)
            sources = (ActorMention(span, actor=actor, via="claim"),)
    return replace(mention, sources=sources, targets=targets)


def anonymous_ids(kb: ActorKB) -> tuple[str, ...]:
    """Return the ids, or id prefixes, of actors coded from anonymous roles ("gunmen" ->
    kb:unidentified:MLI, bare "gunmen" -> kb:role:unidentified)."""
    out: list[str] = []
    for record in kb.anonymous_roles():
        template = record.id_template or record.id
        out += [record.id, template.split("{")[0] if "{" in template else template]
    return tuple(out)
