"""Turn resolved event mentions into contract ``Event`` records (stage events.assemble.v1).

Here the ACLED type is fixed: the trigger's ACLED rule (data/crosswalk.yaml) is evaluated with
the resolved actors' sectors ("killed" on civilians is Violence against civilians, on soldiers
a Battle). Mentions of one happening are merged: two mentions of one type in one sentence
with compatible targets, a protest and its repression in one sentence (one Protests event
with the intervention sub-type), and a later nominal back-reference ("the visit was a boon")
that adds nothing new. Every modality is kept; ``coder.result_from_doc`` filters.

Confidence (0..1) is a documented heuristic (docs/events.md):
``0.5 * rule strength + 0.5 * completeness``, where completeness adds 0.35 for a source
actor, 0.2 for a target, 0.25 for a location and 0.2 for a date; then x0.85 for an aggregate,
x0.9 when an actor came from a pronoun, and x0.8 for any modality other than asserted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import Actor, ActorMention, Doc, Event, EventMention, Evidence, Location
from kibaru.events.crosswalk import AcledType, Crosswalk
from kibaru.events.happenings import (
    HappeningCues,
    in_background_clause,
    is_back_reference,
    is_bare_outcome,
    is_habitual,
    is_setting,
    is_time_anchor,
    load_cues,
)
from kibaru.events.tree import VERB_POS, ParseIndex

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["EventAssembler", "event_confidence", "event_id"]

_BACK_REFERENCE_WINDOW = 5  # sentences
_NAMED_LABELS = frozenset({"ORG", "GPE", "NORP", "ACTOR"})
"""Entities that make an unresolved source political enough: organisations, states, peoples
and KB actors; a bare person's name ("Kokesh hosted a show") is not."""
_WEAK = 0.5
_STRONG = 0.75
"""A sourceless mention of a type only political actors perform needs this rule strength."""
"""Nominal triggers below this rule strength need an actor argument to become an event."""


@dataclass
class _Happening:
    """Mentions judged to describe one happening; the first is the primary."""

    mentions: list[EventMention]
    acled: AcledType | None
    repressors: list[EventMention] = field(default_factory=list)
    references: list[EventMention] = field(default_factory=list)
    """Back-references folded in ("claimed the attack on Thursday"): their dates are not
    the act's."""
    anchor: bool = False
    """The act only dates another statement ("since the military seized power"): merged
    with what tells more of it, never coded."""

    @property
    def primary(self) -> EventMention:
        return self.mentions[0]

    def first(self, attribute: str) -> object:
        for mention in self.mentions:
            value = getattr(mention, attribute)
            if value:
                return value
        return None


