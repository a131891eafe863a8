"""Stream articles from files, folders, globs and stdin into the event store.

``ingest`` reads (``kibaru.ingest.sources``), links near-duplicates (``dedup``), codes on
worker processes and writes each batch in one transaction; ``recode`` re-codes stored
articles from an older pipeline version.
"""

from kibaru.ingest.dedup import Deduplicator
from kibaru.ingest.readers import ReadItem
from kibaru.ingest.records import ReadOptions
from kibaru.ingest.runner import IngestProgress, IngestReport, ingest, pipeline_version, recode
from kibaru.ingest.sources import read_all

__all__ = [
    "Deduplicator",
    "IngestProgress",
    "IngestReport",
    "ReadItem",
    "ReadOptions",
    "ingest",
    "pipeline_version",
    "read_all",
    "recode",
]
