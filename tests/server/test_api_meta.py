"""Health, the filter widgets' metadata and the OpenAPI document."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["events"] == 12


def test_meta_lists_types_countries_and_dates(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    assert {t["value"]: t["events"] for t in meta["types"]} == {
        "ASSAULT": 5, "COERCE": 1, "PROTEST": 1, "SANCTION": 1, "AGREE": 1, "CONSULT": 1}
    countries = {c["value"]: c for c in meta["countries"]}
    assert countries["MLI"]["name"] == "Mali" and countries["BFA"]["name"] == "Burkina Faso"
    assert meta["first_date"] == "2019-12-10" and meta["last_date"] == "2024-09-17"
    assert meta["articles"] == 8 and meta["max_page_size"] == 500
    assert "THREATEN" in meta["plover_types"]


def test_openapi_documents_every_route_and_the_envelope(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/points", "/api/aggregates",
                 "/api/actors", "/api/actors/network", "/api/articles/{article_id}",
                 "/api/health", "/api/meta"):
        op = spec["paths"][path]["get"]
        assert op.get("summary") and op.get("description"), path
        assert op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ErrorEnvelope"), path
    geo = spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]
    assert geo["application/geo+json"]["schema"]["$ref"] == "#/components/schemas/FeatureCollectionOut"
    assert "FeatureCollectionOut" in spec["components"]["schemas"]


def test_docs_page_is_served_locally(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/static/vendor/swagger/swagger-ui-bundle.js" in html
    assert "http" not in html.replace("http-equiv", "")


def test_every_route_is_documented(client: TestClient) -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    spec = client.get("/openapi.json").json()
    for path in spec["paths"]:
        assert f"`GET {path}`" in doc, path
    for name in ("country", "since", "until", "type", "acled_type", "actor", "bbox", "text",
                 "modality", "article", "aggregates"):
        assert f"| `{name}`" in doc or f"`{name}`," in doc, name


def test_country_names_read_naturally() -> None:
    # ISO's inverted names ("Congo, The Democratic Republic of the") would be shown twice in
    # the event table beside the gazetteer's name; the readable form is the usual one.
    from kibaru.server.routes.meta import country_name

    assert country_name("COD") == "Democratic Republic of the Congo"
    assert country_name("FSM") == "Federated States of Micronesia"
    assert country_name("MLI") == "Mali"
    assert country_name("VGB") == "Virgin Islands, British"  # not of the inverted "of" form
    assert country_name("XXX") is None