class EventAssembler:
    """Stage: one ``Event`` per happening, with ACLED type, evidence and confidence."""

    name: ClassVar[str] = "events.assemble.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"actors", "places", "dates", "counts"})
    provides: ClassVar[frozenset[str]] = frozenset({"events"})

    def __init__(self, context: BuildContext, *, crosswalk: Crosswalk | None = None) -> None:
        self.pipeline_version = context.pipeline_version
        self._crosswalk = crosswalk
        self._resources = context.resources
        self._cues: dict[str, HappeningCues] = {}

    def cues(self, language: str) -> HappeningCues:
        """The language's cues for merging mentions of one happening (loaded on first use)."""
        if language not in self._cues:
            self._cues[language] = load_cues(self._resources, language)
        return self._cues[language]

    @property
    def crosswalk(self) -> Crosswalk:
        """The crosswalk tables (loaded on first use)."""
        if self._crosswalk is None:
            self._crosswalk = Crosswalk.load()
        return self._crosswalk

    def __call__(self, doc: Doc) -> Doc:
        index = ParseIndex(doc)
        cues = self.cues(doc.language or "en")
        happenings: list[_Happening] = []
        for mention in doc.mentions:
            acled = self.acled_of(doc, mention)
            nominal = _is_nominal(index, mention)
            if (
                nominal
                and is_back_reference(index, mention, cues)
                and _fold_back_reference(happenings, mention)
            ):
                continue  # "IS claimed the attack", "dozens died in the attack"
            if nominal and not _has_arguments(mention, weak=mention.typing.confidence < _WEAK):
                continue  # "convicted of assaults", "in the meeting": a noun, not a happening
            if not self._political_enough(doc, mention):
                continue  # "residents donated blood": not the actors these types code
            if self._background(index, doc, mention):
                continue  # "Carrie Lam, who is supported by Beijing": about a participant
            if mention.modality == "asserted" and is_habitual(index, mention, cues):
                continue  # "the group has repeatedly attacked Turkish targets": a habit
            if self._merge(doc, happenings, mention, acled, nominal=nominal):
                continue
            if is_bare_outcome(mention, cues) and _fold_outcome(happenings, mention):
                continue  # "Several other people were wounded." after the attack
            if not nominal and self._fold_elaboration(doc, happenings, mention):
                continue  # "The attackers surrounded the village and shot residents."
            # "the deadliest since an assault in Ghazni ... with hundreds killed": an act
            # that only dates the news is kept while merging (what tells more of it goes
            # with it), then not coded
            anchor = is_time_anchor(index, mention, cues)
            happenings.append(_Happening([mention], acled, anchor=anchor))
        events = [self._event(doc, h) for h in happenings if not h.anchor]
        return doc.evolve(events=tuple(events))

    def acled_of(self, doc: Doc, mention: EventMention) -> AcledType | None:
        """Return the mention's ACLED (type, sub-type) once its actors are resolved."""
        typing = mention.typing
        if typing.acled_rule is None:
            if typing.acled_event_type and typing.acled_sub_event_type:
                return typing.acled_event_type, typing.acled_sub_event_type
            return None
        return self.crosswalk.acled(
            typing.acled_rule,
            sources=[a.sector for a in _actors(doc, mention.sources)],
            targets=[a.sector for a in _actors(doc, mention.targets)],
            has_place=any(p.relation != "from" for p in mention.places),
        )

    def _political_enough(self, doc: Doc, mention: EventMention) -> bool:
        """Whether a mention of a type that only political actors perform has such a source."""
        if mention.typing.plover_type not in self.crosswalk.actor_required_types:
            return True
        if not mention.sources:
            # nobody named ("several of them have started to pull out"): keep strong verbs
            return mention.typing.confidence >= _STRONG
        for source in mention.sources:
            actor = source.actor
            if actor is not None and actor.sector in self.crosswalk.political_sectors:
                return True
            if (actor is None or actor.sector == "UNK") and any(
                e.label in _NAMED_LABELS and e.span.overlaps(source.span) for e in doc.entities
            ):
                return True
        return False

    def _background(self, index: ParseIndex, doc: Doc, mention: EventMention) -> bool:
        """Whether a mention describes a participant or sets the scene of another act."""
        plover = mention.typing.plover_type
        if plover in self.crosswalk.background_clause_types and in_background_clause(
            index, mention
        ):
            return True
        return plover in self.crosswalk.setting_types and is_setting(
            index, mention, list(doc.mentions)
        )

    # ---------------------------------------------------------------- merging
    def _merge(
        self,
        doc: Doc,
        happenings: list[_Happening],
        mention: EventMention,
        acled: AcledType | None,
        *,
        nominal: bool,
    ) -> bool:
        for happening in reversed(happenings):
            primary = happening.primary
            same_sentence = primary.sentence == mention.sentence
            if same_sentence and self._protest_and_repression(doc, happening, mention, acled):
                return True
            if primary.typing.plover_type != mention.typing.plover_type:
                continue
            if primary.modality != mention.modality:
                continue
            outcome = self.cues(doc.language or "en")
            if same_sentence and _own_dates_differ(primary, mention):
                continue  # "fired missiles on Friday in retaliation for an attack on Tuesday"
            if same_sentence and self._separate_act(happening, mention):
                continue  # "overran parts of the city and took hostages": two ACLED events
            if same_sentence and (
                nominal
                or _compatible(doc, primary, mention)
                or _outcome_of(doc, happening, mention, outcome)
            ):
                happening.mentions.append(mention)  # "visited ..., the first visit of ..."
                if is_bare_outcome(primary, outcome) and not is_bare_outcome(mention, outcome):
                    # "25 soldiers were killed after jihadists attacked": the act is primary
                    happening.mentions.insert(0, happening.mentions.pop())
                happening.acled = self._group_acled(doc, happening)
                return True
            if happening.acled != acled:
                continue
            if (
                nominal
                and not same_sentence
                and not mention.times
                and mention.modality == "asserted"
                and not mention.fatality_spans
                and _compatible(doc, primary, mention)
                and mention.sentence - primary.sentence <= _BACK_REFERENCE_WINDOW
            ):
                happening.mentions.append(mention)  # "Lavrov's visit was a boon ..."
                return True
        return False

    def _fold_elaboration(
        self,
        doc: Doc,
        happenings: list[_Happening],
        mention: EventMention,
    ) -> bool:
        """Fold a later sentence that tells more of the latest happening of its type, with no
        other date, no other place and no clashing actor ("Survivors said the men shot
        residents in their homes"; "The assailants shelled the camp before storming it"):
        news tells one act in several sentences, and a new act comes with its own date, place
        or actor. A lead sentence dated only by the publication date takes the date of the
        sentence that details it."""
        if mention.modality != "asserted":
            return False
        for happening in _earlier_of_type(happenings, mention):
            primary = happening.primary
            if mention.typing.plover_type not in self.crosswalk.elaboration_types:
                return False  # reciprocal diplomatic measures are acts of their own
            if primary.modality != "asserted" or not _same_day(primary, mention):
                return False
            if not _same_place(happening, mention) or not _sources_agree(doc, primary, mention):
                return False
            modes = {m.typing.plover_mode for m in happening.mentions}
            separate = self.crosswalk.separate_act_modes | self.crosswalk.separate_later_modes
            if mention.typing.plover_mode in separate - modes:
                return False  # "They took scores of hostages" after the attack: another act
            happening.mentions.append(mention)
            return True
        return False

    def _separate_act(self, happening: _Happening, mention: EventMention) -> bool:
        """Whether ``mention`` and the happening are acts ACLED codes apart though told
        together: one of them has a mode of ``separate_act_modes`` the other lacks."""
        separate = self.crosswalk.separate_act_modes
        modes = {m.typing.plover_mode for m in happening.mentions} - {None}
        mode = mention.typing.plover_mode
        if mode is None or not modes or mode in modes:
            return False  # an outcome ("killing 12") or the same kind of act
        return mode in separate or bool(modes & separate) and not modes - separate

    def _group_acled(self, doc: Doc, happening: _Happening) -> AcledType | None:
        """Return the ACLED type of merged mentions: each mention's rule over the group's
        actors, the highest in ACLED's precedence order winning."""
        sources = _first_nonempty(m.sources for m in happening.mentions)
        targets = _first_nonempty(m.targets for m in happening.mentions)
        has_place = any(p.relation != "from" for m in happening.mentions for p in m.places)
        found = [
            self.crosswalk.acled(
                m.typing.acled_rule,
                sources=[a.sector for a in _actors(doc, sources)],
                targets=[a.sector for a in _actors(doc, targets)],
                has_place=has_place,
            )
            if m.typing.acled_rule is not None
            else happening.acled
            for m in happening.mentions
        ]
        # a mention that says how (a mode: aerial, explosives ...) beats a bare outcome
        # ("killed"), then ACLED's precedence decides
        ranked = zip(happening.mentions, found, strict=True)
        best = min(
            ranked,
            key=lambda pair: (pair[0].typing.plover_mode is None, self.crosswalk.rank(pair[1])),
        )
        return best[1]

    def _protest_and_repression(
        self, doc: Doc, happening: _Happening, mention: EventMention, acled: AcledType | None
    ) -> bool:
        """Fold police repression into the protest of the same sentence (ACLED codes one
        Protests event with the intervention or excessive-force sub-type)."""
        primary = happening.primary
        pairs = ((primary, mention), (mention, primary))
        for protest, other in pairs:
            if protest.typing.acled_rule not in self.crosswalk.protest_rules:
                continue
            if protest.modality != "asserted" or other.modality != "asserted":
                continue  # a banned march is not a protest met with force
            if other.typing.acled_rule not in self.crosswalk.repression_rules:
                continue
            if other.typing.plover_type not in {"ASSAULT", "COERCE"}:
                continue
            sectors = {a.sector for a in _actors(doc, other.sources)}
            targeted = {a.sector for a in _actors(doc, other.targets)}
            if not (
                sectors & self.crosswalk.repression_sources
                or ("PRO" in targeted and not sectors - {"UNK"})
            ):
                continue  # force by state forces, or on protesters by someone unnamed
            violent = other.typing.plover_type == "ASSAULT" or bool(other.fatality_spans)
            sub = "Excessive force against protesters" if violent else "Protest with intervention"
            if protest is mention:
                happening.mentions.insert(0, mention)
            else:
                happening.mentions.append(mention)
            happening.repressors.append(other)
            happening.acled = ("Protests", sub)
            return True
        return False

    # ---------------------------------------------------------------- events
    def _event(self, doc: Doc, happening: _Happening) -> Event:
        mention = happening.primary
        sentence = doc.sentences[mention.sentence].span
        if happening.repressors:
            # ACLED: the protesters are actor 1, those who intervened actor 2
            sources = tuple(_actors(doc, mention.sources))
            targets = tuple(_actors(doc, [a for m in happening.repressors for a in m.sources]))
        else:
            sources = tuple(_actors(doc, _first_nonempty(m.sources for m in happening.mentions)))
            targets = tuple(_actors(doc, _first_nonempty(m.targets for m in happening.mentions)))
        location = _location(happening)
        # a mention that states its date beats one dated only by the publication date
        dated = [m for m in happening.mentions if m.when and m.times]
        dated = [m for m in dated if not any(m is r for r in happening.references)]
        when = next((m.when for m in dated), None) or next(
            (m.when for m in happening.mentions if m.when), None
        )
        fatalities = next((m.fatalities for m in happening.mentions if m.fatalities), None)
        injuries = next((m.injuries for m in happening.mentions if m.injuries), None)
        aggregate = any(m.aggregate for m in happening.mentions)
        coref = any(a.via == "coref" for m in happening.mentions for a in (*m.sources, *m.targets))
        typing = mention.typing
        acled = happening.acled
        return Event(
            event_id=event_id(doc.article.id, mention),
            article_id=doc.article.id,
            plover_type=typing.plover_type,
            plover_mode=typing.plover_mode,
            acled_event_type=acled[0] if acled else None,
            acled_sub_event_type=acled[1] if acled else None,
            cameo_root=typing.cameo_root
            or self.crosswalk.cameo_root(typing.plover_type, typing.plover_mode),
            modality=mention.modality,
            aggregate=aggregate,
            date=when.start if when else None,
            date_end=when.end if when else None,
            time_precision=when.time_precision if when else None,
            source_actors=sources,
            target_actors=targets,
            location=location,
            fatalities=fatalities,
            injuries=injuries,
            evidence=Evidence(
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                trigger_start=mention.trigger.start,
                trigger_end=mention.trigger.end,
            ),
            confidence=event_confidence(
                strength=max(m.typing.confidence for m in happening.mentions),
                has_source=bool(sources),
                has_target=bool(targets),
                has_location=location is not None,
                has_date=when is not None,
                aggregate=aggregate,
                coref=coref,
                asserted=mention.modality == "asserted",
            ),
            pipeline_version=self.pipeline_version,
        )


