"""Code articles on a Dask cluster, one partition per task, into Parquet parts.

``code_on_dask`` cuts the input into partitions of ``partition_size`` articles and codes each
on a Dask worker. A worker builds the pipeline once per process (``kibaru.coder.
default_pipeline`` caches it, spaCy model included) and writes three Parquet files per part:

- ``part-NNNNN.articles.parquet``: ``PART_ARTICLE_SCHEMA`` (raw and cleaned text, metadata);
- ``part-NNNNN.events.parquet``: the flat export schema plus ``event_json`` (the full event,
  with actor and place spans), one row per coded event of any modality;
- ``part-NNNNN.failures.parquet``: ``PART_FAILURE_SCHEMA``, one row per article that could not
  be read or coded, with the stage and a one-line reason.

The parts are the hand-over to the store: ``kibaru ingest --engine dask`` loads them with
``read_part`` (the store stays single-writer; workers never touch the database). With no
``scheduler`` a ``distributed.LocalCluster`` of ``n_workers`` processes is started and shut
down; with an address (``tcp://host:8786``) an existing cluster is used. ``write_on="worker"``
needs ``out_dir`` on a filesystem every worker shares; ``write_on="client"`` ships each part's
Arrow tables back and writes them here instead. See docs/scaling.md.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from kibaru.articles import make_article
from kibaru.config import PipelineConfig
from kibaru.contract import Actor, Article, Event, Span
from kibaru.errors import ConfigError, InputError, KibaruError, MalformedInputError, StageError
from kibaru.export.jsonl import event_from_json
from kibaru.export.rows import FLAT_SCHEMA, ExportItem, flat_row
from kibaru.reading import read_text

__all__ = [
    "PART_ARTICLE_SCHEMA",
    "PART_EVENT_SCHEMA",
    "PART_FAILURE_SCHEMA",
    "Failure",
    "PartPaths",
    "code_on_dask",
    "code_partition",
    "read_articles",
    "read_part",
]

PART_ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("source", pa.string()),
    ("published", pa.date32()),
    ("origin", pa.string()),
    ("language", pa.string()),
    ("raw_text", pa.string()),
    ("text", pa.string()),
    ("n_events", pa.int32()),
    ("pipeline_version", pa.string()),
])
PART_EVENT_SCHEMA = FLAT_SCHEMA.append(pa.field("event_json", pa.string()))
PART_FAILURE_SCHEMA = pa.schema([
    ("origin", pa.string()),
    ("article_id", pa.string()),
    ("stage", pa.string()),
    ("error", pa.string()),
    ("reason", pa.string()),
])


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read or coded, with a one-line reason."""

    origin: str
    reason: str
    error: str = "InputError"
    stage: str = "read"
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class PartPaths:
    """The three Parquet files of one coded partition and their row counts."""

    index: int
    articles: Path
    events: Path
    failures: Path
    n_articles: int
    n_events: int
    n_failures: int


# ---------------------------------------------------------------------------- reading input

