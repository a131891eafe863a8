"""Fixtures for the resolvers: a small real gazetteer made from the shared GeoNames dumps."""

from __future__ import annotations

from pathlib import Path

import pytest

from kibaru.resolve.gazetteer import Gazetteer
from kibaru.resolve.geonames_import import import_geonames


@pytest.fixture(scope="session")
def geonames_dir(shared_dir: Path) -> Path:
    """../shared/geonames (the test skips with a reason when it is absent)."""
    folder = shared_dir / "geonames"
    if not (folder / "ML.txt").exists():
        pytest.skip("../shared/geonames/ML.txt is absent")
    return folder


@pytest.fixture(scope="session")
def tiny_gazetteer(geonames_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """A real gazetteer of Mali, Burkina Faso and Niger only (GeoNames dumps, no packages)."""
    path = tmp_path_factory.mktemp("gazetteer") / "sahel.sqlite"
    import_geonames(
        path, [geonames_dir / f"{cc}.txt" for cc in ("ML", "BF", "NE")], build_builtin=False
    )
    return Gazetteer(path)
