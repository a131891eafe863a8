"""Fixtures for the API and dashboard: a real DuckDB store built from hand-coded reports of
real events, the app over it (read-only), and an httpx client."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
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


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(db: Path, cache: Path) -> Iterator[str]:
    """Run the real ``kibaru serve`` on ``db`` in a child process on a free loopback port;
    yield its URL, and stop it afterwards."""
    port = free_port()
    env = {**os.environ, "KIBARU_CACHE": str(cache)}
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "kibaru"), "serve", "--db", str(db),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kibaru serve exited: {proc.stderr.read() if proc.stderr else ''}")
            try:
                with urllib.request.urlopen(f"{url}/api/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("kibaru serve did not answer within 60 s") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


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