def event_id(article_id: str, mention: EventMention) -> str:
    """Return a stable id: a hash of the article id, trigger offsets and PLOVER type."""
    key = f"{article_id}|{mention.trigger.start}|{mention.trigger.end}|{mention.typing.plover_type}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def event_confidence(
    *,
    strength: float,
    has_source: bool,
    has_target: bool,
    has_location: bool,
    has_date: bool,
    aggregate: bool = False,
    coref: bool = False,
    asserted: bool = True,
) -> float:
    """Return the confidence heuristic documented in the module docstring, in 0..1."""
    completeness = 0.35 * has_source + 0.2 * has_target + 0.25 * has_location + 0.2 * has_date
    value = 0.5 * max(0.0, min(1.0, strength)) + 0.5 * completeness
    if aggregate:
        value *= 0.85
    if coref:
        value *= 0.9
    if not asserted:
        value *= 0.8
    return round(max(0.0, min(1.0, value)), 3)


def _actors(doc: Doc, mentions: Iterable[ActorMention]) -> list[Actor]:
    out: list[Actor] = []
    seen: set[tuple[str, str]] = set()
    for mention in mentions:
        actor = mention.actor
        if actor is None:
            text = doc.span_text(mention.span)
            actor = Actor(text=text, name=text, sector="UNK", span=mention.span)
        key = (actor.name, actor.sector)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


