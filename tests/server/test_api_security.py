"""API security: injection on every filter, read-only store, path traversal, CORS closed by
default, security headers on every response, Host check, loopback by default."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kibaru.errors import StoreError
from kibaru.server import create_app
from kibaru.server.security import SECURITY_HEADERS

INJECTIONS = [
    "' OR '1'='1",
    "MLI' OR 1=1 --",
    "'; DROP TABLE events; --",
    "x\") UNION SELECT * FROM articles --",
    "%' OR '%'='",
    "\\'; SELECT 1; --",
    "1; ATTACH 'evil.db' AS evil",
    "' || (SELECT text FROM articles LIMIT 1) || '",
    "_",
    "%",
]

FILTERS = ["country", "since", "until", "type", "acled_type", "actor", "bbox", "text",
           "modality", "article"]


def _counts(client: TestClient) -> tuple[int, int]:
    everything = {"modality": "all", "aggregates": "true"}
    events = client.get("/api/events", params=everything).json()["total"]
    articles = client.get("/api/meta").json()["articles"]
    return events, articles


@pytest.mark.parametrize("name", FILTERS)
def test_injection_attempts_on_every_filter_match_nothing_or_are_refused(
    client: TestClient, name: str,
) -> None:
    before = _counts(client)
    for attempt in INJECTIONS:
        for path in ("/api/events", "/api/points", "/api/aggregates", "/api/actors",
                     "/api/actors/network"):
            resp = client.get(path, params={name: attempt})
            assert resp.status_code in (200, 422), (path, name, attempt, resp.text)
            if resp.status_code == 200 and path == "/api/events":
                # Treated as a literal value: it matches no event.
                assert resp.json()["total"] == 0, (name, attempt)
    assert _counts(client) == before


def test_injection_in_ids_is_a_404_or_422(client: TestClient) -> None:
    for attempt in INJECTIONS + ["../../etc/passwd", "a_x' OR '1'='1"]:
        for path in ("/api/events/", "/api/articles/"):
            resp = client.get(path + attempt)
            assert resp.status_code in (404, 422), (path, attempt)


def test_like_wildcards_are_literal(client: TestClient) -> None:
    # '%' and '_' would match everything if they reached LIKE unescaped.
    for value in ("%", "_", "%%"):
        assert client.get("/api/events", params={"text": value}).json()["total"] == 0
        assert client.get("/api/events", params={"actor": value}).json()["total"] == 0


def test_store_is_opened_read_only(app: FastAPI) -> None:
    store = app.state.store
    assert store.read_only
    with pytest.raises(StoreError, match="read-only"):
        store.write_batch([])
    with pytest.raises(Exception, match="(?i)read.only"):
        store.execute("DELETE FROM events")


@pytest.mark.parametrize("path", [
    "/static/app/../../server/app.py",
    "/static/app/..%2f..%2fserver%2fapp.py",
    "/static/app/%2e%2e/%2e%2e/server/app.py",
    "/static/app/....//....//server/app.py",
    "/static/vendor/leaflet/../../../../../../etc/passwd",
    "/static/vendor/leaflet/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/app//etc/passwd",
    "/static/app/%00index.html",
    "/static/app/..\\..\\server\\app.py",
])
def test_no_path_traversal_in_static_files(live_server: str, path: str) -> None:
    # A raw request, so that no client library normalises the path first.
    parts = urlsplit(live_server)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    assert resp.status in (400, 404), (path, resp.status)
    assert b"root:" not in body and b"create_app" not in body


def test_static_files_are_served(client: TestClient) -> None:
    for path in ("/", "/static/app/main.js", "/static/app/app.css",
                 "/static/vendor/leaflet/leaflet.js",
                 "/static/vendor/markercluster/leaflet.markercluster.js",
                 "/static/borders.geojson", "/docs", "/openapi.json"):
        assert client.get(path).status_code == 200, path
    assert client.get("/static/app/main.js").headers["content-type"].startswith(
        ("text/javascript", "application/javascript"))


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/events?limit=9999", "/nope",
                                  "/static/app/app.css", "/docs"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    resp = client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert name in resp.headers, (path, name)
        if name != "cache-control":
            assert resp.headers[name] == value
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_api_answers_are_not_cached_and_assets_revalidate(client: TestClient) -> None:
    assert client.get("/api/events").headers["cache-control"] == "no-store"
    assert client.get("/static/app/app.css").headers["cache-control"] == "no-cache"


def test_cors_is_closed_by_default(client: TestClient) -> None:
    resp = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert resp.status_code == 200
    assert "access-control-allow-origin" not in resp.headers
    pre = client.options("/api/events", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
    assert pre.status_code == 405


def test_cors_opens_only_to_configured_origins(store_path: Path, server_cache: Path) -> None:
    app = create_app(store_path, cache_dir=server_cache, cors_origins=["https://ok.example"])
    try:
        client = TestClient(app, base_url="http://127.0.0.1")
        ok = client.get("/api/health", headers={"Origin": "https://ok.example"})
        assert ok.headers["access-control-allow-origin"] == "https://ok.example"
        bad = client.get("/api/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in bad.headers
    finally:
        app.state.store.close()


def test_foreign_host_header_is_refused(client: TestClient) -> None:
    # A page on another site whose name resolves to 127.0.0.1 (DNS rebinding) gets nothing.
    resp = client.get("/api/events", headers={"Host": "attacker.example:8000"})
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "bad_host"
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"):
        assert client.get("/api/health", headers={"Host": host}).status_code == 200, host
