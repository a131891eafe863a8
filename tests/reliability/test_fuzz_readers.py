"""Property-based fuzzing of every reader: whatever bytes or structure a file holds, reading
it yields articles or one-line ``InputError``s naming the file, and never raises, hangs or
lets through text no article may hold (NUL, over the size limit, impossible dates).

Inputs mix random bytes with structure built from the format's own grammar (tags, JSON
values, CSV cells, feed entries, WARC records), so that the fuzzing gets past the first
parser check. Each test stays within a few seconds (``max_examples`` is bounded).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kibaru.contract import Article
from kibaru.errors import InputError, KibaruError
from kibaru.ingest import ReadOptions, read_all

# derandomize: CI runs the same examples every time (a failure is reproducible as is).
SETTINGS = settings(max_examples=150, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MAX_BYTES = 20_000
OPTIONS = ReadOptions(max_bytes=MAX_BYTES)

WORDS = ["Gunmen", "killed", "five", "villagers", "in", "Mopti", "on", "Monday", "the", "army",
         "said", "attack", "Mali", "Niger", "Burkina", "Faso", "soldiers", "protest", "Bamako",
         "at least", "dozens", "12", "2024", "—", "«", "»", "’", "é", "Ménaka", "killed 10 million"]
PUNCT = [".", ",", ";", ":", "!", "?", "\n", "\n\n", " ", "\t", "\"", "'", "(", ")", "&", "<", ">"]

words = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT),
                           st.text(max_size=8)), max_size=40).map(" ".join)


@contextmanager
def file_with(name: str, data: bytes) -> Iterator[Path]:
    """Write ``data`` to a fresh folder as ``name`` and yield its path."""
    with tempfile.TemporaryDirectory(prefix="kibaru-fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def check_items(path: Path, *, options: ReadOptions = OPTIONS) -> list[Article | InputError]:
    """Read ``path`` and check what every reader promises of each item."""
    items = list(read_all([str(path)], options=options))
    assert items, "a file yields at least one article or error"
    for item in items:
        if isinstance(item, InputError):
            assert item.origin and str(path) in item.origin
            assert "\n" not in str(item), f"error is not one line: {item!r}"
            assert item.reason.strip()
        else:
            assert isinstance(item, Article)
            assert item.text.strip() and "\x00" not in item.text
            assert len(item.text.encode("utf-8", "surrogatepass")) <= options.max_bytes
            assert item.published is None or 1900 <= item.published.year <= 2100
            assert item.id.startswith("a_")
    return items


# -- text -----------------------------------------------------------------------------

@SETTINGS
@given(data=st.one_of(
    st.binary(max_size=2000),
    words.map(lambda t: t.encode("utf-8")),
    words.map(lambda t: t.encode("utf-16")),
    words.map(lambda t: t.encode("utf-16-le")),
    words.map(lambda t: t.encode("cp1252", "replace")),
    st.tuples(words, st.sampled_from(["published", "date", "title", "url"]), st.text(max_size=30))
      .map(lambda t: f"{t[1]}: {t[2]}\n\n{t[0]}".encode("utf-8", "surrogatepass")),
))
def test_txt_reader_never_crashes(data: bytes) -> None:
    with file_with("article.txt", data) as path:
        check_items(path)


# -- HTML -----------------------------------------------------------------------------

TAGS = ["p", "div", "article", "script", "style", "iframe", "noscript", "h1", "span", "a",
        "template", "svg", "object", "meta", "br", "li", "table"]


@st.composite
def html_pages(draw: st.DrawFn) -> tuple[str, str]:
    """Return (page, secret): the secret sits only inside <script>/<style>/<iframe>."""
    secret = "zqxsecret" + str(draw(st.integers(0, 10**6)))
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(TAGS))
        inner = draw(words)
        if tag in ("script", "style"):
            inner = f"var x = '{secret}'; {inner}"
        elif tag == "iframe":
            inner = f"<p>{secret}</p>"
        closing = draw(st.booleans())
        parts.append(f"<{tag}>{inner}" + (f"</{tag}>" if closing else ""))
    garbage = draw(st.text(max_size=50))
    page = f"<html><head><title>{draw(words)}</title></head><body>{''.join(parts)}{garbage}</body></html>"
    return page, secret


@SETTINGS
@given(page=html_pages(), raw=st.binary(max_size=500), use_raw=st.booleans())
def test_html_reader_never_crashes_and_never_keeps_script_text(
        page: tuple[str, str], raw: bytes, use_raw: bool) -> None:
    html, secret = page
    data = (b"<html>" + raw) if use_raw else html.encode("utf-8", "surrogatepass")
    with file_with("page.html", data) as path:
        for item in check_items(path):
            if isinstance(item, Article):
                assert secret not in item.text and "var x" not in item.text


# -- JSON and JSON Lines --------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
    | words,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "title", "url", "published", "date", "source", "body",
                         "content", "language", "x"]), children, max_size=6),
    max_leaves=20,
)
records = st.fixed_dictionaries({"text": words}, optional={
    "published": st.one_of(st.text(max_size=30), st.sampled_from(
        ["0000-01-01", "9999-12-31", "2024-02-30", "2024-03-02", "March 2, 2024",
         "Sat, 02 Mar 2024 10:00:00 GMT", "-1", "1e309"]), st.integers(), st.none()),
    "title": json_values, "url": st.text(max_size=30), "source": json_values,
})


@SETTINGS
@given(lines=st.lists(st.one_of(records.map(json.dumps), json_values.map(json.dumps),
                                st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
                                st.just("[" * 5000), st.just('{"text": "' + "[" * 100)),
                      max_size=8))
def test_jsonl_reader_never_crashes(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    with file_with("items.jsonl", data) as path:
        check_items(path)


@SETTINGS
@given(value=st.one_of(json_values, st.lists(records, max_size=5),
                       st.fixed_dictionaries({"articles": st.lists(json_values, max_size=5)})),
       depth=st.integers(0, 3000))
def test_json_reader_never_crashes_even_when_nested_deeply(value: object, depth: int) -> None:
    data = ("[" * depth + json.dumps(value) + "]" * depth).encode("utf-8", "surrogatepass")
    with file_with("items.json", data) as path:
        check_items(path)


# -- CSV ------------------------------------------------------------------------------

cells = st.one_of(words, st.text(max_size=30), st.sampled_from(["", '"', '""', "\r\n", "\x00", ",,"]))


@SETTINGS
@given(header=st.lists(st.sampled_from(["text", "title", "url", "published", "date", "source",
                                        "", "TEXT ", "x"]), min_size=1, max_size=6),
       rows=st.lists(st.lists(cells, max_size=7), max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
       tail=st.binary(max_size=40))
def test_csv_reader_never_crashes(header: list[str], rows: list[list[str]], encoding: str,
                                  tail: bytes) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding, "replace") + tail
    with file_with("items.csv", data) as path:
        check_items(path)


# -- feeds ----------------------------------------------------------------------------

@st.composite
def feeds(draw: st.DrawFn) -> str:
    """Return an RSS or Atom document with random entries (and sometimes a DTD)."""
    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    entries = []
    atom = draw(st.booleans())
    for _ in range(draw(st.integers(0, 4))):
        body = draw(st.one_of(words.map(esc), words.map(lambda w: f"<![CDATA[<p>{w}</p><script>x</script>]]>"),
                              st.text(max_size=40)))
        date = draw(st.sampled_from(["Sat, 02 Mar 2024 10:00:00 GMT", "2024-03-02T00:00:00Z",
                                     "0000-01-01T00:00:00Z", "9999-12-31T00:00:00Z", "yesterday", ""]))
        if atom:
            entries.append(f"<entry><title>{esc(draw(words))}</title><updated>{date}</updated>"
                           f"<content type=\"html\">{body}</content></entry>")
        else:
            entries.append(f"<item><title>{esc(draw(words))}</title><pubDate>{date}</pubDate>"
                           f"<description>{body}</description></item>")
    dtd = draw(st.sampled_from(["", '<!DOCTYPE rss [<!ENTITY a "aaaa">]>',
                                '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>']))
    if atom:
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{"".join(entries)}</feed>'
    else:
        doc = f'<rss version="2.0"><channel><title>t</title>{"".join(entries)}</channel></rss>'
    return f'<?xml version="1.0" encoding="utf-8"?>{dtd}{doc}'


@SETTINGS
@given(doc=feeds(), cut=st.integers(0, 4000), raw=st.binary(max_size=300), mode=st.integers(0, 2))
def test_feed_reader_never_crashes_and_never_reads_files(doc: str, cut: int, raw: bytes, mode: int) -> None:
    data = doc.encode("utf-8", "surrogatepass")
    data = data if mode == 0 else data[:cut] if mode == 1 else b"<?xml version='1.0'?><rss>" + raw
    with file_with("feed.xml", data) as path:
        for item in check_items(path):
            if isinstance(item, Article):
                assert "root:" not in item.text and "<script" not in item.text


# -- WARC -----------------------------------------------------------------------------

def _warc_bytes(bodies: list[tuple[str, bytes]], *, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for i, (kind, body) in enumerate(bodies):
        headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://fuzz.test/{i}", "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-05T00:00:00Z"}))
    return out.getvalue()


@SETTINGS
@given(bodies=st.lists(st.tuples(
           st.sampled_from(["text/html", "text/html; charset=utf-8", "text/html; charset=bogus-9",
                            "text/html; charset=utf-16", "image/png", "application/json"]),
           st.one_of(words.map(lambda w: f"<html><body><p>{w}</p></body></html>".encode()),
                     st.binary(max_size=300))), min_size=1, max_size=4),
       gz=st.booleans(), cut=st.floats(0, 1), flip=st.integers(0, 10**6), mode=st.integers(0, 2))
def test_warc_reader_never_crashes_on_truncated_or_corrupt_records(
        bodies: list[tuple[str, bytes]], gz: bool, cut: float, flip: int, mode: int) -> None:
    data = _warc_bytes(bodies, gz=gz)
    if mode == 1:
        data = data[: int(len(data) * cut)] or b"W"
    elif mode == 2:
        position = flip % len(data)
        data = data[:position] + bytes([data[position] ^ 0xFF]) + data[position + 1:]
    with file_with("crawl.warc.gz" if gz else "crawl.warc", data) as path:
        check_items(path)


# -- dates anywhere -------------------------------------------------------------------

@SETTINGS
@given(value=st.one_of(st.text(max_size=40), st.dates(min_value=dt.date(1, 1, 1)).map(str),
                       st.integers().map(str)))
def test_any_date_string_is_a_date_in_range_or_an_invalid_date_error(value: str) -> None:
    from kibaru.errors import InvalidDateError
    from kibaru.ingest.records import parse_date_field

    try:
        day = parse_date_field(value, origin="x:1")
    except InvalidDateError as exc:
        assert "\n" not in str(exc)
        return
    assert day is None or 1900 <= day.year <= 2100


# -- every reader: any error is a KibaruError ------------------------------------------

@SETTINGS
@given(data=st.binary(max_size=1000),
       suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".csv", ".rss", ".atom",
                               ".xml", ".warc", ".warc.gz", ".md", ".unknown"]))
def test_random_bytes_under_any_extension_are_read_or_refused(data: bytes, suffix: str) -> None:
    with file_with(f"input{suffix}", data) as path:
        try:
            check_items(path)
        except KibaruError as exc:  # pragma: no cover - readers yield errors, never raise
            raise AssertionError(f"reader raised instead of yielding: {exc!r}") from exc
