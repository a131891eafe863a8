"""Define what every writer returns: how many events it wrote and how many it left out."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ExportStats"]


@dataclass(frozen=True, slots=True)
class ExportStats:
    """Counts of one export: ``written`` events, ``skipped`` ones and why they were left out."""

    format: str
    written: int
    skipped: int = 0
    skipped_reason: str = ""

    def summary(self) -> str:
        """Return one sentence for a person: "wrote 12 events as geojson (3 left out: ...)"."""
        text = f"wrote {self.written:,} events as {self.format}"
        if self.skipped:
            text += f" ({self.skipped:,} left out: {self.skipped_reason})"
        return text
