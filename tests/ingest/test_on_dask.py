"""Pin ``kibaru ingest --engine dask``: a real LocalCluster codes, the driver stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.ingest.conftest import REPORTS

from kibaru.config import PipelineConfig
from kibaru.ingest.on_dask import ingest_on_dask
from kibaru.store import Store


@pytest.mark.slow
def test_dask_engine_stores_the_same_articles_as_the_plain_one(tmp_path: Path, store: Store,
                                                                light_config: PipelineConfig) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps({"text": r, "url": f"https://d.test/{i}"}) + "\n" for i, r in enumerate(REPORTS))
                    + "{broken\n" + json.dumps({"text": REPORTS[0] + " (AFP)", "url": "https://copy.test"}) + "\n")
    report = ingest_on_dask([str(path)], store=store, config=light_config, batch_size=2, workers=1)
    c = report.counts
    assert (c.read, c.new, c.duplicates, c.failed) == (5, 3, 1, 1)
    assert store.stats().coded_articles == 3 and store.stats().duplicates == 1
    again = ingest_on_dask([str(path)], store=store, config=light_config, batch_size=2, workers=1)
    assert again.counts.new == 0 and again.counts.skipped == 4
