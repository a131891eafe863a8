"""Pin the store commands' shells: ingest, events, export, failures, stats, recode, demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.ingest.conftest import LIGHT_STAGES, REPORTS

from kibaru.cli import main
from kibaru.store import Store

LIGHT = ",".join(LIGHT_STAGES)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def inputs(tmp_path: Path) -> Path:
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps({"text": REPORTS[0], "published": "2024-03-02"}) + "\n"
                    + "not json\n" + json.dumps({"text": REPORTS[1], "date": "2024-13-45"}) + "\n")
    return path


def test_ingest_prints_failures_one_line_each_and_a_summary(tmp_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    code, out, err = invoke("ingest", str(inputs(tmp_path)), "--db", str(db), "--workers", "0",
                            "--stages", LIGHT)
    assert code == 0
    assert f"kibaru: {tmp_path / 'items.jsonl'}:2: is not valid JSON" in err
    assert f"{tmp_path / 'items.jsonl'}:3: publication date '2024-13-45' is not a valid" in err
    assert "3 items" in out and "1 coded" in out and "2 failed" in out
    code, out, err = invoke("failures", "--db", str(db))
    assert code == 0 and len(out.strip().splitlines()) == 2 and "[read]" in out
    code, out, _ = invoke("stats", "--db", str(db), "--json")
    stats = json.loads(out)
    assert (stats["articles"], stats["failures"], stats["schema"]) == (1, 2, ["0001_initial", "0002_indexes"])


def test_ingest_rejects_bad_options_with_one_sentence(tmp_path: Path) -> None:
    db = str(tmp_path / "k.duckdb")
    code, _, err = invoke("ingest", "x.txt", "--db", db, "--published", "2024-02-30")
    assert code == 1 and err.strip() == "kibaru: --published '2024-02-30' is not a YYYY-MM-DD date"
    code, _, err = invoke("ingest", "x.txt", "--db", db, "--scheduler", "tcp://h:1")
    assert code == 1 and "--engine dask" in err


@pytest.mark.parametrize("args, words", [
    (["--bbox", "1,2,3"], "four numbers"),
    (["--since", "yesterday"], "not a YYYY-MM-DD date"),
    (["--type", "BOMBING"], "unknown event type"),
    (["--country", "Mali'; --"], "ISO3"),
])
def test_events_filters_fail_with_one_sentence(tmp_path: Path, args: list[str], words: str) -> None:
    db = tmp_path / "k.duckdb"
    Store.open(db).close()
    code, _, err = invoke("events", "--db", str(db), *args)
    assert code == 1 and words in err and err.count("\n") == 1 and "Traceback" not in err


def test_reading_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    code, _, err = invoke("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "kibaru ingest" in err
    assert not (tmp_path / "none.duckdb").exists()


def test_busy_database_is_one_sentence_on_the_cli(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "k.duckdb"
    with Store.open(db):
        out = subprocess.run([str(Path(sys.executable).with_name("kibaru")), "stats", "--db", str(db)],
                             capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 1 and out.stderr.startswith("kibaru: the database") and "Traceback" not in out.stderr


def test_events_and_export_write_every_format(tmp_path: Path, full_pipeline: object) -> None:
    db = tmp_path / "k.duckdb"
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps({"text": r, "published": "2024-03-04", "url": f"https://r.test/{i}"}) + "\n"
                            for i, r in enumerate(REPORTS)))
    code, out, err = invoke("ingest", str(path), "--db", str(db), "--workers", "0")
    assert code == 0, err
    code, out, _ = invoke("events", "--db", str(db), "--format", "table")
    assert code == 0 and "events" in out and "evidence" in out
    code, out, _ = invoke("events", "--db", str(db), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(r["evidence_text"] and r["n_reports"] >= 1 for r in rows)
    for fmt in ("acled", "csv", "geojson", "plover", "parquet", "jsonl"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = invoke("export", "--db", str(db), "--format", fmt, "--output", str(target))
        assert code == 0 and target.stat().st_size > 0 and f"as {fmt}" in err
    code, _, err = invoke("export", "--db", str(db), "--format", "parquet", "--output", "-")
    assert code != 0


def test_demo_codes_the_bundled_dev_reports(tmp_path: Path, full_pipeline: object) -> None:
    db = tmp_path / "demo.duckdb"
    code, out, err = invoke("demo", "--db", str(db), "--workers", "0", "--quiet")
    assert code == 0, err
    with Store.open(db, read_only=True) as store:
        stats = store.stats()
    assert stats.coded_articles >= 5 and stats.events >= 5
    assert stats.failures == 0  # gold lines without text (annotations of Wikinews articles) are skipped
    assert "demo database" in out
    code, out, _ = invoke("demo", "--db", str(db), "--workers", "0", "--quiet")  # idempotent
    with Store.open(db, read_only=True) as store:
        assert store.stats().events == stats.events


def test_running_one_command_does_not_import_the_others() -> None:
    # The command group is lazy: `kibaru code` must not pay for the server, Dask or MinHash.
    import subprocess
    import sys

    probe = ("import sys; from click.testing import CliRunner; from kibaru.cli import main; "
             "CliRunner().invoke(main, ['failures', '--help']); "
             "print(sorted(m for m in ('kibaru.server', 'kibaru.cli.serve_cmd', 'kibaru.ingest.on_dask', "
             "'datasketch', 'kibaru.cli.failures_cmd') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['kibaru.cli.failures_cmd']"
