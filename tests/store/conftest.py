"""Fixtures for store tests: a real DuckDB file in tmp_path and hand-built contract events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kibaru.articles import make_article
from kibaru.contract import Actor, Count, Event, Evidence, Location
from kibaru.store import ArticleWrite, Store

TEXT = (
    "BAMAKO — Gunmen attacked the village of Ogossagou on Monday, killing 12 civilians. "
    "Soldiers later clashed with the gunmen near Bankass. "
    "The minister said the army would retaliate."
)

MOPTI = Location(text="Ogossagou", name="Ogossagou", country="MLI", admin1="Mopti",
                 admin2="Bankass", lat=14.28, lon=-3.72, geonameid=1, geo_precision=1)
GAO = Location(text="Gao", name="Gao", country="MLI", admin1="Gao", admin2="Gao",
               lat=16.27, lon=-0.04, geonameid=2, geo_precision=1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh writable store in tmp_path."""
    with Store.open(tmp_path / "kibaru.duckdb") as opened:
        yield opened


def _event(article_id: str, n: int, *, plover: str = "ASSAULT", acled: str | None = "Violence against civilians",
           day: dt.date = dt.date(2024, 3, 4), location: Location | None = MOPTI,
           dead: int | None = 12, modality: str = "asserted", aggregate: bool = False,
           source: str = "Gunmen", target: str = "Civilians", sentence: tuple[int, int] = (0, 84),
           confidence: float = 0.9) -> Event:
    return Event(
        event_id=f"e_{article_id}_{n}", article_id=article_id, plover_type=plover,
        acled_event_type=acled, acled_sub_event_type="Attack" if acled else None, cameo_root="18",
        modality=modality, aggregate=aggregate, date=day, date_end=day, time_precision=1,  # type: ignore[arg-type]
        source_actors=(Actor(text=source, name=source, country="MLI", sector="UNK"),),
        target_actors=(Actor(text=target, name=target, country="MLI", sector="CVL", acled_inter=7),),
        location=location, fatalities=Count(dead, dead, dead, text=f"{dead}") if dead is not None else None,
        injuries=None, evidence=Evidence(sentence[0], sentence[1], 21, 29), confidence=confidence,
        pipeline_version="test+1",
    )


@pytest.fixture
def make_event() -> Callable[..., Event]:
    """Build a contract Event by hand (article id, index, keyword overrides)."""
    return _event


@pytest.fixture
def make_write() -> Callable[..., ArticleWrite]:
    """Build an ArticleWrite of a coded article holding ``events`` (built from the article id)."""

    def build(text: str = TEXT, *, url: str | None = None, source: str | None = None,
              events: Callable[[str], tuple[Event, ...]] | None = None,
              status: str = "coded", duplicate_of: str | None = None) -> ArticleWrite:
        article = make_article(text, published="2024-03-05", url=url, source=source)
        coded = events(article.id) if events else ()
        return ArticleWrite(article=article, status=status, text=text, language="en",  # type: ignore[arg-type]
                            published=article.published, events=coded, duplicate_of=duplicate_of,
                            pipeline_version="test+1")

    return build
