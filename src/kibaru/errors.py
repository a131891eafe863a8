"""Define Kibaru's one exception hierarchy; every error a user can see is one of these.

::

    KibaruError                      base; str(err) is one sentence naming what failed
    ├── InputError                   an article or file cannot be read as news text
    │   ├── EmptyInputError          nothing but whitespace
    │   ├── BinaryInputError         NUL bytes or not text at all
    │   ├── InputTooLargeError       over the configured size limit
    │   ├── EncodingError            bytes that decode to no text encoding
    │   ├── MalformedInputError      broken HTML/JSON/CSV/XML/WARC structure
    │   ├── UnsupportedLanguageError text in a language with no pipeline
    │   └── InvalidDateError         an impossible or out-of-range date
    ├── ConfigError                  a bad setting, option or data file
    │   └── UnknownComponentError    a registry name that is not registered
    ├── PipelineError                the pipeline was built wrong or a stage failed
    │   ├── StageOrderError          a stage's requirements are not provided before it
    │   └── StageError               a stage raised; names the stage and the article
    ├── ResourceError                a model, gazetteer or knowledge base cannot be loaded
    ├── StoreError                   the event database failed
    │   ├── StoreBusyError           another writer holds the database
    │   └── MigrationError           the schema cannot be brought up to date
    └── QueryError                   a bad query filter (date, bbox, type, page size)

Third-party exceptions are translated into these where they enter (``raise ... from exc``).
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "InputError",
    "InputTooLargeError",
    "InvalidDateError",
    "KibaruError",
    "MalformedInputError",
    "MigrationError",
    "PipelineError",
    "QueryError",
    "ResourceError",
    "StageError",
    "StageOrderError",
    "StoreBusyError",
    "StoreError",
    "UnknownComponentError",
    "UnsupportedLanguageError",
]


class KibaruError(Exception):
    """Base of every Kibaru error; its message is one sentence for a person."""


class InputError(KibaruError):
    """An input cannot be read as news text; ``origin`` names the file (or ``path:line``)."""

    def __init__(self, message: str, *, origin: str | None = None) -> None:
        self.origin = origin
        self.reason = message
        super().__init__(f"{origin}: {message}" if origin else message)


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary, not text."""


class InputTooLargeError(InputError):
    """The input exceeds the configured size limit."""


class EncodingError(InputError):
    """The input's bytes decode to no supported text encoding."""


class MalformedInputError(InputError):
    """The input's structure (HTML, JSON, CSV, XML, WARC) is broken."""


class UnsupportedLanguageError(InputError):
    """The text is in a language Kibaru has no pipeline for."""


class InvalidDateError(InputError):
    """A date is impossible or out of the supported range."""


class ConfigError(KibaruError):
    """A setting, option or data file is invalid."""


class UnknownComponentError(ConfigError):
    """A registry name is not registered."""


class PipelineError(KibaruError):
    """The pipeline is mis-assembled or a stage failed."""


class StageOrderError(PipelineError):
    """A stage requires something no earlier stage provides."""


class StageError(PipelineError):
    """A stage raised while processing an article."""

    def __init__(self, message: str, *, stage: str, article_id: str | None = None) -> None:
        self.stage = stage
        self.article_id = article_id
        super().__init__(message)


class ResourceError(KibaruError):
    """A model, gazetteer or knowledge base cannot be loaded."""


class StoreError(KibaruError):
    """The event database failed."""


class StoreBusyError(StoreError):
    """Another process holds the database for writing."""


class MigrationError(StoreError):
    """The database schema cannot be migrated."""


class QueryError(KibaruError):
    """A query filter is invalid."""
