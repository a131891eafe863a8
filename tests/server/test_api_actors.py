"""Top actors and the actor network."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_top_actors_count_events_on_either_side(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"limit": 50}).json()["actors"]
    jnim = next(a for a in actors if a["name"] == "JNIM")
    assert jnim["events"] == 3 and jnim["sector"] == "REB"
    counts = [a["events"] for a in actors]
    assert counts == sorted(counts, reverse=True)


def test_top_actors_follow_filters_and_limit(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"country": "NER", "limit": 2}).json()["actors"]
    assert len(actors) == 2
    assert client.get("/api/actors", params={"limit": 501}).status_code == 422


def test_network_links_pairs_with_counts_by_type(client: TestClient) -> None:
    net = client.get("/api/actors/network").json()
    links = {(l["source"], l["target"]): l for l in net["links"]}
    attack = links[("Islamic State Sahel Province", "Nigerien Armed Forces")]
    assert attack["events"] == 1 and attack["by_type"] == {"ASSAULT": 1}
    assert ("ECOWAS", "Government of Niger") in links
    names = {n["id"] for n in net["nodes"]}
    assert names == {name for pair in links for name in pair}


def test_network_filtered_by_actor(client: TestClient) -> None:
    net = client.get("/api/actors/network", params={"actor": "JNIM"}).json()
    assert net["links"] and all("JNIM" in (l["source"], l["target"]) for l in net["links"])
