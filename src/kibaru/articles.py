"""Make ``Article`` records: stable content-derived ids and validated publication dates."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from kibaru.contract import Article
from kibaru.errors import InvalidDateError

__all__ = ["article_id", "make_article", "parse_published"]

_SPACE = re.compile(r"\s+")
MIN_YEAR = 1900
MAX_YEAR = 2100


def article_id(text: str, url: str | None = None) -> str:
    """Return a stable id from the normalised content (and URL): same input, same id."""
    normal = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().lower()
    digest = hashlib.sha256(f"{(url or '').strip()}\n{normal}".encode()).hexdigest()
    return f"a_{digest[:16]}"


def parse_published(value: str | dt.date | dt.datetime | None, *, origin: str | None = None) -> dt.date | None:
    """Parse an ISO publication date (``YYYY-MM-DD`` or a timestamp); reject impossible ones."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError as exc:
            raise InvalidDateError(
                f"publication date {text!r} is not a valid YYYY-MM-DD date", origin=origin
            ) from exc
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidDateError(
            f"publication date {day.isoformat()} is outside {MIN_YEAR}-{MAX_YEAR}", origin=origin
        )
    return day


def make_article(
    text: str,
    *,
    published: str | dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    language: str | None = None,
    origin: str | None = None,
) -> Article:
    """Return an ``Article`` with a content-derived id and a checked publication date."""
    return Article(
        id=article_id(text, url),
        text=text,
        published=parse_published(published, origin=origin),
        url=url,
        title=title,
        source=source,
        language=language,
        origin=origin,
    )
