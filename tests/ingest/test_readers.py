"""Pin each reader: what it takes from each format, and the one-line error for each kind of
bad input (naming ``path`` or ``path:line``), with reading going on after it."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from tests.ingest.conftest import REPORTS

from kibaru.contract import Article
from kibaru.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    InvalidDateError,
    MalformedInputError,
)
from kibaru.ingest import ReadOptions, read_all
from kibaru.ingest.sources import estimate_items

OPTIONS = ReadOptions()


def read(*paths: Path | str, options: ReadOptions = OPTIONS) -> list[Article | InputError]:
    return list(read_all([str(p) for p in paths], options=options))


def articles(items: list[Article | InputError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# -- text -----------------------------------------------------------------------------


def test_txt_takes_published_from_front_matter_and_strips_it(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(f"title: Attack in Mopti\npublished: 2024-01-03\nurl: https://x.test/a\n\n{REPORTS[0]}")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.published == dt.date(2024, 1, 3) and article.title == "Attack in Mopti"
    assert article.url == "https://x.test/a" and article.text == REPORTS[0]
    assert article.origin == str(path)


def test_txt_takes_a_date_line_and_fenced_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"---\ndate: 2023-02-10\n---\n{REPORTS[1]}")
    [article] = read(path)
    assert isinstance(article, Article) and article.published == dt.date(2023, 2, 10)
    assert article.text == REPORTS[1]


def test_txt_takes_the_date_in_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "mali-2023-02-10.txt"
    path.write_text(REPORTS[0])
    [article] = read(path)
    assert isinstance(article, Article) and article.published == dt.date(2023, 2, 10)


def test_published_option_wins_for_txt(tmp_path: Path) -> None:
    path = tmp_path / "mali-2023-02-10.txt"
    path.write_text(f"published: 2020-01-01\n\n{REPORTS[0]}")
    [article] = read(path, options=ReadOptions(published=dt.date(2024, 5, 6)))
    assert isinstance(article, Article) and article.published == dt.date(2024, 5, 6)


@pytest.mark.parametrize("content, kind, words", [
    (b"", EmptyInputError, "empty"),
    (b"   \n\t\n", EmptyInputError, "empty"),
    (b"\x00\x01\x02binary\x00" * 50, BinaryInputError, "binary"),
    (bytes(range(256)) * 20, BinaryInputError, "binary"),
    (b"published: 2024-02-30\n\nSome news text here.", InvalidDateError, "not a valid"),
    (b"published: 9999-01-01\n\nSome news text here.", InvalidDateError, "outside"),
    (b"published: 0000-01-01\n\nSome news text here.", InvalidDateError, "date"),
    (b"published: 2024-01-01\n", InputError, "no text"),
])
def test_bad_txt_files_are_one_line_errors_naming_the_file(tmp_path: Path, content: bytes,
                                                            kind: type[InputError], words: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = read(path)
    assert isinstance(error, kind) and error.origin == str(path)
    assert words in error.reason and "\n" not in str(error)


def test_txt_over_max_bytes_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 200_000)
    [error] = read(path, options=ReadOptions(max_bytes=10_000))
    assert isinstance(error, InputTooLargeError) and "--max-bytes" in error.reason


def test_txt_encodings_utf16_bom_and_cp1252_decode(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes(REPORTS[0].encode("utf-16"))
    (tmp_path / "win.txt").write_bytes("Le ministre a visité Ménaka – « hier ».".encode("cp1252"))
    items = read(tmp_path / "u16.txt", tmp_path / "win.txt")
    assert [a.text for a in articles(items)] == [REPORTS[0], "Le ministre a visité Ménaka – « hier »."]


# -- HTML -----------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Attack in Ogossagou | News</title>
<meta property="article:published_time" content="2024-03-02T08:00:00Z"></head>
<body><nav>Home | World | Sport</nav><script>var tracking = "killed 500";</script>
<article><h1>Attack in Ogossagou</h1><p>{0}</p><p>{1}</p></article>
<iframe src="https://ads.example/x"></iframe><footer>Copyright 2024</footer></body></html>
"""


def test_html_yields_title_date_and_main_text_without_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(REPORTS[0], REPORTS[1]))
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.title and "Ogossagou" in article.title
    assert article.published == dt.date(2024, 3, 2)
    assert "Gunmen attacked the village" in article.text and "tracking" not in article.text


@pytest.mark.parametrize("content", [
    b"<html><body><div></div></body></html>",
    b"<<<>>></p></div><html",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100,
])
def test_malformed_or_textless_html_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    [error] = read(path)
    assert isinstance(error, InputError) and error.origin == str(path)


# -- JSON Lines and JSON ---------------------------------------------------------------


