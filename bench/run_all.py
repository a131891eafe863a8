"""Run every Kibaru benchmark one after the other, at sizes that suit a shared 2-core laptop.

    .venv/bin/python bench/run_all.py [--items 5000] [--only code,ingest,cluster]

Benchmarks never run at the same time (they would measure each other). Figures go to the
console and bench/out/*.json; bench/README.md records the ones we measured.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks in order; stop at the first that fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000, help="current-events items to ingest/cluster")
    parser.add_argument("--only", default="code,ingest,cluster")
    args = parser.parse_args(argv)
    commands = {
        "code": [sys.executable, str(BENCH / "code_bench.py")],
        "ingest": [sys.executable, str(BENCH / "ingest_bench.py"), "--items", str(args.items)],
        "cluster": [sys.executable, str(BENCH / "cluster_bench.py"), "--items", str(args.items), "--sample", "10"],
    }
    for name in [n.strip() for n in args.only.split(",") if n.strip()]:
        if name not in commands:
            print(f"run_all: unknown benchmark {name!r}; known: {', '.join(commands)}", file=sys.stderr)
            return 1
        print(f"\n=== {name}: {' '.join(commands[name][1:])}", flush=True)
        start = time.perf_counter()
        code = subprocess.call(commands[name])
        print(f"=== {name} finished in {time.perf_counter() - start:.0f} s (exit {code})", flush=True)
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
