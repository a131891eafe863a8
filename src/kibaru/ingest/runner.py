"""Ingest streams of articles into the store, in batches, on every core; recode them.

Per batch (``batch_size`` items read, whatever they turn out to be):

1. read errors become failures (stage ``read``);
2. articles already stored (same content-derived id) are skipped before any work;
3. near-duplicates of stored or earlier articles are linked (``duplicate_of``), not coded;
4. the rest is coded by a pool of worker processes, each holding one pipeline;
5. everything is written in one transaction (``Store.write_batch``).

Batches are cut from the input stream before skipping, so a rerun after a crash forms the
same batches as an uninterrupted run and ends in the same state.
"""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import Pool
from typing import Any, BinaryIO, Protocol

from kibaru.config import PipelineConfig
from kibaru.contract import Article, Event
from kibaru.errors import InputError, KibaruError, StageError, UnsupportedLanguageError
from kibaru.ingest.dedup import Deduplicator, Signature
from kibaru.ingest.records import ReadOptions
from kibaru.ingest.sources import estimate_items, read_all
from kibaru.pipeline import Pipeline, config_hash
from kibaru.store import ArticleWrite, FailureRecord, RunCounts, Store
from kibaru.version import __version__

__all__ = ["KEPT_FAILURES", "IngestProgress", "IngestReport", "Outcome", "ingest", "pipeline_version",
           "recode"]


KEPT_FAILURES = 1000
"""Most failures an ``IngestReport`` carries in memory."""


class IngestProgress(Protocol):
    """What a run reports as it goes (the CLI draws a progress bar from it)."""

    def start(self, total: int | None) -> None:
        """The run starts; ``total`` items are expected (None when unknown)."""

    def advance(self, items: int, counts: RunCounts) -> None:
        """A batch of ``items`` was committed; ``counts`` are the run's totals so far."""

    def failure(self, failure: FailureRecord) -> None:
        """Something could not be read or coded."""


class _Silent:
    def start(self, total: int | None) -> None:
        pass

    def advance(self, items: int, counts: RunCounts) -> None:
        pass

    def failure(self, failure: FailureRecord) -> None:
        pass


@dataclass(frozen=True)
class IngestReport:
    """What a finished run did."""

    run_id: str
    counts: RunCounts
    seconds: float
    pipeline_version: str
    failures: tuple[FailureRecord, ...] = field(default=())
    """The first ``KEPT_FAILURES`` failures (the store's failures table holds them all), so
    that a run over millions of bad items keeps bounded memory."""

    @property
    def items_per_second(self) -> float:
        """Return the items read per second of wall time."""
        return self.counts.read / self.seconds if self.seconds else 0.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """What coding one article produced (sent back from a worker process)."""

    article_id: str
    text: str | None = None
    language: str | None = None
    events: tuple[Event, ...] = ()
    published: Any = None
    stage: str | None = None
    kind: str | None = None
    reason: str | None = None


def pipeline_version(config: PipelineConfig) -> str:
    """Return the version string the pipeline for ``config`` stamps on its events."""
    return f"{__version__}+{config_hash(config)}"


def code_article(pipeline: Pipeline, article: Article) -> Outcome:
    """Code one article; turn a failure into an ``Outcome`` naming the stage and reason."""
    try:
        doc = pipeline(article)
    except UnsupportedLanguageError as exc:
        return Outcome(article.id, stage="language", kind=type(exc).__name__, reason=exc.reason)
    except StageError as exc:
        return Outcome(article.id, stage=exc.stage, kind=type(exc).__name__, reason=str(exc))
    except InputError as exc:
        return Outcome(article.id, stage="clean", kind=type(exc).__name__, reason=exc.reason)
    except KibaruError as exc:
        return Outcome(article.id, stage="code", kind=type(exc).__name__, reason=str(exc))
    return Outcome(article.id, text=doc.text, language=doc.language, events=doc.events,
                   published=doc.published or article.published)


# -- worker processes: each builds the pipeline once ------------------------------------

WORKER_RECYCLE = 10_000
"""Articles a worker process codes before it is replaced by a fresh one. spaCy's string
store and the resolvers' caches grow with every new word a worker sees; replacing the
process now and then (a model load, about 3 s, every few minutes) keeps an ingest's memory
independent of the corpus size."""

