"""Define the store's schema as ordered, named migrations recorded in ``migrations``.

Append a new migration to ``MIGRATIONS`` to change the schema; never edit or reorder an
applied one. Each migration runs in its own transaction together with its bookkeeping row.

Tables::

    articles        one row per distinct article (id from content + URL); status coded |
                    duplicate | failed; duplicate_of links a syndicated copy to its original
    article_bands   MinHash LSH band keys of each article, to find near-duplicates in SQL
    event_reports   one row per coded event of one article (the contract's ``Event``),
                    with ``cluster_id`` naming the real-world event it reports
    event_actors    the source/target actors of each report, in order
    places          resolved locations, one row per distinct place
    events          one row per real-world event (a cluster of reports, ``kibaru.cluster``):
                    the merged event's contract fields, lead report, counts and sources
    event_cluster_actors  the merged (union) actors of each event, in order
    failures        what could not be read, coded or stored: origin, stage, reason, run
    runs            each ingest/recode run with its counts
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

_INITIAL = """
CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    command VARCHAR NOT NULL,
    arguments VARCHAR,
    started TIMESTAMP NOT NULL,
    finished TIMESTAMP,
    status VARCHAR NOT NULL,
    pipeline_version VARCHAR,
    n_read INTEGER NOT NULL DEFAULT 0,
    n_new INTEGER NOT NULL DEFAULT 0,
    n_skipped INTEGER NOT NULL DEFAULT 0,
    n_duplicates INTEGER NOT NULL DEFAULT 0,
    n_failed INTEGER NOT NULL DEFAULT 0,
    n_reports INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    url VARCHAR,
    title VARCHAR,
    source VARCHAR,
    origin VARCHAR,
    published DATE,
    language VARCHAR,
    text VARCHAR NOT NULL,
    raw_text VARCHAR,
    raw_hash VARCHAR NOT NULL,
    minhash BLOB,
    duplicate_of VARCHAR,
    similarity DOUBLE,
    status VARCHAR NOT NULL,
    n_reports INTEGER NOT NULL DEFAULT 0,
    pipeline_version VARCHAR,
    coded_at TIMESTAMP,
    run_id VARCHAR
);

CREATE TABLE article_bands (
    band SMALLINT NOT NULL,
    band_key BIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);

CREATE TABLE places (
    place_id VARCHAR PRIMARY KEY,
    name VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    admin2 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    feature VARCHAR
);

CREATE TABLE event_reports (
    report_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    plover_type VARCHAR NOT NULL,
    plover_mode VARCHAR,
    acled_event_type VARCHAR,
    acled_sub_event_type VARCHAR,
    cameo_root VARCHAR,
    modality VARCHAR NOT NULL,
    aggregate BOOLEAN NOT NULL,
    date DATE,
    date_end DATE,
    time_precision INTEGER,
    place_id VARCHAR,
    location_text VARCHAR,
    location_name VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    admin2 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    geo_precision INTEGER,
    location_start INTEGER,
    location_end INTEGER,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    fatalities_text VARCHAR,
    injuries_low INTEGER,
    injuries_best INTEGER,
    injuries_high INTEGER,
    injuries_text VARCHAR,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    confidence DOUBLE NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    coded_at TIMESTAMP NOT NULL
);

CREATE TABLE event_actors (
    report_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    text VARCHAR,
    name VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    acled_inter INTEGER,
    actor_id VARCHAR,
    external_id VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    PRIMARY KEY (report_id, role, position)
);

CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    lead_report_id VARCHAR NOT NULL,
    plover_type VARCHAR NOT NULL,
    plover_mode VARCHAR,
    acled_event_type VARCHAR,
    acled_sub_event_type VARCHAR,
    cameo_root VARCHAR,
    modality VARCHAR NOT NULL,
    aggregate BOOLEAN NOT NULL,
    date DATE,
    date_end DATE,
    time_precision INTEGER,
    place_id VARCHAR,
    location_text VARCHAR,
    location_name VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    admin2 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    geo_precision INTEGER,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    fatalities_text VARCHAR,
    injuries_low INTEGER,
    injuries_best INTEGER,
    injuries_high INTEGER,
    injuries_text VARCHAR,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    confidence DOUBLE NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    n_reports INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,
    sources VARCHAR[] NOT NULL
);

CREATE TABLE event_cluster_actors (
    event_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    text VARCHAR,
    name VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    acled_inter INTEGER,
    actor_id VARCHAR,
    external_id VARCHAR,
    span_start INTEGER,
    span_end INTEGER,
    PRIMARY KEY (event_id, role, position)
);

CREATE TABLE failures (
    failure_id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    article_id VARCHAR,
    stage VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    run_id VARCHAR,
    recorded_at TIMESTAMP NOT NULL
);
"""

# DuckDB's ART indexes serve point lookups; the aggregate queries scan the narrow events
# table, which is fast without indexes at 100k-row scale.
_INDEXES = """
CREATE INDEX article_bands_key ON article_bands (band_key);
CREATE INDEX article_bands_article ON article_bands (article_id);
CREATE INDEX event_reports_article ON event_reports (article_id);
CREATE INDEX event_reports_cluster ON event_reports (cluster_id);
CREATE INDEX event_actors_name ON event_actors (name);
CREATE INDEX event_cluster_actors_name ON event_cluster_actors (name);
CREATE INDEX events_date ON events (date);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", _INITIAL),
    ("0002_indexes", _INDEXES),
)
"""(name, SQL) pairs applied in order; the names are recorded in the ``migrations`` table."""
