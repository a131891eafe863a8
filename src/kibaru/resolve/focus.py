"""Find the country an article is about (stage resolve.focus.v1).

The focus country disambiguates places ("Bounti" in Mali, not elsewhere) and gives generic
actors their country ("gunmen" in a Mali story are an Unidentified Armed Group (Mali)). It
is the country with the highest weighted count of mentions in the title and the news:

- a country's name counts 1; a demonym counts 0.5 (nationality often describes foreigners:
  "the Canadian mining company" in a Burkina Faso story); a seat standing for the state
  ("Moscow") counts 0.5;
- a gazetteer place (a town, a region, a capital) counts 1 for its country; a place that is
  also a KB country name or demonym is not counted twice, and a seat that is also a place
  counts as the place;
- a KB actor based in a country (JNIM: Mali; Sergey Lavrov: Russia) counts 0.25;
- where the events happen says more than who takes part: a name inside an event's source
  or target ("French jets", "American soldiers") counts half, a name inside an event's place
  argument ("in Konna", "near Gao") double (the argument stage runs before this one);
- mentions in the title and in the first three news sentences count double (the headline
  and lede say where the story is);
- bios, bylines and other excluded sentences count nothing; the dateline counts once (below).

The dateline's country counts as one more mention when the news names it too (a reporter
files from where they are, which is the story's country more often than not, but a
dateline alone never makes the focus), and ties go to it, then to the country named first
(the title first of all).
``doc.focus_country`` stays None when nothing is named.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import Doc, Entity, Span
from kibaru.errors import ConfigError, KibaruError
from kibaru.resolve.gazetteer import normalise
from kibaru.resolve.place_cues import PlaceCues

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext
    from kibaru.resolve.actor_kb import ActorKB

__all__ = ["FocusCountry", "country_weights", "dateline_country", "focus_country"]

log = logging.getLogger(__name__)

_LEDE_SENTENCES = 3
_LEDE_FACTOR = 2.0
_TITLE_FACTOR = 2.0
_WEIGHTS = {"country": 1.0, "demonym": 0.5, "metonym": 0.5, "place": 1.0, "actor": 0.25}
_ACTOR_FACTOR = 0.5
_DATELINE_WEIGHT = 1.0
_EVENT_PLACE_FACTOR = 2.0
_NOT_PLACE_RELATIONS = frozenset({"from", "to", "toward", "towards", "into"})

PlaceCountry = Callable[[Entity], str | None]


def _kb_country(entity: Entity, kb: ActorKB, text: str) -> tuple[str | None, str | None]:
    """Return the country a KB entity names and how (country, demonym, metonym, actor)."""
    record = kb.get(entity.kb_id or "")
    if record is None or record.kind == "role":
        return None, None
    if record.kind == "country":
        kind = kb.alias_kind(record.id, text[entity.span.start : entity.span.end])
        if kind in ("demonym", "people"):
            return record.country, "demonym"
        return record.country, "metonym" if kind == "metonym" else "country"
    return record.country, "actor"


def _title_weights(doc: Doc, kb: ActorKB) -> dict[str, float]:
    title = doc.article.title or ""
    if not title:
        return {}
    index = kb.index(doc.language if doc.language in kb.languages() else "en")
    out: dict[str, float] = {}
    for match in index.find(title):
        record = kb.get(match.entry.record_id)
        if record is None or record.kind != "country" or record.country is None:
            continue
        kind = "demonym" if match.entry.kind in ("demonym", "people") else (
            "metonym" if match.entry.kind == "metonym" else "country"
        )
        out[record.country] = out.get(record.country, 0.0) + _WEIGHTS[kind] * _TITLE_FACTOR
    return out


def country_weights(
    doc: Doc, kb: ActorKB, *, place_country: PlaceCountry | None = None,
    border: re.Pattern[str] | None = None,
) -> dict[str, tuple[float, int]]:
    """Return ``{iso3: (weight, first offset)}`` over the title and news sentences."""
    news = [s.span for s in doc.sentences if not s.excluded]
    lede = news[:_LEDE_SENTENCES]
    blocked = [a.span for a in doc.annotations if a.kind == "dateline"]
    if doc.dateline is not None:
        blocked.append(doc.dateline.span)
    kb_names: list[Span] = []  # country names and demonyms: a place there is not counted again
    for entity in doc.entities:
        if (
            entity.source == "kb"
            and (entity.kb_id or "").startswith("kb:country:")
            and _kb_country(entity, kb, doc.text)[1] in ("country", "demonym")
        ):
            kb_names.append(entity.span)
    places = [e.span for e in doc.entities if e.source == "gazetteer"] if place_country else []
    # Where the events happen says more than who takes part: a country inside an event's
    # actor ("French jets", "Russia's Wagner fighters") counts half, a place named as an
    # event's place argument ("in Konna") counts double.
    actor_spans = [a.span for m in doc.mentions for a in (*m.sources, *m.targets)]
    event_places = [p.span for m in doc.mentions for p in m.places
                    if p.relation.lower() not in _NOT_PLACE_RELATIONS]
    scores: dict[str, tuple[float, int]] = {
        iso3: (weight, -1) for iso3, weight in _title_weights(doc, kb).items()
    }
    for entity in doc.entities:
        span = entity.span
        if any(b.overlaps(span) for b in blocked) or not any(s.contains(span) for s in news):
            continue
        if border is not None and border.search(doc.text[max(0, span.start - 40) : span.start]):
            continue  # "near the border with Mali": the story is on the other side
        if entity.source == "kb":
            country, kind = _kb_country(entity, kb, doc.text)
            if kind == "metonym" and any(p.overlaps(span) for p in places):
                continue  # the gazetteer place counts it ("Niamey" is a place as well)
        elif entity.source == "gazetteer" and place_country is not None:
            if any(k.overlaps(span) for k in kb_names):
                continue
            country, kind = place_country(entity), "place"
        else:
            continue
        if not country or kind is None:
            continue
        weight = _WEIGHTS[kind]
        if any(a.overlaps(span) for a in actor_spans):
            weight *= _ACTOR_FACTOR
        elif any(p.overlaps(span) for p in event_places):
            weight *= _EVENT_PLACE_FACTOR
        if any(s.contains(span) for s in lede):
            weight *= _LEDE_FACTOR
        total, first = scores.get(country, (0.0, span.start))
        scores[country] = (total + weight, first if first >= 0 else span.start)
    return scores


def dateline_country(
    doc: Doc, kb: ActorKB, *, place_country: PlaceCountry | None = None
) -> str | None:
    """Return the country of the dateline ("KABUL, Afghanistan —", "NIAMEY —"), if known."""
    spans = [a.span for a in doc.annotations if a.kind == "dateline"]
    if doc.dateline is not None:
        spans.append(doc.dateline.place or doc.dateline.span)
    if not spans:
        return None
    index = kb.index(doc.language if doc.language in kb.languages() else "en")
    for span in spans:
        for match in index.find(doc.span_text(span), offset=span.start):
            record = kb.get(match.entry.record_id)
            if record is not None and record.kind == "country":
                return record.country
    if place_country is not None:
        for entity in doc.entities:
            if entity.source == "gazetteer" and any(s.overlaps(entity.span) for s in spans):
                country = place_country(entity)
                if country:
                    return country
    return None


def _dateline_named(doc: Doc, kb: ActorKB) -> str | None:
    """Return the country the dateline names in words ("TRIPOLI, Lebanon —"), if any."""
    if doc.dateline is None:
        return None
    span = doc.dateline.span
    index = kb.index(doc.language if doc.language in kb.languages() else "en")
    for match in index.find(doc.span_text(span), offset=span.start):
        record = kb.get(match.entry.record_id)
        if (record is not None and record.kind == "country"
                and match.entry.kind not in ("demonym", "people", "metonym")):
            return record.country  # a seat ("TRIPOLI") names a city, not the country
    return None


def focus_country(
    doc: Doc, kb: ActorKB, *, place_country: PlaceCountry | None = None,
    border: re.Pattern[str] | None = None,
) -> str | None:
    """Return the ISO3 code of the article's focus country, or None.

    A dateline that names its country ("TRIPOLI, Lebanon —") says which homonym its city
    is: the city's name in the news counts for that country."""
    named = _dateline_named(doc, kb)
    if named is not None and place_country is not None and doc.dateline is not None:
        dateline_span = doc.dateline.span
        names = {
            normalise(doc.span_text(e.span)) for e in doc.entities
            if e.source == "gazetteer" and dateline_span.overlaps(e.span)
        }
        base = place_country

        def in_dateline_country(entity: Entity) -> str | None:
            if normalise(doc.span_text(entity.span)) in names:
                country = base(entity)
                return named if country != named and country is not None else country
            return base(entity)

        place_country = in_dateline_country
    scores = country_weights(doc, kb, place_country=place_country, border=border)
    if not scores:
        return None
    dateline = named or dateline_country(doc, kb, place_country=place_country)
    if dateline is not None and dateline in scores:
        weight, first = scores[dateline]
        scores[dateline] = (weight + _DATELINE_WEIGHT, first)
    return max(
        scores.items(), key=lambda item: (item[1][0], item[0] == dateline, -item[1][1])
    )[0]


