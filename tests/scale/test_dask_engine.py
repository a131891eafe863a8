"""Code articles on a real Dask LocalCluster (2 worker processes) and re-read the parts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from kibaru.articles import make_article
from kibaru.coder import default_pipeline
from kibaru.config import PipelineConfig
from kibaru.scale import code_on_dask, read_part

pytestmark = pytest.mark.slow

CONFIG = PipelineConfig(model="sm", max_article_chars=5_000)
TEXTS = [
    "Gunmen killed five soldiers in an ambush near Mopti on Friday, the Malian army said.",
    "Police fired tear gas at hundreds of protesters in Niamey on Tuesday, witnesses said.",
    "The two governments signed an agreement on border security in Ouagadougou on Monday.",
    "Officials said the weather was fine and the market reopened.",
]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real two-process LocalCluster; yields its scheduler address."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def _inputs(folder: Path) -> list[Path]:
    jsonl = folder / "items.jsonl"
    lines = [json.dumps({"text": t, "published": "2023-02-10", "url": f"https://example.org/{i}", "source": "Example"})
             for i, t in enumerate(TEXTS)]
    lines.insert(2, "{not json")
    lines.append(json.dumps({"title": "no text"}))
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = folder / "one.txt"
    text.write_text(TEXTS[0] + " More fighting was reported later.", encoding="utf-8")
    empty = folder / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    return [jsonl, text, empty]


def test_parts_hold_the_same_events_as_coding_in_process(tmp_path: Path, scheduler: str) -> None:
    parts = code_on_dask(_inputs(tmp_path), out_dir=tmp_path / "parts", scheduler=scheduler,
                         config=CONFIG, partition_size=2)
    assert [p.index for p in parts] == list(range(len(parts)))
    assert sum(p.n_articles for p in parts) == 5
    failures = [f for p in parts for f in read_part(p)[2]]
    reasons = sorted(f"{Path(f.origin).name}: {f.reason}" for f in failures)
    assert len(reasons) == 3
    assert any("items.jsonl:3: is not valid JSON" in r for r in reasons)
    assert any("items.jsonl:6" in r and "text field" in r for r in reasons)
    assert any(r.startswith("empty.txt: is empty") for r in reasons)

    pipeline = default_pipeline(CONFIG)
    coded = 0
    for part in parts:
        articles, per_article, _ = read_part(part)
        for article, (article_id, clean_text, events) in zip(articles, per_article, strict=True):
            local = pipeline(article)
            assert article_id == article.id and clean_text == local.text
            assert [e.to_json() for e in events] == [e.to_json() for e in local.events]
            coded += len(events)
    assert coded == sum(p.n_events for p in parts)
    assert coded >= 1  # an ambush that killed five soldiers is an event


def test_client_side_writing_gives_the_same_parts(tmp_path: Path, scheduler: str) -> None:
    articles = [make_article(t, published="2023-02-10", origin=f"t{i}") for i, t in enumerate(TEXTS)]
    on_worker = code_on_dask(articles, out_dir=tmp_path / "w", scheduler=scheduler, config=CONFIG, partition_size=3)
    on_client = code_on_dask([articles[:3], articles[3:]], out_dir=tmp_path / "c", scheduler=scheduler,
                             config=CONFIG, partition_size=3, write_on="client")
    assert [(p.n_articles, p.n_events) for p in on_worker] == [(p.n_articles, p.n_events) for p in on_client]
    for a, b in zip(on_worker, on_client, strict=True):
        assert pq.read_table(a.events).drop(["pipeline_version"]).equals(pq.read_table(b.events).drop(["pipeline_version"]))


def test_without_a_scheduler_a_local_cluster_is_started_and_stopped(tmp_path: Path) -> None:
    articles = [make_article(TEXTS[0], published="2023-02-10")]
    parts = code_on_dask(articles, out_dir=tmp_path, config=CONFIG, partition_size=10, n_workers=2)
    assert len(parts) == 1 and parts[0].n_articles == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "part-00000.articles.parquet", "part-00000.events.parquet", "part-00000.failures.parquet"]
