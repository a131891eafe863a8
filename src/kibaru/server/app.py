"""Build the FastAPI app: the read-only REST API, the dashboard and the API docs.

``create_app`` takes a store path (opened read-only) or an open store, and options; it starts
nothing. Serve it with uvicorn (``kibaru serve`` does). Every error answers in the envelope of
``kibaru.server.errors``; every response carries the headers of ``kibaru.server.security``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic.json_schema import models_json_schema

from kibaru.config import default_cache_dir
from kibaru.server.assets import static_dirs
from kibaru.server.borders import borders_path, gzipped
from kibaru.server.deps import StoreGate
from kibaru.server.errors import install_error_handlers
from kibaru.server.models import FeatureCollectionOut
from kibaru.server.routes import actors, aggregates, articles, events, meta
from kibaru.server.security import LOOPBACK_HOSTS, GuardMiddleware
from kibaru.store import Store
from kibaru.version import __version__

__all__ = ["create_app"]

log = logging.getLogger("kibaru.server")

_DESCRIPTION = """\
Read-only access to a Kibaru event database: conflict events coded from news articles, each
with its actors, place, date, fatalities and the sentence that says so.

Every error has one shape: `{"error": {"code": "...", "message": "...", "details": [...]}}`.
Lists are paged: follow `next`. The dashboard at `/` is a client of this API.
"""

_DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kibaru API</title>
<link rel="stylesheet" href="/static/vendor/swagger/swagger-ui.css">
<link rel="icon" href="data:,"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger/swagger-ui-bundle.js"></script>
<script src="/static/app/docs.js"></script>
</body></html>
"""


def _openapi(app: FastAPI) -> dict[str, Any]:
    """Return the OpenAPI document, with the GeoJSON models registered as components."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    _, extra = models_json_schema([(FeatureCollectionOut, "serialization")],
                                  ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, body in extra.get("$defs", {}).items():
        components.setdefault(name, body)
    for op in schema.get("paths", {}).get("/api/events", {}).values():
        content = op.get("responses", {}).get("200", {}).get("content", {})
        if "application/geo+json" in content:
            content["application/geo+json"] = {
                "schema": {"$ref": "#/components/schemas/FeatureCollectionOut"}}
    app.openapi_schema = schema
    return schema


def create_app(
    store: Store | str | Path,
    *,
    cache_dir: Path | None = None,
    allowed_hosts: Iterable[str] | None = LOOPBACK_HOSTS,
    cors_origins: Iterable[str] = (),
    borders: bool = True,
    let_writers_in: bool = False,
) -> FastAPI:
    """Return the Kibaru API and dashboard over ``store`` (a path is opened read-only).

    ``allowed_hosts`` are the Host header names answered (``None`` or ``"*"`` answers any;
    the loopback names by default, which defends a local server against DNS rebinding).
    ``cors_origins`` opens the API to other web origins; none by default. ``cache_dir`` holds
    the simplified country borders (built on first start). ``borders=False`` skips them.
    ``let_writers_in`` (with a path) releases the read-only connection between bursts of
    requests so that ``kibaru ingest`` can write meanwhile; requests made while it writes
    get 503 busy (see ``StoreGate``).

    The store is reached through ``app.state.gate``; the caller closes it when done serving
    (``app.state.gate.close()``; the app's own shutdown does not, since test clients start
    and stop an app many times).
    """
    opened = store if isinstance(store, Store) else Store.open(store, read_only=True)
    cache = cache_dir or default_cache_dir()
    dirs = static_dirs()
    borders_file: Path | None = borders_path(cache) if borders else None

    app = FastAPI(
        title="Kibaru API", version=__version__, description=_DESCRIPTION,
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    reopen = None
    if let_writers_in and not isinstance(store, Store):
        db_path = Path(store)
        reopen = lambda: Store.open(db_path, read_only=True)
    app.state.gate = StoreGate(opened, reopen=reopen)
    app.state.store = opened
    install_error_handlers(app)
    for module in (events, aggregates, actors, articles, meta):
        app.include_router(module.router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_HTML)

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(dirs.app / "index.html", media_type="text/html")

    if borders_file is not None:
        path = borders_file

        packed = gzipped(path)

        @app.get("/static/borders.geojson", include_in_schema=False)
        def borders_geojson(request: Request) -> FileResponse:
            if "gzip" in request.headers.get("accept-encoding", "").lower():
                return FileResponse(packed, media_type="application/geo+json",
                                    headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
            return FileResponse(path, media_type="application/geo+json",
                                headers={"Vary": "Accept-Encoding"})

    # StaticFiles resolves each path and refuses anything outside its folder.
    app.mount("/static/app", StaticFiles(directory=dirs.app), name="app")
    app.mount("/static/vendor/leaflet", StaticFiles(directory=dirs.leaflet), name="leaflet")
    app.mount("/static/vendor/markercluster", StaticFiles(directory=dirs.markercluster),
              name="markercluster")
    app.mount("/static/vendor/swagger", StaticFiles(directory=dirs.swagger), name="swagger")

    origins = list(cors_origins)
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET"],
                           allow_headers=["Accept"], allow_credentials=False)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(GuardMiddleware, allowed_hosts=allowed_hosts)
    return app
