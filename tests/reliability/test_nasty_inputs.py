"""A catalogue of nasty inputs, each run through the real ``kibaru ingest`` (one run over a
folder of them, then one test per kind) or ``kibaru code``: every one is coded correctly or
becomes a one-line failure naming the file, and the batch goes on.

Kinds already pinned reader by reader in tests/ingest/test_readers.py (NUL at the start,
empty, UTF-16 with BOM, cp1252, malformed JSON/CSV, billion laughs, truncated WARC, gzip bomb
in a WARC record) are not repeated here; this file covers what those leave out and checks
them end to end, through the database.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rel_support import KIBARU, kibaru, report

from kibaru.store import Store

REPORT = ("MOPTI — Gunmen attacked the village of Ogossagou in central Mali on Saturday, killing "
          "at least 20 villagers, local officials said. The army sent reinforcements to Ménaka "
          "and to the café district of Mopti.")
SECRET = "zqx-secret-marker"


def variant(i: int) -> str:
    """Return a report distinct enough from the others not to be linked as their copy."""
    return report(100 + 7 * i, tag="n")["text"] + " Aid reached Ménaka and the café district."

LANGUAGES = {
    "French": "Des hommes armés ont attaqué le village de Ogossagou dans le centre du Mali samedi, "
              "tuant au moins vingt villageois, selon des responsables locaux.",
    "Arabic": "هاجم مسلحون قرية في وسط مالي يوم السبت مما أسفر عن مقتل عشرين قرويا على الأقل "
              "حسبما أفاد مسؤولون محليون.",
    "Chinese": "武装分子周六袭击了马里中部的一个村庄，造成至少二十名村民死亡，当地官员说。",
    "Russian": "Боевики напали на деревню в центральной части Мали в субботу, убив по меньшей мере "
               "двадцать жителей, сообщили местные чиновники.",
}


def _jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def build_catalogue(folder: Path, secret_file: Path) -> None:
    """Write one file per nasty kind into ``folder``."""
    folder.mkdir()
    late_nul = (REPORT + " ") * 60
    (folder / "nul_after_8k.txt").write_bytes(late_nul.encode() + b"\x00" + REPORT.encode())
    (folder / "invalid_utf8_and_cp1252.txt").write_bytes(b"Gunmen \x81\x8d\x8f\x90\x9d killed five in Mopti.")
    (folder / "utf16_le_no_bom.txt").write_bytes((variant(1) + " In utf16le.").encode("utf-16-le"))
    (folder / "utf16_be_no_bom.txt").write_bytes((variant(2) + " In utf16be.").encode("utf-16-be"))
    double = variant(3).encode("utf-8").decode("cp1252").encode("utf-8")
    (folder / "mojibake_double_encoded.txt").write_bytes(double)
    mixed = variant(4).encode("utf-8") + " Témoin: «".encode("cp1252")
    (folder / "mixed_utf8_and_cp1252.txt").write_bytes(mixed)
    (folder / "one_word.txt").write_text("Mali")
    nested = "[" * 200_000 + "]" * 200_000
    (folder / "nested.jsonl").write_text(
        nested + "\n" + json.dumps({"text": variant(5)}) + "\n")
    (folder / "nested.json").write_text('{"articles": ' + "[" * 200_000 + "]" * 200_000 + "}")
    (folder / "page.html").write_text(
        f"<html><head><title>Attack</title><script>var a = '{SECRET}-script';</script>"
        f"<style>.x{{content:'{SECRET}-style'}}</style></head><body>"
        f"<iframe src='https://ads.example/'><p>{SECRET}-iframe</p></iframe>"
        f"<noscript>{SECRET}-noscript</noscript><template><p>{SECRET}-template</p></template>"
        f"<article><p>{variant(6)} Wednesday.</p>"
        f"<script>document.write('{SECRET}-inline')</script><p>Witnesses said the attackers "
        f"came on motorbikes.</p><object data='x.swf'>{SECRET}-object</object></article></body></html>")
    uri = secret_file.as_uri()
    (folder / "xxe.rss").write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{uri}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        f"<description>{REPORT} &xxe;</description></item></channel></rss>")
    (folder / "xxe_parameter.atom").write_text(
        f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY % p SYSTEM "{uri}"> %p;]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>x</title>'
        f"<content>{REPORT}</content></entry></feed>")
    (folder / "external_dtd.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{uri}"><rss version="2.0"><channel>'
        f"<title>t</title><item><title>x</title><description>{REPORT}</description></item>"
        "</channel></rss>")
    with gzip.open(folder / "zero_bomb.warc.gz", "wb", compresslevel=9) as bomb:
        chunk = b"\x00" * (1 << 20)
        for _ in range(200):  # 200 MB of zeros in about 200 kB
            bomb.write(chunk)
    _jsonl(folder / "dates.jsonl", [
        {"text": REPORT.replace("Saturday", "Thursday"), "published": "0000-01-01"},
        {"text": REPORT.replace("Saturday", "Friday"), "published": "9999-12-31"},
        {"text": REPORT.replace("Saturday", "Friday night"), "published": "2024-02-30"},
        {"text": REPORT.replace("Saturday", "Saturday night"), "published": "-0001-01-01"},
        {"text": variant(7), "published": "2024-03-02"},
    ])
    (folder / "dates.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>a</title><pubDate>Sat, 01 Jan 0000 00:00:00 GMT</pubDate><description>{REPORT} (rss one)</description></item>"
        f"<item><title>b</title><pubDate>Fri, 31 Dec 9999 00:00:00 GMT</pubDate><description>{REPORT} (rss two)</description></item>"
        "</channel></rss>")
    (folder / "dates.atom").write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        f"<entry><title>a</title><updated>0000-01-01T00:00:00Z</updated><content>{variant(8)}</content></entry>"
        f"<entry><title>b</title><updated>9999-12-31T00:00:00Z</updated><content>{variant(9)}</content></entry>"
        "</feed>")
    _jsonl(folder / "languages.jsonl", [{"text": t, "url": f"https://lang.test/{n}"}
                                        for n, t in LANGUAGES.items()])
    _jsonl(folder / "tolls.jsonl", [
        {"url": "https://toll.test/absurd", "published": "2024-03-02",
         "text": "MOPTI — Gunmen killed 10 million people in an attack on the village of Ogossagou "
                 "in central Mali on Saturday, officials said."},
        {"url": "https://toll.test/negative", "published": "2024-03-02",
         "text": "GAO — Militants killed -4 soldiers in an ambush on a convoy near Gao in northern "
                 "Mali on Sunday, the army said."},
    ])
    loop = folder / "loop"
    loop.mkdir()
    (loop / "self").symlink_to("..", target_is_directory=True)
    (loop / "a.txt").symlink_to("b.txt")
    (loop / "b.txt").symlink_to("a.txt")
    (folder / "unreadable.txt").symlink_to("/proc/self/mem")  # reading it fails, even as root


@dataclass
class Ingested:
    """What one ``kibaru ingest`` run over the catalogue left."""

    folder: Path
    empty: Path
    result: subprocess.CompletedProcess[str]
    failures: dict[str, list[tuple[str, str, str]]]
    articles: dict[str, list[tuple[str, str, Any]]]
    events: list[tuple[Any, ...]]
    secret_file: Path

    def failed(self, name: str) -> list[tuple[str, str, str]]:
        """Return (origin, kind, reason) of the failures of file ``name``."""
        return [f for origin, fs in self.failures.items() if Path(origin.split(":")[0]).name == name
                for f in fs]

    def stored(self, name: str) -> list[tuple[str, str, Any]]:
        """Return (status, text, published) of the articles read from file ``name``."""
        return [a for origin, arts in self.articles.items()
                if Path(origin.split(":")[0]).name == name for a in arts]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    base = tmp_path_factory.mktemp("nasty")
    secret_file = base / "secret.txt"
    secret_file.write_text(f"root:x:0:0:{SECRET}-file-contents")
    folder, empty, db = base / "inputs", base / "empty-folder", base / "nasty.duckdb"
    build_catalogue(folder, secret_file)
    empty.mkdir()
    result = kibaru("ingest", str(folder), str(empty), "--db", str(db), "--workers", "0",
                    "--batch-size", "8", "--quiet", timeout=900)
    failures: dict[str, list[tuple[str, str, str]]] = {}
    articles: dict[str, list[tuple[str, str, Any]]] = {}
    with Store.open(db, read_only=True) as store:
        for origin, kind, reason, stage in store.execute(
                "SELECT origin, kind, reason, stage FROM failures ORDER BY origin"):
            failures.setdefault(origin, []).append((stage, kind, reason))
        for origin, status, text, published in store.execute(
                "SELECT origin, status, coalesce(raw_text, text) || ' ' || text, published "
                "FROM articles ORDER BY origin"):
            articles.setdefault(origin, []).append((status, text, published))
        events = store.execute("SELECT e.article_id, e.fatalities_low, e.fatalities_best, "
                               "e.fatalities_high, a.url FROM events e JOIN articles a USING (article_id)")
    return Ingested(folder, empty, result, failures, articles, events, secret_file)


def test_the_run_completes_and_every_failure_is_one_line(ingested: Ingested) -> None:
    assert ingested.result.returncode == 0, ingested.result.stderr
    for fs in ingested.failures.values():
        for _, _, reason in fs:
            assert reason.strip() and "\n" not in reason and "Traceback" not in reason
    assert "Traceback" not in ingested.result.stderr


def test_nul_bytes_after_the_first_8k_are_refused(ingested: Ingested) -> None:
    [(stage, kind, reason)] = ingested.failed("nul_after_8k.txt")
    assert (stage, kind) == ("read", "BinaryInputError") and "NUL" in reason
    assert not ingested.stored("nul_after_8k.txt")


def test_bytes_valid_in_no_encoding_are_an_encoding_error(ingested: Ingested) -> None:
    [(stage, kind, reason)] = ingested.failed("invalid_utf8_and_cp1252.txt")
    assert (stage, kind) == ("read", "EncodingError") and "neither UTF-8 nor Windows-1252" in reason


@pytest.mark.parametrize("name, words", [("utf16_le_no_bom.txt", "utf16le"),
                                         ("utf16_be_no_bom.txt", "utf16be")])
def test_utf16_without_a_bom_is_decoded(ingested: Ingested, name: str, words: str) -> None:
    [(status, text, _)] = ingested.stored(name)
    assert status == "coded" and f"In {words}." in text and "\x00" not in text


def test_double_encoded_mojibake_is_repaired(ingested: Ingested) -> None:
    [(status, text, _)] = ingested.stored("mojibake_double_encoded.txt")
    cleaned = text[len(text) // 2:]  # the cleaned text follows the raw one
    assert status == "coded" and "Ménaka" in cleaned and "café" in cleaned and "Ã©" not in cleaned


def test_mixed_utf8_and_cp1252_bytes_read_as_text_and_repaired(ingested: Ingested) -> None:
    [(status, text, _)] = ingested.stored("mixed_utf8_and_cp1252.txt")
    cleaned = text[len(text) // 2:]
    assert status == "coded" and "Ménaka" in cleaned and "Ã" not in cleaned


def test_a_one_word_file_is_stored_or_failed_never_a_crash(ingested: Ingested) -> None:
    outcome = ingested.stored("one_word.txt") or ingested.failed("one_word.txt")
    assert len(outcome) == 1


def test_deeply_nested_json_is_refused_and_the_next_line_is_read(ingested: Ingested) -> None:
    [(_, kind, reason)] = ingested.failed("nested.jsonl")
    assert kind == "MalformedInputError" and "nested too deeply" in reason
    assert [s for s, _, _ in ingested.stored("nested.jsonl")] == ["coded"]
    [(_, kind, reason)] = ingested.failed("nested.json")
    assert kind == "MalformedInputError" and "nested too deeply" in reason


def test_script_style_iframe_and_template_text_never_becomes_article_text(ingested: Ingested) -> None:
    [(status, text, _)] = ingested.stored("page.html")
    assert status == "coded" and "Wednesday" in text and "motorbikes" in text
    assert SECRET not in text


@pytest.mark.parametrize("name", ["xxe.rss", "xxe_parameter.atom", "external_dtd.xml"])
def test_external_entities_in_feeds_are_refused_and_no_file_is_read(ingested: Ingested, name: str) -> None:
    failures = ingested.failed(name)
    stored = ingested.stored(name)
    assert all(f"{SECRET}-file" not in text for _, text, _ in stored)
    if name != "external_dtd.xml":  # an external DTD is never fetched; the feed itself may be read
        assert failures and "forbidden XML" in failures[0][2] and not stored


def test_a_gzip_bomb_named_warc_is_refused_from_its_first_bytes(ingested: Ingested) -> None:
    [(_, kind, reason)] = ingested.failed("zero_bomb.warc.gz")
    assert kind == "MalformedInputError" and "not a WARC file" in reason


def test_dates_in_year_0_or_9999_or_impossible_are_refused_per_item(ingested: Ingested) -> None:
    reasons = sorted(r for _, k, r in ingested.failed("dates.jsonl") if k == "InvalidDateError")
    assert len(reasons) == 4, ingested.failed("dates.jsonl")
    assert [(s, str(p)) for s, _, p in ingested.stored("dates.jsonl")] == [("coded", "2024-03-02")]
    rss = ingested.failed("dates.rss") + ingested.failed("dates.atom")
    assert len(rss) >= 2 and all(k == "InvalidDateError" for _, k, _ in rss), rss
    for _, _, published in ingested.stored("dates.rss") + ingested.stored("dates.atom"):
        assert published is None or 1900 <= published.year <= 2100  # a year 0 nobody parses: no date


def test_other_languages_are_skipped_with_a_reason_not_coded_as_english(ingested: Ingested) -> None:
    failures = ingested.failed("languages.jsonl")
    assert len(failures) == len(LANGUAGES)
    for (stage, kind, reason), language in zip(failures, LANGUAGES, strict=True):
        assert (stage, kind) == ("language", "UnsupportedLanguageError") and language in reason
    urls = {e[4] for e in ingested.events}
    assert not any(str(u).startswith("https://lang.test/") for u in urls)


def test_absurd_and_negative_death_tolls_are_dropped_or_kept_positive(ingested: Ingested) -> None:
    tolls = [e for e in ingested.events if str(e[4]).startswith("https://toll.test/")]
    assert tolls
    for _, low, best, high, url in tolls:
        if best is not None:
            assert 0 <= low <= best <= high <= 10_000, (url, low, best, high)
    assert all(e[2] is None for e in tolls if e[4] == "https://toll.test/absurd")


def test_an_empty_folder_is_a_failure_not_a_silent_nothing(ingested: Ingested) -> None:
    [(stage, _, reason)] = ingested.failures[str(ingested.empty)]
    assert stage == "read" and "no file Kibaru reads" in reason


def test_symlink_loops_are_not_followed(ingested: Ingested) -> None:
    assert not [o for o in (*ingested.failures, *ingested.articles) if "/self/" in o]


def test_an_unreadable_file_is_a_failure_naming_it(ingested: Ingested) -> None:
    [(stage, _, reason)] = ingested.failed("unreadable.txt")
    assert stage == "read" and "cannot be read" in reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode "
                    "(the /proc/self/mem case above covers the unreadable path)")
def test_a_file_without_read_permission_is_a_failure(tmp_path: Path) -> None:
    from kibaru.ingest import ReadOptions, read_all

    path = tmp_path / "locked.txt"
    path.write_text(REPORT)
    path.chmod(0)
    [error] = list(read_all([str(path)], options=ReadOptions()))
    assert "permission denied" in str(error)


def test_a_named_pipe_or_socket_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        for args in (["ingest", str(fifo), str(sock_path), "--db", str(tmp_path / "k.duckdb")],
                     ["code", str(fifo)]):
            done = kibaru(*args, timeout=120)
            assert "not a regular file" in done.stdout + done.stderr, done


def test_limits_are_configurable_and_documented_in_ingest_help() -> None:
    text = " ".join(subprocess.run([KIBARU, "ingest", "--help"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "--max-bytes" in text and "default: 5000000" in text.replace(",", "")
    assert "--max-items" in text and "Stop after this many items" in text
