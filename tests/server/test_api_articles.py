"""Articles: cleaned text with the evidence spans of its events."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_article_text_holds_every_evidence_span(client: TestClient) -> None:
    event = client.get("/api/events", params={"text": "presidential guard"}).json()["events"][0]
    article = client.get(f"/api/articles/{event['article_id']}").json()
    assert article["title"] == "Coup in Niger" and article["status"] == "coded"
    text = article["text"]
    assert len(article["spans"]) == 3
    for span in article["spans"]:
        sentence = text[span["sentence_start"]:span["sentence_end"]]
        trigger = text[span["trigger_start"]:span["trigger_end"]]
        assert trigger and trigger in sentence
    coup = next(s for s in article["spans"] if s["plover_type"] == "COERCE")
    assert text[coup["trigger_start"]:coup["trigger_end"]] == "detained"


def test_event_evidence_points_into_its_article(client: TestClient) -> None:
    for event in client.get("/api/events", params={"limit": 50}).json()["events"]:
        detail = client.get(f"/api/events/{event['event_id']}").json()
        for report in detail["reports"]:
            text = client.get(f"/api/articles/{report['article_id']}").json()["text"]
            ev = report["evidence"]
            assert text[ev["sentence_start"]:ev["sentence_end"]] == ev["sentence"]
