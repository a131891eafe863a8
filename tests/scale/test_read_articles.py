"""Pin how the Dask engine's default reader turns input files into articles or failures."""

from __future__ import annotations

import json
from pathlib import Path

from kibaru.contract import Article
from kibaru.scale import Failure, read_articles


def test_jsonl_lines_become_articles_and_bad_lines_one_line_failures(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": "Troops clashed with rebels.", "date": "2023-02-10", "source": "AFP"}),
        "",
        "[1, 2]",
        json.dumps({"text": "Protest in Niamey.", "published": "2023-02-31"}),
    ]) + "\n", encoding="utf-8")
    out = list(read_articles(path))
    assert isinstance(out[0], Article) and out[0].source == "AFP" and str(out[0].published) == "2023-02-10"
    assert out[0].origin == f"{path}:1"
    assert [type(x) for x in out] == [Article, Failure, Failure]
    assert isinstance(out[1], Failure) and out[1].origin == f"{path}:3" and "text field" in out[1].reason
    assert isinstance(out[2], Failure) and out[2].error == "InvalidDateError" and "2023-02-31" in out[2].reason


def test_text_files_are_one_article_and_binary_or_missing_files_fail(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Gunmen attacked a convoy.", encoding="utf-8")
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    (article,) = read_articles(good)
    assert isinstance(article, Article) and article.text == "Gunmen attacked a convoy."
    (bad,) = read_articles(binary)
    assert isinstance(bad, Failure) and bad.error == "BinaryInputError"
    (missing,) = read_articles(tmp_path / "nope.txt")
    assert isinstance(missing, Failure) and "no such file" in missing.reason


def test_non_utf8_jsonl_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes(json.dumps({"text": "x"}).encode() + b"\n" + '{"text": "café"}'.encode("latin-1") + b"\n")
    out = list(read_articles(path))
    assert isinstance(out[0], Article)
    assert isinstance(out[-1], Failure) and out[-1].error == "EncodingError"
