"""Benchmark (issue 2): Kibaru end to end vs the same spaCy model's full pipeline alone.

Both code the 295 Wikinews articles in ../shared/corpus/wikinews on both cores, in one run:

- ``spacy``: ``nlp.pipe(full texts, n_process=2)`` with every component of the model;
- ``kibaru``: a pool of 2 forked worker processes, each with the pipeline already built
  (model loaded, resources warmed on one article before the fork), coding whole articles.

Each side runs in its own fresh subprocess so that peak memory (psutil RSS of the process
and its children, sampled every 0.1 s; PSS too, which counts pages shared by forked workers
once) is not mixed. Model loading is outside the timed region for both. Prints a table and
writes bench/out/code_bench.json. Ratio = Kibaru seconds / spaCy seconds (target <= 1.0).

    .venv/bin/python bench/code_bench.py [--model md] [--repeat 1]
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "corpus" / "wikinews" / "data"
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO / "bench"))

from memory import PeakMemory, mib

_pipeline: Any = None


def load_articles() -> list[dict[str, str]]:
    """Return the Wikinews articles (url, date, title, text), in file order."""
    csv.field_size_limit(10_000_000)
    rows: list[dict[str, str]] = []
    for path in sorted(WIKINEWS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def _code(row: dict[str, str]) -> int:
    from kibaru.articles import make_article

    article = make_article(row["text"], published=row["date"][:10] or None, url=row["url"], title=row["title"])
    return len(_pipeline(article).events)


def run_kibaru(rows: list[dict[str, str]], model: str, workers: int) -> dict[str, Any]:
    """Code every article end to end on ``workers`` forked processes."""
    global _pipeline
    from kibaru.coder import default_pipeline
    from kibaru.config import PipelineConfig

    _pipeline = default_pipeline(PipelineConfig(model=model))
    _code(rows[0])  # load every lazy resource before forking: workers share it copy-on-write
    context = mp.get_context("fork")
    with PeakMemory() as peak:
        start = time.perf_counter()
        with context.Pool(workers) as pool:
            events = sum(pool.imap_unordered(_code, rows, chunksize=4))
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "events": events, "peak_rss_mib": mib(peak.peak_rss), "peak_pss_mib": mib(peak.peak_pss)}


def run_spacy(rows: list[dict[str, str]], model: str, workers: int) -> dict[str, Any]:
    """Run the full spaCy pipeline alone over the full texts with ``n_process=workers``."""
    from kibaru.resources import load_spacy_model

    nlp = load_spacy_model(model)
    nlp(rows[0]["text"])
    texts = [r["text"] for r in rows]
    with PeakMemory() as peak:
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=workers, batch_size=16))
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "tokens": tokens, "peak_rss_mib": mib(peak.peak_rss), "peak_pss_mib": mib(peak.peak_pss)}


def stage_profile(model: str, limit: int) -> None:
    """Print where Kibaru's time goes: seconds per stage over the first ``limit`` articles,
    in this process (one core)."""
    from kibaru.articles import make_article
    from kibaru.coder import default_pipeline
    from kibaru.config import PipelineConfig
    from kibaru.contract import Doc

    pipeline = default_pipeline(PipelineConfig(model=model))
    rows = load_articles()[:limit]
    pipeline(make_article(rows[0]["text"]))
    totals = dict.fromkeys(pipeline.names, 0.0)
    for row in rows:
        article = make_article(row["text"], published=row["date"][:10] or None, url=row["url"])
        doc = Doc(article=article, provides=frozenset({"article"}))
        for stage in pipeline.stages:
            start = time.perf_counter()
            out = stage(doc)
            totals[stage.name] += time.perf_counter() - start
            doc = out.evolve(provides=out.provides | stage.provides)
    whole = sum(totals.values())
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{name:24} {seconds:8.2f} s  {100 * seconds / whole:5.1f} %")
    print(f"{'total':24} {whole:8.2f} s  ({len(rows) / whole:.2f} articles/s on one core)")


def child(mode: str, model: str, workers: int) -> None:
    """Run one side and print its figures as JSON (called in a fresh subprocess)."""
    rows = load_articles()
    result = (run_kibaru if mode == "kibaru" else run_spacy)(rows, model, workers)
    result.update(mode=mode, articles=len(rows), articles_per_s=round(len(rows) / result["seconds"], 2))
    result["seconds"] = round(result["seconds"], 2)
    print(json.dumps(result))


def main(argv: list[str] | None = None) -> int:
    """Run spaCy then Kibaru (each ``--repeat`` times, fresh process each) and compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="md", choices=["md", "sm"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", choices=["kibaru", "spacy"], help=argparse.SUPPRESS)
    parser.add_argument("--profile", type=int, metavar="N", help="time each stage over N articles instead")
    args = parser.parse_args(argv)
    if args.profile:
        stage_profile(args.model, args.profile)
        return 0
    if args.child:
        child(args.child, args.model, args.workers)
        return 0
    if not WIKINEWS.exists():
        print(f"code_bench: {WIKINEWS} is absent (../shared is only beside the team's checkout)", file=sys.stderr)
        return 1
    results: dict[str, list[dict[str, Any]]] = {"spacy": [], "kibaru": []}
    for _ in range(args.repeat):
        for mode in ("spacy", "kibaru"):
            proc = subprocess.run(
                [sys.executable, __file__, "--child", mode, "--model", args.model, "--workers", str(args.workers)],
                capture_output=True, text=True, check=False,
            )
            if proc.returncode != 0:
                print(f"code_bench: the {mode} run failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
                return 1
            results[mode].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    best = {mode: min(runs, key=lambda r: r["seconds"]) for mode, runs in results.items()}
    ratio = round(best["kibaru"]["seconds"] / best["spacy"]["seconds"], 3)
    summary = {"model": args.model, "workers": args.workers, "runs": results, "best": best, "ratio": ratio}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "code_bench.json").write_text(json.dumps(summary, indent=2))
    print(f"{'':8} {'articles/s':>10} {'seconds':>8} {'peak RSS MiB':>13} {'peak PSS MiB':>13}")
    for mode in ("spacy", "kibaru"):
        r = best[mode]
        print(f"{mode:8} {r['articles_per_s']:>10} {r['seconds']:>8} {r['peak_rss_mib']:>13} {r['peak_pss_mib']:>13}")
    print(f"ratio kibaru/spacy time = {ratio} (target <= 1.0); kibaru events: {best['kibaru']['events']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
