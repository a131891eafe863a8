"""Measure the clustering rule on current-events items: how many reports collapse into how
many events, and print merged clusters to read.

Codes N current-events items on a 2-worker Dask LocalCluster (``kibaru.scale``) into
bench/out/cluster-parts-N/ (reused when present), keeps the asserted, non-aggregate reports
(what the store clusters), runs ``kibaru.cluster.cluster`` and prints the figures and a
sample of merged clusters with their evidence sentences. Writes bench/out/cluster_bench.json.

    .venv/bin/python bench/cluster_bench.py --items 5000 [--since 2023-01-01] [--sample 15]
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO / "bench"))

import current_events_jsonl


def main(argv: list[str] | None = None) -> int:
    """Code (or reuse) the parts, cluster the reports and print what merged."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--since", type=dt.date.fromisoformat, default=dt.date(2023, 1, 1))
    parser.add_argument("--sample", type=int, default=15)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--model", default="md", choices=["md", "sm"])
    parser.add_argument("--cross", action="store_true", help="sample only clusters merged across articles")
    args = parser.parse_args(argv)

    from kibaru.cluster import cluster
    from kibaru.config import PipelineConfig
    from kibaru.scale import PartPaths, code_on_dask, read_part

    parts_dir = OUT / f"cluster-parts-{args.items}-{args.since.isoformat()}"
    done = parts_dir / "DONE.json"
    if done.exists():
        parts = [PartPaths(index=p["index"], articles=Path(p["articles"]), events=Path(p["events"]),
                           failures=Path(p["failures"]), n_articles=p["n_articles"], n_events=p["n_events"],
                           n_failures=p["n_failures"]) for p in json.loads(done.read_text())]
        print(f"reusing {len(parts)} parts in {parts_dir}")
        code_seconds = None
    else:
        if not current_events_jsonl.TARBALL.exists():
            print("cluster_bench: ../shared is absent", file=sys.stderr)
            return 1
        OUT.mkdir(parents=True, exist_ok=True)
        items = OUT / f"current-events-{args.items}.jsonl"
        current_events_jsonl.main(["--out", str(items), "--limit", str(args.items), "--since", args.since.isoformat()])
        start = time.perf_counter()
        parts = code_on_dask([items], out_dir=parts_dir, config=PipelineConfig(model=args.model), partition_size=250)
        code_seconds = round(time.perf_counter() - start, 1)
        done.write_text(json.dumps([dataclasses.asdict(p) for p in parts], default=str))
        print(f"coded {sum(p.n_articles for p in parts):,} items in {code_seconds} s on Dask")

    texts: dict[str, str] = {}
    sources: dict[str, str] = {}
    reports = []
    all_events = failures = 0
    for part in parts:
        articles, coded, fails = read_part(part)
        failures += len(fails)
        for article in articles:
            sources[article.id] = article.source or article.id
        for article_id, text, events in coded:
            texts[article_id] = text
            all_events += len(events)
            reports.extend(e for e in events if e.modality == "asserted" and not e.aggregate)
    start = time.perf_counter()
    clusters = cluster(reports, source_names=sources)
    cluster_seconds = round(time.perf_counter() - start, 2)
    merged = [c for c in clusters if c.n_reports > 1]
    sizes = collections.Counter(c.n_reports for c in clusters)
    cross_article = [c for c in merged if len(c.article_ids) > 1]
    summary: dict[str, Any] = {
        "items": len(texts), "failures": failures, "events_all_modalities": all_events,
        "reports_clustered": len(reports), "events_after_clustering": len(clusters),
        "collapse_ratio": round(len(reports) / max(1, len(clusters)), 3),
        "merged_clusters": len(merged), "merged_across_articles": len(cross_article),
        "reports_in_merged": sum(c.n_reports for c in merged),
        "size_histogram": dict(sorted(sizes.items())), "cluster_seconds": cluster_seconds,
        "code_seconds": code_seconds,
    }
    print(json.dumps(summary, indent=2))
    rng = random.Random(args.seed)
    pool = cross_article if args.cross else merged
    sample = rng.sample(pool, min(args.sample, len(pool)))
    lines = []
    for c in sorted(sample, key=lambda c: c.cluster_id):
        e = c.event
        place = e.location.name if e.location else "?"
        lines.append(f"\n## {c.cluster_id} {e.date} {e.plover_type}/{e.acled_event_type} at {place} "
                     f"({c.n_reports} reports, {len(c.article_ids)} articles; fatalities "
                     f"{c.fatalities.to_json() if c.fatalities else None})")
        for r in c.reports:
            ev = r.evidence
            sentence = " ".join(texts.get(r.article_id, "")[ev.sentence_start:ev.sentence_end].split())
            loc = r.location.name if r.location else "?"
            lines.append(f"  - [{r.date} {r.time_precision} {loc}] {sentence[:220]}")
    print("\n".join(lines))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "cluster_bench.json").write_text(json.dumps({**summary, "sample": lines}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
