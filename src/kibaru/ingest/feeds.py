"""Read articles from RSS/Atom feeds (feedparser, behind defusedxml) and WARC files
(warcio: HTML response records, e.g. a Common Crawl News segment)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

from kibaru.errors import InputError, InputTooLargeError, InvalidDateError, MalformedInputError
from kibaru.ingest.readers import ReadItem, html_article
from kibaru.ingest.records import ReadOptions, article_from_fields
from kibaru.reading import decode_text, read_text

__all__ = ["html_to_text", "read_feed", "read_warc"]

_FEED_FACTOR = 20


def html_to_text(fragment: str) -> str:
    """Return the visible text of an HTML fragment (scripts, styles and comments removed)."""
    import lxml.html
    from lxml.etree import ParserError
    from lxml_html_clean import Cleaner

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        cleaned = Cleaner(scripts=True, javascript=True, style=True, comments=True,
                          embedded=True, frames=True, forms=True).clean_html(root)
    except (ParserError, ValueError):
        return ""
    blocks = [" ".join(p.text_content().split()) for p in cleaned.iter("p", "li", "h1", "h2", "h3")]
    text = "\n\n".join(b for b in blocks if b)
    return text or " ".join(cleaned.text_content().split())


def _check_xml(data: bytes, origin: str) -> None:
    """Refuse DTD entities and external references (billion laughs, XXE) and broken XML."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise MalformedInputError(f"is a feed with forbidden XML ({type(exc).__name__}: entity "
                                  "declarations and external references are refused)", origin=origin) from exc
    except ParseError as exc:
        raise MalformedInputError(f"is not well-formed XML: {exc}", origin=origin) from exc


def _struct_date(value: object, origin: str) -> dt.date | None:
    if isinstance(value, time.struct_time):
        try:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError as exc:  # feedparser passes year 0 through
            raise InvalidDateError(f"date {time.strftime('%Y-%m-%d', value)!r} is impossible",
                                   origin=origin) from exc
    return None


def read_feed(path: Path, *, options: ReadOptions, origin: str | None = None) -> Iterator[ReadItem]:
    """Yield one article per entry of an RSS or Atom feed file."""
    import feedparser

    name = origin or str(path)
    try:
        text = read_text(path, max_bytes=options.max_bytes * _FEED_FACTOR, origin=name)
        data = text.encode("utf-8")
        _check_xml(data, name)
    except InputError as exc:
        yield exc
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        yield MalformedInputError(f"is not an RSS/Atom feed with entries{f': {problem}' if problem else ''}",
                                  origin=name)
        return
    for index, entry in enumerate(parsed.entries, start=1):
        where = f"{name}:{index}"
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        fields: dict[str, object] = {
            "text": html_to_text(html or ""),
            "title": entry.get("title"),
            "url": entry.get("link"),
            "source": parsed.feed.get("title"),
        }
        try:
            day = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"), where)
            if day is not None:
                fields["published"] = day
            yield article_from_fields({k: v for k, v in fields.items() if v is not None},
                                      origin=where, options=options)
        except InputError as exc:
            yield exc


def _warc_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        head = handle.read(64)
    if head.startswith(b"\x1f\x8b"):
        with gzip.open(path, "rb") as handle:
            try:
                return handle.read(16)
            except (OSError, EOFError, zlib.error):
                return b""
    return head


def _gzip_intact(path: Path) -> str | None:
    """Return why a gzipped file is broken (None when it decompresses to its end)."""
    try:
        with gzip.open(path, "rb") as handle:
            while handle.read(1 << 20):
                pass
    except (OSError, EOFError, zlib.error) as exc:
        return str(exc)
    return None


def read_warc(path: Path, *, options: ReadOptions, origin: str | None = None) -> Iterator[ReadItem]:
    """Yield one article per HTML response record of a WARC (or .warc.gz) file; a truncated
    or malformed record is an error for ``path:N`` (N counts records)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = origin or str(path)
    try:
        if not _warc_head(path).startswith(b"WARC/"):
            yield MalformedInputError("is not a WARC file (it does not start with a WARC/1.x record)",
                                      origin=name)
            return
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(f"cannot be read: {exc.strerror or exc}", origin=name)
        return
    number = found = 0
    with handle:
        records = iter(ArchiveIterator(handle))
        while True:
            noise = io.StringIO()
            try:
                # warcio prints its complaints about broken records to stderr: keep them as reasons.
                with contextlib.redirect_stderr(noise):
                    record = next(records, None)
                    item = _warc_item(record, name, number + 1, options) if record is not None else None
            # warcio raises AttributeError on a record whose target URI header is garbled.
            except (ArchiveLoadFailed, AttributeError, EOFError, OSError, ValueError, zlib.error) as exc:
                problem = " ".join(str(exc).split())[:200]  # one line, whatever the record held
                yield MalformedInputError(f"is not a readable WARC record ({type(exc).__name__}: {problem})",
                                          origin=f"{name}:{number + 1}")
                return
            complaint = noise.getvalue().strip()
            if complaint and number:
                yield MalformedInputError(f"record is malformed: {complaint.splitlines()[0].strip()}",
                                          origin=f"{name}:{number}")
                found += 1
            if record is None:
                break
            number += 1
            if item is not None:
                found += 1
                yield item
    if path.name.lower().endswith(".gz") and (broken := _gzip_intact(path)):
        yield MalformedInputError(f"is truncated or corrupt after record {number}: {broken}",
                                  origin=f"{name}:{number + 1}")
    elif not found:  # recorded as a failure, not silently skipped
        yield MalformedInputError(f"holds no HTML response records ({number} records read)",
                                  origin=name)


def _warc_item(record: object, name: str, number: int, options: ReadOptions) -> ReadItem | None:
    if record.rec_type != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return None
    kind = record.http_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    if "html" not in kind.lower():
        return None
    where = f"{name}:{number}"
    body = record.content_stream().read(options.max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > options.max_bytes:
        return InputTooLargeError(f"record is larger than the {options.max_bytes:,}-byte limit "
                                  "(raise it with --max-bytes)", origin=where)
    limit = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if limit and len(body) < options.max_bytes:
        return MalformedInputError(f"record is truncated ({limit:,} bytes missing)", origin=where)
    return _warc_article(record, body, kind, where, options)


def _warc_article(record: object, body: bytes, kind: str, where: str, options: ReadOptions) -> ReadItem:
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    crawled = (headers.get_header("WARC-Date") or "")[:10] or None
    charset = kind.lower().partition("charset=")[2].split(";")[0].strip() or None
    try:
        try:
            html = body.decode(charset) if charset else decode_text(body, origin=where)
        except (LookupError, UnicodeDecodeError):
            html = decode_text(body, origin=where)
        fallback = ReadOptions(published=options.published or _iso(crawled), max_bytes=options.max_bytes)
        return html_article(html, origin=where, options=fallback, url=url)
    except InputError as exc:
        return exc


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


