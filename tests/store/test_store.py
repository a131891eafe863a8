"""Pin the store: migrations, batch writes, clustering into events, typed reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.store.conftest import GAO, TEXT

from kibaru.contract import Event
from kibaru.errors import MigrationError, QueryError, StoreError
from kibaru.store import ArticleWrite, EventFilter, EventRecord, FailureRecord, Store


def test_open_creates_the_schema_and_records_migrations(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.duckdb") as store:
        assert store.stats().schema == ("0001_initial", "0002_indexes")
    with Store.open(tmp_path / "new.duckdb") as store:  # reopening applies nothing twice
        assert store.stats().schema == ("0001_initial", "0002_indexes")


def test_read_only_open_of_a_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at .*kibaru ingest"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("hello, this is not DuckDB\n" * 100)
    with pytest.raises(StoreError):
        Store.open(path)


def test_unknown_migrations_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.duckdb"
    with Store.open(path) as store:
        store._db.conn.execute("INSERT INTO migrations VALUES (99, '0099_future', now())")
    with pytest.raises(MigrationError, match="does not know"):
        Store.open(path)


def test_batch_write_stores_article_reports_actors_and_events(
    store: Store, make_write: Callable[..., ArticleWrite], make_event: Callable[..., Event]
) -> None:
    item = make_write(events=lambda aid: (
        make_event(aid, 1),
        make_event(aid, 2, plover="ASSAULT", acled="Battles", location=GAO, dead=3,
                   source="Soldiers", target="Gunmen", sentence=(85, 136)),
        make_event(aid, 3, modality="hypothetical", sentence=(137, len(TEXT))),
    ))
    store.write_batch([item])
    stats = store.stats()
    assert (stats.articles, stats.reports, stats.events, stats.asserted_events) == (1, 3, 3, 2)
    records = store.query_events(EventFilter())
    assert [r.event.location.name for r in records if r.event.location] == ["Gao", "Ogossagou"] or len(records) == 2
    assert all(isinstance(r, EventRecord) for r in records)
    attack = next(r for r in records if r.event.acled_event_type == "Violence against civilians")
    assert attack.evidence_text == TEXT[:84].strip()
    assert attack.event.fatalities is not None and attack.event.fatalities.best == 12
    assert [a.name for a in attack.event.source_actors] == ["Gunmen"]
    assert store.count_events(EventFilter(modalities=("hypothetical",))) == 1


def test_writing_the_same_batch_twice_changes_nothing(
    store: Store, make_write: Callable[..., ArticleWrite], make_event: Callable[..., Event]
) -> None:
    item = make_write(events=lambda aid: (make_event(aid, 1),))
    failure = FailureRecord(origin="bad.json:3", stage="read", kind="MalformedInputError", reason="broken")
    store.write_batch([item], [failure])
    before = store.stats()
    store.write_batch([item], [failure])
    after = store.stats()
    assert (after.articles, after.reports, after.events, after.failures) == (
        before.articles, before.reports, before.events, before.failures) == (1, 1, 1, 1)


def test_reports_of_one_attack_in_two_outlets_become_one_event_with_both_sources(
    store: Store, make_write: Callable[..., ArticleWrite], make_event: Callable[..., Event]
) -> None:
    first = make_write(url="https://a.example/1", events=lambda aid: (make_event(aid, 1, dead=12),))
    second = make_write(TEXT + " More later.", url="https://b.example/2",
                        events=lambda aid: (make_event(aid, 1, dead=10),))
    store.write_batch([first])
    store.write_batch([second])
    assert store.stats().reports == 2
    records = store.query_events(EventFilter())
    assert len(records) == 1
    record = records[0]
    assert record.n_reports == 2 and record.n_sources == 2
    assert record.sources == ("a.example", "b.example")
    assert record.event.fatalities is not None
    assert (record.event.fatalities.low, record.event.fatalities.best, record.event.fatalities.high) == (10, 10, 12)
    detail = store.get_event(record.event_id)
    assert detail is not None and len(detail.reports) == 2 and len(detail.articles) == 2
    assert {r.sentence for r in detail.reports} == {TEXT[:84]}


def test_a_syndicated_copy_adds_a_source_to_the_originals_events(
    store: Store, make_write: Callable[..., ArticleWrite], make_event: Callable[..., Event]
) -> None:
    original = make_write(url="https://a.example/1", events=lambda aid: (make_event(aid, 1),))
    store.write_batch([original])
    copy = make_write(TEXT, url="https://c.example/copy", status="duplicate",
                      duplicate_of=original.article.id)
    store.write_batch([copy])
    record = store.query_events(EventFilter())[0]
    assert record.n_reports == 1 and record.sources == ("a.example", "c.example")
    assert store.stats().duplicates == 1


def test_recode_replace_removes_old_reports_and_rebuilds_events(
    store: Store, make_write: Callable[..., ArticleWrite], make_event: Callable[..., Event]
) -> None:
    item = make_write(events=lambda aid: (make_event(aid, 1), make_event(aid, 2, location=GAO, acled="Battles")))
    store.write_batch([item])
    fewer = ArticleWrite(article=item.article, status="coded", text=item.text,
                         events=(make_event(item.article.id, 1, dead=4),), pipeline_version="test+2")
    store.write_batch([fewer], replace=True)
    stats = store.stats()
    assert (stats.articles, stats.reports, stats.events) == (1, 1, 1)
    assert store.query_events()[0].event.fatalities.best == 4  # type: ignore[union-attr]


def test_filters_select_the_right_events(
    store: Store, make_write: Callable[..., ArticleWrite], make_event: Callable[..., Event]
) -> None:
    item = make_write(events=lambda aid: (
        make_event(aid, 1, day=dt.date(2024, 1, 10)),
        make_event(aid, 2, plover="PROTEST", acled="Protests", location=GAO, dead=None,
                   source="Protesters", target="Government", day=dt.date(2024, 2, 20),
                   sentence=(85, 136)),
    ))
    store.write_batch([item])

    def ids(**kw: object) -> int:
        return store.count_events(EventFilter(**kw))  # type: ignore[arg-type]

    assert ids() == 2
    assert ids(country="MLI") == 2 and ids(country="NER") == 0
    assert ids(since=dt.date(2024, 2, 1)) == 1 and ids(until=dt.date(2024, 1, 31)) == 1
    assert ids(plover_type="protest") == 1
    assert ids(acled_event_type="violence against civilians") == 1
    assert ids(actor="protest") == 1 and ids(actor="gunmen") == 1
    assert ids(bbox=(-1.0, 16.0, 1.0, 17.0)) == 1
    assert ids(bbox=(170.0, 10.0, -170.0, 20.0)) == 0
    assert ids(text="Ogossagou") == 1
    assert ids(article_id=item.article.id) == 2


@pytest.mark.parametrize("attack", [
    "'; DROP TABLE events; --", "MLI' OR '1'='1", "%", "_", "\\", "x') OR 1=1 --", "\x00", "😀" * 50,
])
def test_injection_attempts_on_every_text_filter_match_nothing_and_break_nothing(
    store: Store, make_write: Callable[..., ArticleWrite], make_event: Callable[..., Event], attack: str
) -> None:
    store.write_batch([make_write(events=lambda aid: (make_event(aid, 1),))])
    for field in ("actor", "text", "article_id", "acled_event_type"):
        assert store.count_events(EventFilter(**{field: attack})) == 0, field  # type: ignore[arg-type]
        assert store.query_events(EventFilter(**{field: attack})) == []
        store.aggregates(filter=EventFilter(**{field: attack}))
        store.actor_network(EventFilter(**{field: attack}))
    for field in ("country", "plover_type"):
        with pytest.raises(QueryError):
            store.count_events(EventFilter(**{field: attack}))  # type: ignore[arg-type]
    assert store.get_event(attack) is None and store.get_article(attack) is None
    with pytest.raises(QueryError):
        store.count_events(EventFilter(modalities=(attack,)))
    assert store.count_events() == 1 and store.stats().events == 1


@pytest.mark.parametrize("flt, message", [
    (EventFilter(since=dt.date(2024, 2, 1), until=dt.date(2024, 1, 1)), "after"),
    (EventFilter(bbox=(0.0, 10.0, 1.0, 5.0)), "south <= north"),
    (EventFilter(bbox=(0.0, float("nan"), 1.0, 5.0)), "finite"),
    (EventFilter(plover_type="BOMBING"), "unknown event type"),
])
def test_bad_filters_are_query_errors(store: Store, flt: EventFilter, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        store.query_events(flt)


def test_page_limits_are_enforced(store: Store) -> None:
    with pytest.raises(QueryError, match="limit"):
        store.query_events(limit=0)
    with pytest.raises(QueryError, match="limit"):
        store.query_events(limit=1_000_000)
    with pytest.raises(QueryError, match="offset"):
        store.query_events(offset=-1)


def test_aggregates_network_and_top_actors(
    store: Store, make_write: Callable[..., ArticleWrite], make_event: Callable[..., Event]
) -> None:
    item = make_write(events=lambda aid: (
        make_event(aid, 1, day=dt.date(2024, 1, 10)),
        make_event(aid, 2, location=GAO, acled="Battles", day=dt.date(2024, 1, 11), dead=3),
        make_event(aid, 3, plover="PROTEST", acled="Protests", location=GAO, dead=None,
                   source="Protesters", target="Government", day=dt.date(2024, 2, 20)),
    ))
    store.write_batch([item])
    weekly = store.aggregates(interval="week", by="type")
    assert [(r.period.isoformat(), r.key, r.events, r.fatalities) for r in weekly] == [
        ("2024-01-08", "ASSAULT", 2, 15), ("2024-02-19", "PROTEST", 1, 0)]
    monthly = store.aggregates(interval="month", by="admin1", filter=EventFilter(plover_type="ASSAULT"))
    assert [(r.key, r.events) for r in monthly] == [("Gao", 1), ("Mopti", 1)]
    links = store.actor_network(EventFilter(), limit=10)
    assert (links[0].source, links[0].target, links[0].events) == ("Gunmen", "Civilians", 2)
    assert dict(links[0].by_type) == {"ASSAULT": 2}
    top = store.top_actors(limit=2)
    assert [(a.name, a.events, a.fatalities) for a in top] == [("Civilians", 2, 15), ("Gunmen", 2, 15)]
    with pytest.raises(QueryError):
        store.aggregates(interval="fortnight")  # type: ignore[arg-type]
    with pytest.raises(QueryError):
        store.aggregates(by="1; DROP TABLE events")  # type: ignore[arg-type]


def test_get_article_returns_text_and_evidence_spans(
    store: Store, make_write: Callable[..., ArticleWrite], make_event: Callable[..., Event]
) -> None:
    item = make_write(events=lambda aid: (make_event(aid, 1),))
    store.write_batch([item])
    article = store.get_article(item.article.id)
    assert article is not None and article.text == TEXT
    assert [(s.sentence_start, s.sentence_end) for s in article.spans] == [(0, 84)]


def test_a_second_writer_gets_a_clear_busy_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "busy.duckdb"
    with Store.open(path):
        code = (
            "import sys\nfrom kibaru.store import Store\nfrom kibaru.errors import StoreBusyError\n"
            f"for ro in (False, True):\n  try:\n    Store.open({str(path)!r}, read_only=ro)\n"
            "  except StoreBusyError as e: print('busy', e)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    lines = out.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith("busy the database") for line in lines), out
    assert "only one writer at a time" in lines[0]
    with Store.open(path, read_only=True) as reader:  # free again once the writer closed
        assert reader.count_events() == 0


def test_read_only_store_refuses_writes(tmp_path: Path, make_write: Callable[..., ArticleWrite]) -> None:
    path = tmp_path / "ro.duckdb"
    Store.open(path).close()
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.write_batch([make_write()])
