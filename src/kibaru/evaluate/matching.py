"""Match predicted events to gold events of the same article, one to one.

The rule (stated in docs/QUALITY.md, and pinned by tests/evaluate/test_matching.py):

A predicted event and a gold event of the same article are a *candidate pair* when all hold:

1. **Evidence.** The predicted trigger lies inside the gold evidence sentence (or one of the
   gold ``other_evidence`` sentences restating the same event), or the predicted evidence
   sentence overlaps one of them (offsets in the same cleaned text).
2. **Type family.** Their PLOVER types are in the same family (below), or both carry the same
   ACLED event type, or the gold event has no PLOVER type (ACLED-only gold).
   Families: verbal cooperation {AGREE, CONSULT, SUPPORT, REQUEST}; material cooperation
   {COOPERATE, AID, CONCEDE, RETREAT}; verbal conflict {ACCUSE, REJECT, THREATEN}; material
   conflict {PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT}.
3. **Date.** Either date is unknown, or the two date ranges overlap once the gold range is
   widened by the tolerance of its precision (1 day: 1 day; 2 week/range: 7 days; 3 month: 31
   days).
4. **Place.** Either location or country is unknown, or both name the same country.
5. **Actors.** Either side names no actor country, or the countries of all the predicted
   actors and of all the gold actors (both roles) share at least one.

Candidate pairs are scored (trigger inside the gold evidence 4, inside an ``other_evidence``
sentence 3, sentence overlap only 1; trigger overlapping the gold trigger +2; same PLOVER type +2; same ACLED type +1; same date +1;
location within 25 km +1) and taken greedily, best score first (ties broken by text position),
each event used at most once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from kibaru.contract import Event, Span
from kibaru.evaluate.gold import GoldActor, GoldCount, GoldEvent, GoldLocation

__all__ = [
    "FAMILIES",
    "Pair",
    "Predicted",
    "candidate",
    "date_tolerance",
    "family_of",
    "haversine_km",
    "match_events",
    "predicted_from_event",
    "score_pair",
    "why_not",
]

FAMILIES: dict[str, frozenset[str]] = {
    "verbal cooperation": frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST"}),
    "material cooperation": frozenset({"COOPERATE", "AID", "CONCEDE", "RETREAT"}),
    "verbal conflict": frozenset({"ACCUSE", "REJECT", "THREATEN"}),
    "material conflict": frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}),
}
_TOLERANCE_DAYS = {1: 1, 2: 7, 3: 31}
NEAR_KM = 25.0


@dataclass(frozen=True, slots=True)
class Predicted:
    """A predicted event seen by the evaluator (spans index the cleaned text)."""

    sentence: Span
    trigger: Span
    plover_type: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    modality: str = "asserted"
    aggregate: bool = False
    date: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: int | None = None
    source_actors: tuple[GoldActor, ...] = ()
    target_actors: tuple[GoldActor, ...] = ()
    location: GoldLocation | None = None
    fatalities: GoldCount | None = None
    injuries: GoldCount | None = None
    event_id: str = ""


def _count(value: object) -> GoldCount | None:
    if value is None:
        return None
    low, best, high = (getattr(value, k) for k in ("low", "best", "high"))
    return GoldCount(int(low), int(best), int(high))


def predicted_from_event(event: Event) -> Predicted:
    """Return the evaluator's view of a contract ``Event``."""
    ev = event.evidence
    loc = event.location
    return Predicted(
        sentence=Span(ev.sentence_start, ev.sentence_end),
        trigger=Span(ev.trigger_start, ev.trigger_end),
        plover_type=event.plover_type,
        plover_mode=event.plover_mode,
        acled_event_type=event.acled_event_type,
        acled_sub_event_type=event.acled_sub_event_type,
        cameo_root=event.cameo_root,
        modality=event.modality,
        aggregate=event.aggregate,
        date=event.date,
        date_end=event.date_end or event.date,
        time_precision=event.time_precision,
        source_actors=tuple(
            GoldActor(a.name, a.text, a.country, a.sector, a.acled_inter) for a in event.source_actors
        ),
        target_actors=tuple(
            GoldActor(a.name, a.text, a.country, a.sector, a.acled_inter) for a in event.target_actors
        ),
        location=(
            GoldLocation(loc.name, loc.country, loc.admin1, loc.lat, loc.lon, loc.geo_precision)
            if loc
            else None
        ),
        fatalities=_count(event.fatalities),
        injuries=_count(event.injuries),
        event_id=event.event_id,
    )


