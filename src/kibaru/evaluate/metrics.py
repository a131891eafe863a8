"""Score predicted events against gold events: detection P/R/F1 and field accuracies.

Definitions (docs/QUALITY.md states them for users):

- **Detection.** Only *asserted* events count. TP = matched pairs of a predicted asserted event
  and a gold asserted event (``kibaru.evaluate.matching``); FP = unmatched predicted asserted
  events; FN = unmatched gold asserted events. P = TP/(TP+FP), R = TP/(TP+FN), F1 their
  harmonic mean.
- **Duplicates.** Unmatched predicted asserted events whose trigger lies in the evidence (or
  ``other_evidence``) of a gold event that another prediction already matched, in the same
  type family: the same event coded twice. They are FPs and are also counted separately.
- **Non-asserted emitted as asserted.** Predicted asserted events whose trigger lies inside a
  gold ``not_events`` span or overlaps the trigger of a gold negated/hypothetical/future event.
- **Near misses.** Missed gold events that had an unmatched prediction in their evidence
  sentence, by the matching rule that kept them apart (type family, date, place, actors). A
  prediction placed in another country is never matched, so location-country accuracy on
  matched pairs is conditional: its failures show up here as ``place``.
- **Field accuracies** are over matched pairs; each field has its own denominator:
  PLOVER type (gold type given); ACLED type and sub-type (gold annotated with a PLOVER or
  ACLED type: a gold ``null`` means no ACLED type applies and the prediction must be null too);
  actor country and sector (per gold actor with a country / a sector other than UNK: right when
  a predicted actor in the same role has it); location country (gold country given); within
  25 km (gold coordinates given; a missing prediction is wrong); date exact (same start and
  end); date within precision (predicted start inside the gold range, widened by 1 day at
  precision 1 and 3 days at precision 2, or in the same month at precision 3); fatalities
  exact and within range (gold count given or the event is violent, where no count means 0:
  exact is best == best, range is low <= predicted best <= high); aggregate flag (all matched
  pairs: the predicted ``aggregate`` equals the gold one).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from kibaru.evaluate.gold import GoldActor, GoldEvent, GoldNotEvent, GoldReport
from kibaru.evaluate.matching import (
    NEAR_KM,
    Pair,
    Predicted,
    family_of,
    haversine_km,
    match_events,
    why_not,
)

__all__ = [
    "FIELDS",
    "VIOLENT_ACLED_TYPES",
    "ArticleScore",
    "FieldTally",
    "Summary",
    "date_within_precision",
    "score_article",
    "summarize",
]

VIOLENT_ACLED_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
FIELDS: tuple[str, ...] = (
    "plover_type",
    "acled_event_type",
    "acled_sub_event_type",
    "actor_country",
    "actor_sector",
    "location_country",
    "location_within_25km",
    "date_exact",
    "date_within_precision",
    "fatalities_exact",
    "fatalities_within_range",
    "aggregate_flag",
)


@dataclass
class FieldTally:
    """Right and total counts of one field over matched pairs."""

    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        """Return right/total, or None when nothing was scored."""
        return self.right / self.total if self.total else None

    def add(self, ok: bool) -> bool:
        """Count one scored item; return ``ok``."""
        self.total += 1
        self.right += int(ok)
        return ok


@dataclass
class ArticleScore:
    """The outcome on one article, with its errors listed for debugging."""

    report_id: str
    title: str
    source: str = ""
    """The gold file the report came from (for per-file figures)."""
    tp: int = 0
    fp: int = 0
    fn: int = 0
    non_asserted_emitted: int = 0
    duplicates: int = 0
    fields: dict[str, FieldTally] = field(default_factory=lambda: {f: FieldTally() for f in FIELDS})
    errors: list[str] = field(default_factory=list)
    gold_types: Counter[str] = field(default_factory=Counter)
    found_types: Counter[str] = field(default_factory=Counter)
    near_misses: Counter[str] = field(default_factory=Counter)
    """Missed gold events with a prediction in their sentence kept apart by one rule."""
    non_asserted_kinds: Counter[str] = field(default_factory=Counter)
    """Non-asserted spans emitted as asserted, by the first word of their ``why``."""


def date_within_precision(pred: dt.date, gold: GoldEvent) -> bool:
    """Return whether a predicted start date is right at the gold event's precision."""
    assert gold.date is not None
    end = gold.date_end or gold.date
    if gold.time_precision == 3:
        return (pred.year, pred.month) in {(gold.date.year, gold.date.month), (end.year, end.month)} or (
            gold.date <= pred <= end
        )
    slack = dt.timedelta(days=3 if gold.time_precision == 2 else 1)
    return gold.date - slack <= pred <= end + slack


