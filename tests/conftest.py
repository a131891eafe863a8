"""Shared fixtures: the real spaCy model and pipeline (loaded once per session), the
../shared folder (skipping with a reason when absent), and small document builders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from kibaru.articles import make_article
from kibaru.config import PipelineConfig
from kibaru.contract import Doc
from kibaru.pipeline import Pipeline, build_pipeline
from kibaru.resources import Resources

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """Give the whole run (and the CLI subprocesses it starts) one fresh cache folder, so
    results never depend on places a user imported into ~/.cache/kibaru. The gazetteer is
    built there once per run. Set KIBARU_TEST_CACHE to reuse a folder between runs."""
    import os
    import tempfile

    if "KIBARU_CACHE" not in os.environ or os.environ.get("KIBARU_TEST_CACHE"):
        folder = os.environ.get("KIBARU_TEST_CACHE") or tempfile.mkdtemp(prefix="kibaru-test-cache-")
        os.environ["KIBARU_CACHE"] = folder


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout; tests using it skip when it is absent."""
    if not (SHARED / "README.md").exists():
        pytest.skip("../shared is absent (it is only beside the checkout in the team's setup)")
    return SHARED


@pytest.fixture(scope="session")
def resources(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    """Real shared resources (en_core_web_md, gazetteer, actor KB), loaded once."""
    return Resources(PipelineConfig())


@pytest.fixture(scope="session")
def pipeline(resources: Resources) -> Pipeline:
    """The default full pipeline over the real resources."""
    return build_pipeline(resources.config, resources=resources)


@pytest.fixture
def make_doc() -> Callable[..., Doc]:
    """Build a bare Doc whose cleaned text is ``text`` (for stages that need no model)."""

    def build(text: str, *, published: str | dt.date | None = "2024-01-15", **fields: object) -> Doc:
        article = make_article(text, published=published)
        return Doc(article=article, text=text, published=article.published, **fields)  # type: ignore[arg-type]

    return build
