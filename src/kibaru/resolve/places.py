"""Choose and geocode each event's location (stage resolve.places.v1).

For every event mention the location is picked from its place arguments
(``EventMention.places``), never from a "from" phrase ("troops from Gao attacked Kidal"
happened in Kidal) and never from the dateline, preferring the finest place named. A
withdrawal (PLOVER RETREAT) happened where it left: "soldiers withdrew from Timbuktu" is coded
at Timbuktu, and that place argument's relation becomes ``at``. A country argument gives way
to a town or region of that country the clause names. A mention
without a place argument may take a place named in its own sentence (outside "from" phrases,
actor names and the dateline); else, when the text goes on with the incident of the previous
asserted event in the same paragraph and its sentence names no other place, it carries that
event's point (same precision, ``feature`` ``<code>:carried``, no text or span); else it falls
back to the article's focus country with null coordinates. Before carrying, a phrase of the
event's clause that names a place again is read (``town_anaphors`` ... in
``place_stopwords.yaml``): "there", "the town" name the last town named in the paragraph (not
one people fled to, nor one in a relative clause), "the state" the last region, "the capital"
the focus country's capital (``feature`` ``<code>:anaphor``). A site the gazetteer does not
know gives way to the town the clause names ("outside Kabul airport's Abbey Gate").

A small homonym (a populated place that is not a capital nor a large town) in a country the
article never names is not a candidate: "Karma" in a Burkina Faso story is not the Indian
village; nor is a town reached only by an alternate name there ("Boni" is not Bonn); the
name stays unresolved, in the focus country. A country written after the name ("Balakot,
Pakistan") keeps only candidates there; a dateline naming its country ("TRIPOLI, Lebanon
—") says which homonym its city is. A country named across a border ("near the border with
Mali") is not the event's place. Cue words are per-language data (``place_stopwords.yaml``).

Each name is disambiguated among its gazetteer candidates by: the article's focus country,
the countries the article names, regions named in the same or the previous sentence
("Bounti, in the Mopti region"), other towns named beside it (a homonym within 150 km of
them is the one meant: "near Bamba, ... at Bourem"), whether the name is the place's own name
or only an alternate, population and kind (a region word after the name asks for a region).
A country alias of ``countries.yaml`` adds that country as a candidate ("Congo" is the DRC
too).

Precision follows ACLED: a town 1; "near"/"outside"/"km from" a town, or a second-level unit,
2; a first-level region only 3, coded to its representative point (its capital, flagged in
``Location.feature`` as ``ADM1:capital``); a country alone gets no coordinates and
``geo_precision`` null (``feature='PCLI'``).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from kibaru import lexicon
from kibaru.contract import Doc, EventMention, Location, PlaceMention, Span
from kibaru.errors import ConfigError
from kibaru.resolve.attachment import attached_to_event
from kibaru.resolve.gazetteer import Gazetteer, Place, haversine_km, normalise
from kibaru.resolve.place_context import (
    PlaceContext,
    across_border,
    build_context,
    country_after,
    country_aliases,
    country_codes,
    kind_is_point,
    place_entities,
    written_country,
)
from kibaru.resolve.place_cues import PlaceCues
from kibaru.resolve.place_matcher import strong_place

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["PlaceContext", "PlaceResolver", "build_context", "location_for", "resolve_place_text"]

_NOT_LOCATION = frozenset({"from", "to", "toward", "towards", "into", "border"})
"""Relations that name where actors came from or went, not where the event happened."""
_LEFT_FROM_TYPES = frozenset({"RETREAT"})
"""Event types whose "from" place is where they happened: troops withdraw from Timbuktu."""
_NEAR_RELATIONS = frozenset({"near", "outside", "around", "outskirts", "close", "km", "miles"})
_PHYSICAL_QUADS = frozenset({2, 4})
"""PLOVER quads of material acts, whose objects' places are where they happened (see
``attached_to_event``); statements (quads 1 and 3) speak of places elsewhere."""
_NEAR_NAMED_KM = 150.0
"""A homonym this close to another town the text names beside it is the one meant."""

def _precision(place: Place, *, near: bool) -> int | None:
    kind = place.kind
    if kind == "country":
        return None
    if kind == "admin1":
        return 3
    if kind in ("admin2", "admin3"):
        return 2
    if kind == "populated" or place.feature_class == "S":
        return 2 if near else 1
    return 2


def location_for(place: Place, *, text: str, span: Span | None, near: bool = False) -> Location:
    """Return the contract ``Location`` of a gazetteer place (country: no coordinates)."""
    precision = _precision(place, near=near)
    feature = place.feature_code
    lat, lon = place.lat, place.lon
    if place.kind == "country":
        lat = lon = None
    elif place.representative:
        feature = f"{place.feature_code}:capital"
    admin1 = place.admin1_name or (place.name if place.kind == "admin1" else None)
    admin2 = place.admin2_name or (place.name if place.kind == "admin2" else None)
    return Location(
        text=text, name=place.name, country=place.country3, admin1=admin1, admin2=admin2,
        lat=lat, lon=lon, geonameid=None if place.synthetic else place.geonameid,
        geo_precision=precision, span=span, feature=feature,
    )


def _score(place: Place, key: str, *, context: PlaceContext, sentence: int | None,
           region_hint: bool, country: str | None = None) -> float:
    codes = country_codes(place)
    score = 0.0
    if country and country in codes:
        score += 12.0  # the text says which country: "Balakot, Pakistan"
    if (context.dateline_country and key in context.dateline_names
            and context.dateline_country in codes):
        score += 8.0  # "TRIPOLI, Lebanon —" says which Tripoli the article means
    if context.dateline_weak and context.dateline_weak in codes:
        score += 0.5
    if context.focus and context.focus.upper() in codes:
        score += 5.0
    if codes & context.countries:
        score += 2.5
    if sentence is not None and place.country and place.admin1_code and not region_hint:
        # (not for the region's own name: "the Ménaka region" is the region, not its cercle)
        for index in (sentence, sentence - 1):
            regions = context.regions_by_sentence.get(index, set())
            if (place.country, place.admin1_code) in regions and place.kind != "admin1":
                score += 4.0
    if sentence is not None and kind_is_point(place) and _near_named(place, key, context, sentence):
        score += 3.0  # "a boat ... hit near Bamba, and fighters attacked Bourem": that Bamba
    if key in (normalise(place.name), normalise(place.ascii_name)):
        score += 2.0
    score += 0.4 * math.log10(place.population + 1)
    kind = place.kind
    if region_hint:
        score += {"admin1": 4.0, "admin2": 3.5, "admin3": 2.0}.get(kind, -2.0)
    else:
        score += {"populated": 1.5 if place.population >= 10_000 else 0.5, "country": 1.5,
                  "admin1": 1.0}.get(kind, 0.0)
    if place.has_coordinates or kind == "country":
        score += 1.0
    return score


def _near_named(place: Place, key: str, context: PlaceContext, sentence: int) -> bool:
    """Whether another town the text names in this sentence or the next or previous one lies
    within ``_NEAR_NAMED_KM`` of ``place`` (homonyms are told apart by their neighbours)."""
    assert place.lat is not None and place.lon is not None
    for index in (sentence - 1, sentence, sentence + 1):
        for name, lat, lon in context.points_by_sentence.get(index, ()):
            if name != key and haversine_km(place.lat, place.lon, lat, lon) <= _NEAR_NAMED_KM:
                return True
    return False


def resolve_place_text(
    text: str, gazetteer: Gazetteer, *, context: PlaceContext, sentence: int | None = None,
    subphrases: bool = True, country: str | None = None, region: bool = False,
) -> tuple[Place, bool] | None:
    """Return the best place for a place phrase ("the Mopti region", "near Gao") and whether
    the phrase says "near"; None when no gazetteer name is in it."""
    near = bool(context.cues.near.search(text))
    core = context.cues.near.sub(" ", text)
    core = re.sub(r"^\W+|\W+$", "", core.strip())
    core = context.cues.leading_article.sub("", core).strip()
    region_hint = region
    if (prefix := context.cues.region_prefix.match(core)) is not None:
        region_hint, core = True, core[prefix.end():]
    words = core.split()
    if words and normalise(words[-1]) in context.cues.region_words:
        region_hint, words = True, words[:-1]
    candidates: tuple[Place, ...] = ()
    name = " ".join(words)
    if name:
        candidates = gazetteer.lookup(name)
    if not candidates and subphrases:
        # The longest run of capitalised words that names a place ("Kidal town", "Gao's market").
        for size in range(min(len(words), 5), 0, -1):
            for start in range(len(words) - size + 1):
                part = words[start : start + size]
                if part[0][:1].isupper():
                    found = gazetteer.lookup(re.sub(r"['’]s$", "", " ".join(part)))
                    if found:
                        candidates, name = found, " ".join(part)
                        break
            if candidates:
                break
    key = normalise(name)
    if key in context.country_aliases:
        extra = (gazetteer.country(code) for code in context.country_aliases[key])
        candidates += tuple(p for p in extra if p is not None and p not in candidates)
    candidates = _plausible(candidates, context, country=country, key=key)
    if not candidates:
        return None
    best = max(
        candidates,
        key=lambda p: (_score(p, key, context=context, sentence=sentence,
                              region_hint=region_hint, country=country), -p.geonameid),
    )
    return best, near


def _plausible(candidates: tuple[Place, ...], context: PlaceContext, *,
               country: str | None = None, key: str | None = None) -> tuple[Place, ...]:
    """Drop small homonyms in countries the article never names: a village of 5,000 in
    India is not where an attack in a Burkina Faso story happened ("Karma"). Countries,
    regions, capitals and large towns stay, and nothing is dropped without a focus."""
    if country and not any(country in country_codes(p) for p in candidates):
        # "Balakot, Pakistan" and no Balakot in Pakistan: not the homonym elsewhere either.
        return tuple(p for p in candidates if p.kind == "country")
    if not context.focus:
        return candidates
    allowed = {context.focus.upper()} | context.countries | context.named
    if country and any(country in country_codes(p) for p in candidates):
        # The text says which country: a homonym elsewhere is not meant.
        return tuple(p for p in candidates if country in country_codes(p) or p.kind == "country")
    if context.dateline_weak:
        allowed.add(context.dateline_weak)
    # A town reached only through an alternate spelling, in a country the article never
    # names, is a foreign homonym ("Boni" in a Mali story is not Bonn, Germany), unless
    # it is a capital.
    return tuple(
        p for p in candidates
        if country_codes(p) & allowed
        or (p.kind != "populated" or strong_place(p))
        and (key is None or p.kind != "populated" or p.feature_code == "PPLC"
             or key in (normalise(p.name), normalise(p.ascii_name)))
    )


class PlaceResolver:
    """Stage: fill ``PlaceMention.location`` and ``EventMention.location``."""

    name: ClassVar[str] = "resolve.places.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"arguments", "focus_country", "place_entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"places"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._nouns: dict[str, frozenset[str]] = {}
        self._definite: dict[str, frozenset[str]] = {}
        self._cues: dict[str, PlaceCues] = {}
        self._aliases: dict[str, dict[str, tuple[str, ...]]] = {}

    def _load(self, language: str) -> None:
        if language not in self._nouns:
            try:
                data = self._resources.lexicon(language, "place_stopwords")
            except ConfigError:  # a language without its own file uses the English nouns
                data = self._resources.lexicon("en", "place_stopwords")
            self._nouns[language] = frozenset(str(w).lower() for w in data.get("place_nouns") or [])
            self._definite[language] = frozenset(
                str(w).lower() for w in data.get("definite_determiners") or []
            )
            self._cues[language] = PlaceCues.from_data(data or {})
            self._aliases[language] = country_aliases(self._resources, language)

    def _place_nouns(self, doc: Doc) -> frozenset[str]:
        self._load(doc.language or "en")
        return self._nouns[doc.language or "en"]

    def _definite_words(self, doc: Doc) -> frozenset[str]:
        self._load(doc.language or "en")
        return self._definite[doc.language or "en"]

    def __call__(self, doc: Doc) -> Doc:
        gazetteer: Gazetteer = self._resources.gazetteer
        self._load(doc.language or "en")
        context = build_context(doc, gazetteer, cues=self._cues[doc.language or "en"],
                                country_aliases=self._aliases[doc.language or "en"])
        out = list(doc.mentions)
        previous: tuple[EventMention, Location] | None = None
        by_trigger: dict[str, tuple[EventMention, Location]] = {}
        for index in sorted(range(len(out)), key=lambda i: out[i].trigger.start):
            antecedent = self._antecedent(doc, out[index], by_trigger)
            mention, own = self._resolve(doc, out[index], gazetteer, context,
                                         antecedent or previous, antecedent is not None)
            out[index] = mention
            location = mention.location
            if not own or mention.modality != "asserted" or location is None:
                continue
            by_trigger[_trigger_key(doc, mention)] = (mention, location)
            if not (location.lat is None and location.feature == "PCLI" and previous
                    and previous[1].country == location.country):
                # A country named again ("criticism within Serbia") does not end the
                # story of the town it contains.
                previous = (mention, location)
        return doc.evolve(mentions=tuple(out))

    def _antecedent(self, doc: Doc, mention: EventMention,
                    by_trigger: dict[str, tuple[EventMention, Location]],
                    ) -> tuple[EventMention, Location] | None:
        """Return the earlier asserted event a definite noun phrase names again ("a chemical
        attack that killed 80 people in Khan Sheikhoun ... used to launch the chemical
        attack"), when its trigger words are the same."""
        before = doc.text[max(0, mention.trigger.start - 12) : mention.trigger.start].lower()
        words = before.split()
        if not words or words[-1] not in self._definite_words(doc):
            return None
        return by_trigger.get(_trigger_key(doc, mention))

    def _resolve(self, doc: Doc, mention: EventMention, gazetteer: Gazetteer,
                 context: PlaceContext, previous: tuple[EventMention, Location] | None = None,
                 same_event: bool = False) -> tuple[EventMention, bool]:
        """Return the mention with its location, and whether its own text gave the place."""
        left_from = mention.typing.plover_type in _LEFT_FROM_TYPES
        places: list[PlaceMention] = []
        chosen: Location | None = None
        for pm in mention.places:
            relation = pm.relation
            if relation.lower() == "from" and context.cues.distance_from.search(
                doc.text[max(0, pm.span.start - 40) : pm.span.start]
            ):
                relation = "near"  # "30 km from Djibo" places the event near Djibo
            elif relation.lower() == "from" and left_from:
                relation = "at"  # "troops withdrew from Timbuktu": the withdrawal was there
            location = _locate(doc, pm.span, gazetteer, context, mention.sentence,
                               relation=relation)
            if location is not None and location.feature == "PCLI" and across_border(
                doc, context, pm.span
            ):
                relation = "border"  # "near the border with Mali": this side of it
            places.append(PlaceMention(span=pm.span, relation=relation, location=location))
        usable = [
            p.location for p in places
            if p.location is not None and p.relation.lower() not in _NOT_LOCATION
            and not (context.dateline and context.dateline.overlaps(p.span))
        ]
        chosen = _finest(usable)
        if chosen is None:
            chosen = _unresolved(doc, mention, places, context)
        if chosen is None or chosen.feature in ("PCLI", "unresolved"):
            # A country argument may be refined by a town or region of that country the
            # clause names ("killed when their vehicle struck a mine in the Ménaka region of
            # north-eastern Mali"), and a site the gazetteer does not know by the town it is
            # in ("struck crowds outside Kabul airport's Abbey Gate").
            finer = self._from_sentence(doc, mention, gazetteer, context)
            if finer is not None and (chosen is None or finer.country == chosen.country) and (
                    chosen is None or chosen.feature == "PCLI" or finer.geo_precision in (1, 2)):
                chosen = finer
        if chosen is None or chosen.feature == "PCLI":
            again = self._from_anaphor(doc, mention, gazetteer, context)
            if again is not None and (chosen is None or again.country == chosen.country):
                chosen = again
        if chosen is not None:
            return _evolve(mention, places=tuple(places), location=chosen), True
        chosen = _carried(doc, mention, previous, gazetteer, context, same_event=same_event)
        if chosen is None and context.focus:
            country = gazetteer.country(context.focus)
            chosen = Location(
                text="", name=country.name if country else context.focus,
                country=country.country3 if country else context.focus,
                geo_precision=None, feature="PCLI",
            )
        return _evolve(mention, places=tuple(places), location=chosen), False

    def _from_sentence(self, doc: Doc, mention: EventMention, gazetteer: Gazetteer,
                       context: PlaceContext) -> Location | None:
        if not 0 <= mention.sentence < len(doc.sentences):
            return None
        sentence = doc.sentences[mention.sentence].span
        actor_spans = [a.span for a in (*mention.sources, *mention.targets)]
        found: list[Location] = []
        for entity in place_entities(doc):
            span = entity.span
            if not sentence.contains(span):
                continue
            if context.dateline and context.dateline.overlaps(span):
                continue
            if across_border(doc, context, span):
                continue
            if any(a.overlaps(span) for a in actor_spans):
                continue
            before = doc.text[max(sentence.start, span.start - 30) : span.start]
            distance = bool(context.cues.distance_from.search(before))  # "40 km from Boungou"
            if not distance and (context.cues.source_before.search(before)
                                 or not context.cues.locative_before.search(before)):
                continue  # only "in X", "near X" ...: a bare name is often an actor (metonymy)
            if attached_to_event(doc, mention.trigger, span, nouns=self._place_nouns(doc),
                                 physical=_quad(mention) in _PHYSICAL_QUADS) is False:
                continue  # "in Bamako" of another clause ("will be popular in Bamako")
            location = _locate(doc, span, gazetteer, context, mention.sentence,
                               relation="near" if distance else "in")
            if location is not None:
                found.append(location)
        return _finest(found)


    def _from_anaphor(self, doc: Doc, mention: EventMention, gazetteer: Gazetteer,
                      context: PlaceContext) -> Location | None:
        """Return the place a phrase of the event's clause names again: "there", "the
        town" (the last town named, this sentence or the two before, same paragraph), "the
        state" (the last region named), "the capital" (the focus country's capital)."""
        if not 0 <= mention.sentence < len(doc.sentences):
            return None
        sentence = doc.sentences[mention.sentence].span
        for match in context.cues.anaphor.finditer(doc.text, sentence.start, sentence.end):
            span = Span(match.start(), match.end())
            kind = context.cues.anaphor_kind(match.group())
            token = next((t for t in doc.tokens if t.start == span.start), None)
            if kind is None or token is None or token.dep == "expl":
                continue  # "there were ..." names no place
            if not attached_to_event(doc, mention.trigger, span, nouns=self._place_nouns(doc),
                                     physical=_quad(mention) in _PHYSICAL_QUADS):
                continue
            place = (gazetteer.capital(context.focus) if kind == "capital" and context.focus
                     else _antecedent_place(doc, span, gazetteer, context, kind=kind))
            if place is None:
                continue
            before = doc.text[max(0, span.start - 28) : span.start]
            near = bool(context.cues.near.search(before) and context.cues.near_end.search(before))
            location = location_for(place, text=match.group(), span=span, near=near)
            return dataclasses.replace(location, feature=f"{location.feature}:anaphor")
        return None


def _antecedent_place(doc: Doc, span: Span, gazetteer: Gazetteer, context: PlaceContext, *,
                      kind: str) -> Place | None:
    """Return the last town (or region) named before ``span`` in its paragraph, at most two
    sentences back, outside the dateline. ``kind`` ``place`` ("there") names the last place
    of any kind: when that is a country or region, it names no town ("troops in Niger ...
    stay there")."""
    index = doc.sentence_of(span.start)
    if index is None:
        return None
    kinds = ("admin1", "admin2", "admin3") if kind == "region" else ("populated",)
    # Names the matcher found, and place arguments it did not ("an attack on Bosso").
    named = {e.span for e in place_entities(doc)}
    named |= {pm.span for m in doc.mentions for pm in m.places
              if not any(pm.span.overlaps(other) for other in named)}
    for name in sorted(named, key=lambda n: n.start, reverse=True):
        if name.end > span.start or (context.dateline and context.dateline.overlaps(name)):
            continue
        where = doc.sentence_of(name.start)
        if where is None or where < index - 2 or not _same_paragraph(doc, where, index):
            return None
        if _aside(doc, context, name):
            continue  # "residents fled to Dori": the story stays where they fled from
        resolved = resolve_place_text(doc.span_text(name), gazetteer, context=context,
                                      sentence=where, subphrases=False,
                                      region=_region_hint(doc, name, context.cues),
                                      country=country_after(doc, context, name))
        if resolved is not None and (resolved[0].kind in kinds or (
                kind != "region" and resolved[0].feature_class == "S")):
            return resolved[0]
        if resolved is not None and kind == "place":
            return None
    return None


def _aside(doc: Doc, context: PlaceContext, span: Span) -> bool:
    """Whether a name is where people went ("fled to Dori") or belongs to a relative clause
    ("people who had already fled Khartoum"): background, not the place of the story."""
    before = doc.text[max(0, span.start - 30) : span.start]
    return bool(context.cues.destination_before.search(before)) or _in_relative_clause(doc, span)


def _in_relative_clause(doc: Doc, span: Span) -> bool:
    """Whether a name belongs to a relative clause ("people who had fled Khartoum")."""
    current = next((t for t in doc.tokens if t.start <= span.start < t.end), None)
    steps = 0
    while current is not None and steps < 50:
        if current.pos in ("VERB", "AUX") and current.dep != "prep":
            return current.dep == "relcl"
        if current.head == current.i:
            return False
        current, steps = doc.tokens[current.head], steps + 1
    return False


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _same_paragraph(doc: Doc, first: int, second: int) -> bool:
    """Whether no blank line separates sentence ``first`` from sentence ``second`` (wire
    copy puts every sentence on its own line, so one line break does not end a paragraph)."""
    if not (0 <= first <= second < len(doc.sentences)):
        return False
    start = doc.sentences[first].span.start
    return not _PARAGRAPH_BREAK.search(doc.text, start, doc.sentences[second].span.start)


def _trigger_key(doc: Doc, mention: EventMention) -> str:
    return " ".join(doc.span_text(mention.trigger).lower().split())


def _carried(doc: Doc, mention: EventMention,
             previous: tuple[EventMention, Location] | None, gazetteer: Gazetteer,
             context: PlaceContext, *, same_event: bool = False) -> Location | None:
    """Return the previous asserted event's point when this mention's clause names no place
    and the text goes on with the same incident, as an ACLED coder codes the place the
    narrative is about rather than the country ("Gunmen stormed a hotel in Bamako ... Two
    attackers were killed": Bamako).

    Conservative: the previous event's location must be a point (precision 1 or 2) in the
    same paragraph, and no sentence since it, this mention's included, may name another place
    (a town or region we could not attach, or another country, may be where it happened, and
    the story has moved on). A mention in the very sentence that located the previous event
    carries it when its own clause names no place. The location keeps
    its precision, loses its text and span (no words of this sentence say it) and is
    flagged ``<feature>:carried``."""
    if previous is None:
        return None
    before, location = previous
    if location.lat is None or location.lon is None or location.geo_precision not in (1, 2):
        return None
    if not 0 <= mention.sentence < len(doc.sentences):
        return None
    if same_event:  # the same event named again: its place, wherever the story went since
        return _carried_copy(location)
    if not _same_paragraph(doc, before.sentence, mention.sentence):
        return None
    if _quad(before) != _quad(mention):
        return None  # an accusation or a withdrawal after an airstrike is another story
    # The sentences after the one that named the place, up to this mention's own.
    since = Span(doc.sentences[before.sentence].span.end, doc.sentences[mention.sentence].span.end)
    for entity in place_entities(doc):
        if not since.contains(entity.span):
            continue
        if context.dateline and context.dateline.overlaps(entity.span):
            continue
        if _aside(doc, context, entity.span):
            continue  # "residents who fled to Dori": the story has not moved there
        place = gazetteer.from_kb_id(entity.kb_id)
        if place is not None and location.geonameid == place.geonameid:
            continue  # the same town named again
        if place is None or place.kind != "country" or place.country3 != location.country:
            return None
    return _carried_copy(location)


def _quad(mention: EventMention) -> int | None:
    """PLOVER's quad (verbal/material cooperation/conflict) of a mention's type."""
    quads: dict[str, int] = lexicon.load_shared("crosswalk")["plover_quads"]
    return quads.get(mention.typing.plover_type)


def _carried_copy(location: Location) -> Location:
    feature = f"{location.feature}:carried" if location.feature else "carried"
    return dataclasses.replace(location, text="", span=None, feature=feature)


def _unresolved(doc: Doc, mention: EventMention, places: list[PlaceMention],
                context: PlaceContext) -> Location | None:
    """Keep a place argument the gazetteer does not know as text, in the focus country,
    without coordinates (``feature='unresolved'``), rather than guess another place."""
    for pm in places:
        if pm.relation.lower() in _NOT_LOCATION:
            continue
        if context.dateline and context.dateline.overlaps(pm.span):
            continue
        text = doc.span_text(pm.span).strip()
        if not text or not text[:1].isupper() and not text.lower().startswith("the "):
            continue
        name = context.cues.leading_article.sub("", text)
        if not name[:1].isupper():
            continue
        written = written_country(doc, context, pm.span)
        country = written.country3 if written is not None else context.focus
        return Location(text=text, name=name, country=country, span=pm.span,
                        geo_precision=None, feature="unresolved")
    return None


def _evolve(mention: EventMention, **changes: object) -> EventMention:
    return dataclasses.replace(mention, **changes)  # type: ignore[arg-type]


def _locate(doc: Doc, span: Span, gazetteer: Gazetteer, context: PlaceContext,
            sentence: int | None, *, relation: str) -> Location | None:
    """Geocode a place phrase through the matcher's place entities inside it (so the
    matcher's precision rules hold), else through the whole phrase as one name."""
    text = doc.span_text(span)
    before = doc.text[max(0, span.start - 28) : span.start]
    near = relation.lower() in _NEAR_RELATIONS or bool(
        context.cues.near.search(before) and context.cues.near_end.search(before)
    )
    entities = [e.span for e in place_entities(doc) if e.span.overlaps(span)]
    found: list[Location] = []
    for phrase_span in entities or [span]:
        phrase = doc.span_text(phrase_span)
        resolved = resolve_place_text(phrase, gazetteer, context=context, sentence=sentence,
                                      subphrases=False, region=_region_hint(doc, phrase_span, context.cues),
                                      country=country_after(doc, context, phrase_span))
        if resolved is not None:
            place, says_near = resolved
            found.append(location_for(place, text=text, span=span,
                                      near=near or says_near or bool(context.cues.near.search(text))))
    return _finest(found)


def _region_hint(doc: Doc, span: Span, cues: PlaceCues) -> bool:
    """Whether a region word follows the name or "the state of" precedes it."""
    after = re.match(r"\s+(\w+)", doc.text[span.end : span.end + 16])
    if after and normalise(after.group(1)) in cues.region_words:
        return True
    if normalise(doc.span_text(span)).rsplit(" ", 1)[-1] in cues.region_words:
        return False  # the name already says it
    return bool(cues.region_before.search(doc.text[max(0, span.start - 30) : span.start]))


def _finest(locations: Iterable[Location]) -> Location | None:
    """Return the most precise location (town before region before country), first first."""
    best: Location | None = None
    for location in locations:
        rank = location.geo_precision or 9
        if best is None or rank < (best.geo_precision or 9):
            best = location
    return best