def _quote(text: str, start: int, end: int) -> str:
    return repr(text[start:end])


def _actor_hits(gold: Sequence[GoldActor], pred: Sequence[GoldActor], key: str) -> list[tuple[GoldActor, bool]]:
    values = {getattr(a, key) for a in pred}
    return [(a, getattr(a, key) in values) for a in gold]


def _check_pair(score: ArticleScore, pred: Predicted, gold: GoldEvent, text: str) -> None:
    f = score.fields
    where = f"[{gold.plover_type or gold.acled_event_type} {gold.trigger!r}]"

    def check(name: str, ok: bool, want: object, got: object) -> None:
        if not f[name].add(ok):
            score.errors.append(f"{where} {name}: gold {want}, predicted {got}")

    if gold.plover_type:
        check("plover_type", pred.plover_type == gold.plover_type, gold.plover_type, pred.plover_type)
    if gold.plover_type or gold.acled_event_type:
        check("acled_event_type", pred.acled_event_type == gold.acled_event_type,
              gold.acled_event_type, pred.acled_event_type)
        check("acled_sub_event_type", pred.acled_sub_event_type == gold.acled_sub_event_type,
              gold.acled_sub_event_type, pred.acled_sub_event_type)
    for role, g_actors, p_actors in (
        ("source", gold.source_actors, pred.source_actors),
        ("target", gold.target_actors, pred.target_actors),
    ):
        with_country = [a for a in g_actors if a.country]
        for actor, ok in _actor_hits(with_country, p_actors, "country"):
            check("actor_country", ok, f"{role} {actor.name} {actor.country}",
                  sorted({a.country or "-" for a in p_actors}))
        with_sector = [a for a in g_actors if a.sector and a.sector != "UNK"]
        for actor, ok in _actor_hits(with_sector, p_actors, "sector"):
            check("actor_sector", ok, f"{role} {actor.name} {actor.sector}",
                  sorted({a.sector or "-" for a in p_actors}))
    gl, pl = gold.location, pred.location
    if gl and gl.country:
        check("location_country", bool(pl and pl.country == gl.country), gl.country,
              pl.country if pl else None)
    if gl and gl.lat is not None and gl.lon is not None:
        dist = None
        if pl and pl.lat is not None and pl.lon is not None:
            dist = haversine_km(gl.lat, gl.lon, pl.lat, pl.lon)
        check("location_within_25km", dist is not None and dist <= NEAR_KM, gl.name,
              f"{pl.name if pl else None} ({'no coordinates' if dist is None else f'{dist:.0f} km'})")
    if gold.date:
        exact = pred.date == gold.date and (pred.date_end or pred.date) == (gold.date_end or gold.date)
        check("date_exact", exact, f"{gold.date}..{gold.date_end}", f"{pred.date}..{pred.date_end}")
        check("date_within_precision", bool(pred.date and date_within_precision(pred.date, gold)),
              f"{gold.date}..{gold.date_end} p{gold.time_precision}", pred.date)
    if gold.fatalities is not None or gold.acled_event_type in VIOLENT_ACLED_TYPES:
        g_low, g_best, g_high = (
            (gold.fatalities.low, gold.fatalities.best, gold.fatalities.high) if gold.fatalities else (0, 0, 0)
        )
        p_best = pred.fatalities.best if pred.fatalities else 0
        check("fatalities_exact", p_best == g_best, g_best, p_best)
        check("fatalities_within_range", g_low <= p_best <= g_high, f"{g_low}..{g_high}", p_best)
    check("aggregate_flag", pred.aggregate == gold.aggregate, gold.aggregate, pred.aggregate)


def _kind(reason: str) -> str:
    words = reason.replace(":", " ").split()
    word = words[0].lower() if words else "unknown"
    return "threatened act" if word == "threatened" else word


