"""The API's routes, one small module per noun."""

from kibaru.server.routes import actors, aggregates, articles, events, meta

__all__ = ["actors", "aggregates", "articles", "events", "meta"]
