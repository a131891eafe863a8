"""Serve one stored article: its cleaned text and the evidence spans of its events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from kibaru.server.deps import StoreGate, gate
from kibaru.server.errors import ERROR_RESPONSES, ApiError
from kibaru.server.models import ArticleOut
from kibaru.server.routes.events import ID_PATTERN

__all__ = ["router"]

router = APIRouter(tags=["articles"])


@router.get("/api/articles/{article_id}", response_model=ArticleOut, responses=ERROR_RESPONSES,
            summary="An article's cleaned text with its events' evidence spans")
def get_article(
    article_id: Annotated[str, Path(pattern=ID_PATTERN, description="The article's id.")],
    store: Annotated[StoreGate, Depends(gate)],
) -> Any:
    """Return the cleaned text (evidence offsets point into it) and every evidence span."""
    record = store.run(lambda s: s.get_article(article_id))
    if record is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return record.to_json()