def _first_nonempty(groups: Iterable[tuple[ActorMention, ...]]) -> tuple[ActorMention, ...]:
    for group in groups:
        if group:
            return group
    return ()


def _location(happening: _Happening) -> Location | None:
    for mention in happening.mentions:
        location = mention.location
        if location is None:
            continue
        origin = [p for p in mention.places if p.relation == "from"]
        if location.span is not None and any(p.span.overlaps(location.span) for p in origin):
            continue  # "troops from Gao": never where the event happened
        return location
    return None


def _compatible(doc: Doc, first: EventMention, second: EventMention) -> bool:
    """Whether two mentions of one type may be one happening: their actors do not clash."""
    for a_side, b_side in ((first.targets, second.targets), (first.sources, second.sources)):
        if not a_side or not b_side:
            continue
        names_a = {_actor_key(doc, a) for a in a_side}
        names_b = {_actor_key(doc, b) for b in b_side}
        if not names_a & names_b:
            return False
    return True


def _actor_key(doc: Doc, mention: ActorMention) -> str:
    if mention.actor is not None and mention.actor.actor_id:
        return mention.actor.actor_id
    text = mention.actor.name if mention.actor is not None else doc.span_text(mention.span)
    # the last word names the actor ("Russian Foreign Minister Sergey Lavrov" ~ "Lavrov's")
    words = [w for w in text.replace("’s", "").replace("'s", "").split() if w[:1].isalpha()]
    return words[-1].lower() if words else text.lower()


