"""Measure the store's dashboard queries on a synthetic database of ~120k reports.

Builds (once) a database of hand-made reports spread over 2002-2025, 40 countries and the
16 PLOVER types through the real write path (``Store.write_batch``, clustering included),
then times the queries the dashboard and API make: p50/p95 over repeated runs.

    .venv/bin/python bench/store_queries.py [--reports 120000] [--db /tmp/kibaru-bench.duckdb]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from kibaru.articles import make_article
from kibaru.contract import PLOVER_TYPES, Actor, Count, Event, Evidence, Location
from kibaru.store import ArticleWrite, EventFilter, Store

COUNTRIES = [f"C{i:02d}" for i in range(37)] + ["MLI", "BFA", "NER"]
ACTORS = [f"Actor {i}" for i in range(300)]


def build(db: Path, reports: int, *, batch: int = 500) -> None:
    rng = random.Random(7)
    start = dt.date(2002, 1, 1).toordinal()
    span = dt.date(2025, 12, 31).toordinal() - start
    with Store.open(db) as store:
        done = store.stats().reports
        t0 = time.perf_counter()
        while done < reports:
            items = []
            for i in range(done, min(reports, done + batch)):
                text = f"Report {i}: something happened in place {i % 5000} with {i} words."
                article = make_article(text, url=f"https://bench.test/{i}", published=None)
                country = rng.choice(COUNTRIES)
                # roughly chronological, as a news stream arrives
                day = dt.date.fromordinal(start + min(span, i * span // reports + rng.randrange(30)))
                dead = rng.choice([None, None, rng.randrange(0, 50)])
                event = Event(
                    event_id=f"r{i}", article_id=article.id, plover_type=rng.choice(PLOVER_TYPES),
                    acled_event_type="Battles", acled_sub_event_type="Armed clash", cameo_root="19",
                    modality="asserted", aggregate=False, date=day, date_end=day, time_precision=1,
                    source_actors=(Actor(text="a", name=rng.choice(ACTORS), country=country),),
                    target_actors=(Actor(text="b", name=rng.choice(ACTORS), country=country),),
                    location=Location(text="p", name=f"Place {i % 5000}", country=country,
                                      admin1=f"{country}-{i % 12}", lat=rng.uniform(-30, 40),
                                      lon=rng.uniform(-20, 50), geo_precision=1),
                    fatalities=Count(dead, dead, dead) if dead is not None else None, injuries=None,
                    evidence=Evidence(0, len(text), 0, 6), confidence=0.8, pipeline_version="bench",
                )
                items.append(ArticleWrite(article=article, status="coded", text=text, events=(event,),
                                          pipeline_version="bench"))
            store.write_batch(items)
            done += len(items)
            print(f"  {done:,} reports written ({done / (time.perf_counter() - t0):,.0f}/s)", flush=True)


def timed(name: str, call: Callable[[], object], runs: int = 40) -> None:
    call()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{name:55s} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=120_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/kibaru-bench.duckdb"))
    args = parser.parse_args()
    build(args.db, args.reports)
    with Store.open(args.db, read_only=True) as store:
        stats = store.stats()
        print(f"{stats.reports:,} reports, {stats.events:,} events, "
              f"{args.db.stat().st_size / 2**20:,.0f} MiB")
        sahel = EventFilter(country="MLI")
        recent = EventFilter(since=dt.date(2020, 1, 1), until=dt.date(2020, 12, 31))
        timed("aggregates week x type (all)", lambda: store.aggregates(interval="week", by="type"))
        timed("aggregates week x country (all)", lambda: store.aggregates(interval="week", by="country"))
        timed("aggregates month x admin1 (MLI)", lambda: store.aggregates(interval="month", by="admin1", filter=sahel))
        timed("aggregates week x type (2020)", lambda: store.aggregates(interval="week", by="type", filter=recent))
        timed("query_events page of 100 (all)", lambda: store.query_events(limit=100))
        timed("query_events page of 100 (MLI, actor filter)",
              lambda: store.query_events(EventFilter(country="MLI", actor="Actor 1"), limit=100))
        timed("count_events (bbox)", lambda: store.count_events(EventFilter(bbox=(-10.0, 5.0, 10.0, 25.0))))
        timed("actor_network top 100 (all)", lambda: store.actor_network(limit=100), runs=10)
        timed("top_actors 20 (all)", lambda: store.top_actors(limit=20), runs=10)
        first = store.query_events(limit=1)[0].event_id
        timed("get_event", lambda: store.get_event(first))


if __name__ == "__main__":
    main()
