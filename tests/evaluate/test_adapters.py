"""Adapters: ACLED-style CSV notes and PLOVER-annotated JSON become gold reports."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from kibaru.contract import Span
from kibaru.errors import MalformedInputError
from kibaru.evaluate.adapters import country_iso3, load_acled_csv, load_any, load_plover_json
from kibaru.evaluate.matching import Predicted
from kibaru.evaluate.metrics import score_article

FIELDS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1",
          "actor2", "inter2", "country", "admin1", "location", "latitude", "longitude",
          "geo_precision", "time_precision", "fatalities", "notes"]


def _acled(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in FIELDS})
    return path


def test_acled_row_becomes_a_report_coded_at_its_event_date(tmp_path: Path) -> None:
    path = _acled(tmp_path / "acled.csv", [
        {"event_id_cnty": "MLI1", "event_date": "03 March 2024", "event_type": "Battles",
         "sub_event_type": "Armed clash", "actor1": "Military Forces of Mali (2021-)", "inter1": "1",
         "actor2": "JNIM: Group for Support of Islam and Muslims", "inter2": "2", "country": "Mali",
         "admin1": "Mopti", "location": "Boni", "latitude": "15.05", "longitude": "-1.95",
         "geo_precision": "1", "time_precision": "1", "fatalities": "7",
         "notes": "On 3 March 2024, FAMa clashed with JNIM militants near Boni. 7 militants killed."},
        {"event_id_cnty": "MLI2", "event_date": "2024-03-04", "event_type": "Protests", "notes": ""},
    ])
    gold = load_acled_csv(path)
    assert len(gold.reports) == 1 and "acled.csv:3: skipped, no notes" in gold.skipped
    report = gold.reports[0]
    event = report.events[0]
    assert (report.id, report.split, report.published) == ("MLI1", "test", dt.date(2024, 3, 3))
    assert (event.acled_event_type, event.acled_sub_event_type, event.plover_type) == ("Battles", "Armed clash", None)
    assert event.source_actors[0].country == "MLI" and event.source_actors[0].acled_inter == 1
    assert (event.target_actors[0].country, event.target_actors[0].sector) == (None, "REB")
    assert event.location is not None and event.location.country == "MLI" and event.location.lat == 15.05
    assert event.fatalities is not None and event.fatalities.best == 7
    assert event.evidence_span == Span(0, len(report.text))
    pred = Predicted(sentence=Span(0, 60), trigger=Span(13, 20), plover_type="ASSAULT",
                     acled_event_type="Battles", acled_sub_event_type="Armed clash",
                     date=dt.date(2024, 3, 3))
    score = score_article(report, [pred])
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)
    assert score.fields["acled_sub_event_type"].right == 1
    assert score.fields["fatalities_exact"].right == 0


def test_acled_csv_without_notes_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("event_date,event_type\n2024-01-01,Battles\n", encoding="utf-8")
    with pytest.raises(MalformedInputError, match="lacks column"):
        load_acled_csv(path)


def test_bad_acled_date_names_the_row(tmp_path: Path) -> None:
    path = _acled(tmp_path / "d.csv", [{"event_date": "yesterday", "event_type": "Riots", "notes": "A riot."}])
    with pytest.raises(MalformedInputError, match="d.csv:2: event_date 'yesterday'"):
        load_acled_csv(path)


def test_plover_events_sharing_a_text_become_one_report(tmp_path: Path) -> None:
    text = "Troops shelled Kharkiv on Monday. Kyiv accused Moscow of war crimes."
    records = [
        {"id": "s1", "text": text, "sentence": "Troops shelled Kharkiv on Monday.", "date": "2022-03-07",
         "publication_date": "2022-03-08", "event_type": "assault", "mode": "heavy weapons",
         "actor": "Russian troops", "actor_country": "RUS", "recipient": "Kharkiv", "recipient_country": "UKR",
         "location": [{"placename": "Kharkiv", "lat": 49.98, "lon": 36.25, "country": "UA"}], "fatalities": 3},
        {"id": "s1", "text": text, "sentence": "Kyiv accused Moscow of war crimes.", "date": "2022-03-07",
         "event_type": "ACCUSE", "source": "Kyiv", "source_country": "Ukraine", "target": "Moscow",
         "target_country": "RUS"},
    ]
    path = tmp_path / "plover.json"
    path.write_text(json.dumps({"events": records}), encoding="utf-8")
    gold = load_plover_json(path)
    assert len(gold.reports) == 1
    report = gold.reports[0]
    assert report.published == dt.date(2022, 3, 8)
    first, second = report.events
    assert (first.plover_type, first.plover_mode, first.fatalities.best if first.fatalities else None) == ("ASSAULT", "heavy weapons", 3)
    assert first.location is not None and first.location.country == "UKR"
    assert second.source_actors[0].country == "UKR" and second.evidence_span.start == text.index("Kyiv")
    jsonl = tmp_path / "plover.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert len(load_any(jsonl, kind="plover").reports[0].events) == 2


def test_plover_record_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps([{"event_type": "ASSAULT"}]), encoding="utf-8")
    with pytest.raises(MalformedInputError, match="record 1: no text"):
        load_plover_json(path)


def test_load_any_picks_the_adapter_by_extension(tmp_path: Path) -> None:
    csv_path = _acled(tmp_path / "a.csv", [{"event_date": "2024-01-02", "event_type": "Riots", "notes": "Rioters burned a car."}])
    assert load_any(csv_path).reports[0].events[0].acled_event_type == "Riots"


def test_country_names_and_codes_become_iso3() -> None:
    assert [country_iso3(v) for v in ("Mali", "BF", "NER", "Burkina Faso", "", None, "Atlantis")] == [
        "MLI", "BFA", "NER", "BFA", None, None, None]
