"""Read articles from text, HTML, JSON Lines, JSON and CSV files, one item at a time.

Every reader is a generator of ``Article | InputError``: a broken item (or file) yields an
error naming ``path`` or ``path:line`` and reading goes on with the next one. Nothing reads a
whole multi-article file into memory except ``.json`` (a JSON document cannot be streamed;
use JSON Lines for big inputs).
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kibaru.articles import make_article
from kibaru.contract import Article
from kibaru.errors import (
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    InvalidDateError,
    MalformedInputError,
)
from kibaru.ingest.records import ReadOptions, article_from_fields, parse_date_field
from kibaru.reading import read_text

__all__ = [
    "ReadItem",
    "read_csv",
    "read_html",
    "read_json",
    "read_jsonl",
    "read_txt",
]

ReadItem = Article | InputError

_FRONT = re.compile(r"^(published|date|title|url|source|language)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_JSON_FACTOR = 20


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split leading ``key: value`` lines (optionally fenced by ``---``) off the text."""
    lines = text.splitlines(keepends=True)
    start = 1 if lines and lines[0].strip() == "---" else 0
    fields: dict[str, str] = {}
    i = start
    while i < len(lines):
        match = _FRONT.match(lines[i].strip())
        if not match:
            break
        fields[match.group(1).lower()] = match.group(2)
        i += 1
    if not fields:
        return {}, text
    if start and i < len(lines) and lines[i].strip() == "---":
        i += 1
    return fields, "".join(lines[i:]).lstrip("\n")