def _in_not_event(pred: Predicted, not_events: Sequence[GoldNotEvent], others: Sequence[GoldEvent]) -> str | None:
    for item in not_events:
        if item.span.contains(pred.trigger) or item.span.overlaps(pred.trigger):
            return item.why or "not an event"
    for gold in others:
        if gold.trigger_span.overlaps(pred.trigger):
            return f"gold {gold.modality}"
    return None


def score_article(report: GoldReport, predicted: Sequence[Predicted], *, text: str | None = None) -> ArticleScore:
    """Score one article: ``report``'s spans and ``predicted``'s spans index the same text."""
    text = report.text if text is None else text
    score = ArticleScore(report.id, report.title, report.origin.split(":", 1)[0])
    gold = list(report.asserted)
    others = [e for e in report.events if e.modality != "asserted"]
    preds = [p for p in predicted if p.modality == "asserted"]
    pairs: list[Pair] = match_events(preds, gold)
    score.tp = len(pairs)
    matched_p = {p.pred for p in pairs}
    matched_g = {p.gold for p in pairs}
    for g in gold:
        score.gold_types[g.plover_type or g.acled_event_type or "?"] += 1
    for pair in pairs:
        g = gold[pair.gold]
        score.found_types[g.plover_type or g.acled_event_type or "?"] += 1
        _check_pair(score, preds[pair.pred], g, text)
    for i, pred in enumerate(preds):
        if i in matched_p:
            continue
        score.fp += 1
        reason = _in_not_event(pred, report.not_events, others)
        label = ""
        if reason:
            score.non_asserted_emitted += 1
            score.non_asserted_kinds[_kind(reason)] += 1
            label = f" (NON-ASSERTED: {reason})"
        elif any(
            family_of(gold[j].plover_type) in (None, family_of(pred.plover_type))
            and any(s.contains(pred.trigger) for s in gold[j].spans)
            for j in matched_g
        ):
            score.duplicates += 1
            label = " (DUPLICATE of a matched gold event)"
        score.errors.append(
            f"FP{label}: {pred.plover_type} "
            f"{_quote(text, pred.trigger.start, pred.trigger.end)} in "
            f"{_quote(text, pred.sentence.start, pred.sentence.end)}"
        )
    for i, g in enumerate(gold):
        if i not in matched_g:
            score.fn += 1
            near = [
                f"{p.plover_type} {text[p.trigger.start:p.trigger.end]!r} rejected on {why_not(p, g)}"
                for j, p in enumerate(preds)
                if j not in matched_p and g.evidence_span.contains(p.trigger) and why_not(p, g)
            ]
            hint = f" [{'; '.join(near)}]" if near else ""
            if near:
                score.near_misses[near[0].split(" rejected on ", 1)[1].split(" (", 1)[0]] += 1
            score.errors.append(f"FN: {g.plover_type or g.acled_event_type} {g.trigger!r} in {g.evidence!r}{hint}")
    return score


@dataclass
class Summary:
    """Totals over many articles."""

    articles: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    non_asserted_emitted: int = 0
    duplicates: int = 0
    fields: dict[str, FieldTally] = field(default_factory=lambda: {f: FieldTally() for f in FIELDS})
    gold_types: Counter[str] = field(default_factory=Counter)
    found_types: Counter[str] = field(default_factory=Counter)
    near_misses: Counter[str] = field(default_factory=Counter)
    non_asserted_kinds: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        """Return TP/(TP+FP) (0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Return TP/(TP+FN) (0 when there is no gold event)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def summarize(scores: Sequence[ArticleScore]) -> Summary:
    """Add up article scores."""
    total = Summary(articles=len(scores))
    for s in scores:
        total.tp += s.tp
        total.fp += s.fp
        total.fn += s.fn
        total.non_asserted_emitted += s.non_asserted_emitted
        total.duplicates += s.duplicates
        total.gold_types.update(s.gold_types)
        total.found_types.update(s.found_types)
        total.near_misses.update(s.near_misses)
        total.non_asserted_kinds.update(s.non_asserted_kinds)
        for name, tally in s.fields.items():
            total.fields[name].right += tally.right
            total.fields[name].total += tally.total
    total.gold_events = total.tp + total.fn
    total.predicted_events = total.tp + total.fp
    return total