def _outcome_of(
    doc: Doc, happening: _Happening, mention: EventMention, cues: HappeningCues
) -> bool:
    """Whether ``mention`` and the happening's mentions are an act and its agentless result
    in one sentence ("were killed ... after jihadists attacked", "killed 13 and injured 61")."""
    if mention.modality != "asserted" or happening.primary.modality != "asserted":
        return False
    return is_bare_outcome(mention, cues) or all(
        is_bare_outcome(m, cues) for m in happening.mentions
    )


def _same_place(happening: _Happening, mention: EventMention) -> bool:
    """Whether ``mention`` names no place, or the place the happening is at."""
    if mention.location is None or not [p for p in mention.places if p.relation != "from"]:
        return True  # a location only guessed from the article's focus names no new place
    known = _location(happening)
    if known is None or known.name == mention.location.name:
        return True
    # "in northern Burkina Faso" then "near the town of Gorom-Gorom": a point inside the
    # country or region already named narrows the place, it does not move it
    coarse = known.lat is None or (known.geo_precision or 0) >= 3
    return coarse and known.country == mention.location.country


def _sources_agree(doc: Doc, first: EventMention, second: EventMention) -> bool:
    """Whether ``second`` names no source of its own, or only one pointing back ("the
    attackers"), or the same actor as ``first``: another actor acting is another act."""
    if not second.sources or all(a.via == "coref" for a in second.sources):
        return True
    if not first.sources:
        return False
    return bool(
        {_actor_key(doc, a) for a in first.sources} & {_actor_key(doc, b) for b in second.sources}
    )


