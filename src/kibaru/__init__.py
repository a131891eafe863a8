"""Kibaru: turn news articles into conflict event data with evidence.

>>> import kibaru
>>> result = kibaru.code(text, published="2023-02-10")
>>> for event in result.events: print(event.plover_type, event.date, event.location)
"""

from kibaru.coder import code
from kibaru.config import PipelineConfig
from kibaru.contract import Actor, CodeResult, Count, Doc, Event, Evidence, Location
from kibaru.errors import KibaruError
from kibaru.pipeline import Pipeline, build_pipeline
from kibaru.version import __version__

__all__ = [
    "Actor",
    "CodeResult",
    "Count",
    "Doc",
    "Event",
    "Evidence",
    "KibaruError",
    "Location",
    "Pipeline",
    "PipelineConfig",
    "__version__",
    "build_pipeline",
    "code",
]
