"""Expand ingest arguments (files, folders, globs, ``-`` for stdin) into a stream of
articles, dispatching each file to its reader by extension (or by sniffing)."""

from __future__ import annotations

import glob
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from kibaru.errors import InputError
from kibaru.ingest.feeds import read_feed, read_warc
from kibaru.ingest.readers import ReadItem, read_csv, read_html, read_json, read_jsonl, read_txt
from kibaru.ingest.records import ReadOptions

__all__ = ["FORMATS", "estimate_items", "expand_paths", "format_of", "read_all"]

Reader = Callable[..., Iterator[ReadItem]]

FORMATS: dict[str, Reader] = {
    "txt": read_txt,
    "html": read_html,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "feed": read_feed,
    "warc": read_warc,
}

_SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}
_GLOB_CHARS = set("*?[")


def format_of(path: Path, *, sniff: bool = True) -> str | None:
    """Return the reader name for ``path`` from its extension; when unknown and ``sniff``,
    from its first bytes (else None)."""
    name = path.name.lower()
    if name.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind or not sniff:
        return kind
    try:
        with path.open("rb") as handle:
            head = handle.read(512).lstrip().lower()
    except OSError:
        return "txt"  # the reader reports the problem
    if head.startswith((b"warc/", b"\x1f\x8b")):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<?xml", b"<rss", b"<feed")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def expand_paths(arguments: Iterable[str]) -> Iterator[Path | str | InputError]:
    """Yield each file to read, in a stable order: folders recursively (known extensions,
    hidden files skipped), globs sorted, ``-`` as is; a missing path is an error."""
    for argument in arguments:
        if argument == "-":
            yield "-"
            continue
        path = Path(argument)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in rel) and format_of(child, sniff=False):
                    found = True
                    yield child
            if not found:  # recorded as a failure, not a silent run of nothing
                yield InputError("is a folder holding no file Kibaru reads (.txt, .html, .jsonl, "
                                 ".json, .csv, .rss/.atom/.xml, .warc)", origin=argument)
        elif path.exists() and not path.is_file():
            # Opening a named pipe or a device would block or never end.
            yield InputError("is not a regular file (a pipe, socket or device)", origin=argument)
        elif path.exists():
            yield path
        elif _GLOB_CHARS & set(argument):
            matches = sorted(Path(m) for m in glob.glob(argument, recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                yield InputError("matches no file", origin=argument)
            yield from files
        else:
            yield InputError("no such file or folder", origin=argument)


def _read_stdin(stream: BinaryIO, options: ReadOptions) -> Iterator[ReadItem]:
    peek = getattr(stream, "peek", None)
    head = (peek(64) if peek else b"").lstrip()
    if head.startswith(b"{"):
        yield from read_jsonl(Path("-"), options=options, origin="-", stream=stream)
    else:
        yield from read_txt(Path("-"), options=options, origin="-", stream=stream)


def read_all(arguments: Iterable[str], *, options: ReadOptions,
             stdin: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Yield every article (or read error) of every input, lazily, in a stable order;
    stop after ``options.max_items`` items."""
    count = 0
    for entry in expand_paths(arguments):
        if isinstance(entry, InputError):
            items: Iterable[ReadItem] = (entry,)
        elif entry == "-":
            items = _read_stdin(stdin or sys.stdin.buffer, options)
        else:
            assert isinstance(entry, Path)
            items = FORMATS[format_of(entry) or "txt"](entry, options=options)
        for item in items:
            yield item
            count += 1
            if options.max_items is not None and count >= options.max_items:
                return


def estimate_items(arguments: Iterable[str]) -> int | None:
    """Return a quick estimate of how many items the inputs hold (for the progress bar's
    ETA): one per text/HTML file, lines of JSONL and CSV files; None when unknown."""
    total = 0
    for entry in expand_paths(arguments):
        if isinstance(entry, InputError):
            total += 1
            continue
        if entry == "-" or not isinstance(entry, Path):
            return None
        kind = format_of(entry)
        if kind in ("txt", "html"):
            total += 1
        elif kind == "jsonl":
            try:
                with entry.open("rb") as handle:
                    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            except OSError:
                lines = 1
            total += max(1, lines)
        elif kind == "csv":
            total += max(1, _csv_rows(entry))
        else:
            return None
    return total


def _csv_rows(path: Path) -> int:
    """Count a CSV file's data rows (cells may span lines, so lines are no guide)."""
    import csv

    csv.field_size_limit(1 << 30)
    try:
        with path.open("r", encoding="utf-8", errors="replace", newline="") as handle:
            return max(0, sum(1 for _ in csv.reader(handle)) - 1)
    except (OSError, csv.Error):
        return 1