def _same_day(first: EventMention, second: EventMention) -> bool:
    """Whether ``second`` names no date of its own, or the same start as ``first``, or
    ``first`` names none (a lead sentence dated only by the publication date)."""
    if not second.times or first.when is None or second.when is None:
        return True
    if not first.times:
        # the lead's date is the days before publication: a detail dated within them fits
        # ("on Thursday"), one dated months before does not ("recaptured in January")
        week_before = first.when.start - dt.timedelta(days=7)
        return second.when.start <= first.when.end and second.when.end >= week_before
    return first.when.start == second.when.start


def _own_dates_differ(first: EventMention, second: EventMention) -> bool:
    """Whether both mentions state a date of their own and the dates start apart: one
    sentence telling two acts on two days tells two happenings."""
    if not first.times or not second.times or first.when is None or second.when is None:
        return False
    return first.when.start != second.when.start


def _fold_back_reference(happenings: list[_Happening], mention: EventMention) -> bool:
    """Fold an event noun pointing back ("the attack") into the latest earlier happening of
    its PLOVER type; it may bring the toll or place the first mention lacked."""
    for happening in reversed(happenings):
        primary = happening.primary
        if primary.sentence >= mention.sentence:
            continue
        if primary.typing.plover_type != mention.typing.plover_type:
            continue
        if primary.modality != "asserted":
            continue
        # no date check: "IS claimed the attack on Thursday" dates the claim, not the attack
        happening.mentions.append(mention)
        happening.references.append(mention)
        return True
    return False


def _earlier_of_type(happenings: list[_Happening], mention: EventMention) -> Iterator[_Happening]:
    """Yield the happenings of the mention's PLOVER type told in an earlier sentence within
    the back-reference window, latest first."""
    for happening in reversed(happenings):
        primary = happening.primary
        if mention.sentence - primary.sentence > _BACK_REFERENCE_WINDOW:
            return
        if primary.sentence < mention.sentence and primary.typing.plover_type == mention.typing.plover_type:
            yield happening


def _fold_outcome(happenings: list[_Happening], mention: EventMention) -> bool:
    """Fold an agentless result in a later sentence ("Twelve soldiers were wounded.") into
    the latest asserted happening of its type within the back-reference window."""
    if mention.modality != "asserted":
        return False
    for happening in _earlier_of_type(happenings, mention):
        primary = happening.primary
        if primary.modality != "asserted" or not _same_day(primary, mention):
            continue
        if not _same_place(happening, mention):
            return False  # "56 civilians killed across the country": not the one attack
        happening.mentions.append(mention)
        return True
    return False


def _has_arguments(mention: EventMention, *, weak: bool) -> bool:
    """Whether a nominal mention says who, or (unless its trigger is weak) where, when or
    how many: a bare event noun is usually a reference or a generality."""
    if mention.sources or mention.targets:
        return True
    if weak:
        return False
    return bool(mention.places or mention.times or mention.fatality_spans or mention.injury_spans)


def _is_nominal(index: ParseIndex, mention: EventMention) -> bool:
    token = index.token_at(mention.trigger, mention.sentence)
    return token is not None and token.pos not in VERB_POS
