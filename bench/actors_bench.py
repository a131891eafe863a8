"""Measure the actor KB's load time (cold: no cache; warm: from the disk cache, each in a
fresh process) and the actor matcher, focus and count parser per Wikinews article.

Run: ``.venv/bin/python bench/actors_bench.py`` (needs ../shared; prints one JSON object).
"""

from __future__ import annotations

import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "corpus" / "wikinews" / "data"

_LOAD = """
import time, sys
from pathlib import Path
t0 = time.perf_counter()
from kibaru.config import PipelineConfig
from kibaru.resolve.actor_kb import load_default
t1 = time.perf_counter()
kb = load_default(PipelineConfig(cache_dir=Path(sys.argv[1])))
kb.index("en")
t2 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f}")
"""


def load_times(runs: int = 3) -> dict[str, float]:
    """Return median import and load seconds, cold (empty cache) and warm (cached)."""
    cold, warm, imports = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            for bucket in (cold, warm):
                out = subprocess.run([sys.executable, "-c", _LOAD, cache], check=True,
                                     capture_output=True, text=True).stdout.split()
                imports.append(float(out[0]))
                bucket.append(float(out[1]))
    return {"import_s": statistics.median(imports), "cold_load_s": statistics.median(cold),
            "warm_load_s": statistics.median(warm)}


def per_article() -> dict[str, float]:
    """Return mean milliseconds per Wikinews article for the matcher, focus and counts."""
    from kibaru.articles import make_article
    from kibaru.contract import Doc, Sentence
    from kibaru.nlp.sentences import split_sentences
    from kibaru.resolve.actor_kb import load_files
    from kibaru.resolve.actor_matcher import find_actors
    from kibaru.resolve.count_parser import default_words, parse_counts
    from kibaru.resolve.focus import focus_country

    csv.field_size_limit(10**8)
    rows = [r for f in sorted(WIKINEWS.glob("*.csv")) for r in csv.DictReader(f.open(encoding="utf-8"))]
    kb = load_files()
    index = kb.index("en")
    words = default_words()
    match_s = focus_s = count_s = 0.0
    chars = entities = 0
    for row in rows:
        text = row["text"]
        sentences = tuple(Sentence(s) for s in split_sentences(text, language="en"))
        doc = Doc(article=make_article(text), text=text, sentences=sentences)
        t0 = time.perf_counter()
        found = find_actors(doc, index, kb=kb)
        t1 = time.perf_counter()
        focus_country(doc.evolve(entities=found), kb)
        t2 = time.perf_counter()
        for sentence in sentences:
            parse_counts(doc.span_text(sentence.span), words=words)
        t3 = time.perf_counter()
        match_s += t1 - t0
        focus_s += t2 - t1
        count_s += t3 - t2
        chars += len(text)
        entities += len(found)
    n = len(rows)
    return {"articles": n, "mean_chars": chars / n, "kb_entities_per_article": entities / n,
            "matcher_ms": 1000 * match_s / n, "focus_ms": 1000 * focus_s / n,
            "count_parser_all_sentences_ms": 1000 * count_s / n}


def main() -> None:
    """Print the figures as one JSON object."""
    if not WIKINEWS.is_dir():
        sys.exit("../shared/corpus/wikinews is absent")
    print(json.dumps({**load_times(), **per_article()}, indent=2))


if __name__ == "__main__":
    main()
