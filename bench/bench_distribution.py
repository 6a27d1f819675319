"""Distribution benchmark (not a test): time of `search Q --by round|month|year|outlet|speaker`
against the plain search it counts (`search Q`, limit 50), on a database of your choice.

    .venv/bin/python bench/bench_distribution.py [--db PATH] [--repeat 5] [QUERY ...]

Without --db the bundled corpus is ingested into a temporary file. Prints, per query and bucket
kind, the median wall time of the distribution, of the plain search, and their ratio.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src")]

from astana_cli import distributions, queries  # noqa: E402
from astana_cli.store import Store  # noqa: E402
from astana_cli.text.arabic import normalize  # noqa: E402

QUERIES = [normalize(q) for q in ("خفض التصعيد", "وقف إطلاق النار", "الدول الضامنة", "أستانا")]


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("queries", nargs="*")
    args = ap.parse_args()
    if args.db:
        store = Store(args.db, create=False)
    else:
        from astana_cli.ingest import ingest_paths

        path = Path(tempfile.mkdtemp(prefix="astana-bench-")) / "corpus.db"
        store = Store(path)
        ingest_paths(store, [ROOT / "corpus"])
    n = store.query("SELECT COUNT(*) AS n FROM articles")[0]["n"]
    print(f"{n} articles; median of {args.repeat} runs")
    print(f"{'query':<22} {'by':<8} {'distribution':>13} {'search':>9} {'ratio':>7}")
    for q in args.queries or QUERIES:
        plain = median_time(lambda: queries.search(store, q, limit=50), args.repeat)
        for by in distributions.BY:
            dist = median_time(lambda: distributions.distribute(store, by, distributions.search_hits(store, q, by)),
                               args.repeat)
            print(f"{q[:22]:<22} {by:<8} {dist * 1000:>10.1f} ms {plain * 1000:>6.1f} ms {dist / plain:>6.1f}x")
    store.close()


if __name__ == "__main__":
    main()
