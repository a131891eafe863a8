"""The event routes: filters, paging with next links, GeoJSON, one event with its evidence."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """Follow ``next`` links and return every event of the query."""
    events: list[dict[str, Any]] = []
    resp = client.get("/api/events", params={"limit": 3, **params})
    while True:
        assert resp.status_code == 200, resp.text
        body = resp.json()
        events += body["events"]
        if not body["next"]:
            return events
        resp = client.get(body["next"])


def test_list_returns_asserted_events_newest_first(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == len(body["events"]) == 10
    dates = [e["date"] for e in body["events"]]
    assert dates == sorted(dates, reverse=True)
    assert {e["modality"] for e in body["events"]} == {"asserted"}
    assert not any(e["aggregate"] for e in body["events"])


def test_two_reports_of_one_attack_are_one_event(client: TestClient) -> None:
    inates = [e for e in all_events(client, text="Inates")]
    assert len(inates) == 1
    assert inates[0]["n_reports"] == 2 and inates[0]["n_sources"] == 2
    assert inates[0]["fatalities"]["best"] == 71


def test_next_links_walk_every_page_without_repeats(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2, "country": "MLI"}).json()
    assert first["next"] and "country=MLI" in first["next"] and "offset=2" in first["next"]
    events = all_events(client, country="MLI")
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids)) == first["total"]
    last = client.get("/api/events", params={"limit": 50}).json()
    assert last["next"] is None


def test_country_filter_keeps_only_that_country(client: TestClient) -> None:
    events = all_events(client, country="BFA")
    assert events and {e["location"]["country"] for e in events} == {"BFA"}


def test_type_filter_is_case_insensitive(client: TestClient) -> None:
    lower = all_events(client, type="protest")
    assert len(lower) == 1 and lower[0]["plover_type"] == "PROTEST"
    assert all_events(client, type="PROTEST") == lower


def test_date_range_filter(client: TestClient) -> None:
    events = all_events(client, since="2023-07-01", until="2023-08-31")
    assert {e["plover_type"] for e in events} == {"COERCE", "SANCTION", "PROTEST"}
    assert all("2023-07-01" <= e["date"] <= "2023-08-31" for e in events)


def test_actor_filter_matches_either_side(client: TestClient) -> None:
    events = all_events(client, actor="JNIM")
    assert len(events) == 3
    for e in events:
        names = {a["name"] for a in e["source_actors"] + e["target_actors"]}
        assert "JNIM" in names


def test_bbox_filter_keeps_points_inside(client: TestClient) -> None:
    # Around Niamey and Inates only.
    events = all_events(client, bbox="0.5,13,3,16")
    assert events
    for e in events:
        loc = e["location"]
        assert 0.5 <= loc["lon"] <= 3 and 13 <= loc["lat"] <= 16


def test_text_filter_searches_evidence_sentences(client: TestClient) -> None:
    events = all_events(client, text="trenches")
    assert len(events) == 1 and "trenches" in events[0]["evidence_text"]


def test_modality_all_includes_hypotheticals(client: TestClient) -> None:
    asserted = client.get("/api/events").json()["total"]
    everything = client.get("/api/events", params={"modality": "all"}).json()
    assert everything["total"] == asserted + 1
    assert "hypothetical" in {e["modality"] for e in everything["events"]}
    hyp = all_events(client, modality="hypothetical")
    assert [e["modality"] for e in hyp] == ["hypothetical"]


def test_aggregates_are_left_out_unless_asked(client: TestClient) -> None:
    with_agg = client.get("/api/events", params={"aggregates": "true"}).json()
    assert with_agg["total"] == client.get("/api/events").json()["total"] + 1
    assert any(e["aggregate"] for e in with_agg["events"])


def test_geojson_by_parameter_and_by_accept_header(client: TestClient) -> None:
    by_param = client.get("/api/events", params={"format": "geojson", "limit": 50})
    assert by_param.status_code == 200
    assert by_param.headers["content-type"].startswith("application/geo+json")
    fc = by_param.json()
    assert fc["type"] == "FeatureCollection" and fc["total"] == 10
    located = [f for f in fc["features"] if f["geometry"]]
    assert len(located) == 9  # the ECOWAS sanctions have no place
    for f in located:
        lon, lat = f["geometry"]["coordinates"]
        assert f["properties"]["location"]["lon"] == lon and f["properties"]["location"]["lat"] == lat
    by_accept = client.get("/api/events", params={"limit": 50},
                           headers={"Accept": "application/geo+json"})
    assert by_accept.headers["content-type"].startswith("application/geo+json")
    assert by_accept.json() == fc


def test_points_give_every_located_event(client: TestClient) -> None:
    body = client.get("/api/points").json()
    assert body["located"] == 9 and body["unlocated"] == 1 and not body["truncated"]
    assert len(body["points"]) == 9
    assert {p[3] for p in body["points"]} == {"ASSAULT", "COERCE", "PROTEST", "AGREE", "CONSULT"}
    narrowed = client.get("/api/points", params={"type": "PROTEST"}).json()
    assert [p[3] for p in narrowed["points"]] == ["PROTEST"]


def test_one_event_has_reports_with_evidence_and_source_articles(client: TestClient) -> None:
    inates = all_events(client, text="Inates")[0]
    detail = client.get(f"/api/events/{inates['event_id']}").json()
    assert detail["event_id"] == inates["event_id"]
    assert len(detail["reports"]) == 2
    for report in detail["reports"]:
        ev = report["evidence"]
        assert "Inates" in ev["sentence"]
        assert ev["sentence_start"] <= ev["trigger_start"] < ev["trigger_end"] <= ev["sentence_end"]
    sources = {a["source"] for a in detail["articles"]}
    assert sources == {"Sahel Wire", "Desert Dispatch"}
    assert all(a["url"].startswith("https://example.org/") for a in detail["articles"])


def test_unknown_event_is_404(client: TestClient) -> None:
    resp = client.get("/api/events/a_doesnotexist-0")
    assert resp.status_code == 404
    assert resp.json()["error"]["code"] == "not_found"
