"""Interleaved A/B of the 30 queries of bench_search.py: A = the search of another source tree
(e.g. main's, extracted with `git archive main src | tar -x -C /tmp/old`), B = this tree's, in one
process on one database. Each query's first run on a fresh connection with the expansion cache
cleared (what a CLI call pays), then its warm run; the order A/B alternates query by query.

    python bench/bench_ab.py DB OLD_SRC [REPS] [--each]   # OLD_SRC: the directory holding astana_cli/

A is loaded as the package ``astana_old``, so both run side by side. Prints each side's median and
p95, the per-query ratios B/A, and whether both gave the same totals and page."""
import importlib.util
import sqlite3
import statistics
import sys
import time
from pathlib import Path

args = [a for a in sys.argv[1:] if not a.startswith("--")]
db, OLD = args[0], args[1]; reps = int(args[2]) if len(args) > 2 else 1
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
from bench_search import QUERIES, pct
spec = importlib.util.spec_from_file_location("astana_old", OLD + "/astana_cli/__init__.py",
                                              submodule_search_locations=[OLD + "/astana_cli"])
old_pkg = importlib.util.module_from_spec(spec); sys.modules["astana_old"] = old_pkg; spec.loader.exec_module(old_pkg)
old = importlib.import_module("astana_old.search")
from astana_cli import search as new
from astana_cli.search import spellings
old_cache = getattr(old, "_EXPANSIONS", None)  # search.py as one module, or the package
if old_cache is None:
    old_cache = importlib.import_module("astana_old.search.spellings")._EXPANSIONS
impls = {"A": (old.search, old_cache), "B": (new.search, spellings._EXPANSIONS)}
cold = {"A": [], "B": []}; warm = {"A": [], "B": []}; same = 0
for rep in range(reps):
    for qi, q in enumerate(QUERIES):
        order = "AB" if (qi + rep) % 2 == 0 else "BA"
        tot = {}
        for k in order:
            fn, cache = impls[k]
            cache.clear()
            conn = sqlite3.connect(db)
            t = time.perf_counter(); r = fn(conn, q, limit=50); cold[k].append(time.perf_counter() - t)
            t = time.perf_counter(); r = fn(conn, q, limit=50); warm[k].append(time.perf_counter() - t)
            tot[k] = (r.total_sentences, r.total_articles, [(h.sentence_id, h.score, h.match) for h in r.hits])
            conn.close()
        same += tot["A"] == tot["B"]
for k in "AB":
    print(f"{k}: first run median {statistics.median(cold[k])*1000:.1f} ms, p95 {pct(cold[k], .95)*1000:.1f} ms;"
          f" warm median {statistics.median(warm[k])*1000:.1f} ms, p95 {pct(warm[k], .95)*1000:.1f} ms")
rc = [b / a for a, b in zip(cold["A"], cold["B"])]; rw = [b / a for a, b in zip(warm["A"], warm["B"])]
print(f"B/A per query: first run median {statistics.median(rc):.3f}, warm median {statistics.median(rw):.3f};"
      f" identical results (totals and page) {same}/{len(QUERIES) * reps}")
if "--each" in sys.argv:  # each query's median first run, A and B
    n = len(QUERIES)
    for qi, q in enumerate(QUERIES):
        a = statistics.median(cold["A"][qi::n]) * 1000
        b = statistics.median(cold["B"][qi::n]) * 1000
        print(f"   {a:6.1f} {b:6.1f} ms  {b / a:5.2f}  {q}")
