"""Pin each export format by writing hand-built events and re-reading them with a real reader."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from kibaru.cluster import cluster
from kibaru.contract import Count, Event, Location
from kibaru.errors import ConfigError
from kibaru.export import FORMATS, ExportItem, read_jsonl, write
from kibaru.export.acled import ACLED_COLUMNS, disorder_type, interaction
from kibaru.export.rows import FLAT_COLUMNS

MakeEvent = Callable[..., Event]


def test_formats_are_the_documented_six() -> None:
    assert sorted(FORMATS) == ["acled", "csv", "geojson", "jsonl", "parquet", "plover"]
    docs = (Path(__file__).resolve().parents[2] / "docs" / "export.md").read_text(encoding="utf-8")
    for name in FORMATS:
        assert f"`{name}`" in docs


def test_unknown_format_and_option_are_config_errors(tmp_path: Path, make_event: MakeEvent) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        write("xlsx", [make_event()], tmp_path / "x")
    with pytest.raises(ConfigError, match="does not take option"):
        write("csv", [make_event()], tmp_path / "x.csv", timestamp=1)


def test_jsonl_round_trips_events_exactly(tmp_path: Path, make_event: MakeEvent, article_text: str) -> None:
    events = [make_event("e1"), make_event("e2", location=None, fatalities=None, date=None, time_precision=None)]
    stats = write("jsonl", events, tmp_path / "out.jsonl", article_texts={"a_1": article_text})
    assert stats.written == 2
    back = list(read_jsonl(tmp_path / "out.jsonl"))
    assert [e.to_json() for e in back] == [e.to_json() for e in events]
    first = json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])
    assert first["evidence_text"] == "Gunmen killed 12 soldiers near Mopti on Friday, the army said."
    assert first["n_reports"] == 1


def test_csv_is_flat_and_rereadable(tmp_path: Path, make_event: MakeEvent) -> None:
    write("csv", [make_event(), make_event("e2", location=None)], tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == FLAT_COLUMNS
    assert rows[0]["date"] == "2023-02-10"
    assert rows[0]["target_actors"] == "Military Forces of Mali"
    assert rows[0]["fatalities_best"] == "12"
    assert rows[1]["latitude"] == ""


def test_parquet_has_a_typed_schema_and_streams_row_groups(tmp_path: Path, make_event: MakeEvent) -> None:
    events = (make_event(f"e{i}") for i in range(25))  # a generator: never materialised by the writer
    stats = write("parquet", events, tmp_path / "out.parquet", row_group_size=10)
    assert stats.written == 25
    meta = pq.ParquetFile(tmp_path / "out.parquet")
    assert meta.metadata.num_row_groups == 3
    table = pq.read_table(tmp_path / "out.parquet")
    assert str(table.schema.field("date").type) == "date32[day]"
    assert str(table.schema.field("latitude").type) == "double"
    assert table.column("event_id").to_pylist()[:2] == ["e0", "e1"]
    assert table.column("date").to_pylist()[0] == dt.date(2023, 2, 10)


def test_parquet_writes_an_empty_file_with_schema(tmp_path: Path) -> None:
    write("parquet", [], tmp_path / "empty.parquet")
    table = pq.read_table(tmp_path / "empty.parquet")
    assert table.num_rows == 0 and tuple(table.schema.names) == FLAT_COLUMNS


def test_geojson_leaves_out_and_counts_events_without_coordinates(tmp_path: Path, make_event: MakeEvent) -> None:
    country_only = Location(text="Mali", name="Mali", country="MLI", geo_precision=3)
    events = [make_event("e1"), make_event("e2", location=country_only), make_event("e3", location=None)]
    stats = write("geojson", events, tmp_path / "out.geojson")
    assert (stats.written, stats.skipped) == (1, 2)
    assert "2 left out: no coordinates" in stats.summary()
    data = json.loads((tmp_path / "out.geojson").read_text())
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-4.1827, 14.4843]}
    assert feature["properties"]["date"] == "2023-02-10"


def test_geojson_of_nothing_is_a_valid_empty_collection() -> None:
    buffer = io.StringIO()
    write("geojson", [], buffer)
    assert json.loads(buffer.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_acled_row_follows_acled_conventions(tmp_path: Path, make_event: MakeEvent, article_text: str) -> None:
    events = [make_event(), make_event("e2", acled_event_type=None, acled_sub_event_type=None, plover_type="CONSULT")]
    stats = write("acled", events, tmp_path / "acled.csv", article_texts={"a_1": article_text},
                  source_names={"a_1": "AFP"}, timestamp=1700000000)
    assert (stats.written, stats.skipped) == (1, 1)
    with (tmp_path / "acled.csv").open(newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert tuple(row) == ACLED_COLUMNS
    assert row["event_id_cnty"] == "MLI-e1"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2023-02-10", "2023", "1")
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (
        "Unidentified Armed Group (Mali)", "3", "Military Forces of Mali", "1")
    assert row["interaction"] == "13"
    assert (row["iso"], row["country"], row["region"]) == ("466", "Mali", "Western Africa")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("14.4843", "-4.1827", "2")
    assert row["notes"] == "On 10 February 2023, Gunmen killed 12 soldiers near Mopti on Friday, the army said."
    assert (row["source"], row["fatalities"], row["timestamp"]) == ("AFP", "12", "1700000000")
    assert row["civilian_targeting"] == ""


def test_acled_codes_without_actor2_and_without_fatalities() -> None:
    assert interaction(6, None, has_actor2=False) == 60
    assert interaction(2, 1, has_actor2=True) == 12
    assert interaction(3, None, has_actor2=True) is None
    assert disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"
    assert disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert disorder_type("Strategic developments", "Arrests") == "Strategic developments"


def test_acled_notes_fall_back_to_fields_and_zero_fatalities(make_event: MakeEvent) -> None:
    buffer = io.StringIO()
    write("acled", [make_event(fatalities=None, target_actors=())], buffer, timestamp=0)
    (row,) = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert row["fatalities"] == "0"
    assert row["interaction"] == "30"
    assert row["notes"].startswith("On 10 February 2023, Unidentified Armed Group (Mali)")


def test_plover_uses_plover_field_names(tmp_path: Path, make_event: MakeEvent, article_text: str) -> None:
    write("plover", [make_event()], tmp_path / "p.jsonl", article_texts={"a_1": article_text},
          coded_date=dt.date(2024, 1, 1))
    record = json.loads((tmp_path / "p.jsonl").read_text())
    assert record["id"] == "e1" and record["date"] == "2023-02-10"
    assert record["event"] == ["ASSAULT"] and record["mode"] == ["firearms"] and record["quad_code"] == 4
    assert record["source"][0] == {"code": "MLI", "sector": "OPP", "actor_text": "Gunmen",
                                   "identifier_id": None, "identifier_text": "Unidentified Armed Group (Mali)"}
    assert record["recipient"][0]["identifier_id"] == "mli_mil"
    assert record["event_loc"]["country code"] == "ML" and record["event_loc"]["cc3"] == "MLI"
    assert record["event_text"] == ["Gunmen killed 12 soldiers near Mopti on Friday, the army said."]
    assert record["dead"] == 12 and record["coded_date"] == "2024-01-01"


def test_clusters_export_as_one_event_with_report_count_and_sources(tmp_path: Path, make_event: MakeEvent) -> None:
    a = make_event("e1", fatalities=Count(10, 12, 15))
    b = make_event("e2", article_id="a_2", fatalities=Count(9, 9, 9))
    clusters = cluster([a, b], source_names={"a_1": "AFP", "a_2": "Reuters"})
    write("csv", clusters, tmp_path / "c.csv")
    with (tmp_path / "c.csv").open(newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["event_id"], row["n_reports"], row["sources"]) == ("e1", "2", "AFP; Reuters")
    assert (row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]) == ("9", "9", "15")


def test_items_and_streams_are_accepted(make_event: MakeEvent) -> None:
    buffer = io.BytesIO()
    write("jsonl", [ExportItem(event=make_event(), n_reports=3, sources=("X",))], buffer)
    assert json.loads(buffer.getvalue())["n_reports"] == 3
    with pytest.raises(TypeError, match="cannot export"):
        write("jsonl", ["not an event"], io.StringIO())  # type: ignore[list-item]


def test_acled_leaves_out_country_only_events_unless_asked(make_event: MakeEvent) -> None:
    country_only = make_event("e2", location=Location(text="Mali", name="Mali", country="MLI", geo_precision=3))
    stats = write("acled", [make_event(), country_only], io.StringIO(), timestamp=0)
    assert (stats.written, stats.skipped) == (1, 1)
    assert "1 no coordinates" in stats.summary()
    buffer = io.StringIO()
    stats = write("acled", [country_only], buffer, timestamp=0, located_only=False)
    (row,) = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert stats.written == 1 and row["latitude"] == "" and row["country"] == "Mali"
