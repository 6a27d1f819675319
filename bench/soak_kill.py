"""Soak test: SIGKILL `astana ingest` many times over a few thousand files (issue 7, item 4).

After every kill the database must pass ``PRAGMA integrity_check``, hold no partial article (each
has its sentences, nothing points at a missing article), never hold fewer articles than before,
and no analysis worker of the killed process may survive it. A final run must complete the rest.

    .venv/bin/python bench/soak_kill.py                    # 6,000 files, 25 kills
    .venv/bin/python bench/soak_kill.py --files 6000 --kills 40 --seed 3

Prints one line per kill and the totals; exits 1 on the first violation.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def make_articles(folder: Path, n: int, seed: int) -> int:
    rng = random.Random(seed)
    paras = [p for f in sorted(CORPUS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n")
             if len(p) > 40]
    folder.mkdir(parents=True)
    size = 0
    for i in range(n):
        body = "\n\n".join(rng.sample(paras, 4))
        data = f"خبر رقم {i}\n\n{body}\n".encode()
        (folder / f"{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size


def check_sound(db: Path) -> int:
    """The number of articles; raises AssertionError when the database is not sound."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check failed"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = con.execute("PRAGMA user_version").fetchone()[0]
        applied = (con.execute("SELECT COUNT(*) FROM _astana_migrations").fetchone()[0]
                   if "_astana_migrations" in tables else 0)
        assert version == applied, f"user_version {version} but {applied} migration(s) recorded"
        if "sentences_fts" not in tables:  # killed while migrating: the next run finishes it
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] if "articles" in tables else 0
        assert con.execute("PRAGMA foreign_key_check").fetchall() == [], "foreign key violations"
        partial = con.execute("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                              "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)").fetchone()[0]
        assert partial == 0, f"{partial} article(s) without sentences"
        for table in ("sentences", "quotes", "article_rounds", "mentions"):
            orphans = con.execute(f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS "
                                  "(SELECT 1 FROM articles a WHERE a.id = t.article_id)").fetchone()[0]
            assert orphans == 0, f"{orphans} orphan row(s) in {table}"
        fts = con.execute("SELECT COUNT(*) FROM sentences_fts").fetchone()[0]
        sent = con.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
        assert fts == sent, f"search index has {fts} rows for {sent} sentences"
        dup = con.execute("SELECT COUNT(*) - COUNT(DISTINCT sha256) FROM articles").fetchone()[0]
        assert dup == 0, f"{dup} duplicate article(s)"
        # the spelling index is written in the vocabulary refresh's transaction: where the refresh
        # saw this very index (search_meta's record of it), it holds every stem of the index
        sys.path.insert(0, str(ROOT / "src"))
        from astana_cli import index, spellindex

        if "search_spell" in tables and not index.vocab_is_stale(con):
            con.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, sentences_fts, row)")
            stems = con.execute("SELECT COUNT(*) FROM temp.v").fetchone()[0]
            have = spellindex.SpellIndex(con).total()
            assert have == stems, f"spelling index holds {have} stems for {stems} in the search index"
        return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def survivors(marker: str) -> list[int]:
    """Pids of processes whose command line names ``marker`` (the input folder)."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            stat = (d / "stat").read_text()
        except OSError:
            continue
        if marker in cmd and ") Z " not in stat:
            out.append(int(d.name))
    return out


def soak(files: int, kills: int, seed: int, workdir: Path, quiet: bool = False) -> dict:
    folder = workdir / "many"
    size = make_articles(folder, files, seed)
    db = workdir / "soak.db"
    env = dict(os.environ, ASTANA_DB=str(db), NO_COLOR="1")
    cmd = [sys.executable, "-m", "astana_cli", "ingest", str(folder)]
    rng = random.Random(seed + 1)
    say = (lambda *a: None) if quiet else print
    say(f"{files} files ({size / 1e6:.1f} MB) in {folder}; {kills} kills")
    counts, landed, orphaned = [], 0, 0
    t0 = time.monotonic()
    first_commit = None  # seconds from start to the first stored article, measured by kill 1
    for k in range(kills):
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        if first_commit is None:  # wait for the first article, then kill a random moment later
            while p.poll() is None and time.monotonic() - started < 60:
                try:
                    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
                    n = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                    con.close()
                except sqlite3.Error:
                    n = 0
                if n:
                    break
                time.sleep(0.05)
            first_commit = time.monotonic() - started
            say(f"first article stored {first_commit:.1f} s after start")
            time.sleep(rng.uniform(0, 1))
        else:  # from just before the first commit to a few seconds after it
            time.sleep(rng.uniform(max(0.2, first_commit - 0.5), first_commit + 3))
        running = p.poll() is None
        landed += running
        p.send_signal(signal.SIGKILL)
        p.wait()
        # workers must follow their parent within a moment
        deadline = time.monotonic() + 3
        left = survivors(str(folder))
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = survivors(str(folder))
        if left:
            orphaned += len(left)
            for pid in left:  # our own test's leftovers: clean them up, and fail below
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        n = check_sound(db) if db.exists() else 0
        if counts and n < counts[-1]:
            raise AssertionError(f"kill {k + 1}: {n} articles, fewer than the {counts[-1]} before")
        counts.append(n)
        say(f"kill {k + 1:2d}: {'mid-run' if running else 'after exit'}, {n} articles stored, "
            f"{len(left)} orphan worker(s)")
        if orphaned:
            raise AssertionError(f"kill {k + 1}: {len(left)} worker process(es) outlived the killed ingest")
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"the final run failed: {done.stderr[-2000:]}")
    want = f"{files - counts[-1]} added, 0 updated, {counts[-1]} unchanged, 0 failed"
    if want not in done.stderr:
        raise AssertionError(f"the final run said {done.stderr.strip()[-300:]!r}, not {want!r}")
    final = check_sound(db)
    if final != files:
        raise AssertionError(f"{final} articles after the final run, not {files}")
    result = {"files": files, "kills": kills, "mid_run": landed, "counts": counts, "final": final,
              "orphans": orphaned, "seconds": round(time.monotonic() - t0, 1)}
    say(f"survived {kills} SIGKILLs ({landed} mid-run); articles after each kill: {counts}; "
        f"final run: {done.stderr.strip().splitlines()[-1]}; {final} articles, sound; "
        f"{result['seconds']} s")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=6000)
    ap.add_argument("--kills", type=int, default=25)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="astana-soak-"))
    try:
        soak(args.files, args.kills, args.seed, work)
    except AssertionError as e:
        print(f"FAILED: {e} (work directory {work})", file=sys.stderr)
        sys.exit(1)
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
