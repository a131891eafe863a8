"""Define the typed contract that every stage, resolver, store and surface shares.

Everything that passes between pipeline stages is one of these frozen dataclasses. Text is
never copied into mentions: every mention is a pair of character offsets into
``Doc.text``, the *cleaned* article text. spaCy never appears here; the parse is carried as
plain ``Token`` records so that stages after the language stage, the store and the API stay
independent of it.

Data flow (see docs/ARCHITECTURE.md)::

    Article --clean--> Doc(text, annotations) --language--> Doc(sentences, tokens, entities)
        --triggers--> Doc(mentions) --factuality/arguments--> Doc(mentions with roles)
        --resolvers--> Doc(mentions with actors, places, dates, counts)
        --assemble--> Doc(events)

The JSON shape of ``Event`` (``Event.to_json``) is the public event contract documented in
docs/events.md; its names are fixed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ACLED_INTER_BY_SECTOR",
    "MODALITIES",
    "PLOVER_TYPES",
    "SECTORS",
    "Actor",
    "ActorMention",
    "Annotation",
    "Article",
    "CodeResult",
    "Count",
    "DateSpan",
    "Dateline",
    "Doc",
    "Entity",
    "Event",
    "EventMention",
    "Evidence",
    "Location",
    "Modality",
    "PlaceMention",
    "Sector",
    "Sentence",
    "Span",
    "Token",
    "Typing",
]

Modality = Literal["asserted", "negated", "hypothetical", "future"]
MODALITIES: tuple[Modality, ...] = ("asserted", "negated", "hypothetical", "future")

Sector = Literal[
    "GOV", "MIL", "POL", "REB", "PMC", "IGO", "NGO", "OPP", "CVL", "PRO", "MED", "BUS", "REL",
    "MIL_ID", "UNK",
]
SECTORS: tuple[str, ...] = (
    "GOV", "MIL", "POL", "REB", "PMC", "IGO", "NGO", "OPP", "CVL", "PRO", "MED", "BUS", "REL",
    "MIL_ID", "UNK",
)
"""Actor sectors. MIL_ID is an identity (communal/ethnic) militia such as Dan Na Ambassagou."""

ACLED_INTER_BY_SECTOR: dict[str, int | None] = {
    "GOV": 1, "MIL": 1, "POL": 1,
    "REB": 2,
    "OPP": 3,
    "MIL_ID": 4,
    "PRO": 6,
    "CVL": 7, "MED": 7, "BUS": 7, "REL": 7, "NGO": 7,
    "IGO": 8, "PMC": 8,
    "UNK": None,
}
"""Default ACLED inter code per sector; state forces abroad become 8 at resolution time."""

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "ACCUSE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Doc.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def text(self, source: str) -> str:
        """Return the slice of ``source`` this span covers."""
        return source[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Return whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Return whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Article:
    """One input article, as received (``text`` may still hold mojibake)."""

    id: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    language: str | None = None
    origin: str | None = None
    """Where it came from: a file path, ``path:line`` or ``-`` for stdin."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """A non-news region of the cleaned text: ``dateline``, ``byline``, ``bio``, ``related``,
    ``boilerplate``, ``caption``; or a repair note: ``mojibake``."""

    kind: str
    span: Span
    note: str = ""


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline ("LAGOS —", "KABUL, Afghanistan (Jan. 25, 2013)") of an article."""

    span: Span
    place: Span | None = None
    """The place's span; None for a line holding only a date."""
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the cleaned text; ``excluded`` sentences never yield events."""

    span: Span
    excluded: bool = False
    exclusion: str = ""
    parsed: bool = False


@dataclass(frozen=True, slots=True)
class Token:
    """One parsed token. ``head`` and ``i`` index ``Doc.tokens``; ``sentence`` indexes
    ``Doc.sentences``. Only sentences that can hold an event are parsed."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sentence: int
    ent_type: str = ""
    ent_iob: str = "O"
    like_num: bool = False
    morph: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: from NER (``source='ner'``) or a knowledge-base or gazetteer matcher
    (``source='kb'``/``'gazetteer'``), with the KB id where one matched."""

    span: Span
    label: str
    source: str = "ner"
    kb_id: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor. ``text`` is the surface form, ``name`` the canonical name."""

    text: str
    name: str
    country: str | None = None
    sector: str = "UNK"
    acled_inter: int | None = None
    actor_id: str | None = None
    external_id: str | None = None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the contract's JSON object for this actor."""
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "acled_inter": self.acled_inter,
            "actor_id": self.actor_id,
            "external_id": self.external_id,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """A resolved event location; ``geo_precision`` follows ACLED (1 town, 2 near/part of a
    region, 3 region only). Coordinates are null for a country-only mention."""

    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    span: Span | None = None
    feature: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the contract's JSON object for this location."""
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "geo_precision": self.geo_precision,
        }


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A resolved date or date range with ACLED time precision (1 day, 2 week/range, 3 month
    or coarser)."""

    start: dt.date
    end: dt.date
    time_precision: int
    text: str = ""
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A resolved count of people (killed, injured, ...) with its range."""

    low: int
    best: int
    high: int
    text: str = ""
    span: Span | None = None
    who: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the contract's JSON object for this count."""
        return {"low": self.low, "best": self.best, "high": self.high, "text": self.text}


