"""``kibaru eval``: one-line errors, and one end-to-end run of the real pipeline on dev reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kibaru.cli import main
from kibaru.evaluate.gold import bundled_gold_files, load_gold


def _dev_reports(tmp_path: Path, n: int) -> Path:
    world = next(p for p in bundled_gold_files() if p.name == "world.jsonl")
    lines = [line for line in world.read_text(encoding="utf-8").splitlines() if '"split": "dev"' in line]
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
    return path


def test_eval_with_no_report_in_the_split_fails_in_one_line(tmp_path: Path) -> None:
    path = _dev_reports(tmp_path, 2)
    result = CliRunner().invoke(main, ["eval", str(path), "--split", "test"])
    assert result.exit_code == 1
    assert result.output.strip() == "kibaru: no gold report in split 'test'"


def test_eval_refuses_a_broken_gold_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 1 and "broken.jsonl:1: not valid JSON" in result.output


def test_eval_help_documents_formats_and_splits() -> None:
    result = CliRunner().invoke(main, ["eval", "--help"])
    assert result.exit_code == 0
    assert "md|json|html" in result.output and "dev|test|all" in result.output


@pytest.mark.slow
def test_eval_runs_the_real_pipeline_on_dev_reports(tmp_path: Path) -> None:
    path = _dev_reports(tmp_path, 4)
    gold = load_gold(path)
    out = tmp_path / "eval.json"
    result = CliRunner().invoke(main, ["eval", str(path), "--split", "dev", "--format", "json", "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    detection = data["detection"]
    assert data["articles"] == 4 and data["split"] == "dev"
    assert detection["gold_asserted"] == sum(len(r.asserted) for r in gold.reports)
    assert detection["tp"] + detection["fn"] == detection["gold_asserted"]
    assert detection["tp"] >= 1 and 0.0 < detection["precision"] <= 1.0
    assert [a["id"] for a in data["per_article"]] == [r.id for r in gold.reports]
    md = CliRunner().invoke(main, ["eval", str(path), "--split", "dev", "--no-errors"])
    assert md.exit_code == 0 and "| asserted-event F1 |" in md.output and "Errors per article" not in md.output
