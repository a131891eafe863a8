"""Counts and fatalities by period and key, consistent with the event list."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient


def test_weekly_counts_by_type_add_up_to_the_dated_events(client: TestClient) -> None:
    body = client.get("/api/aggregates", params={"interval": "week", "by": "type"}).json()
    assert body["interval"] == "week" and body["by"] == ["type"]
    events = client.get("/api/events", params={"limit": 500}).json()["events"]
    dated = [e for e in events if e["date"]]
    assert sum(r["events"] for r in body["rows"]) == len(dated)
    by_type = Counter()
    for r in body["rows"]:
        by_type[r["type"]] += r["events"]
    assert by_type == Counter(e["plover_type"] for e in dated)
    assert sum(r["fatalities"] for r in body["rows"]) == sum(
        (e["fatalities"] or {}).get("best", 0) for e in dated)


def test_weeks_start_on_monday(client: TestClient) -> None:
    import datetime as dt

    rows = client.get("/api/aggregates", params={"interval": "week"}).json()["rows"]
    assert rows and all(dt.date.fromisoformat(r["period"]).weekday() == 0 for r in rows)


def test_months_by_type_and_country(client: TestClient) -> None:
    rows = client.get("/api/aggregates", params={"interval": "month", "by": "type,country"}
                      ).json()["rows"]
    barsalogho = [r for r in rows if r["period"] == "2024-08-01"]
    assert barsalogho == [{"period": "2024-08-01", "type": "ASSAULT", "acled": None,
                           "country": "BFA", "admin1": None, "events": 1, "fatalities": 130}]


def test_days_by_admin1_follow_the_filters(client: TestClient) -> None:
    rows = client.get("/api/aggregates", params={"interval": "day", "by": "admin1",
                                                 "country": "NER"}).json()["rows"]
    assert {r["admin1"] for r in rows} == {"Tillaberi", "Niamey"}
    assert sum(r["events"] for r in rows) == 3


def test_totals_per_period_when_no_key(client: TestClient) -> None:
    body = client.get("/api/aggregates", params={"interval": "month", "by": ""}).json()
    assert body["by"] == []
    periods = [r["period"] for r in body["rows"]]
    assert len(periods) == len(set(periods))