@dataclass(frozen=True, slots=True)
class Typing:
    """An event typing: PLOVER type and mode, ACLED type and sub-type, CAMEO root."""

    plover_type: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    confidence: float = 1.0
    rule: str = ""
    acled_rule: str | None = None
    """The crosswalk rule (data/crosswalk.yaml ``acled_rules``) that fixes the ACLED type
    once the actors' sectors are known; the ACLED fields above are its actor-free default."""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor argument of an event mention, before and after resolution."""

    span: Span
    head: Span | None = None
    actor: Actor | None = None
    via: str = ""
    """How the argument was found: ``nsubj``, ``dobj``, ``agent``, ``poss``, ``coref`` ..."""


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place argument with its relation to the event (``in``, ``near``, ``from``, ``at``)."""

    span: Span
    relation: str = "in"
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event trigger in one sentence, filled in by the stages after the trigger stage."""

    trigger: Span
    sentence: int
    typing: Typing
    modality: Modality = "asserted"
    modality_cue: Span | None = None
    aggregate: bool = False
    sources: tuple[ActorMention, ...] = ()
    targets: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    times: tuple[Span, ...] = ()
    fatality_spans: tuple[Span, ...] = ()
    injury_spans: tuple[Span, ...] = ()
    location: Location | None = None
    when: DateSpan | None = None
    fatalities: Count | None = None
    injuries: Count | None = None
    negation_cue: Span | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Character offsets of the sentence and the trigger that evidence an event."""

    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int

    def to_json(self) -> dict[str, int]:
        """Return the contract's JSON object for this evidence."""
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event: the public contract (docs/events.md)."""

    event_id: str
    article_id: str
    plover_type: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo_root: str | None
    modality: Modality
    aggregate: bool
    date: dt.date | None
    date_end: dt.date | None
    time_precision: int | None
    source_actors: tuple[Actor, ...]
    target_actors: tuple[Actor, ...]
    location: Location | None
    fatalities: Count | None
    injuries: Count | None
    evidence: Evidence
    confidence: float
    pipeline_version: str
    plover_mode: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the event as the contract's JSON object (fixed names)."""
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "cameo_root": self.cameo_root,
            "modality": self.modality,
            "aggregate": self.aggregate,
            "date": self.date.isoformat() if self.date else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "time_precision": self.time_precision,
            "source_actors": [a.to_json() for a in self.source_actors],
            "target_actors": [a.to_json() for a in self.target_actors],
            "location": self.location.to_json() if self.location else None,
            "fatalities": self.fatalities.to_json() if self.fatalities else None,
            "injuries": self.injuries.to_json() if self.injuries else None,
            "evidence": self.evidence.to_json(),
            "confidence": round(self.confidence, 3),
            "pipeline_version": self.pipeline_version,
        }


@dataclass(frozen=True, slots=True)
class Doc:
    """The document as it moves through the pipeline. Stages return a new ``Doc``
    (``doc.evolve(...)``) and never mutate their input."""

    article: Article
    text: str = ""
    language: str | None = None
    annotations: tuple[Annotation, ...] = ()
    dateline: Dateline | None = None
    published: dt.date | None = None
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[EventMention, ...] = ()
    events: tuple[Event, ...] = ()
    focus_country: str | None = None
    provides: frozenset[str] = field(default_factory=frozenset)
    """Names of what the stages run so far have provided (checked by the pipeline)."""

    def evolve(self, **changes: Any) -> Doc:
        """Return a copy of this document with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def span_text(self, span: Span) -> str:
        """Return the cleaned text under ``span``."""
        return self.text[span.start : span.end]

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        """Return the tokens of sentence ``index`` (empty when it was not parsed)."""
        return tuple(t for t in self.tokens if t.sentence == index)

    def sentence_of(self, offset: int) -> int | None:
        """Return the index of the sentence holding character ``offset``."""
        for i, sentence in enumerate(self.sentences):
            if sentence.span.start <= offset < sentence.span.end:
                return i
        return None

    def in_annotation(self, span: Span, *kinds: str) -> bool:
        """Return whether ``span`` overlaps an annotation of one of ``kinds`` (any kind if
        none is given)."""
        return any(
            a.span.overlaps(span) and (not kinds or a.kind in kinds) for a in self.annotations
        )


@dataclass(frozen=True, slots=True)
class CodeResult:
    """What ``kibaru.code`` returns: the cleaned article and its events."""

    article_id: str
    published: dt.date | None
    text: str
    events: tuple[Event, ...]
    doc: Doc

    def to_json(self) -> dict[str, Any]:
        """Return ``{"article": {...}, "events": [...]}``, the CLI's JSON output."""
        return {
            "article": {
                "id": self.article_id,
                "published": self.published.isoformat() if self.published else None,
                "text": self.text,
                "language": self.doc.language,
                "annotations": [
                    {"kind": a.kind, "start": a.span.start, "end": a.span.end}
                    for a in self.doc.annotations
                ],
            },
            "events": [e.to_json() for e in self.events],
        }