_worker_pipeline: Pipeline | None = None
_worker_error: BaseException | None = None


def _init_worker(config: PipelineConfig) -> None:
    global _worker_pipeline, _worker_error
    from kibaru.coder import default_pipeline

    try:
        _worker_pipeline = default_pipeline(config)
    except KibaruError as exc:  # raised again on first use, so the pool does not respawn forever
        _worker_error = exc


def _code_in_worker(article: Article) -> Outcome:
    if _worker_pipeline is None:
        raise _worker_error or RuntimeError("worker pipeline was not built")
    return code_article(_worker_pipeline, article)


class _Coder:
    """Code articles in-process (``workers=0``) or on a pool of worker processes."""

    def __init__(self, config: PipelineConfig, *, workers: int, pipeline: Pipeline | None) -> None:
        self.config = config
        self.workers = workers
        self.pipeline = pipeline
        self.pool: Pool | None = None

    def code(self, articles: Sequence[Article]) -> list[Outcome]:
        if not articles:
            return []
        if self.workers <= 0:
            if self.pipeline is None:
                from kibaru.coder import default_pipeline

                self.pipeline = default_pipeline(self.config)
            return [code_article(self.pipeline, a) for a in articles]
        if self.pool is None:
            # spawn: DuckDB's threads in this process must not be forked into the workers.
            context = multiprocessing.get_context("spawn")
            self.pool = context.Pool(self.workers, initializer=_init_worker, initargs=(self.config,),
                                     maxtasksperchild=WORKER_RECYCLE)
        return list(self.pool.imap(_code_in_worker, articles, chunksize=1))

    def close(self, *, abort: bool = False) -> None:
        if self.pool is not None:
            if abort:
                self.pool.terminate()
            else:
                self.pool.close()
            self.pool.join()
            self.pool = None


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _failure(error: InputError) -> FailureRecord:
    return FailureRecord(origin=error.origin or "-", stage="read", kind=type(error).__name__,
                         reason=error.reason)


class _Linker:
    """Decide, per batch, which new articles are near-duplicates of stored or earlier ones.

    ``pending`` holds originals read earlier but not stored yet (the Dask engine codes
    several batches at once), so they are compared against too.
    """

    def __init__(self, store: Store, dedup: Deduplicator) -> None:
        self.store = store
        self.dedup = dedup
        self.pending: dict[str, Signature] = {}
        self._pending_bands: dict[tuple[int, int], list[str]] = {}

    def forget(self, article_ids: Iterable[str]) -> None:
        """Drop originals from ``pending`` once they are stored."""
        for article_id in article_ids:
            signature = self.pending.pop(article_id, None)
            if signature is None:
                continue
            for band, key in enumerate(signature.bands):
                ids = self._pending_bands.get((band, key), [])
                if article_id in ids:
                    ids.remove(article_id)
                if not ids:
                    self._pending_bands.pop((band, key), None)

    def link(self, articles: Sequence[Article], *, keep_pending: bool = False
             ) -> dict[str, tuple[Signature, str | None, float | None]]:
        signatures = {a.id: self.dedup.signature(a.text) for a in articles}
        keys = [(b, k) for s in signatures.values() for b, k in enumerate(s.bands)]
        stored = self.store.band_matches(keys)
        candidates_of = {
            a.id: sorted({i for b, k in enumerate(signatures[a.id].bands) for i in stored.get((b, k), [])})
            for a in articles
        }
        stored_sigs = self.store.signatures(sorted({i for c in candidates_of.values() for i in c}))
        seen = {key: list(ids) for key, ids in self._pending_bands.items()}
        known = dict(self.pending)
        out: dict[str, tuple[Signature, str | None, float | None]] = {}
        for article in articles:
            signature = signatures[article.id]
            best: tuple[float, str] | None = None
            for other in candidates_of[article.id]:
                if other in stored_sigs:
                    best = _better(best, self.dedup.similarity(signature, stored_sigs[other]), other)
            for band, key in enumerate(signature.bands):
                for other in seen.get((band, key), []):
                    best = _better(best, self.dedup.similarity(signature, known[other]), other)
            if best is not None and best[0] >= self.dedup.threshold:
                out[article.id] = (signature, best[1], best[0])
                continue
            out[article.id] = (signature, None, None)
            known[article.id] = signature
            for band, key in enumerate(signature.bands):
                seen.setdefault((band, key), []).append(article.id)
            if keep_pending:
                self.pending[article.id] = signature
                for band, key in enumerate(signature.bands):
                    self._pending_bands.setdefault((band, key), []).append(article.id)
        return out


