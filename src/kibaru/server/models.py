"""Define the API's response models (pydantic), mirroring the store's records' JSON."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "ActorOut",
    "ActorPage",
    "AggregateOut",
    "AggregatesOut",
    "ArticleOut",
    "ArticleRefOut",
    "CountOut",
    "EventDetailOut",
    "EventOut",
    "EventPage",
    "EvidenceOut",
    "EvidenceSpanOut",
    "FeatureCollectionOut",
    "FeatureOut",
    "HealthOut",
    "LinkOut",
    "LocationOut",
    "MetaOut",
    "NetworkOut",
    "NodeOut",
    "OffsetsOut",
    "PointOut",
    "PointsOut",
    "ReportOut",
    "TopActorOut",
    "ValueCount",
]


class ActorOut(BaseModel):
    """A resolved actor of an event."""

    text: str | None = None
    name: str
    country: str | None = None
    sector: str | None = None
    acled_inter: int | None = None
    actor_id: str | None = None
    external_id: str | None = None


class LocationOut(BaseModel):
    """Where an event happened; ``geo_precision`` 1 town, 2 near/part of a region, 3 region."""

    text: str | None = None
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None


class CountOut(BaseModel):
    """A count of people with its range (low <= best <= high)."""

    low: int
    best: int
    high: int
    text: str | None = None


class OffsetsOut(BaseModel):
    """Character offsets of the evidence sentence and trigger in the article's cleaned text."""

    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int


class EventOut(BaseModel):
    """One real-world event: the contract's event fields (its lead report's evidence and
    article) with the counts, outlets and evidence sentence of its cluster of reports."""

    event_id: str
    article_id: str = Field(description="The article of the lead report.")
    plover_type: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    modality: str
    aggregate: bool
    date: str | None = Field(None, description="First day, YYYY-MM-DD.")
    date_end: str | None = None
    time_precision: int | None = Field(None, description="1 day, 2 week/range, 3 month+.")
    source_actors: list[ActorOut]
    target_actors: list[ActorOut]
    location: LocationOut | None = None
    fatalities: CountOut | None = None
    injuries: CountOut | None = None
    evidence: OffsetsOut
    confidence: float
    pipeline_version: str
    evidence_text: str = Field(description="The lead report's evidence sentence.")
    lead_report_id: str
    n_reports: int
    n_articles: int
    n_sources: int
    sources: list[str]
    article_ids: list[str]
    urls: list[str]


class EventPage(BaseModel):
    """A page of events; follow ``next`` for the following page."""

    total: int = Field(description="Events matching the filter, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(None, description="URL of the next page, null on the last.")
    events: list[EventOut]


class EvidenceOut(OffsetsOut):
    """The evidence of one report: offsets into its article's cleaned text, and the text."""

    sentence: str


class ReportOut(BaseModel):
    """One article's report of an event (the contract's event of that article)."""

    report_id: str
    event_id: str = Field(description="The event (cluster) this report belongs to.")
    article_id: str
    plover_type: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    modality: str
    aggregate: bool
    date: str | None = None
    date_end: str | None = None
    time_precision: int | None = None
    source_actors: list[ActorOut]
    target_actors: list[ActorOut]
    location: LocationOut | None = None
    fatalities: CountOut | None = None
    injuries: CountOut | None = None
    evidence: EvidenceOut
    confidence: float
    pipeline_version: str


class ArticleRefOut(BaseModel):
    """An article that reports an event."""

    article_id: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    duplicate_of: str | None = None


class EventDetailOut(EventOut):
    """One event with every report (evidence sentences) and source article."""

    reports: list[ReportOut]
    articles: list[ArticleRefOut]


class EvidenceSpanOut(BaseModel):
    """Where one report's evidence lies in the article text."""

    report_id: str
    event_id: str
    plover_type: str
    modality: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int


class ArticleOut(BaseModel):
    """A stored article: cleaned text and its events' evidence spans."""

    article_id: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    origin: str | None = None
    published: str | None = None
    language: str | None = None
    text: str
    status: str
    duplicate_of: str | None = None
    pipeline_version: str | None = None
    spans: list[EvidenceSpanOut]


class AggregateOut(BaseModel):
    """Events and fatalities in one period for one combination of keys."""

    period: str = Field(description="First day of the period (weeks start on Monday).")
    type: str | None = Field(None, description="PLOVER type, when grouped by type.")
    acled: str | None = Field(None, description="ACLED event type, when grouped by acled.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3, when grouped by country.")
    admin1: str | None = Field(None, description="First-level region, when grouped by admin1.")
    events: int
    fatalities: int


class AggregatesOut(BaseModel):
    """Counts and fatalities by period and the requested keys."""

    interval: Literal["day", "week", "month"]
    by: list[str]
    rows: list[AggregateOut]


class TopActorOut(BaseModel):
    """An actor and how many events it takes part in."""

    name: str
    country: str | None = None
    sector: str | None = None
    events: int
    fatalities: int


class ActorPage(BaseModel):
    """The top actors under a filter."""

    actors: list[TopActorOut]


class NodeOut(BaseModel):
    """An actor in the network."""

    id: str
    events: int


class LinkOut(BaseModel):
    """A source -> target pair with event counts by PLOVER type."""

    source: str
    target: str
    events: int
    by_type: dict[str, int]


class NetworkOut(BaseModel):
    """Actors (nodes) and who acted on whom (links)."""

    nodes: list[NodeOut]
    links: list[LinkOut]


class PointsOut(BaseModel):
    """Every located event under a filter, compact, for the map.

    Each point is ``[event_id, lat, lon, plover_type, fatalities_best]``.
    """

    located: int = Field(description="Located events matching the filter.")
    unlocated: int = Field(description="Matching events without coordinates (not drawn).")
    truncated: bool = Field(description="Whether only the newest located events are sent.")
    points: list[list[str | float | int]] = Field(
        description="[event_id, lat, lon, plover_type, fatalities_best] per event.")


class ValueCount(BaseModel):
    """A value and how many events carry it."""

    value: str
    name: str | None = Field(None, description="Readable name (countries).")
    events: int


class MetaOut(BaseModel):
    """What the filter widgets offer: types, countries, date range."""

    plover_types: list[str] = Field(description="Every PLOVER type the API accepts.")
    acled_event_types: list[str]
    modalities: list[str]
    types: list[ValueCount] = Field(description="Types present in the store.")
    countries: list[ValueCount]
    first_date: str | None = None
    last_date: str | None = None
    events: int
    articles: int
    max_page_size: int


class HealthOut(BaseModel):
    """Whether the server can read its store."""

    status: Literal["ok"]
    version: str
    events: int


class PointOut(BaseModel):
    """A GeoJSON point geometry: ``[lon, lat]``."""

    type: Literal["Point"]
    coordinates: list[float]


class FeatureOut(BaseModel):
    """One event as a GeoJSON feature; ``geometry`` is null for an unlocated event."""

    type: Literal["Feature"]
    id: str
    geometry: PointOut | None = None
    properties: EventOut


class FeatureCollectionOut(BaseModel):
    """A page of events as GeoJSON, with the paging members of ``EventPage``."""

    type: Literal["FeatureCollection"]
    features: list[FeatureOut]
    total: int
    limit: int
    offset: int
    next: str | None = None
