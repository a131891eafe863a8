"""Export what the real pipeline codes (CodeResult in, every format out, re-read)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq

from kibaru.coder import code
from kibaru.export import FORMATS, read_jsonl, write
from kibaru.pipeline import Pipeline

TEXT = (
    "NIAMEY, Niger (AP) - Suspected jihadists killed 11 soldiers in an ambush near the town of "
    "Tillaberi on Saturday, the defence ministry said. The army said it would hunt the attackers."
)


def test_every_format_writes_the_coded_events_with_their_evidence(tmp_path: Path, pipeline: Pipeline) -> None:
    result = code(TEXT, published="2023-02-12", pipeline=pipeline)
    assert result.events, "the ambush sentence should give at least one event"
    for fmt in FORMATS:
        stats = write(fmt, [result], tmp_path / f"out.{fmt}", source_names={result.article_id: "AP"})
        assert stats.written + stats.skipped == len(result.events), fmt
    back = list(read_jsonl(tmp_path / "out.jsonl"))
    assert [e.to_json() for e in back] == [e.to_json() for e in result.events]
    table = pq.read_table(tmp_path / "out.parquet")
    sentences = table.column("evidence_text").to_pylist()
    assert all(s and s in " ".join(TEXT.split()) for s in sentences)
    with (tmp_path / "out.acled").open(newline="") as handle:
        for row in csv.DictReader(handle):
            assert row["notes"].startswith("On ") and row["source"] == "AP"
    for line in (tmp_path / "out.plover").read_text().splitlines():
        assert json.loads(line)["event_text"]
