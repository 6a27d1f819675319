"""Search benchmark (not a test): ingest, latency, recall, memory and size on a synthetic corpus.

    python bench/bench_search.py N [--workdir /tmp/astana-bench] [--no-brute]

Generates N articles with bench/gen_corpus.py (fixed seed), then measures:
- ingest time through the project's path (``Store`` + ``ingest_paths`` of JSONL files) and its
  ratio to a bare sqlite-utils insert of the same texts plus a default FTS5 index, timed in the
  same run;
- median and p95 latency of 30 fixed queries (limit 50, totals included), and the ratios to an FTS5
  MATCH of the query's exact stems (all of them) on the same database and to a brute-force rapidfuzz scan of every sentence;
- recall of the index path against that brute force at the default threshold;
- peak RSS after the searches (before the brute force loads every sentence) and the database size.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

import gen_corpus  # noqa: E402
import sqlite_utils  # noqa: E402

from astana_cli import index, search  # noqa: E402
from astana_cli.text import arabic  # noqa: E402

QUERIES = [
    # exact phrases of the real articles
    "خفض التصعيد", "وقف إطلاق النار", "الدول الضامنة", "المساعدات الإنسانية", "دي ميستورا",
    "المعارضة السورية", "الجولة السادسة", "وزير الخارجية الروسي", "محافظة إدلب", "الأمم المتحدة",
    # clitic and spelling variants
    "لخفض التصعيد", "بالأستانة", "استانا", "وللمعتقلين", "والمخطوفين", "دى مستورا", "الغوطه الشرقيه",
    "ولافرينتييف", "ادلب", "كازاخستان",
    # typos
    "لافرنتييف", "وقف اطلاق النر", "خفض التصعيذ", "المعارضه السوريه المسلحة", "دي ميستورة",
    "الدول الضامنه الثلاث", "استانه", "الكزاخية", "محادثات جنيف", "تثبيت وقف اطلاق",
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest_project(db_path: Path, jsonl: Path, profile: Path | None = None) -> tuple[float, float]:
    """Ingest through Store + ingest_paths, as ``astana ingest`` does (ingest_paths ends with
    ``index.refresh_vocab``). Returns (ingest seconds, of which the vocabulary refresh)."""
    from astana_cli.ingest import ingest_paths
    from astana_cli.store import Store

    prof = cProfile.Profile() if profile else None
    refresh = index.refresh_vocab
    spent = [0.0]

    def timed_refresh(*a, **kw):
        t0 = time.perf_counter()
        try:
            return refresh(*a, **kw)
        finally:
            spent[0] += time.perf_counter() - t0

    index.refresh_vocab = timed_refresh
    t = time.perf_counter()
    try:
        store = Store(db_path)
        if prof:
            prof.enable()
        summary = ingest_paths(store, _chunks(jsonl))
        if prof:
            prof.disable()
            prof.dump_stats(profile)
        if summary.failed:
            print(f"# {len(summary.failed)} ingest failures, first: {summary.failed[0]}")
        store.close()
    finally:
        index.refresh_vocab = refresh
    return time.perf_counter() - t, spent[0]


def _chunks(jsonl: Path, lines: int = 10_000) -> list[Path]:
    """The corpus split in JSONL files of ``lines`` articles: ingest refuses files over 200 MB."""
    parts = sorted(jsonl.parent.glob(jsonl.stem + ".part*.jsonl"))
    if parts:
        return parts
    with open(jsonl, encoding="utf-8") as fh:
        for k, start in enumerate(range(0, 10**9, lines)):
            batch = [line for _, line in zip(range(lines), fh)]
            if not batch:
                break
            part = jsonl.parent / f"{jsonl.stem}.part{k:03d}.jsonl"
            part.write_text("".join(batch), encoding="utf-8")
            parts.append(part)
    return parts


def baseline_ingest(path: Path, jsonl: Path) -> float:
    """Bare sqlite-utils insert of the same texts plus a default FTS5 index."""
    t = time.perf_counter()
    db = sqlite_utils.Database(path)
    with open(jsonl, encoding="utf-8") as fh:
        db["docs"].insert_all((json.loads(line) for line in fh), batch_size=1000)
    db["docs"].enable_fts(["text"])
    db.close()
    return time.perf_counter() - t


def report_profile(path: Path) -> None:
    """Where the project's ingest time goes: analysis (analyze.py and what it calls) vs the store's
    SQL, and the functions with the most own time."""
    st = pstats.Stats(str(path))
    total = st.total_tt
    groups = {"analyze()": ("analyze.py", "analyze"), "Store._insert (SQL)": ("store.py", "_insert"),
              "read_documents (JSONL)": ("ingest.py", "read_documents"),
              "refresh_vocab": ("search.py", "refresh_vocab")}
    parts = []
    for label, (file, fn) in groups.items():
        cum = sum(v[3] for k, v in st.stats.items() if k[0].endswith(file) and k[2] == fn)
        parts.append(f"{label} {cum:.1f} s ({100 * cum / total:.0f}%)")
    print(f"ingest profile ({total:.1f} s under cProfile): " + "; ".join(parts))
    top = sorted(st.stats.items(), key=lambda kv: -kv[1][2])[:12]
    for (file, line, fn), (cc, nc, tt, ct, _) in top:
        print(f"   own {tt:6.1f} s  cum {ct:6.1f} s  calls {nc:9d}  {Path(file).name}:{line} {fn}")


def timed(fn, *args, **kw) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t, out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def whole_process(db_path: Path, rounds: int = 3) -> None:
    """Each query as a user runs it: a new `astana search` process on the database (table output,
    bytecode compiled as an installed package has it), against `astana --help` timed in the
    same run, interleaved; the medians over ``rounds`` of the 30 queries."""
    import compileall
    import os
    import shutil
    import subprocess

    compileall.compile_dir(str(ROOT / "src" / "astana_cli"), quiet=1)
    astana = shutil.which("astana") or str(Path(sys.executable).with_name("astana"))
    env = dict(os.environ, ASTANA_DB=str(db_path), NO_COLOR="1", COLUMNS="120")

    def run(args: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run([astana, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t

    run(["--help"])
    helps, searches = [], []
    for _ in range(rounds):
        for q in QUERIES:
            helps.append(run(["--help"]))
            searches.append(run(["search", q]))
    h = statistics.median(helps)
    print(f"whole process: astana search median {statistics.median(searches) * 1000:.0f} ms, p95"
          f" {pct(searches, 0.95) * 1000:.0f} ms; astana --help median {h * 1000:.0f} ms; search / --help"
          f" {statistics.median(searches) / h:.2f}x (median), {pct(searches, 0.95) / h:.2f}x (p95)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--workdir", default="/tmp/astana-bench")
    ap.add_argument("--no-brute", action="store_true", help="skip the brute-force scan (slow at large N)")
    ap.add_argument("--profile", action="store_true",
                    help="cProfile the project's ingest; prints the split analysis vs SQL and the hot spots")
    ap.add_argument("--keep", action="store_true", help="reuse an existing database (skip both ingests)")
    ap.add_argument("--process", action="store_true",
                    help="also time each query as a whole `astana search` process against `astana --help`")
    ap.add_argument("--ingest-only", action="store_true",
                    help="build the databases and stop (then search them with --keep)")
    args = ap.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    jsonl = work / f"corpus-{args.n}.jsonl"
    if not jsonl.exists():
        with open(jsonl, "w", encoding="utf-8") as fh:
            for doc in gen_corpus.generate(args.n):
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    db_path, base_path = work / f"astana-{args.n}.db", work / f"baseline-{args.n}.db"
    print(f"N={args.n}  corpus {jsonl.stat().st_size / 1e6:.0f} MB")
    if not (args.keep and db_path.exists()):
        for p in list(work.glob(db_path.name + "*")) + list(work.glob(base_path.name + "*")):
            p.unlink()
        t_base = baseline_ingest(base_path, jsonl)
        prof_path = work / f"ingest-{args.n}.prof" if args.profile else None
        t_ingest, t_refresh = ingest_project(db_path, jsonl, prof_path)
        print(f"ingest: {t_ingest:.1f} s via Store + ingest_paths (of which refresh_vocab {t_refresh:.1f} s);"
              f" baseline insert+FTS {t_base:.1f} s; ratio {t_ingest / t_base:.2f}x")
        if prof_path and prof_path.exists():
            report_profile(prof_path)
    if args.ingest_only:
        return

    db = sqlite_utils.Database(db_path)
    conn = db.conn
    n_sent = conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
    from astana_cli.spellindex import SpellIndex
    n_vocab = SpellIndex(conn).total()
    print(f"sentences {n_sent}, vocabulary {n_vocab} words")

    from astana_cli.search import spellings

    lat, cold, fts_lat, totals = [], [], [], []
    for q in QUERIES:
        # the first run as a CLI call pays it: a fresh connection (SQLite's page cache empty),
        # no spellings or spelling index loaded in the process
        spellings._EXPANSIONS.clear()
        spellings._INDEXES.clear()
        fresh = sqlite3.connect(db_path)
        dt, _ = timed(search.search, fresh, q, limit=50)
        fresh.close()
        cold.append(dt)
        dt, r = timed(search.search, db, q, limit=50)
        lat.append(dt)
        totals.append(r.total_sentences)
        # the exact stems, all of them (the index keeps no positions for a phrase)
        phrase = " AND ".join(f'"{w}"' for w in arabic.terms(arabic.normalize(q)).split())
        dt, _ = timed(lambda: conn.execute(f"SELECT rowid FROM [{index.FTS_TABLE}] WHERE [{index.FTS_TABLE}]"
                                           " MATCH ? LIMIT 50", [phrase]).fetchall())
        fts_lat.append(dt)
    peak = rss_mb()
    med, p95 = statistics.median(lat), pct(lat, 0.95)
    fmed = statistics.median(fts_lat)
    print(f"search latency: median {med * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {max(lat) * 1000:.1f} ms;"
          f" FTS5 MATCH of the exact stems median {fmed * 1000:.2f} ms (ratio {med / fmed:.0f}x)")
    print(f"first run of each query (fresh connection, nothing cached: what a CLI call pays): median"
          f" {statistics.median(cold) * 1000:.1f} ms, p95 {pct(cold, 0.95) * 1000:.1f} ms, max {max(cold) * 1000:.1f} ms")
    for q, dt, tot in sorted(zip(QUERIES, lat, totals), key=lambda x: -x[1])[:5]:
        print(f"   slowest: {dt * 1000:7.1f} ms  {tot:6d} hits  {q}")
    print(f"peak RSS after searching: {peak:.0f} MB")
    size = sum(p.stat().st_size for p in work.glob(db_path.name + "*"))
    base_size = sum(p.stat().st_size for p in work.glob(base_path.name + "*"))
    print(f"database size {size / 1e6:.0f} MB (baseline insert+FTS {base_size / 1e6:.0f} MB)")

    if args.process:
        whole_process(db_path)
    if args.no_brute:
        return
    t = time.perf_counter()
    ids, choices = [], []
    for sid, sentence_terms in conn.execute("SELECT id, terms FROM sentences"):
        ids.append(sid)
        choices.append(sentence_terms or "")
    prep = time.perf_counter() - t
    brute_lat, found, wanted, same_totals, outside = [], 0, 0, 0, 0
    for q, total in zip(QUERIES, totals):
        qt = search.terms(arabic.normalize(q))
        # the same score as the index path (search.score_many: partial_ratio, ratio for shorter sentences)
        dt, res = timed(search.score_many, qt, choices, search.DEFAULT_MIN_SCORE)
        brute_lat.append(dt)
        brute = {ids[i] for i, _ in res}
        # every hit of search() (the joined forms of _add_joined included), each one scored
        got = {h.sentence_id for h in search.search(db, q, limit=10**7).hits}
        wanted += len(brute)
        found += len(brute & got)
        outside += len(got - brute)
        # the totals of search() with a page of 50 (sure sentences of one-word queries counted in
        # SQL, not scored) against the hits it finds with no limit
        same_totals += total == len(got)
    bmed = statistics.median(brute_lat)
    print(f"brute force (terms of every sentence prepared once in {prep:.1f} s): median {bmed * 1000:.0f} ms"
          f" per query; index path {bmed / med:.0f}x faster (median)")
    print(f"recall vs brute force at min_score {search.DEFAULT_MIN_SCORE:.0f}: {found}/{wanted} = "
          f"{found / max(wanted, 1):.4f}; index hits outside brute force: {outside}; totals of a page of 50 equal to"
          f" the hits with no limit: {same_totals}/{len(QUERIES)} queries")


if __name__ == "__main__":
    main()
