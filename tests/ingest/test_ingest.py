"""Pin the batch runner: failures recorded and the batch goes on, idempotency, near-duplicate
linking, recode, worker processes, and events stored from the full pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.ingest.conftest import REPORTS

from kibaru.config import PipelineConfig
from kibaru.ingest import IngestReport, ReadOptions, ingest, recode
from kibaru.pipeline import Pipeline
from kibaru.store import EventFilter, FailureRecord, RunCounts, Store

FRENCH = ("Des hommes armés ont attaqué le village de Ogossagou dans le centre du Mali samedi, "
          "tuant au moins vingt villageois, selon les autorités locales qui ont dénoncé une "
          "attaque d'une violence inouïe contre les populations civiles de la région.")


class Recorder:
    """An IngestProgress that keeps what it was told."""

    def __init__(self) -> None:
        self.total: int | None = -1
        self.items = 0
        self.failures: list[FailureRecord] = []

    def start(self, total: int | None) -> None:
        self.total = total

    def advance(self, items: int, counts: RunCounts) -> None:
        self.items += items

    def failure(self, failure: FailureRecord) -> None:
        self.failures.append(failure)


def mixed_folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    (folder / "a-2024-03-02.txt").write_text(REPORTS[0])
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    (folder / "french.txt").write_text(FRENCH)
    (folder / "items.jsonl").write_text(
        json.dumps({"url": "https://x.test/2", "text": REPORTS[1], "published": "2024-03-03"}) + "\n"
        + "{broken\n"
        + json.dumps({"url": "https://x.test/3", "text": REPORTS[2], "published": "2024-02-31"}) + "\n"
        + json.dumps({"url": "https://x.test/4", "text": REPORTS[2], "published": "2024-03-04"}) + "\n")
    (folder / "rows.csv").write_text(f'url,date,text\nhttps://x.test/5,2024-03-05,"{REPORTS[0]} Copy."\n')
    return folder


def run(paths: list[Path], store: Store, pipeline: Pipeline, **kw: object) -> IngestReport:
    return ingest([str(p) for p in paths], store=store, pipeline=pipeline, workers=0,
                  batch_size=3, **kw)  # type: ignore[arg-type]


def test_bad_inputs_become_failures_and_the_batch_goes_on(tmp_path: Path, store: Store,
                                                          light_pipeline: Pipeline) -> None:
    progress = Recorder()
    report = run([mixed_folder(tmp_path)], store, light_pipeline, progress=progress)
    c = report.counts
    assert (c.read, c.new, c.duplicates, c.failed) == (9, 3, 1, 5)
    reasons = {(Path(f.origin).name, f.stage, f.kind) for f in store.failures()}
    assert reasons == {
        ("empty.txt", "read", "EmptyInputError"),
        ("binary.txt", "read", "BinaryInputError"),
        ("items.jsonl:2", "read", "MalformedInputError"),
        ("items.jsonl:3", "read", "InvalidDateError"),
        ("french.txt", "language", "UnsupportedLanguageError"),
    }
    assert len(progress.failures) == 5 and progress.items == 9 and progress.total == 9
    assert all("\n" not in f.line() for f in progress.failures)
    stats = store.stats()
    assert (stats.articles, stats.coded_articles, stats.duplicates, stats.failed_articles) == (5, 3, 1, 1)
    [run_row] = store.runs()
    assert (run_row.status, run_row.n_read, run_row.n_new, run_row.n_failed) == ("done", 9, 3, 5)


def test_ingesting_the_same_input_again_adds_nothing(tmp_path: Path, store: Store,
                                                     light_pipeline: Pipeline) -> None:
    folder = mixed_folder(tmp_path)
    run([folder], store, light_pipeline)
    tables = ("articles", "article_bands", "event_reports", "events", "failures")
    before = {t: store.execute(f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    again = run([folder], store, light_pipeline)
    assert again.counts.new == 0 and again.counts.skipped == 5 and again.counts.duplicates == 0
    assert {t: store.execute(f"SELECT count(*) FROM {t}")[0][0] for t in tables} == before


def test_syndicated_copy_is_linked_not_coded(tmp_path: Path, store: Store, light_pipeline: Pipeline) -> None:
    story = " ".join([REPORTS[0], REPORTS[2], REPORTS[1]])
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in [
        {"url": "https://a.test/story", "source": "Agency", "text": story},
        {"url": "https://b.test/copy", "source": "Daily", "text": story + " (Reporting by staff.)"},
        {"url": "https://c.test/other", "text": REPORTS[1]},
    ]))
    report = run([path], store, light_pipeline)
    assert (report.counts.new, report.counts.duplicates) == (2, 1)
    rows = store.execute("SELECT url, status, duplicate_of IS NOT NULL, similarity > 0.8 "
                         "FROM articles ORDER BY url")
    assert rows == [("https://a.test/story", "coded", False, None),
                    ("https://b.test/copy", "duplicate", True, True),
                    ("https://c.test/other", "coded", False, None)]
    # a later run links a further copy to the stored original
    later = tmp_path / "later.txt"
    later.write_text(story + " Updated at 10:00.")
    assert run([later], store, light_pipeline).counts.duplicates == 1


def test_recode_reprocesses_articles_of_another_pipeline_version(
    tmp_path: Path, store: Store, light_pipeline: Pipeline, light_config: PipelineConfig
) -> None:
    from kibaru.pipeline import build_pipeline
    from kibaru.resources import Resources

    run([mixed_folder(tmp_path)], store, light_pipeline)
    assert recode(store, pipeline=light_pipeline, workers=0).counts.read == 0
    shorter = PipelineConfig(stages=light_config.stages[:2])
    other = build_pipeline(shorter, resources=Resources(shorter))
    report = recode(store, pipeline=other, workers=0, batch_size=2)
    assert report.counts.read == 4  # 3 coded + 1 failed (french); the duplicate is not recoded
    assert report.counts.new == 4  # without the language stage the French text goes through
    versions = store.execute("SELECT DISTINCT pipeline_version FROM articles WHERE status <> 'duplicate'")
    assert versions == [(other.version,)]
    assert store.execute("SELECT count(*) FROM article_bands")[0][0] == 5 * 9


def test_worker_processes_code_the_batch(tmp_path: Path, store: Store, light_config: PipelineConfig) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps({"text": f"{r} Item {i}."}) + "\n"
                            for i, r in enumerate(REPORTS * 2)) + json.dumps({"text": FRENCH}) + "\n")
    report = ingest([str(path)], store=store, config=light_config, workers=2, batch_size=4)
    c = report.counts  # "Item 3" repeats "Item 0" but for its number: a near-duplicate
    assert (c.read, c.new, c.duplicates, c.failed) == (7, 3, 3, 1)
    assert store.stats().coded_articles == 3


def test_max_bytes_and_max_items_are_honoured(tmp_path: Path, store: Store, light_pipeline: Pipeline) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 5000)
    small = tmp_path / "small.jsonl"
    small.write_text("".join(json.dumps({"text": f"{REPORTS[0]} {i}"}) + "\n" for i in range(10)))
    report = run([big, small], store, light_pipeline, options=ReadOptions(max_bytes=10_000, max_items=4))
    assert report.counts.read == 4 and report.counts.failed == 1
    assert "10,000-byte limit" in store.failures()[0].reason


def test_full_pipeline_stores_events_with_evidence(tmp_path: Path, store: Store, full_pipeline: Pipeline) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps({"text": r, "published": "2024-03-04", "url": f"https://r.test/{i}"}) + "\n"
                            for i, r in enumerate(REPORTS)))
    report = run([path], store, full_pipeline)
    assert report.counts.new == 3 and report.counts.reports >= 2
    records = store.query_events(EventFilter(), limit=50)
    assert records
    for record in records:
        article = store.get_article(record.event.article_id)
        assert article is not None
        ev = record.event.evidence
        assert " ".join(article.text[ev.sentence_start:ev.sentence_end].split()) == record.evidence_text
        assert record.event.pipeline_version == full_pipeline.version
    detail = store.get_event(records[0].event_id)
    assert detail is not None and detail.reports and detail.articles


def test_recycled_worker_processes_lose_no_article(tmp_path: Path, store: Store, light_config: PipelineConfig,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers are replaced every WORKER_RECYCLE articles to bound memory; a replacement in the
    # middle of a batch must neither drop nor repeat an article.
    from kibaru.ingest import runner

    monkeypatch.setattr(runner, "WORKER_RECYCLE", 2)
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps({"text": f"{r} Item number {i} of the series."}) + "\n"
                            for i, r in enumerate(REPORTS * 3)))
    report = ingest([str(path)], store=store, config=light_config, workers=2, batch_size=5)
    assert report.counts.read == len(REPORTS) * 3 and report.counts.failed == 0
    assert store.execute("SELECT count(*) FROM articles")[0][0] == len(REPORTS) * 3
