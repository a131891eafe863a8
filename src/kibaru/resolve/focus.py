"""Find the country an article is about (stage resolve.focus.v1).

The focus country disambiguates places ("Bounti" in Mali, not elsewhere) and gives generic
actors their country ("gunmen" in a Mali story are an Unidentified Armed Group (Mali)). It
is the country with the highest weighted count of mentions in news sentences:

- a country's name or demonym counts 1; a seat standing for it ("Moscow") counts 0.5;
- a gazetteer place inside a country (a town, a region) counts 1 for that country; a place
  entity overlapping a KB country name is not counted twice;
- a KB actor based in a country (JNIM: Mali; Sergey Lavrov: Russia) counts 0.5;
- mentions in the first three news sentences count double (the lede says where the story is);
- the dateline, bios, bylines and other excluded sentences count nothing.

Ties go to the country named first. ``doc.focus_country`` stays None when nothing is named.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import Doc, Entity
from kibaru.errors import KibaruError

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext
    from kibaru.resolve.actor_kb import ActorKB

__all__ = ["FocusCountry", "country_weights", "focus_country"]

log = logging.getLogger(__name__)

_LEDE_SENTENCES = 3
_LEDE_FACTOR = 2.0
_WEIGHTS = {"country": 1.0, "demonym": 1.0, "metonym": 0.5, "place": 1.0, "actor": 0.5}

PlaceCountry = Callable[[Entity], str | None]


def _kb_country(entity: Entity, kb: ActorKB, text: str) -> tuple[str | None, float]:
    record = kb.get(entity.kb_id or "")
    if record is None or record.kind == "role":
        return None, 0.0
    if record.kind == "country":
        if entity.label == "NORP":
            return record.country, _WEIGHTS["demonym"]
        surface = text[entity.span.start : entity.span.end]
        is_name = any(a.text == surface and a.kind == "name" for a in record.aliases)
        return record.country, _WEIGHTS["country" if is_name else "metonym"]
    return record.country, _WEIGHTS["actor"]


def country_weights(
    doc: Doc, kb: ActorKB, *, place_country: PlaceCountry | None = None
) -> dict[str, tuple[float, int]]:
    """Return ``{iso3: (weight, first offset)}`` over the news sentences of ``doc``."""
    news = [s.span for s in doc.sentences if not s.excluded]
    lede = news[:_LEDE_SENTENCES]
    blocked = [a.span for a in doc.annotations if a.kind == "dateline"]
    if doc.dateline is not None:
        blocked.append(doc.dateline.span)
    kb_country_spans = [
        e.span for e in doc.entities
        if e.source == "kb" and (e.kb_id or "").startswith("kb:country:")
    ]
    scores: dict[str, tuple[float, int]] = {}
    for entity in doc.entities:
        span = entity.span
        if any(b.overlaps(span) for b in blocked) or not any(s.contains(span) for s in news):
            continue
        if entity.source == "kb":
            country, weight = _kb_country(entity, kb, doc.text)
        elif entity.source == "gazetteer" and place_country is not None:
            if any(k.overlaps(span) for k in kb_country_spans):
                continue
            country, weight = place_country(entity), _WEIGHTS["place"]
        else:
            continue
        if not country:
            continue
        if any(s.contains(span) for s in lede):
            weight *= _LEDE_FACTOR
        total, first = scores.get(country, (0.0, span.start))
        scores[country] = (total + weight, min(first, span.start))
    return scores


def focus_country(
    doc: Doc, kb: ActorKB, *, place_country: PlaceCountry | None = None
) -> str | None:
    """Return the ISO3 code of the article's focus country, or None."""
    scores = country_weights(doc, kb, place_country=place_country)
    if not scores:
        return None
    return max(scores.items(), key=lambda item: (item[1][0], -item[1][1]))[0]


class FocusCountry:
    """Stage: set ``doc.focus_country`` from the countries the news sentences name."""

    name: ClassVar[str] = "resolve.focus.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"actor_entities", "place_entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"focus_country"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources

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
            focus_country=focus_country(doc, self._resources.actor_kb, place_country=place_country)
        )


