"""Fixtures for the API and dashboard: a real DuckDB store built from hand-coded reports of
real events, the app over it (read-only), and an httpx client."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from server_process import serving
from server_reports import build_writes

from kibaru.server import create_app
from kibaru.store import Store


@pytest.fixture(scope="session")
def server_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder shared by the session (the borders GeoJSON is built once)."""
    return tmp_path_factory.mktemp("kibaru-cache")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the demo reports, written once and closed."""
    path = tmp_path_factory.mktemp("store") / "kibaru.duckdb"
    with Store.open(path) as store:
        store.write_batch(build_writes())
    return path


@pytest.fixture(scope="session")
def app(store_path: Path, server_cache: Path) -> Iterator[FastAPI]:
    """The app over the demo store, opened read-only."""
    application = create_app(store_path, cache_dir=server_cache)
    yield application
    application.state.store.close()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    """An HTTP client speaking to the app (Host: 127.0.0.1). Used without ``with``, so the
    app's shutdown (which closes the store) runs only when the session ends."""
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


@pytest.fixture(scope="session")
def live_server(store_path: Path, server_cache: Path) -> Iterator[str]:
    """The real server over the hand-coded store; yields its URL."""
    with serving(store_path, server_cache) as url:
        yield url


@pytest.fixture(scope="session")
def coded_live_server(coded_store_path: Path, server_cache: Path) -> Iterator[str]:
    """The real server over the really coded demo reports; yields its URL."""
    with serving(coded_store_path, server_cache) as url:
        yield url


@pytest.fixture(scope="session")
def coded_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the bundled demo reports coded by the real pipeline (``kibaru demo``:
    spaCy, gazetteer, resolvers, clustering), written once per session."""
    path = tmp_path_factory.mktemp("coded") / "demo.duckdb"
    done = subprocess.run(
        [str(Path(sys.executable).parent / "kibaru"), "demo", "--db", str(path), "--quiet",
         "--workers", "0"],
        capture_output=True, text=True, timeout=900, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"kibaru demo failed: {done.stderr[-2000:]}")
    return path


@pytest.fixture(scope="session")
def coded_app(coded_store_path: Path, server_cache: Path) -> Iterator[FastAPI]:
    """The app over the store of really coded demo reports."""
    application = create_app(coded_store_path, cache_dir=server_cache)
    yield application
    application.state.store.close()


@pytest.fixture
def coded_client(coded_app: FastAPI) -> TestClient:
    """A client of the app over really coded reports."""
    return TestClient(coded_app, base_url="http://127.0.0.1", raise_server_exceptions=False)
