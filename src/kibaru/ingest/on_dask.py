"""Ingest on a Dask cluster: ``kibaru ingest --engine dask``.

The driver reads, skips stored articles and links near-duplicates exactly as the plain
engine does, hands the articles to code to ``kibaru.scale.code_on_dask`` (partitions coded
on the cluster into Parquet parts), and loads each part into the store as it completes,
one transaction per part. The store stays single-writer: workers never open it.

Unlike the plain engine, parts complete out of order, so after a crash a rerun stores the
same articles and reports but may cluster reports that arrived in other orders differently.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from kibaru.config import PipelineConfig
from kibaru.contract import Article
from kibaru.errors import InputError
from kibaru.ingest.dedup import Deduplicator
from kibaru.ingest.records import ReadOptions
from kibaru.ingest.runner import (
    IngestProgress,
    IngestReport,
    _batched,
    _failure,
    _Linker,
    _Silent,
    pipeline_version,
)
from kibaru.ingest.sources import estimate_items, read_all
from kibaru.store import ArticleWrite, FailureRecord, RunCounts, Store

__all__ = ["ingest_on_dask"]


def ingest_on_dask(
    paths: Iterable[str],
    *,
    store: Store,
    config: PipelineConfig | None = None,
    scheduler: str | None = None,
    batch_size: int = 32,
    workers: int = 2,
    options: ReadOptions | None = None,
    progress: IngestProgress | None = None,
    dedup: Deduplicator | None = None,
    out_dir: Path | None = None,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Read ``paths``, code the new articles on Dask (a ``LocalCluster`` of ``workers``
    processes unless ``scheduler`` names one), and load the parts into ``store``."""
    from kibaru.scale import code_on_dask, read_part

    config = config or PipelineConfig()
    options = options or ReadOptions()
    progress = progress or _Silent()
    paths = list(paths)
    version = pipeline_version(config)
    run_id = store.begin_run("ingest", arguments={"paths": paths, "engine": "dask",
                                                  "scheduler": scheduler}, pipeline_version=version)
    linker = _Linker(store, dedup or Deduplicator())
    totals = RunCounts()
    failures: list[FailureRecord] = []
    waiting: dict[str, Article] = {}
    started = time.perf_counter()
    status = "interrupted"
    progress.start(None if "-" in paths else estimate_items(paths))

    def commit(writes: list[ArticleWrite], batch_failures: list[FailureRecord], counts: RunCounts,
               items: int) -> None:
        store.write_batch(writes, batch_failures, run_id=run_id, counts=counts)
        totals.add(counts)
        failures.extend(batch_failures)
        for failure in batch_failures:
            progress.failure(failure)
        progress.advance(items, totals)

    def to_code() -> Iterator[list[Article]]:
        """Yield the articles to code, batch by batch, storing skips and duplicates at once."""
        source = read_all(paths, options=options, stdin=stdin)
        for batch in _batched(source, max(1, batch_size)):
            counts = RunCounts(read=len(batch))
            batch_failures = [_failure(i) for i in batch if isinstance(i, InputError)]
            counts.failed = len(batch_failures)
            articles = [i for i in batch if isinstance(i, Article)]
            known = store.known_articles([a.id for a in articles])
            fresh: dict[str, Article] = {}
            for article in articles:
                if article.id in known or article.id in fresh or article.id in waiting:
                    counts.skipped += 1
                else:
                    fresh[article.id] = article
            links = linker.link(list(fresh.values()), keep_pending=True)
            writes, coding = [], []
            for article in fresh.values():
                signature, original, similarity = links[article.id]
                if original is None:
                    waiting[article.id] = article
                    coding.append(article)
                else:
                    counts.duplicates += 1
                    writes.append(ArticleWrite(article=article, status="duplicate", text=article.text,
                                               published=article.published, duplicate_of=original,
                                               similarity=similarity, minhash=signature.to_bytes(),
                                               bands=signature.bands))
            commit(writes, batch_failures, counts, len(batch) - len(coding))
            if coding:
                yield coding

    def load(part: object) -> None:
        _, coded, part_failures = read_part(part)  # type: ignore[arg-type]
        counts = RunCounts()
        writes: list[ArticleWrite] = []
        batch_failures: list[FailureRecord] = []
        done: list[str] = []
        for article_id, text, events in coded:
            article = waiting.pop(article_id, None)
            if article is None:
                continue
            signature = linker.pending.get(article_id)
            counts.new += 1
            counts.reports += len(events)
            writes.append(ArticleWrite(
                article=article, status="coded", text=text, published=article.published,
                events=tuple(events), minhash=signature.to_bytes() if signature else None,
                bands=signature.bands if signature else (), pipeline_version=version))
            done.append(article_id)
        for failure in part_failures:
            article = waiting.pop(failure.article_id, None) if failure.article_id else None
            counts.failed += 1
            batch_failures.append(FailureRecord(origin=failure.origin, stage=failure.stage,
                                                kind=failure.error, reason=failure.reason,
                                                article_id=failure.article_id))
            if article is not None:
                signature = linker.pending.get(article.id)
                writes.append(ArticleWrite(
                    article=article, status="failed", text=article.text,
                    minhash=signature.to_bytes() if signature else None,
                    bands=signature.bands if signature else (), pipeline_version=version))
                done.append(article.id)
        commit(writes, batch_failures, counts, len(done))
        linker.forget(done)

    try:
        with tempfile.TemporaryDirectory(prefix="kibaru-dask-") as tmp:
            code_on_dask(to_code(), out_dir=out_dir or Path(tmp), scheduler=scheduler, config=config,
                         partition_size=max(1, batch_size), n_workers=workers,
                         write_on="client" if scheduler else "worker", on_part=load)
        status = "done"
    finally:
        store.finish_run(run_id, status=status)
    return IngestReport(run_id=run_id, counts=totals, seconds=time.perf_counter() - started,
                        pipeline_version=version, failures=tuple(failures))