def _better(best: tuple[float, str] | None, score: float, other: str) -> tuple[float, str]:
    if best is None or score > best[0] or (score == best[0] and other < best[1]):
        return (score, other)
    return best


def ingest(
    paths: Iterable[str],
    *,
    store: Store,
    config: PipelineConfig | None = None,
    batch_size: int = 32,
    workers: int = 2,
    options: ReadOptions | None = None,
    progress: IngestProgress | None = None,
    pipeline: Pipeline | None = None,
    dedup: Deduplicator | None = None,
    stdin: BinaryIO | None = None,
    items: Iterable[Article | InputError] | None = None,
) -> IngestReport:
    """Read, deduplicate, code and store every article of ``paths`` (files, folders,
    globs, ``-``), or of ``items`` when given; return what the run did. ``workers=0`` codes
    in this process (with ``pipeline`` when given)."""
    config = config or PipelineConfig()
    options = options or ReadOptions()
    progress = progress or _Silent()
    dedup = dedup or Deduplicator()
    paths = list(paths)
    version = pipeline.version if pipeline is not None else pipeline_version(config)
    run_id = store.begin_run("ingest", arguments={"paths": paths, "batch_size": batch_size,
                                                  "workers": workers}, pipeline_version=version)
    coder = _Coder(config, workers=workers, pipeline=pipeline)
    linker = _Linker(store, dedup)
    totals = RunCounts()
    failures: list[FailureRecord] = []
    started = time.perf_counter()
    status = "interrupted"
    if items is not None:
        items = list(items)
        progress.start(len(items))
        source: Iterable[Article | InputError] = items
    else:
        progress.start(None if "-" in paths else estimate_items(paths))
        source = read_all(paths, options=options, stdin=stdin)
    try:
        for batch in _batched(source, max(1, batch_size)):
            counts = _ingest_batch(batch, store=store, coder=coder, linker=linker, run_id=run_id,
                                   version=version)
            totals.add(counts)
            failures.extend(counts.failures[: max(0, KEPT_FAILURES - len(failures))])
            for failure in counts.failures:
                progress.failure(failure)
            progress.advance(len(batch), totals)
        status = "done"
    finally:
        coder.close(abort=status != "done")
        store.finish_run(run_id, status=status)
    return IngestReport(run_id=run_id, counts=totals, seconds=time.perf_counter() - started,
                        pipeline_version=version, failures=tuple(failures))


def _ingest_batch(batch: Sequence[Article | InputError], *, store: Store, coder: _Coder,
                  linker: _Linker, run_id: str, version: str) -> RunCounts:
    counts = RunCounts(read=len(batch))
    failures = [_failure(item) for item in batch if isinstance(item, InputError)]
    articles = [item for item in batch if isinstance(item, Article)]
    known = store.known_articles([a.id for a in articles])
    fresh: dict[str, Article] = {}
    for article in articles:
        if article.id in known or article.id in fresh:
            counts.skipped += 1
        else:
            fresh[article.id] = article
    links = linker.link(list(fresh.values()))
    writes: list[ArticleWrite] = []
    to_code: list[Article] = []
    for article in fresh.values():
        signature, original, similarity = links[article.id]
        if original is None:
            to_code.append(article)
            continue
        counts.duplicates += 1
        writes.append(ArticleWrite(article=article, status="duplicate", text=article.text,
                                   published=article.published, duplicate_of=original,
                                   similarity=similarity, minhash=signature.to_bytes(),
                                   bands=signature.bands, pipeline_version=None))
    for article, outcome in zip(to_code, coder.code(to_code), strict=True):
        signature = links[article.id][0]
        if outcome.reason is not None:
            counts.failed += 1
            failures.append(FailureRecord(origin=article.origin or article.id, stage=outcome.stage or "code",
                                          kind=outcome.kind or "KibaruError", reason=outcome.reason,
                                          article_id=article.id))
            writes.append(ArticleWrite(article=article, status="failed", text=article.text,
                                       minhash=signature.to_bytes(), bands=signature.bands,
                                       pipeline_version=version))
            continue
        counts.new += 1
        counts.reports += len(outcome.events)
        writes.append(ArticleWrite(article=article, status="coded", text=outcome.text or "",
                                   language=outcome.language, published=outcome.published,
                                   events=outcome.events, minhash=signature.to_bytes(),
                                   bands=signature.bands, pipeline_version=version))
    counts.failed += sum(1 for f in failures if f.stage == "read")
    store.write_batch(writes, failures, run_id=run_id, counts=counts)
    counts.failures = failures
    return counts