class FocusCountry:
    """Stage: set ``doc.focus_country`` from the countries the news sentences name."""

    name: ClassVar[str] = "resolve.focus.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"actor_entities", "place_entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"focus_country"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._border: dict[str, re.Pattern[str]] = {}

    def _border_cue(self, language: str) -> re.Pattern[str]:
        if language not in self._border:
            try:
                data = self._resources.lexicon(language, "place_stopwords")
            except ConfigError:  # a language without its own file uses the English cues
                data = self._resources.lexicon("en", "place_stopwords")
            self._border[language] = PlaceCues.from_data(data or {}).border_before
        return self._border[language]

    def _place_country(self) -> PlaceCountry | None:
        try:
            gazetteer = self._resources.gazetteer
        except KibaruError as exc:  # no gazetteer: count KB names only
            log.warning("focus country without gazetteer places: %s", exc)
            return None
        cache: dict[str, str | None] = {}

        def lookup(entity: Entity) -> str | None:
            key = entity.kb_id or ""
            if key not in cache:
                place = gazetteer.from_kb_id(key)
                cache[key] = getattr(place, "country3", None) if place is not None else None
            return cache[key]

        return lookup

    def __call__(self, doc: Doc) -> Doc:
        has_places = any(e.source == "gazetteer" for e in doc.entities)
        place_country = self._place_country() if has_places else None
        return doc.evolve(
            focus_country=focus_country(doc, self._resources.actor_kb, place_country=place_country,
                                        border=self._border_cue(doc.language or "en"))
        )


