"""Turn Wikipedia's current-events items (../shared corpus tarball) into Kibaru JSONL articles.

One item is one short report: ``text`` is the item without its trailing outlet(s) in
brackets, ``source`` those outlets ("; "-joined), ``published`` the portal day, ``url`` the
portal page plus the item's index that day, ``title`` the portal category. Topic headers
(short phrases with no outlet and no sentence ending, e.g. "2022 Russian invasion of
Ukraine") are context, not reports, and are skipped. The tarball is read in place; nothing
is copied into the repository; output goes to bench/out/ (git-ignored).

    .venv/bin/python bench/current_events_jsonl.py                       # all items
    .venv/bin/python bench/current_events_jsonl.py --limit 5000 --since 2023-01-01
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
TARBALL = REPO.parent / "shared" / "corpus" / "current-events" / "cep-daily-yaml-2002-2025.tar.gz"
OUT = REPO / "bench" / "out" / "current-events.jsonl"
_OUTLETS = re.compile(r"(?:\s*\(([^()]*)\))+\s*$")
_ONE_OUTLET = re.compile(r"\(([^()]*)\)")


def split_outlets(item: str) -> tuple[str, list[str]]:
    """Return the item's text and the outlets named in its trailing brackets."""
    match = _OUTLETS.search(item)
    if not match:
        return item.strip(), []
    outlets = [o.strip() for o in _ONE_OUTLET.findall(match.group(0)) if o.strip()]
    return item[: match.start()].strip(), outlets


def is_report(item: str, outlets: list[str]) -> bool:
    """Return whether a list entry is a report rather than a topic header."""
    text = item.strip()
    return bool(outlets) or text.endswith((".", "!", "?", '"', "”")) or len(text.split()) >= 8


def iter_items(
    tarball: Path = TARBALL, *, since: dt.date | None = None, until: dt.date | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one JSONL record per report, in the tarball's (date) order."""
    with tarfile.open(tarball) as archive:
        for member in archive:
            if not member.isfile() or not member.name.endswith(".yaml"):
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            day_data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            if not isinstance(day_data, dict):
                continue
            day = dt.date.fromisoformat(str(day_data["Date"]))
            if (since and day < since) or (until and day > until):
                continue
            page = str(day_data.get("Source_URI") or f"Portal:Current events/{day.isoformat()}")
            base = "https://en.wikipedia.org/wiki/" + page.replace(" ", "_")
            index = 0
            for category, entries in (day_data.get("Intelligence_Payload") or {}).items():
                for entry in entries or []:
                    if not isinstance(entry, str):
                        continue
                    text, outlets = split_outlets(" ".join(entry.split()))
                    if not text or not is_report(text, outlets):
                        continue
                    index += 1
                    yield {
                        "url": f"{base}#item-{index}",
                        "title": str(category),
                        "published": day.isoformat(),
                        "text": text,
                        "source": "; ".join(outlets) or None,
                    }


def main(argv: list[str] | None = None) -> int:
    """Write the JSONL file and print how many items it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, default=TARBALL)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--limit", type=int, default=None, help="stop after N items")
    parser.add_argument("--since", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--until", type=dt.date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    if not args.tarball.exists():
        print(f"current_events_jsonl: {args.tarball} is absent (../shared is only beside the "
              "team's checkout)", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    written = 0
    with args.out.open("w", encoding="utf-8") as out:
        for record in iter_items(args.tarball, since=args.since, until=args.until):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
            if args.limit and written >= args.limit:
                break
    print(f"wrote {written:,} items to {args.out} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