def read_articles(path: Path) -> Iterator[Article | Failure]:
    """Yield the articles of one input file (``.jsonl``: one JSON object per line with
    ``text`` and optional ``url``, ``title``, ``published``/``date``, ``source``; anything
    else: one plain-text article), or a ``Failure`` for what cannot be read."""
    origin = str(path)
    if path.suffix.lower() != ".jsonl":
        try:
            yield make_article(read_text(path, origin=origin), origin=origin)
        except InputError as exc:
            yield Failure(origin=origin, reason=exc.reason, error=type(exc).__name__)
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Failure(origin=origin, reason=f"cannot be read: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            where = f"{origin}:{number}"
            if not raw.strip():
                continue
            try:
                data = json.loads(raw.decode("utf-8"))
                if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                    raise MalformedInputError("is not a JSON object with a text field", origin=where)
                yield make_article(
                    data["text"], published=data.get("published") or data.get("date"),
                    url=data.get("url"), title=data.get("title"), source=data.get("source"),
                    origin=where,
                )
            except UnicodeDecodeError as exc:
                yield Failure(origin=where, reason=f"is not UTF-8 ({exc.reason})", error="EncodingError")
            except json.JSONDecodeError as exc:
                yield Failure(origin=where, reason=f"is not valid JSON: {exc.msg}", error="MalformedInputError")
            except InputError as exc:
                yield Failure(origin=where, reason=exc.reason, error=type(exc).__name__)


def _iter_inputs(
    inputs: Iterable[Article | str | Path], reader: Callable[[Path], Iterable[Article | Failure]]
) -> Iterator[Article | Failure]:
    for item in inputs:
        if isinstance(item, Article):
            yield item
        else:
            yield from reader(Path(item))


# ---------------------------------------------------------------------------- the task

def _span_json(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None


def _event_payload(event: Event) -> str:
    """Return the event's contract JSON plus the spans the contract JSON leaves out."""
    data = event.to_json()
    for key, actors in (("source_actors", event.source_actors), ("target_actors", event.target_actors)):
        for out, actor in zip(data[key], actors, strict=True):
            out["span"] = _span_json(actor.span)
    if event.location is not None and data["location"] is not None:
        data["location"]["span"] = _span_json(event.location.span)
    return json.dumps(data, ensure_ascii=False)


def _event_from_payload(payload: str) -> Event:
    data = json.loads(payload)
    event = event_from_json(data)

    def with_span(actor: Actor, raw: dict[str, Any]) -> Actor:
        span = raw.get("span")
        return dataclasses.replace(actor, span=Span(*span) if span else None)

    sources = tuple(with_span(a, r) for a, r in zip(event.source_actors, data["source_actors"], strict=True))
    targets = tuple(with_span(a, r) for a, r in zip(event.target_actors, data["target_actors"], strict=True))
    location = event.location
    if location is not None and data["location"].get("span"):
        location = dataclasses.replace(location, span=Span(*data["location"]["span"]))
    return dataclasses.replace(event, source_actors=sources, target_actors=targets, location=location)


def _tables(
    articles: Sequence[Article], failures: Sequence[Failure], config: PipelineConfig
) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Code ``articles`` with the process-wide pipeline and return the three part tables."""
    from kibaru.coder import default_pipeline

    pipeline = default_pipeline(config)
    article_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    failure_rows = [
        {"origin": f.origin, "article_id": f.article_id, "stage": f.stage, "error": f.error, "reason": f.reason}
        for f in failures
    ]
    for article in articles:
        origin = article.origin or article.url or article.id
        if len(article.text) > config.max_article_chars:
            failure_rows.append({"origin": origin, "article_id": article.id, "stage": "read",
                                 "error": "InputTooLargeError",
                                 "reason": f"article is {len(article.text):,} characters, over the "
                                           f"{config.max_article_chars:,} limit"})
            continue
        try:
            doc = pipeline(article)
        except KibaruError as exc:
            stage = exc.stage if isinstance(exc, StageError) else "pipeline"
            failure_rows.append({"origin": origin, "article_id": article.id, "stage": stage,
                                 "error": type(exc).__name__, "reason": str(exc).splitlines()[0]})
            continue
        article_rows.append({
            "article_id": article.id, "url": article.url, "title": article.title,
            "source": article.source, "published": doc.published or article.published,
            "origin": article.origin, "language": doc.language, "raw_text": article.text,
            "text": doc.text, "n_events": len(doc.events), "pipeline_version": pipeline.version,
        })
        for event in doc.events:
            row = flat_row(ExportItem(event=event, sources=(article.source or article.id,),
                                      article_ids=(article.id,), url=article.url))
            ev = event.evidence
            row["evidence_text"] = " ".join(doc.text[ev.sentence_start : ev.sentence_end].split())
            row["event_json"] = _event_payload(event)
            event_rows.append(row)
    return (
        pa.Table.from_pylist(article_rows, schema=PART_ARTICLE_SCHEMA),
        pa.Table.from_pylist(event_rows, schema=PART_EVENT_SCHEMA),
        pa.Table.from_pylist(failure_rows, schema=PART_FAILURE_SCHEMA),
    )


def _write_part(index: int, out_dir: Path, tables: tuple[pa.Table, pa.Table, pa.Table]) -> PartPaths:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"part-{index:05d}.{kind}.parquet" for kind in ("articles", "events", "failures")]
    for path, table in zip(paths, tables, strict=True):
        tmp = path.with_suffix(".parquet.tmp")
        pq.write_table(table, tmp, compression="zstd")
        tmp.replace(path)  # a part appears whole or not at all
    return PartPaths(index=index, articles=paths[0], events=paths[1], failures=paths[2],
                     n_articles=tables[0].num_rows, n_events=tables[1].num_rows,
                     n_failures=tables[2].num_rows)


def code_partition(
    index: int,
    articles: Sequence[Article],
    failures: Sequence[Failure],
    config: PipelineConfig,
    out_dir: str | None,
) -> PartPaths | bytes:
    """Code one partition (runs on a worker): write its part under ``out_dir`` and return
    the paths, or (``out_dir`` None) return the three tables as Arrow IPC bytes."""
    tables = _tables(articles, failures, config)
    if out_dir is not None:
        return _write_part(index, Path(out_dir), tables)
    sink = io.BytesIO()
    for table in tables:
        buffer = pa.BufferOutputStream()
        with pa.ipc.new_stream(buffer, table.schema) as writer:
            writer.write_table(table)
        data = buffer.getvalue().to_pybytes()
        sink.write(len(data).to_bytes(8, "little") + data)
    return sink.getvalue()


def _tables_from_bytes(data: bytes) -> tuple[pa.Table, pa.Table, pa.Table]:
    tables = []
    offset = 0
    for _ in range(3):
        size = int.from_bytes(data[offset : offset + 8], "little")
        offset += 8
        tables.append(pa.ipc.open_stream(data[offset : offset + size]).read_all())
        offset += size
    return tables[0], tables[1], tables[2]


# ---------------------------------------------------------------------------- the driver

def _partitions(
    items: Iterator[Article | Failure], size: int
) -> Iterator[tuple[list[Article], list[Failure]]]:
    while True:
        chunk = list(itertools.islice(items, size))
        if not chunk:
            return
        yield [a for a in chunk if isinstance(a, Article)], [f for f in chunk if isinstance(f, Failure)]


def code_on_dask(
    inputs: Iterable[Article | str | Path] | Iterable[Sequence[Article]],
    *,
    out_dir: str | Path,
    scheduler: str | None = None,
    config: PipelineConfig | None = None,
    partition_size: int = 200,
    n_workers: int = 2,
    processes: bool = True,
    write_on: Literal["worker", "client"] = "worker",
    max_in_flight: int | None = None,
    reader: Callable[[Path], Iterable[Article | Failure]] = read_articles,
    on_part: Callable[[PartPaths], None] | None = None,
) -> list[PartPaths]:
    """Code ``inputs`` (articles, batches of articles, or input file paths) on Dask and
    return the Parquet parts written under ``out_dir``, in partition order.

    At most ``max_in_flight`` partitions (default ``2 * workers + 1``) are in the cluster
    at once, so the driver's memory is bounded whatever the input size. ``on_part`` is
    called as each part completes (for progress bars or loading while coding continues).
    """
    from distributed import Client, LocalCluster, as_completed

    config = config or PipelineConfig()
    if partition_size < 1:
        raise ConfigError("partition_size must be at least 1")
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)

    def flatten() -> Iterator[Article | Failure]:
        for item in inputs:
            if isinstance(item, (list, tuple)):
                yield from item
            else:
                yield from _iter_inputs([item], reader)  # type: ignore[list-item]

    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=n_workers, threads_per_worker=1, processes=processes,
                dashboard_address=":0", silence_logs=40,
            )
            client = Client(cluster)  # type: ignore[no-untyped-call]
        else:
            client = Client(scheduler, timeout="20s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    parts: list[PartPaths] = []
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
        window = max_in_flight or 2 * workers + 1
        target = str(out) if write_on == "worker" else None
        partitions = enumerate(_partitions(flatten(), partition_size))
        index_of: dict[str, int] = {}
        run = uuid.uuid4().hex[:8]
        pending = as_completed()  # type: ignore[no-untyped-call]

        def submit(count: int) -> None:
            for index, (articles, failures) in itertools.islice(partitions, count):
                future = client.submit(code_partition, index, articles, failures, config, target,
                                       pure=False, key=f"kibaru-part-{index:05d}-{run}")
                index_of[str(future.key)] = index
                pending.add(future)  # type: ignore[no-untyped-call]

        submit(window)
        for future in pending:
            result = future.result()
            if isinstance(result, PartPaths):
                part = result
            else:
                part = _write_part(index_of[str(future.key)], out, _tables_from_bytes(result))
            future.release()
            parts.append(part)
            if on_part is not None:
                on_part(part)
            submit(1)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
    return sorted(parts, key=lambda p: p.index)


# ---------------------------------------------------------------------------- reading parts

def read_part(part: PartPaths) -> tuple[list[Article], list[tuple[str, str, list[Event]]], list[Failure]]:
    """Read a part back: its articles (raw text as received), per article ``(article_id,
    cleaned text, events)``, and its failures."""
    arts = pq.read_table(part.articles).to_pylist()
    events_by_article: dict[str, list[Event]] = {}
    for row in pq.read_table(part.events, columns=["article_id", "event_json"]).to_pylist():
        events_by_article.setdefault(row["article_id"], []).append(_event_from_payload(row["event_json"]))
    articles = [
        Article(id=r["article_id"], text=r["raw_text"], published=r["published"], url=r["url"],
                title=r["title"], source=r["source"], language=r["language"], origin=r["origin"])
        for r in arts
    ]
    coded = [(r["article_id"], r["text"], events_by_article.get(r["article_id"], [])) for r in arts]
    failures = [
        Failure(origin=r["origin"], reason=r["reason"], error=r["error"], stage=r["stage"], article_id=r["article_id"])
        for r in pq.read_table(part.failures).to_pylist()
    ]
    return articles, coded, failures
