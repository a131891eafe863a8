"""Read the bundled demo reports: the dev half of the gold sets in ``kibaru/data/gold``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from kibaru.errors import InputError, MalformedInputError
from kibaru.ingest.readers import ReadItem
from kibaru.ingest.records import ReadOptions, article_from_fields

__all__ = ["demo_items", "gold_dir"]


def gold_dir() -> Path:
    """Return the folder of the bundled gold JSONL files."""
    return Path(str(resources.files("kibaru") / "data" / "gold"))


def demo_items(folder: Path | None = None, *, split: str = "dev",
               options: ReadOptions | None = None) -> Iterator[ReadItem]:
    """Yield the articles of every ``*.jsonl`` gold file whose ``split`` is ``split``."""
    options = options or ReadOptions()
    folder = folder or gold_dir()
    for path in sorted(folder.glob("*.jsonl")):
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path.name}:{number}"
                try:
                    data = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield MalformedInputError(f"is not valid JSON: {exc}", origin=where)
                    continue
                if not isinstance(data, dict) or data.get("split") != split:
                    continue
                if "text" not in data:
                    continue  # an annotation of an article kept elsewhere (e.g. Wikinews), not a report
                data.pop("source", None)
                try:
                    yield article_from_fields(data, origin=where, options=options)
                except InputError as exc:
                    yield exc