def recode(
    store: Store,
    config: PipelineConfig | None = None,
    *,
    batch_size: int = 32,
    workers: int = 2,
    progress: IngestProgress | None = None,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """Re-code every stored article (not duplicates) whose pipeline version differs from
    the current one, replacing its reports and re-clustering their events."""
    config = config or PipelineConfig()
    progress = progress or _Silent()
    version = pipeline.version if pipeline is not None else pipeline_version(config)
    run_id = store.begin_run("recode", pipeline_version=version)
    pending = store.execute("SELECT count(*) FROM articles WHERE status <> 'duplicate' AND "
                            "coalesce(pipeline_version, '') <> ?", [version])[0][0]
    progress.start(int(pending))
    coder = _Coder(config, workers=workers, pipeline=pipeline)
    totals = RunCounts()
    failures: list[FailureRecord] = []
    started = time.perf_counter()
    status = "interrupted"
    after = ""
    try:
        while rows := store.articles_to_recode(version, after=after, limit=max(1, batch_size)):
            after = rows[-1][0]
            articles = [Article(id=r[0], text=r[1], url=r[2], title=r[3], source=r[4], origin=r[5],
                                published=r[6]) for r in rows]
            counts = RunCounts(read=len(articles))
            writes, batch_failures = [], []
            for article, outcome in zip(articles, coder.code(articles), strict=True):
                if outcome.reason is not None:
                    counts.failed += 1
                    batch_failures.append(FailureRecord(
                        origin=article.origin or article.id, stage=outcome.stage or "code",
                        kind=outcome.kind or "KibaruError", reason=outcome.reason, article_id=article.id))
                    writes.append(ArticleWrite(article=article, status="failed", text=article.text,
                                               pipeline_version=version))
                else:
                    counts.new += 1
                    counts.reports += len(outcome.events)
                    writes.append(ArticleWrite(article=article, status="coded", text=outcome.text or "",
                                               language=outcome.language, published=outcome.published,
                                               events=outcome.events, pipeline_version=version))
            _keep_signatures(store, writes)
            store.write_batch(writes, batch_failures, run_id=run_id, counts=counts, replace=True)
            totals.add(counts)
            failures.extend(batch_failures[: max(0, KEPT_FAILURES - len(failures))])
            for failure in batch_failures:
                progress.failure(failure)
            progress.advance(len(articles), totals)
        status = "done"
    finally:
        coder.close(abort=status != "done")
        store.finish_run(run_id, status=status)
    return IngestReport(run_id=run_id, counts=totals, seconds=time.perf_counter() - started,
                        pipeline_version=version, failures=tuple(failures))


def _keep_signatures(store: Store, writes: list[ArticleWrite]) -> None:
    """Carry each article's stored MinHash signature and band keys over its rewrite."""
    ids = [w.article.id for w in writes]
    signatures = store.signatures(ids)
    bands: dict[str, list[tuple[int, int]]] = {}
    if ids:
        for article_id, band, key in store.execute(
            "SELECT article_id, band, band_key FROM article_bands WHERE list_contains(?, article_id)",
            [ids],
        ):
            bands.setdefault(article_id, []).append((band, key))
    for i, write in enumerate(writes):
        keys = tuple(k for _, k in sorted(bands.get(write.article.id, [])))
        writes[i] = dataclasses.replace(write, minhash=signatures.get(write.article.id), bands=keys)
