"""The gold loader: every bundled file loads, spans point at their strings, Wikinews records
read their text from ../shared (and are skipped with a reason without it)."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from kibaru.contract import PLOVER_TYPES
from kibaru.errors import MalformedInputError
from kibaru.evaluate.gold import bundled_gold_files, load_gold, load_gold_files, wikinews_split

WRITTEN = [p for p in bundled_gold_files() if p.name != "wikinews.jsonl"]
WIKINEWS = next(p for p in bundled_gold_files() if p.name == "wikinews.jsonl")
ACLED_TYPES = {"Battles", "Protests", "Riots", "Explosions/Remote violence",
               "Violence against civilians", "Strategic developments"}


def test_bundled_gold_files_include_the_written_sets_and_wikinews() -> None:
    names = {p.name for p in bundled_gold_files()}
    assert {"sahel.jsonl", "world.jsonl", "wikinews.jsonl"} <= names


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: p.name)
def test_every_written_file_loads_with_spans_on_their_strings(path: Path) -> None:
    gold = load_gold(path)
    assert gold.skipped == () and len(gold.reports) >= 60
    for report in gold.reports:
        assert report.published is not None and report.events
        for event in report.events:
            assert report.text[event.evidence_span.start : event.evidence_span.end] == event.evidence
            assert report.text[event.trigger_span.start : event.trigger_span.end] == event.trigger
            assert event.evidence_span.contains(event.trigger_span)
        for item in report.not_events:
            assert report.text[item.span.start : item.span.end] == item.text


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: p.name)
def test_written_sets_put_odd_ids_in_dev_and_even_in_test(path: Path) -> None:
    for report in load_gold(path).reports:
        number = int(report.id.rsplit("-", 1)[1])
        assert report.split == ("dev" if number % 2 else "test"), report.id


def test_written_sets_cover_every_plover_and_acled_type() -> None:
    events = [e for r in load_gold_files(WRITTEN).reports for e in r.events]
    assert {e.plover_type for e in events} == set(PLOVER_TYPES)
    assert {e.acled_event_type for e in events} - {None} == ACLED_TYPES


def test_wikinews_records_load_from_shared_with_the_team_split(shared_dir: Path) -> None:
    gold = load_gold(WIKINEWS, shared_dir=shared_dir)
    assert gold.skipped == () and len(gold.reports) >= 30
    for report in gold.reports:
        assert report.url and report.split == wikinews_split(report.url)
        for event in report.events:
            assert report.text[event.evidence_span.start : event.evidence_span.end] == event.evidence


def test_wikinews_records_are_skipped_with_a_reason_without_shared(tmp_path: Path) -> None:
    gold = load_gold(WIKINEWS, shared_dir=tmp_path / "absent")
    assert gold.reports == ()
    assert gold.skipped and all("../shared" in line and "skipped" in line for line in gold.skipped)


def _corpus(root: Path, url: str, text: str) -> Path:
    folder = root / "corpus" / "wikinews" / "data"
    folder.mkdir(parents=True)
    with (folder / "tiny.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "date", "title", "text"])
        writer.writerow([url, "2020-01-01", "t", text])
    return root


def test_wikinews_record_whose_text_changed_is_skipped(tmp_path: Path) -> None:
    url = "https://en.wikinews.org/wiki/Example"
    shared = _corpus(tmp_path / "shared", url, "Rebels attacked the town. Nothing else.")
    record = {"url": url, "text_sha256": hashlib.sha256(b"old text").hexdigest(), "published": "2020-01-01",
              "events": [{"evidence": "Rebels attacked the town.", "trigger": "attacked", "plover_type": "ASSAULT"}]}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    gold = load_gold(path, shared_dir=shared)
    assert gold.reports == () and "sha256 differs" in gold.skipped[0]
    record["text_sha256"] = hashlib.sha256(b"Rebels attacked the town. Nothing else.").hexdigest()
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = load_gold(path, shared_dir=shared).reports[0]
    assert report.split == wikinews_split(url) and report.events[0].trigger_span.start == 7


def test_evidence_missing_from_the_text_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    record = {"id": "x-1", "split": "dev", "text": "Troops withdrew.", "published": "2020-01-01",
              "events": [{"evidence": "Troops advanced.", "trigger": "advanced", "plover_type": "ASSAULT"}]}
    path.write_text("\n" + json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(MalformedInputError, match=r"bad.jsonl:2 event 1: 'Troops advanced.' is not in the text"):
        load_gold(path)


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    record = {"id": "x-1", "split": "dev", "text": "Troops withdrew.", "published": "2020-01-01",
              "events": [{"evidence": "Troops withdrew.", "trigger": "withdrew", "plover_type": "RETREAT"}]}
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(MalformedInputError, match="already used"):
        load_gold_files([tmp_path / "a.jsonl", tmp_path / "b.jsonl"])


def test_broken_json_line_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "x",\n', encoding="utf-8")
    with pytest.raises(MalformedInputError, match="broken.jsonl:1: not valid JSON"):
        load_gold(path)
