"""What an article says about places, read once per document for the place resolver.

``build_context`` collects the article's focus country, the countries it names (directly
or through a prominent town), the regions named per sentence, the towns named per sentence
(to tell homonyms apart), the dateline's country and places, and the countries written
right after a place name ("Balakot, Pakistan"). ``kibaru.resolve.places`` reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kibaru.contract import Doc, Entity, Span
from kibaru.errors import ConfigError
from kibaru.resolve.gazetteer import Gazetteer, Place, normalise
from kibaru.resolve.place_cues import PlaceCues
from kibaru.resolve.place_matcher import strong_place

if TYPE_CHECKING:
    from kibaru.resources import Resources

__all__ = [
    "PlaceContext",
    "across_border",
    "build_context",
    "country_after",
    "country_aliases",
    "country_codes",
    "kind_is_point",
    "place_entities",
    "written_country",
]


@dataclass
class PlaceContext:
    """What the article says about places, computed once per document."""

    focus: str | None = None
    countries: set[str] = field(default_factory=set)
    regions_by_sentence: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    dateline: Span | None = None
    named: set[str] = field(default_factory=set)
    """Countries the article names, directly or through a prominent place in them."""
    cues: PlaceCues = field(default_factory=PlaceCues)
    dateline_country: str | None = None
    """The country the dateline names in words ("TRIPOLI, Lebanon —"), ISO2."""
    dateline_names: frozenset[str] = frozenset()
    """Normalised names of the dateline's places ("tripoli")."""
    dateline_weak: str | None = None
    """The country of a dateline city named alone ("NIAMEY —"), ISO2: a weak hint."""
    country_names: dict[int, Place] = field(default_factory=dict)
    """Start offset -> the country a place entity there names (see ``_written_country``)."""
    country_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Normalised alias -> ISO3 codes of the countries it names (``countries.yaml``): "Congo"
    is the DRC too, though GeoNames gives that name to the Republic of the Congo only."""
    points_by_sentence: dict[int, list[tuple[str, float, float]]] = field(default_factory=dict)
    """Sentence -> (normalised name, lat, lon) of the towns its place entities name."""


def country_codes(place: Place) -> set[str]:
    return {c for c in (place.country, place.country3) if c}


def kind_is_point(place: Place) -> bool:
    """Whether a place is a town or site with its own coordinates."""
    return place.kind == "populated" and place.lat is not None and place.lon is not None


def place_entities(doc: Doc) -> list[Entity]:
    return [e for e in doc.entities if e.source == "gazetteer" and e.label == "PLACE"]


def across_border(doc: Doc, context: PlaceContext, span: Span) -> bool:
    """Whether a country is named as the far side of a border ("close to the border with
    Uganda"): the event is in the clause's or the focus country, not in that one."""
    before = doc.text[max(0, span.start - 40) : span.start]
    return bool(context.cues.border_before.search(before))


def written_country(doc: Doc, context: PlaceContext, span: Span) -> Place | None:
    """Return the country written right after a place name ("Balakot, Pakistan", "Bosso
    in Niger"), if any; a country name itself gets none ("Mali, Niger and Chad")."""
    if span.start in context.country_names:
        return None
    for start, country in context.country_names.items():
        if span.end < start <= span.end + 24:
            gap = " ".join(doc.text[span.end : start].lower().split())
            if gap in context.cues.country_joiners:
                return country
    return None


def country_after(doc: Doc, context: PlaceContext, span: Span) -> str | None:
    written = written_country(doc, context, span)
    return written.country if written is not None else None


def _country_names(doc: Doc, gazetteer: Gazetteer) -> dict[int, Place]:
    out: dict[int, Place] = {}
    for entity in place_entities(doc):
        place = gazetteer.from_kb_id(entity.kb_id)
        if place is not None and place.kind == "country" and place.country3:
            out[entity.span.start] = place
    return out


def _dateline_countries(doc: Doc, gazetteer: Gazetteer, context: PlaceContext) -> None:
    """Read the dateline: a country it names in words ("TRIPOLI, Lebanon —") says which
    homonym its city is everywhere in the article; a city alone ("NIAMEY —") weakly hints
    its country (the reporter is there, the event need not be)."""
    if doc.dateline is None:
        return
    span = doc.dateline.span
    names: set[str] = set()
    weak: str | None = None
    for entity in place_entities(doc):
        if not span.overlaps(entity.span):
            continue
        place = gazetteer.from_kb_id(entity.kb_id)
        if place is None:
            continue
        if place.kind == "country":
            context.dateline_country = context.dateline_country or place.country
        else:
            names.add(normalise(doc.span_text(entity.span)))
            weak = weak or place.country
    context.dateline_names = frozenset(names)
    if context.dateline_country is None:
        context.dateline_weak = weak


def country_aliases(resources: Resources, language: str) -> dict[str, tuple[str, ...]]:
    """Read the country aliases of ``countries.yaml`` (normalised alias -> ISO3 codes)."""
    try:
        data = resources.lexicon(language, "countries")
    except ConfigError:
        return {}
    out: dict[str, list[str]] = {}
    for code, record in (data or {}).items():
        for alias in (record or {}).get("aliases") or ():
            out.setdefault(normalise(str(alias)), []).append(str(code))
    return {k: tuple(v) for k, v in out.items()}


def build_context(doc: Doc, gazetteer: Gazetteer, *, cues: PlaceCues | None = None,
                  country_aliases: dict[str, tuple[str, ...]] | None = None) -> PlaceContext:
    """Collect the article's focus, named countries and per-sentence regions."""
    context = PlaceContext(focus=doc.focus_country,
                           dateline=doc.dateline.place if doc.dateline else None,
                           cues=cues or PlaceCues(), country_aliases=country_aliases or {})
    _dateline_countries(doc, gazetteer, context)
    context.country_names = _country_names(doc, gazetteer)
    for entity in place_entities(doc):
        surface = doc.span_text(entity.span)
        index = doc.sentence_of(entity.span.start)
        candidates = gazetteer.lookup(surface)
        after = doc.text[entity.span.end : entity.span.end + 16]
        region_word = re.match(r"\s+(\w+)", after)
        says_region = bool(
            region_word and normalise(region_word.group(1)) in context.cues.region_words
        ) or normalise(surface).rsplit(" ", 1)[-1] in context.cues.region_words
        best = gazetteer.from_kb_id(entity.kb_id)
        if (best is not None and kind_is_point(best) and index is not None
                and not (context.dateline and context.dateline.overlaps(entity.span))):
            assert best.lat is not None and best.lon is not None
            context.points_by_sentence.setdefault(index, []).append(
                (normalise(surface), best.lat, best.lon))
        if best is not None and strong_place(best) and normalise(surface) in (
            normalise(best.name), normalise(best.ascii_name)
        ):  # a large town abroad reached by an alternate spelling names no country
            context.named |= country_codes(best)
        for place in candidates:
            if place.kind == "country":
                context.countries |= country_codes(place)
            elif (place.kind == "admin1" and says_region and index is not None
                  and place.country and place.admin1_code):
                context.regions_by_sentence.setdefault(index, set()).add(
                    (place.country, place.admin1_code)
                )
    return context
