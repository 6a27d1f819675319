"""An ingest killed at random moments leaves a sound database, and the rerun completes the rest."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import CORPUS

FILES = 2000
KILLS = 6


def make_articles(folder, n, seed=7):
    rng = random.Random(seed)
    paras = [p for f in sorted(CORPUS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    folder.mkdir()
    for i in range(n):
        body = "\n\n".join(rng.sample(paras, 4))
        (folder / f"{i:05d}.txt").write_text(f"خبر رقم {i}\n\n{body}\n", encoding="utf-8")


def check_sound(db):
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            return 0  # killed before the first migration committed: an empty, sound file
        # no partial article: each has its sentences, and nothing points at a missing article
        assert con.execute("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                           "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)").fetchone()[0] == 0
        for table in ("sentences", "quotes", "article_rounds", "mentions"):
            orphans = con.execute(f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS "
                                  "(SELECT 1 FROM articles a WHERE a.id = t.article_id)").fetchone()[0]
            assert orphans == 0, table
        return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def test_sigkill_during_ingest_loses_nothing_and_the_rerun_completes(tmp_path):
    make_articles(tmp_path / "many", FILES)
    db = tmp_path / "k.db"
    env = dict(os.environ, ASTANA_DB=str(db), NO_COLOR="1")
    cmd = [sys.executable, "-m", "astana_cli", "ingest", str(tmp_path / "many")]
    rng = random.Random(11)
    counts = []
    for _ in range(KILLS):
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.6, 1.6))
        p.send_signal(signal.SIGKILL)
        p.wait()
        if db.exists():
            counts.append(check_sound(db))
    assert counts and counts == sorted(counts)  # every run kept what the earlier ones stored
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{FILES - counts[-1]} added, 0 updated, {counts[-1]} unchanged, 0 failed" in done.stderr
    assert check_sound(db) == FILES
