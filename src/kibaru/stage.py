"""Define what a pipeline stage is: a named callable ``Doc -> Doc`` with declared needs."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from kibaru.contract import Doc

__all__ = ["Stage"]


@runtime_checkable
class Stage(Protocol):
    """A pipeline stage. ``requires`` must be provided by earlier stages; ``provides`` is
    added to ``Doc.provides`` by the pipeline after the stage runs."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    provides: ClassVar[frozenset[str]]

    def __call__(self, doc: Doc) -> Doc:
        """Return a new document with this stage's output added."""
        ...
