"""Turn one record's fields (from JSON, CSV, a feed or WARC) into an ``Article``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from kibaru.articles import make_article, parse_published
from kibaru.contract import Article
from kibaru.errors import EmptyInputError, InputTooLargeError, InvalidDateError, MalformedInputError
from kibaru.reading import DEFAULT_MAX_BYTES

__all__ = ["ReadOptions", "article_from_fields", "parse_date_field"]


@dataclass(frozen=True)
class ReadOptions:
    """What readers need to know: a fallback publication date and the size limits."""

    published: dt.date | None = None
    """Used when an item carries no date of its own (and always for ``.txt``)."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest article (or line, or record) accepted."""
    max_items: int | None = None
    """Stop reading after this many items (all inputs together)."""


def parse_date_field(value: object, *, origin: str) -> dt.date | None:
    """Parse a record's date field: ISO first, then common written forms (``Jan 3, 2024``,
    RFC 822); refuse impossible dates."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date):
        return parse_published(value, origin=origin)
    if not isinstance(value, str):
        raise InvalidDateError(f"date {value!r} is not a date string", origin=origin)
    text = value.strip()
    try:
        return parse_published(text, origin=origin)
    except InvalidDateError as iso_error:
        if text[:4].isdigit() and text[4:5] == "-":
            raise  # an ISO date that is impossible, not another format
        import dateparser  # slow to import; only for non-ISO dates

        parsed = dateparser.parse(text, languages=["en", "fr"],
                                  settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
        if parsed is None:
            raise InvalidDateError(f"date {text[:60]!r} is not a recognisable date", origin=origin) from iso_error
        return parse_published(parsed.date(), origin=origin)


def _text(fields: Mapping[str, object], key: str) -> str | None:
    value = fields.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInputError(f"field {key!r} is a {type(value).__name__}, not text")
    return value.strip() or None


def article_from_fields(fields: Mapping[str, object], *, origin: str, options: ReadOptions) -> Article:
    """Return the ``Article`` of a record with fields url, title, published or date, text,
    source (and optionally language)."""
    try:
        text = _text(fields, "text")
        if text is None:
            text = _text(fields, "body") or _text(fields, "content")
        url, title, source = _text(fields, "url"), _text(fields, "title"), _text(fields, "source")
        language = _text(fields, "language")
    except MalformedInputError as exc:
        raise MalformedInputError(exc.reason, origin=origin) from None
    if not text:
        raise EmptyInputError("has no text (expected a 'text' field)", origin=origin)
    if len(text.encode("utf-8", "surrogatepass")) > options.max_bytes:
        raise InputTooLargeError(f"text is larger than the {options.max_bytes:,}-byte limit "
                                 "(raise it with --max-bytes)", origin=origin)
    if "\x00" in text:
        raise MalformedInputError("text holds NUL characters", origin=origin)
    raw_date = fields.get("published", fields.get("date"))
    published = parse_date_field(raw_date, origin=origin) or options.published
    return make_article(text, published=published, url=url, title=title, source=source,
                        language=language, origin=origin)
