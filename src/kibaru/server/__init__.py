"""Serve the event store over HTTP: a read-only REST API and the local web dashboard.

``create_app(store_path)`` returns the FastAPI app; ``kibaru serve`` runs it with uvicorn on
127.0.0.1. Routes live in ``kibaru.server.routes``, one module per noun.
"""

from kibaru.server.app import create_app

__all__ = ["create_app"]
