"""Hand-built events for the export tests (no model needed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from kibaru.contract import Actor, Count, Event, Evidence, Location

TEXT = "BAMAKO - Officials spoke. Gunmen killed 12 soldiers near Mopti on Friday, the army said."
SENTENCE = (26, len(TEXT))


@pytest.fixture
def article_text() -> str:
    """The cleaned text the evidence offsets of ``make_event`` point into."""
    return TEXT


@pytest.fixture
def make_event() -> Callable[..., Event]:
    """Build a contract Event with sensible defaults; override any field by keyword."""

    def build(event_id: str = "e1", **changes: object) -> Event:
        fields: dict[str, object] = dict(  # noqa: C408 (keyword form reads like the dataclass)
            event_id=event_id,
            article_id="a_1",
            plover_type="ASSAULT",
            plover_mode="firearms",
            acled_event_type="Battles",
            acled_sub_event_type="Armed clash",
            cameo_root="19",
            modality="asserted",
            aggregate=False,
            date=dt.date(2023, 2, 10),
            date_end=None,
            time_precision=1,
            source_actors=(Actor(text="Gunmen", name="Unidentified Armed Group (Mali)", country="MLI", sector="OPP", acled_inter=3),),
            target_actors=(Actor(text="soldiers", name="Military Forces of Mali", country="MLI", sector="MIL", acled_inter=1, actor_id="mli_mil"),),
            location=Location(text="Mopti", name="Mopti", country="MLI", admin1="Mopti", admin2="Mopti",
                              lat=14.4843, lon=-4.1827, geonameid=2453348, geo_precision=2),
            fatalities=Count(low=12, best=12, high=12, text="killed 12 soldiers"),
            injuries=None,
            evidence=Evidence(sentence_start=SENTENCE[0], sentence_end=SENTENCE[1], trigger_start=33, trigger_end=39),
            confidence=0.87,
            pipeline_version="0.1.0+test",
        )
        fields.update(changes)
        return Event(**fields)  # type: ignore[arg-type]

    return build
