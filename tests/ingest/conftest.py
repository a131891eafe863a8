"""Fixtures for ingest tests: real pipelines (a light one of the real cleaning and language
stages, and the full one once every stage exists), a store in tmp_path, and input writers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kibaru.config import PipelineConfig
from kibaru.errors import KibaruError
from kibaru.pipeline import Pipeline, build_pipeline
from kibaru.resources import Resources
from kibaru.store import Store

LIGHT_STAGES = ("clean.text.v1", "clean.structure.v1", "language.detect.v1")

REPORTS = [
    ("BAMAKO — Gunmen attacked the village of Ogossagou in central Mali on Saturday, killing at "
     "least 20 villagers, local officials said. The army sent reinforcements to the area."),
    ("NIAMEY — Thousands of protesters marched through the capital of Niger on Sunday to demand "
     "the departure of foreign troops, witnesses said."),
    ("OUAGADOUGOU — Burkina Faso's army said on Monday its soldiers had repelled an attack on a "
     "military post near Djibo, in the north of the country, killing several assailants."),
]


@pytest.fixture(scope="session")
def light_config() -> PipelineConfig:
    """Settings of the light pipeline: the real clean, structure and language stages."""
    return PipelineConfig(stages=LIGHT_STAGES)


@pytest.fixture(scope="session")
def light_pipeline(light_config: PipelineConfig) -> Pipeline:
    """A real pipeline of the cleaning and language stages (no model to load)."""
    return build_pipeline(light_config, resources=Resources(light_config))


@pytest.fixture(scope="session")
def full_pipeline(resources: Resources) -> Pipeline:
    """The full default pipeline; tests skip while some of its stages are not written yet."""
    try:
        return build_pipeline(resources.config, resources=resources)
    except KibaruError as exc:
        pytest.skip(f"the full pipeline cannot be built yet: {exc}")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database file goes."""
    return tmp_path / "kibaru.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A fresh writable store."""
    with Store.open(db_path) as opened:
        yield opened
