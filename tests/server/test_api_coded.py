"""The API over a database of really coded text (the bundled demo reports through the full
pipeline): every route answers, and what it says is consistent with the articles."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


def every_event(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    url: str | None = "/api/events"
    query: dict[str, Any] | None = {"limit": 100, **params}
    while url:
        resp = client.get(url, params=query)
        assert resp.status_code == 200, resp.text
        body = resp.json()
        events += body["events"]
        url, query = body["next"], None
    return events


def test_paging_walks_every_coded_event(coded_client: TestClient) -> None:
    events = every_event(coded_client, modality="all", aggregates="true")
    health = coded_client.get("/api/health").json()
    assert len(events) == health["events"] > 20
    assert len({e["event_id"] for e in events}) == len(events)


def test_every_evidence_sentence_is_in_its_article(coded_client: TestClient) -> None:
    events = every_event(coded_client)
    assert events
    for event in events[:60]:
        detail = coded_client.get(f"/api/events/{event['event_id']}").json()
        assert detail["reports"] and detail["articles"]
        for report in detail["reports"]:
            article = coded_client.get(f"/api/articles/{report['article_id']}").json()
            ev = report["evidence"]
            assert article["text"][ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]
            trigger = article["text"][ev["trigger_start"]:ev["trigger_end"]]
            assert trigger and trigger in ev["sentence"]
            assert report["report_id"] in {s["report_id"] for s in article["spans"]}


def test_filters_from_meta_narrow_the_list(coded_client: TestClient) -> None:
    meta = coded_client.get("/api/meta").json()
    total = coded_client.get("/api/events").json()["total"]
    assert sum(t["events"] for t in meta["types"]) == total
    top_type = meta["types"][0]["value"]
    by_type = coded_client.get("/api/events", params={"type": top_type}).json()
    assert by_type["total"] == meta["types"][0]["events"]
    country = meta["countries"][0]
    by_country = every_event(coded_client, country=country["value"])
    assert len(by_country) == country["events"]
    assert {e["location"]["country"] for e in by_country} == {country["value"]}


def test_aggregates_and_points_agree_with_the_list(coded_client: TestClient) -> None:
    events = every_event(coded_client)
    weekly = coded_client.get("/api/aggregates", params={"interval": "week"}).json()["rows"]
    assert sum(r["events"] for r in weekly) == sum(1 for e in events if e["date"])
    points = coded_client.get("/api/points").json()
    located = [e for e in events if e["location"] and e["location"]["lat"] is not None]
    assert points["located"] == len(located)
    assert points["located"] + points["unlocated"] == len(events)


def test_network_and_actors_answer(coded_client: TestClient) -> None:
    net = coded_client.get("/api/actors/network", params={"limit": 50}).json()
    assert net["links"]
    for link in net["links"]:
        assert sum(link["by_type"].values()) == link["events"]
    actors = coded_client.get("/api/actors", params={"limit": 10}).json()["actors"]
    assert actors and actors[0]["events"] >= actors[-1]["events"]
