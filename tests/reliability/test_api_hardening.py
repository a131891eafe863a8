"""The API under hostile requests, against the real ``kibaru serve`` on loopback over a
database the real ingest wrote: schemathesis over HTTP (tests/server fuzzes through ASGI),
raw malformed requests that no client library would send, and the page-size and query-cost
limits. No request gets a 500 or a stack trace."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from rel_support import get_json, kibaru, serving, write_corpus
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.slow

LEAKS = ("traceback", "duckdb", "file \"", ".py\"", "site-packages", "sqlstate", "binder error")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("api")
    db = base / "api.duckdb"
    done = kibaru("ingest", str(write_corpus(base / "a.jsonl", 10, tag="api")), "--db", str(db),
                  "--workers", "0", "--quiet")
    assert done.returncode == 0, done.stderr
    with serving(db, cache=base / "cache") as url:
        yield url


def raw(url: str, request: bytes) -> tuple[int, bytes]:
    """Send ``request`` bytes as they are; return the status and the body."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return status, body


def test_schemathesis_over_real_http_finds_no_server_error(live: str) -> None:
    schema = schemathesis.openapi.from_url(f"{live}/openapi.json")
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            # A schema cannot say "since before until": such valid-looking requests are a 422.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()


@pytest.mark.parametrize("target", [
    "/api/events?text=%ff%fe%00",
    "/api/events?text=%",
    "/api/events?actor=" + "A" * 5000,
    "/api/events?limit=99999999999999999999999",
    "/api/events?limit=-1&offset=-5",
    "/api/events?bbox=nan,nan,nan,nan",
    "/api/events?bbox=1e309,0,1e309,0",
    "/api/events?since=0000-01-01&until=9999-12-31",
    "/api/events?since=2024-02-30",
    "/api/events?country=%D0%9C%D0%9B%D0%98",
    "/api/events?modality=asserted,asserted,asserted",
    "/api/events/" + "a" * 5000,
    "/api/events/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/api/articles/a_%00",
    "/api/aggregates?interval=century&by=type,type,type,type",
    "/api/aggregates?by=" + ",".join(["type"] * 500),
    "/api/actors/network?limit=100000",
    "/api/points?" + "&".join(f"type=ASSAULT{i}" for i in range(300)),
    "/" + "%2F" * 2000,
    "/static/app/" + "..%2F" * 50 + "etc/passwd",
])
def test_malformed_requests_get_answers_without_internals(live: str, target: str) -> None:
    status, body = raw(live, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    assert 200 <= status < 500, (target, status, body[:300])  # a literal match of nothing is a 200
    text = body.decode("utf-8", "replace").lower()
    assert not any(leak in text for leak in LEAKS), (target, text[:300])
    if target.startswith("/api/") and status != 200:
        assert b'"error"' in body and b'"code"' in body


@pytest.mark.parametrize("request_bytes", [
    b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    b"GET /api/events HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    b"GET /api/events HTTP/1.1\r\nConnection: close\r\n\r\n",
    (b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Host: evil.example\r\n"
     b"Transfer-Encoding: chunked\r\nContent-Length: 5\r\nConnection: close\r\n\r\n0\r\n\r\n"),
    b"POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"a\": \"b\"}\n",
    b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/geo+json;q=\xff\r\nConnection: close\r\n\r\n",
])
def test_hostile_headers_and_methods_never_reach_a_500(live: str, request_bytes: bytes) -> None:
    status, body = raw(live, request_bytes)
    assert status == 0 or 200 <= status < 500, (status, body[:300])  # 0: the server closed it
    assert not any(leak in body.decode("utf-8", "replace").lower() for leak in LEAKS)


def test_page_size_offset_and_text_length_are_limited(live: str) -> None:
    for query, loc in (("limit=501", "query.limit"), ("offset=1000001", "query.offset"),
                       ("text=" + quote("x" * 201), "query.text"),
                       ("actor=" + quote("x" * 201), "query.actor")):
        status, _, body = get_json(f"{live}/api/events?{query}")
        assert status == 422 and body["error"]["details"][0]["loc"] == loc, (query, body)
    status, _, body = get_json(f"{live}/api/events?limit=500")
    assert status == 200 and body["limit"] == 500
    status, _, meta = get_json(f"{live}/api/meta")
    assert status == 200 and meta["max_page_size"] == 500


def test_the_database_is_unchanged_by_the_attack(live: str) -> None:
    status, _, before = get_json(f"{live}/api/health")
    for target in ("/api/events?text=%27%3B%20DROP%20TABLE%20events%3B%20--",
                   "/api/events?country=MLI%27%20OR%201%3D1%20--"):
        conn = http.client.HTTPConnection(urlsplit(live).hostname, urlsplit(live).port, timeout=30)
        conn.request("GET", target)
        conn.getresponse().read()
        conn.close()
    status_after, _, after = get_json(f"{live}/api/health")
    assert status == status_after == 200 and before["events"] == after["events"] > 0