def read_txt(path: Path, *, options: ReadOptions, origin: str | None = None,
             stream: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Yield the article of a text file: publication date from ``--published``, else a
    front-matter line (``published:``/``date:``), else a YYYY-MM-DD in the file name."""
    name = origin or str(path)
    try:
        text = read_text(stream if stream is not None else path, max_bytes=options.max_bytes, origin=name)
        fields, body = _front_matter(text)
        published = options.published
        if published is None:
            raw = fields.get("published") or fields.get("date")
            if raw:
                published = parse_date_field(raw, origin=name)
            elif stream is None and (match := _NAME_DATE.search(path.name)):
                published = parse_date_field(match.group(0), origin=name)
        if not body.strip():
            raise InputError("holds front matter but no text", origin=name)
        yield make_article(body, published=published, url=fields.get("url") or None,
                           title=fields.get("title") or None, source=fields.get("source") or None,
                           language=fields.get("language") or None, origin=name)
    except InputError as exc:
        yield exc


def read_html(path: Path, *, options: ReadOptions, origin: str | None = None) -> Iterator[ReadItem]:
    """Yield the article of an HTML page (trafilatura: title, date, main text)."""
    name = origin or str(path)
    try:
        raw = read_text(path, max_bytes=options.max_bytes, origin=name)
        yield html_article(raw, origin=name, options=options)
    except InputError as exc:
        yield exc


_EMBEDDED = ("//script|//style|//noscript|//iframe|//frame|//frameset|//template|//object|//embed"
             "|//noembed|//noframes")


def _without_embedded(html: str) -> object:
    """Return the parsed page without scripts, frames, templates and embedded objects: the HTML
    parser keeps their content as raw text, which trafilatura would take as article text."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return html  # trafilatura reports what is wrong with it
    for element in root.xpath(_EMBEDDED):
        element.drop_tree()
    return root


def html_article(html: str, *, origin: str, options: ReadOptions, url: str | None = None,
                 published: object = None) -> Article:
    """Return the article of an HTML document (main text, title and date by trafilatura)."""
    import trafilatura  # heavy import, only when HTML is read

    try:
        doc = trafilatura.bare_extraction(_without_embedded(html), url=url, with_metadata=True,
                                          include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise MalformedInputError(f"is not readable HTML: {type(exc).__name__}: {exc}", origin=origin) from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not any(c.isalpha() for c in text):
        raise MalformedInputError("holds no article text that could be extracted from the HTML",
                                  origin=origin)
    date = published if published is not None else getattr(doc, "date", None)
    fields = {"text": text, "title": getattr(doc, "title", None), "url": url or getattr(doc, "url", None),
              "source": getattr(doc, "sitename", None), "published": date}
    fields = {k: v for k, v in fields.items() if v is not None}
    try:
        return article_from_fields(fields, origin=origin, options=options)
    except InvalidDateError:
        # A page's guessed metadata date is not the user's data: drop it rather than the page.
        fields.pop("published", None)
        return article_from_fields(fields, origin=origin, options=options)


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) with at most ``limit`` bytes kept per line; a longer line
    yields None (and is skipped to its end without holding it in memory)."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the oversized line
                rest = handle.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line


def read_jsonl(path: Path, *, options: ReadOptions, origin: str | None = None,
               stream: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Yield one article per line of a JSON Lines file; a bad line is an error for
    ``path:line`` and reading goes on."""
    name = origin or str(path)
    limit = options.max_bytes * 2 + 65536  # room for JSON escapes and the other fields
    try:
        handle = stream if stream is not None else path.open("rb")
    except OSError as exc:
        yield InputError(f"cannot be read: {exc.strerror or exc}", origin=name)
        return
    try:
        empty = True
        for number, line in _lines(handle, limit):
            where = f"{name}:{number}"
            if line is None:
                empty = False
                yield InputTooLargeError(f"line is longer than {limit:,} bytes (raise --max-bytes)", origin=where)
                continue
            if not line.strip():
                continue
            empty = False
            yield _json_line(line, where, options)
        if empty:  # recorded as a failure, not silently skipped
            yield EmptyInputError("is empty (no JSON lines)", origin=name)
    finally:
        if stream is None:
            handle.close()


def _json_line(line: bytes, where: str, options: ReadOptions) -> ReadItem:
    try:
        data = json.loads(line)
    except UnicodeDecodeError:
        return EncodingError("is not valid UTF-8", origin=where)
    except RecursionError:
        return MalformedInputError("is JSON nested too deeply", origin=where)
    except json.JSONDecodeError as exc:
        return MalformedInputError(f"is not valid JSON: {exc.msg} at column {exc.colno}", origin=where)
    if not isinstance(data, dict):
        return MalformedInputError(f"is a JSON {type(data).__name__}, not an object", origin=where)
    try:
        return article_from_fields(data, origin=where, options=options)
    except InputError as exc:
        return exc


def read_json(path: Path, *, options: ReadOptions, origin: str | None = None) -> Iterator[ReadItem]:
    """Yield the articles of a JSON file: one object, a list of objects, or an object with an
    ``articles``/``items`` list."""
    name = origin or str(path)
    limit = options.max_bytes * _JSON_FACTOR
    try:
        text = read_text(path, max_bytes=limit, origin=name)
        try:
            data = json.loads(text)
        except RecursionError as exc:
            raise MalformedInputError("is JSON nested too deeply", origin=name) from exc
        except json.JSONDecodeError as exc:
            raise MalformedInputError(f"is not valid JSON: {exc.msg} at line {exc.lineno} "
                                      f"column {exc.colno}", origin=name) from exc
    except InputError as exc:
        yield exc
        return
    del text
    if isinstance(data, dict):
        items = data.get("articles", data.get("items", [data]))
    else:
        items = data
    if not isinstance(items, list):
        yield MalformedInputError("holds no list of articles", origin=name)
        return
    if not items:
        yield EmptyInputError("holds an empty list of articles", origin=name)
        return
    for index, item in enumerate(items, start=1):
        where = f"{name}:{index}"
        if not isinstance(item, dict):
            yield MalformedInputError(f"item is a JSON {type(item).__name__}, not an object", origin=where)
            continue
        try:
            yield article_from_fields(item, origin=where, options=options)
        except InputError as exc:
            yield exc


def _csv_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(65536)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the sample's end
            return "cp1252"
    return "utf-8"


def read_csv(path: Path, *, options: ReadOptions, origin: str | None = None) -> Iterator[ReadItem]:
    """Yield one article per CSV row (header: url, title, published or date, text, source);
    a bad row is an error for ``path:line``."""
    name = origin or str(path)
    try:
        if path.stat().st_size == 0:
            yield InputError("is empty", origin=name)
            return
        encoding = _csv_encoding(path)
        with path.open("rb") as raw:
            head = raw.read(8192)
        if b"\x00" in head:
            yield InputError("is binary (holds NUL bytes), not CSV", origin=name)
            return
        csv.field_size_limit(max(options.max_bytes * 2, 131072))
        with path.open("r", encoding=encoding, newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "text" not in [f.strip().lower() for f in reader.fieldnames]:
                yield MalformedInputError("has no 'text' column in its header", origin=name)
                return
            rows = 0
            while True:
                line = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    if not rows:  # recorded as a failure, not silently skipped
                        yield EmptyInputError("has a header but no rows", origin=name)
                    return
                except csv.Error as exc:
                    yield MalformedInputError(f"is not valid CSV: {exc}", origin=f"{name}:{line}")
                    return
                rows += 1
                fields = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
                if None in row:
                    yield MalformedInputError("has more cells than the header", origin=f"{name}:{line}")
                    continue
                try:
                    yield article_from_fields(fields, origin=f"{name}:{line}", options=options)
                except InputError as exc:
                    yield exc
    except UnicodeDecodeError as exc:
        yield EncodingError(f"is not valid {encoding} text ({exc.reason})", origin=name)
    except OSError as exc:
        yield InputError(f"cannot be read: {exc.strerror or exc}", origin=name)