def test_jsonl_bad_lines_are_errors_for_path_line_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    lines = [
        json.dumps({"url": "https://x.test/1", "title": "One", "published": "2024-01-02", "text": REPORTS[0], "source": "AFP"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": REPORTS[1], "date": "2024-02-30"}),
        json.dumps({"text": REPORTS[1], "date": "9999-12-31"}),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"text": 42}),
        "",
        json.dumps({"text": REPORTS[2], "date": "Jan 3, 2024"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = read(path)
    good = articles(items)
    assert [(a.origin, a.published, a.source) for a in good] == [
        (f"{path}:1", dt.date(2024, 1, 2), "AFP"), (f"{path}:10", dt.date(2024, 1, 3), None)]
    bad = {e.origin: type(e) for e in errors(items)}
    assert bad == {
        f"{path}:2": MalformedInputError, f"{path}:3": MalformedInputError,
        f"{path}:4": EmptyInputError, f"{path}:5": InvalidDateError, f"{path}:6": InvalidDateError,
        f"{path}:7": MalformedInputError, f"{path}:8": MalformedInputError,
    }


def test_jsonl_oversized_line_is_skipped_and_reading_continues(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w") as handle:
        handle.write(json.dumps({"text": "x " * 400_000}) + "\n")
        handle.write(json.dumps({"text": REPORTS[0]}) + "\n")
    items = read(path, options=ReadOptions(max_bytes=50_000))
    assert isinstance(items[0], InputTooLargeError) and items[0].origin == f"{path}:1"
    assert isinstance(items[1], Article) and items[1].origin == f"{path}:2"


def test_jsonl_invalid_utf8_line_is_an_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"text": "caf\xe9 news"}\n' + json.dumps({"text": REPORTS[0]}).encode() + b"\n")
    items = read(path)
    assert isinstance(items[0], EncodingError) and isinstance(items[1], Article)


def test_json_list_and_wrapped_object(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": REPORTS[0]}, {"text": ""}]))
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [{"text": REPORTS[1]}]}))
    items = read(tmp_path / "list.json", tmp_path / "wrapped.json")
    assert [a.text for a in articles(items)] == [REPORTS[0], REPORTS[1]]
    assert [e.origin for e in errors(items)] == [f"{tmp_path / 'list.json'}:2"]


@pytest.mark.parametrize("content", ['{"text": "unterminated', "[" * 50_000 + "]" * 50_000, "42"])
def test_malformed_json_file_is_one_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    [error] = read(path)
    assert isinstance(error, MalformedInputError) and error.origin == str(path)


# -- CSV ------------------------------------------------------------------------------


def test_csv_rows_become_articles_and_bad_rows_errors(tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text(
        "url,date,title,text\n"
        f'https://x.test/1,2024-01-02,One,"{REPORTS[0]}"\n'
        "https://x.test/2,2024-13-01,Two,Some text\n"
        "https://x.test/3,2024-01-04,Three,\n"
        f'https://x.test/4,2024-01-05,Four,"{REPORTS[1]}",extra\n'
        f'https://x.test/5,,Five,"multi\nline text {REPORTS[2]}"\n'
    )
    items = read(path)
    assert [a.url for a in articles(items)] == ["https://x.test/1", "https://x.test/5"]
    assert {e.origin: type(e) for e in errors(items)} == {
        f"{path}:3": InvalidDateError, f"{path}:4": EmptyInputError, f"{path}:5": MalformedInputError}
    assert estimate_items([str(path)]) == 5


def test_csv_without_text_column_or_in_cp1252(tmp_path: Path) -> None:
    (tmp_path / "cols.csv").write_text("a,b\n1,2\n")
    (tmp_path / "win.csv").write_bytes("text\n\"Attaque à Ménaka « hier »\"\n".encode("cp1252"))
    items = read(tmp_path / "cols.csv", tmp_path / "win.csv")
    assert isinstance(items[0], MalformedInputError) and "text" in items[0].reason
    assert isinstance(items[1], Article) and items[1].text == "Attaque à Ménaka « hier »"


def test_binary_and_empty_csv_are_errors(tmp_path: Path) -> None:
    (tmp_path / "bin.csv").write_bytes(b"text\n\x00\x01\x02")
    (tmp_path / "empty.csv").write_bytes(b"")
    items = read(tmp_path / "bin.csv", tmp_path / "empty.csv")
    assert [type(e) for e in items] == [InputError, InputError]
    assert "binary" in items[0].reason and "empty" in items[1].reason


# -- feeds ----------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Sahel Wire</title>
<item><title>Attack</title><link>https://wire.test/1</link>
<pubDate>Sat, 02 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{0}&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>March</title><link>https://wire.test/2</link><description>{1}</description></item>
<item><title>Empty</title><link>https://wire.test/3</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Clash</title><link href="https://atom.test/1"/><updated>2024-03-04T00:00:00Z</updated>
<content type="html">&lt;p&gt;{0}&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom_entries_become_articles(tmp_path: Path) -> None:
    (tmp_path / "wire.rss").write_text(RSS.format(REPORTS[0], REPORTS[1]))
    (tmp_path / "wire.atom").write_text(ATOM.format(REPORTS[2]))
    items = read(tmp_path / "wire.rss", tmp_path / "wire.atom")
    good = articles(items)
    assert [(a.url, a.published, a.source) for a in good] == [
        ("https://wire.test/1", dt.date(2024, 3, 2), "Sahel Wire"),
        ("https://wire.test/2", None, "Sahel Wire"),
        ("https://atom.test/1", dt.date(2024, 3, 4), "Atom Wire"),
    ]
    assert good[0].text == REPORTS[0]
    assert [e.origin for e in errors(items)] == [f"{tmp_path / 'wire.rss'}:3"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>x</title><item><title>&lol4;</title><description>&lol4;</description></item></channel></rss>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>t</title><description>&xxe;</description></item></channel></rss>"""


@pytest.mark.parametrize("content, words", [
    (BILLION_LAUGHS, "forbidden XML"),
    (XXE, "forbidden XML"),
    ("<rss><channel><item><title>unclosed", "not well-formed"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', "no"),
])
def test_hostile_or_broken_feeds_are_refused(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(content)
    [error] = read(path)
    assert isinstance(error, MalformedInputError) and words in error.reason
    assert "root:" not in str(error)


# -- WARC -----------------------------------------------------------------------------


def _warc(path: Path, *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for i, (kind, body) in enumerate([
            ("text/html; charset=utf-8", PAGE.format(REPORTS[0], REPORTS[1]).encode()),
            ("image/png", b"\x89PNG" + b"\x00" * 50),
            ("text/html", f"<html><body><article><p>{REPORTS[2]}</p><p>{REPORTS[1]}</p></article></body></html>".encode()),
        ]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://warc.test/{i}", "response",
                                               payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2024-03-05T00:00:00Z"})
            writer.write_record(record)


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_articles(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(path, gz=gz)
    items = read(path)
    good = articles(items)
    assert [a.url for a in good] == ["https://warc.test/0", "https://warc.test/2"]
    assert good[0].published == dt.date(2024, 3, 2) and good[1].published == dt.date(2024, 3, 5)
    assert "Djibo" in good[1].text and not errors(items)


def test_truncated_warc_keeps_what_was_read_and_reports_the_break(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, gz=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])
    items = read(path)
    assert len(articles(items)) >= 1
    [error] = errors(items)
    assert isinstance(error, MalformedInputError) and str(path) in str(error.origin)


def test_garbage_warc_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file\r\n" * 10)
    [error] = read(path)
    assert isinstance(error, MalformedInputError)


def test_gzip_bomb_in_a_warc_record_is_cut_at_max_bytes(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "bomb.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        body = b"<html><body><p>" + b"a" * 20_000_000 + b"</p></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://bomb.test/", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    assert path.stat().st_size < 200_000
    [error] = read(path, options=ReadOptions(max_bytes=1_000_000))
    assert isinstance(error, InputTooLargeError)


# -- paths ----------------------------------------------------------------------------


def test_folders_globs_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "b.txt").write_text(REPORTS[1])
    (tmp_path / "in" / "sub" / "a.txt").write_text(REPORTS[0])
    (tmp_path / "in" / ".hidden.txt").write_text("secret")
    (tmp_path / "in" / "photo.png").write_bytes(b"\x89PNG")
    items = read(tmp_path / "in", str(tmp_path / "in" / "**" / "a.txt"), tmp_path / "nope.txt",
                 str(tmp_path / "*.none"))
    assert [a.text for a in articles(items)] == [REPORTS[1], REPORTS[0], REPORTS[0]]
    assert [(e.origin, e.reason) for e in errors(items)] == [
        (str(tmp_path / "nope.txt"), "no such file or folder"),
        (str(tmp_path / "*.none"), "matches no file")]


def test_max_items_stops_reading(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": f"{REPORTS[0]} {i}"}) + "\n" for i in range(50)))
    assert len(read(path, options=ReadOptions(max_items=7))) == 7


def test_stdin_jsonl_and_text(tmp_path: Path) -> None:
    lines = (json.dumps({"text": REPORTS[0]}) + "\n" + json.dumps({"text": REPORTS[1]}) + "\n").encode()
    items = list(read_all(["-"], options=OPTIONS, stdin=io.BufferedReader(io.BytesIO(lines))))  # type: ignore[arg-type]
    assert [a.origin for a in articles(items)] == ["-:1", "-:2"]
    items = list(read_all(["-"], options=OPTIONS, stdin=io.BufferedReader(io.BytesIO(REPORTS[2].encode()))))  # type: ignore[arg-type]
    assert [a.text for a in articles(items)] == [REPORTS[2]]


def test_gzip_text_without_known_extension_is_not_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(gzip.compress(b"hello" * 100))
    [error] = read(path)
    assert isinstance(error, InputError)
