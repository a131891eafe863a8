"""Pin the bundled gold files: valid for scripts/check_gold.py, and covering what the brief asks."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from kibaru.contract import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "src" / "kibaru" / "data" / "gold"


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_gold", ROOT / "scripts" / "check_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(name: str) -> list[dict]:
    lines = (GOLD_DIR / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_bundled_gold_file_passes_the_checker(checker: ModuleType) -> None:
    paths = sorted(GOLD_DIR.glob("*.jsonl"))
    assert paths, "no gold files bundled"
    assert checker.check_files(paths) == []


def test_checker_reports_a_trigger_outside_its_evidence(checker: ModuleType, tmp_path: Path) -> None:
    record = _records("sahel.jsonl")[0]
    record["events"][0]["trigger"] = "no such words"
    record["events"][0]["acled_sub_event_type"] = "Grenade"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(record) + "\n{not json\n", encoding="utf-8")
    problems = checker.check_files([bad])
    assert any("trigger 'no such words' is not in its evidence" in p for p in problems)
    assert any("is not a sub-type of" in p for p in problems)
    assert any("not valid JSON" in p for p in problems)


def test_sahel_set_has_64_reports_split_alternately() -> None:
    records = _records("sahel.jsonl")
    assert len(records) >= 64
    for number, record in enumerate(records, 1):
        assert record["id"] == f"sahel-{number:03d}"
        assert record["split"] == ("dev" if number % 2 else "test")
    located = Counter(ev["location"]["country"] for r in records for ev in r["events"] if ev["location"])
    assert min(located["MLI"], located["BFA"], located["NER"]) >= 15


def test_sahel_set_covers_every_plover_type_and_acled_event_type() -> None:
    events = [ev for record in _records("sahel.jsonl") for ev in record["events"]]
    plover = Counter(ev["plover_type"] for ev in events)
    acled = {ev["acled_event_type"] for ev in events} - {None}
    assert set(PLOVER_TYPES) <= set(plover)
    assert acled == {"Battles", "Protests", "Riots", "Explosions/Remote violence",
                     "Violence against civilians", "Strategic developments"}


def test_sahel_set_lists_spans_that_must_not_become_events() -> None:
    whys = Counter(
        ne["why"].split(":")[0] for record in _records("sahel.jsonl") for ne in record["not_events"]
    )
    for reason in ("hypothetical", "negated", "future", "threatened act"):
        assert whys[reason] >= 3, reason
