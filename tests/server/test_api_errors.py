"""One error envelope for every error the API can return, with clear validation messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from server_reports import build_writes

from kibaru.server import create_app
from kibaru.store import Store


def envelope(resp: Any) -> dict[str, Any]:
    """Check the response is exactly the error envelope and return its ``error``."""
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "details"}
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    for detail in error["details"]:
        assert set(detail) == {"loc", "message"}
    return error  # type: ignore[no-any-return]


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/events?since=2024-02-30", 422, "validation_error"),
    ("/api/events?limit=501", 422, "validation_error"),
    ("/api/events/no such id", 422, "validation_error"),
    ("/api/events/a_unknown-0", 404, "not_found"),
    ("/api/articles/a_unknown", 404, "not_found"),
    ("/api/nothing-here", 404, "not_found"),
    ("/static/app/missing.js", 404, "not_found"),
    ("/api/aggregates?interval=decade", 422, "validation_error"),
])
def test_every_error_uses_the_envelope(client: TestClient, path: str, status: int, code: str) -> None:
    resp = client.get(path)
    assert resp.status_code == status
    assert envelope(resp)["code"] == code


def test_envelope_shape_is_pinned(client: TestClient) -> None:
    resp = client.get("/api/events", params={"type": "BOMBING"})
    assert resp.status_code == 422
    assert resp.json() == {"error": {
        "code": "validation_error",
        "message": "invalid request: query.type: unknown event type 'BOMBING'; expected one of "
                   "AGREE, ACCUSE, AID, ASSAULT, COERCE, CONCEDE, CONSULT, COOPERATE, MOBILIZE, "
                   "PROTEST, REJECT, REQUEST, RETREAT, SANCTION, SUPPORT, THREATEN",
        "details": [{"loc": "query.type", "message": "unknown event type 'BOMBING'; expected "
                     "one of AGREE, ACCUSE, AID, ASSAULT, COERCE, CONCEDE, CONSULT, COOPERATE, "
                     "MOBILIZE, PROTEST, REJECT, REQUEST, RETREAT, SANCTION, SUPPORT, THREATEN"}],
    }}


def test_writes_are_refused_with_405(client: TestClient) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        resp = client.request(method, "/api/events")
        assert resp.status_code == 405
        assert "read-only" in envelope(resp)["message"]


@pytest.mark.parametrize(("params", "loc", "words"), [
    ({"since": "2024-13-01"}, "query.since", "not a date"),
    ({"until": "yesterday"}, "query.until", "expected YYYY-MM-DD"),
    ({"since": "2024-03-01", "until": "2024-01-01"}, "query.since", "is after until"),
    ({"bbox": "1,2,3"}, "query.bbox", "four numbers"),
    ({"bbox": "a,b,c,d"}, "query.bbox", "four numbers"),
    ({"bbox": "0,95,10,96"}, "query.bbox", "latitudes"),
    ({"bbox": "10,0,0,5"}, "query.bbox", "west must not be greater"),
    ({"bbox": "nan,0,1,1"}, "query.bbox", "finite"),
    ({"type": "KILL"}, "query.type", "unknown event type"),
    ({"acled_type": "War"}, "query.acled_type", "unknown ACLED event type"),
    ({"modality": "rumoured"}, "query.modality", "unknown modality"),
    ({"limit": "0"}, "query.limit", "greater than or equal to 1"),
    ({"limit": "100000"}, "query.limit", "less than or equal to 500"),
    ({"offset": "-1"}, "query.offset", "greater than or equal to 0"),
    ({"text": "x" * 201}, "query.text", "at most 200"),
    ({"format": "xml"}, "query.format", "json"),
])
def test_bad_parameters_are_422_naming_the_parameter(
    client: TestClient, params: dict[str, str], loc: str, words: str,
) -> None:
    resp = client.get("/api/events", params=params)
    assert resp.status_code == 422
    error = envelope(resp)
    assert error["code"] == "validation_error"
    assert [d["loc"] for d in error["details"]] == [loc]
    assert words in error["details"][0]["message"]
    assert loc in error["message"]


def test_several_problems_are_reported_at_once(client: TestClient) -> None:
    resp = client.get("/api/events", params={"since": "2024-99-01", "type": "X", "bbox": "1"})
    locs = [d["loc"] for d in envelope(resp)["details"]]
    assert locs == ["query.since", "query.type", "query.bbox"]


def test_country_must_be_an_iso3_code(client: TestClient) -> None:
    resp = client.get("/api/events", params={"country": "Mali"})
    assert resp.status_code == 422
    assert envelope(resp)["details"][0]["loc"] == "query.country"
    resp = client.get("/api/events", params={"country": "M1!"})
    assert resp.status_code == 422
    assert "ISO3" in envelope(resp)["message"]


def test_aggregate_keys_are_checked(client: TestClient) -> None:
    for by in ("planet", "type,country,admin1", "type,type"):
        resp = client.get("/api/aggregates", params={"by": by})
        assert resp.status_code == 422
        assert envelope(resp)["details"][0]["loc"] == "query.by"


def test_a_crash_is_a_500_envelope_without_a_traceback(
    tmp_path: Path, server_cache: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "k.duckdb"
    with Store.open(path) as store:
        store.write_batch(build_writes())
    app = create_app(path, cache_dir=server_cache)
    app.state.store.close()  # the database goes away under the server
    client = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)
    resp = client.get("/api/events")
    assert resp.status_code == 500
    error = envelope(resp)
    assert error["code"] == "internal_error"
    text = resp.text.lower()
    for leak in ("traceback", "duckdb", "connection", ".py", "line "):
        assert leak not in text
    assert "unhandled error" in caplog.text  # the details went to the server log


def test_missing_database_is_a_clear_error(tmp_path: Path, server_cache: Path) -> None:
    from kibaru.errors import StoreError

    with pytest.raises(StoreError, match="no database at"):
        create_app(tmp_path / "absent.duckdb", cache_dir=server_cache)
