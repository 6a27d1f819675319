"""Two at once (issue 7, item 5): two `astana ingest` processes over overlapping directories, and
readers running during an ingest. No "database is locked", no duplicate article, and every reader
sees a consistent state (whole articles only, counts that never go down)."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

from conftest import CORPUS
from test_interrupt import check_sound, make_articles

N = 300


def _env(db):
    return dict(os.environ, ASTANA_DB=str(db), NO_COLOR="1", COLUMNS="160")


def _ingest(db, *paths):
    return subprocess.Popen([sys.executable, "-m", "astana_cli", "ingest", *map(str, paths)],
                            env=_env(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _split(tmp_path):
    """``all`` with N articles; ``a`` = the first two thirds, ``b`` = the last two thirds (copies:
    the same content under other paths) so the two runs overlap on a third."""
    make_articles(tmp_path / "all", N)
    files = sorted((tmp_path / "all").iterdir())
    for name, part in (("a", files[: 2 * N // 3]), ("b", files[N // 3:])):
        (tmp_path / name).mkdir()
        for f in part:
            shutil.copy(f, tmp_path / name / f.name)
    return tmp_path / "a", tmp_path / "b"


def _no_duplicates(db):
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT COUNT(*) - COUNT(DISTINCT sha256) FROM articles").fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) - COUNT(DISTINCT path) FROM articles").fetchone()[0] == 0
        return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def test_two_ingests_over_overlapping_directories(tmp_path):
    a, b = _split(tmp_path)
    db = tmp_path / "two.db"
    p1, p2 = _ingest(db, a), _ingest(db, b)
    (_, e1), (_, e2) = p1.communicate(timeout=300), p2.communicate(timeout=300)
    for p, err in ((p1, e1), (p2, e2)):
        assert p.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
    # the same content is stored once, whichever run got there first
    assert _no_duplicates(db) == N
    assert check_sound(db) == N
    added = [int(e.strip().splitlines()[-1].split(" added")[0]) for e in (e1, e2)]
    unchanged = [int(e.strip().splitlines()[-1].split(", ")[2].split()[0]) for e in (e1, e2)]
    # the same content under another path is one more source of the stored article
    copies = [int(e.strip().splitlines()[-1].split("; ")[1].split()[0]) if "; " in e else 0 for e in (e1, e2)]
    assert sum(added) == N and sum(added) + sum(unchanged) + sum(copies) == 2 * (2 * N // 3), (e1, e2)


def test_the_same_directory_twice_at_once(tmp_path):
    make_articles(tmp_path / "all", 200)
    db = tmp_path / "same.db"
    p1, p2 = _ingest(db, tmp_path / "all"), _ingest(db, tmp_path / "all")
    errs = [p.communicate(timeout=300)[1] for p in (p1, p2)]
    assert p1.returncode == 0 and p2.returncode == 0, errs
    assert _no_duplicates(db) == 200
    assert check_sound(db) == 200


def test_readers_during_an_ingest_see_whole_articles(tmp_path):
    make_articles(tmp_path / "all", N)
    db = tmp_path / "read.db"
    first = subprocess.run([sys.executable, "-m", "astana_cli", "ingest", str(CORPUS)], env=_env(db),
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    writer = _ingest(db, tmp_path / "all")
    seen, reads, cli_results = [], 0, []

    def cli_readers():
        # the CLI readers, as real processes, while the writer runs; in a thread, so the in-process
        # reads below keep sampling the ingest's progress meanwhile, however slow the machine
        for args in (["articles", "--format", "json"], ["search", "أستانا", "--format", "json"],
                     ["rounds", "--format", "json"], ["quotes", "--format", "json"]):
            cli_results.append((args, subprocess.run([sys.executable, "-m", "astana_cli", *args], env=_env(db),
                                                     capture_output=True, text=True, timeout=120)))

    readers = threading.Thread(target=cli_readers)
    try:
        # in-process readers: each snapshot must be whole (a read transaction sees one state)
        con = sqlite3.connect(db, isolation_level=None)
        deadline = time.monotonic() + 120
        while writer.poll() is None and time.monotonic() < deadline:
            con.execute("BEGIN")
            n = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            partial = con.execute("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                                  "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)").fetchone()[0]
            orphans = con.execute("SELECT COUNT(*) FROM sentences s WHERE NOT EXISTS "
                                  "(SELECT 1 FROM articles a WHERE a.id = s.article_id)").fetchone()[0]
            con.execute("COMMIT")
            assert partial == 0 and orphans == 0
            assert not seen or n >= seen[-1]
            seen.append(n)
            reads += 1
            if reads == 3:
                readers.start()
            time.sleep(0.05)
        con.close()
    finally:
        out, err = writer.communicate(timeout=300)
        if readers.ident is not None:  # started
            readers.join(timeout=300)
    assert len(cli_results) == 4, "the CLI readers did not all run"
    for args, r in cli_results:
        assert r.returncode == 0, (args, r.stderr)
        assert "locked" not in r.stderr
        json.loads(r.stdout)
    assert writer.returncode == 0, err
    assert "locked" not in err
    assert reads >= 3, "the ingest finished before any read: make it longer"
    assert len(set(seen)) > 1, f"the readers never saw the ingest progress: {seen}"
    assert _no_duplicates(db) == N + 5
    assert check_sound(db) == N + 5