def family_of(plover_type: str | None) -> str | None:
    """Return the family name of a PLOVER type (None when unknown)."""
    for name, members in FAMILIES.items():
        if plover_type in members:
            return name
    return None


def date_tolerance(precision: int | None) -> int:
    """Return the days of slack allowed around a gold date of ACLED ``precision``."""
    return _TOLERANCE_DAYS.get(precision or 1, 1)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _dates_compatible(pred: Predicted, gold: GoldEvent) -> bool:
    if pred.date is None or gold.date is None:
        return True
    slack = dt.timedelta(days=date_tolerance(gold.time_precision))
    g_start, g_end = gold.date - slack, (gold.date_end or gold.date) + slack
    p_end = pred.date_end or pred.date
    return pred.date <= g_end and g_start <= p_end


def _countries(actors: Sequence[GoldActor]) -> set[str]:
    return {a.country for a in actors if a.country}


def _type_compatible(pred: Predicted, gold: GoldEvent) -> bool:
    if gold.plover_type is None:
        return True
    if gold.acled_event_type and gold.acled_event_type == pred.acled_event_type:
        return True
    fam = family_of(gold.plover_type)
    return fam is not None and fam == family_of(pred.plover_type)


def why_not(pred: Predicted, gold: GoldEvent) -> str | None:
    """Return which rule (1-5 of the module doc) keeps the pair apart, or None if none does."""
    if not any(s.contains(pred.trigger) or s.overlaps(pred.sentence) for s in gold.spans):
        return "evidence"
    if not _type_compatible(pred, gold):
        return f"type family ({pred.plover_type} vs {gold.plover_type})"
    if not _dates_compatible(pred, gold):
        return f"date ({pred.date} vs {gold.date}..{gold.date_end} p{gold.time_precision})"
    p_place = pred.location.country if pred.location else None
    g_place = gold.location.country if gold.location else None
    if p_place and g_place and p_place != g_place:
        return f"place ({p_place} vs {g_place})"
    p_c = _countries(pred.source_actors + pred.target_actors)
    g_c = _countries(gold.source_actors + gold.target_actors)
    if p_c and g_c and not p_c & g_c:
        return f"actors ({sorted(p_c)} vs {sorted(g_c)})"
    return None


def candidate(pred: Predicted, gold: GoldEvent) -> bool:
    """Return whether ``pred`` and ``gold`` may be matched (rules 1-5 of the module doc)."""
    return why_not(pred, gold) is None


def score_pair(pred: Predicted, gold: GoldEvent) -> float:
    """Return how well a candidate pair agrees (higher is better)."""
    if gold.evidence_span.contains(pred.trigger):
        score = 4.0
    elif any(s.contains(pred.trigger) for s in gold.other_evidence):
        score = 3.0
    else:
        score = 1.0
    if gold.trigger_span.overlaps(pred.trigger):
        score += 2
    if pred.plover_type == gold.plover_type:
        score += 2
    if gold.acled_event_type and pred.acled_event_type == gold.acled_event_type:
        score += 1
    if gold.date and pred.date == gold.date:
        score += 1
    pl, gl = pred.location, gold.location
    if (
        pl and gl and pl.lat is not None and pl.lon is not None and gl.lat is not None
        and gl.lon is not None and haversine_km(pl.lat, pl.lon, gl.lat, gl.lon) <= NEAR_KM
    ):
        score += 1
    return score


@dataclass(frozen=True, slots=True)
class Pair:
    """A matched predicted/gold pair (indices into the lists given to ``match_events``)."""

    pred: int
    gold: int
    score: float


def match_events(predicted: Sequence[Predicted], gold: Sequence[GoldEvent]) -> list[Pair]:
    """Return the one-to-one greedy matching of ``predicted`` to ``gold`` events."""
    options = [
        (score_pair(p, g), -g.evidence_span.start, -p.trigger.start, pi, gi)
        for pi, p in enumerate(predicted)
        for gi, g in enumerate(gold)
        if candidate(p, g)
    ]
    options.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for score, _g, _p, pi, gi in options:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append(Pair(pi, gi, score))
    return sorted(pairs, key=lambda pair: (pair.gold, pair.pred))
