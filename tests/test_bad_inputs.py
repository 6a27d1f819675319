"""Bad files and bad databases (issue 7, items 6 and 7).

Bad files: the good files go in, each bad one is named with its reason, the exit code says that
some failed. Bad databases: one clear line, and the content that was there before is intact.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from conftest import CORPUS

GOOD = "قال وزير الخارجية الكازاخي إن الجولة السادسة من محادثات أستانا بدأت اليوم."


def articles(db) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT file, text FROM articles ORDER BY id").fetchall()
    finally:
        con.close()


def integrity(db) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def failures(stderr: str) -> dict[str, str]:
    """{file name: reason} of the «failed: PATH: REASON» lines."""
    out = {}
    for ln in stderr.splitlines():
        if ln.startswith("failed: "):
            path, _, reason = ln[len("failed: "):].partition(": ")
            out[os.path.basename(path)] = reason
    return out


# --- bad files -----------------------------------------------------------------------------------


def test_every_kind_of_bad_file_in_one_run(run, tmp_path, db_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "good16le.txt").write_bytes(("مقال آخر: " + GOOD).encode("utf-16-le"))  # UTF-16, no BOM
    (d / "good16be.txt").write_bytes(("مقال ثالث: " + GOOD).encode("utf-16-be"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b" \n\t\r\n")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "nul.txt").write_bytes(b"\x00" * 1000)
    (d / "png.html").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(3000))
    (d / "cut.txt").write_bytes("وقف إطلاق النار".encode("utf-8")[:-1])  # cut inside the last letter
    (d / "latin1.txt").write_bytes("café crème brûlée à la française".encode("latin-1"))
    (d / "digits.txt").write_text("123 456 789 — . , ;", encoding="utf-8")
    (d / "nobody.html").write_text("<html><script>var x = 1;</script><nav>قائمة</nav></html>", encoding="utf-8")
    (d / "bad.jsonl").write_text('{"text": "ج ' + GOOD + '"}\n[1, 2]\n{"text": ""}\n{oops\n', encoding="utf-8")
    os.symlink(d / "loop_b.txt", d / "loop_a.txt")
    os.symlink(d / "loop_a.txt", d / "loop_b.txt")
    os.symlink(d / "gone.txt", d / "dangling.txt")
    os.symlink(d, d / "self")  # a directory loop: not followed
    r = run("ingest", d)
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output
    failed = failures(r.stderr)
    assert failed == {
        "empty.txt": "empty file", "blank.txt": "empty file",
        "binary.txt": failed.get("binary.txt"), "nul.txt": failed.get("nul.txt"),
        "png.html": failed.get("png.html"),
        "cut.txt": "invalid UTF-8 at its end (truncated file?)",
        "latin1.txt": "unknown encoding (not UTF-8, UTF-16 or Windows-1256 Arabic)",
        "digits.txt": "no text in file", "nobody.html": "no article text in the HTML page",
        "bad.jsonl line 2": 'a JSONL line needs an object with a non-empty "text"',
        "bad.jsonl line 3": 'a JSONL line needs an object with a non-empty "text"',
        "bad.jsonl line 4": failed.get("bad.jsonl line 4"),
        "loop_a.txt": "broken or looping symbolic link", "loop_b.txt": "broken or looping symbolic link",
        "dangling.txt": "broken or looping symbolic link",
    }, failed
    assert "binary" in failed["binary.txt"] and "binary" in failed["nul.txt"]
    assert failed["png.html"] and failed["bad.jsonl line 4"].startswith("invalid JSON")
    assert "4 added, 0 updated, 0 unchanged, 15 failed" in r.stderr
    stored = {f: t for f, t in articles(db_path)}
    assert set(stored) == {"good.txt", "good16le.txt", "good16be.txt", "bad.jsonl#1"}
    assert stored["good16le.txt"] == "مقال آخر: " + GOOD and stored["good16be.txt"] == "مقال ثالث: " + GOOD


def test_a_file_that_vanishes_mid_run(run, tmp_path, db_path, monkeypatch):
    import astana_cli.ingest as ingest

    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (d / name).write_text(f"{name}: {GOOD}", encoding="utf-8")
    real_collect = ingest.collect_files

    def collect_then_vanish(paths, failures):
        files = real_collect(paths, failures)
        (d / "b.txt").unlink()  # listed, then gone before it is read
        return files

    monkeypatch.setattr(ingest, "collect_files", collect_then_vanish)
    r = run("ingest", d)
    assert r.exit_code == 1
    assert failures(r.stderr) == {"b.txt": "the file vanished before it could be read"}
    assert [f for f, _ in articles(db_path)] == ["a.txt", "c.txt"]


def test_a_file_replaced_by_a_directory_mid_run(run, tmp_path, db_path, monkeypatch):
    import astana_cli.ingest as ingest

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "b.txt").write_text("ب " + GOOD, encoding="utf-8")
    real_collect = ingest.collect_files

    def collect_then_swap(paths, failures):
        files = real_collect(paths, failures)
        (d / "a.txt").unlink()
        (d / "a.txt").mkdir()
        return files

    monkeypatch.setattr(ingest, "collect_files", collect_then_swap)
    r = run("ingest", d)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert failures(r.stderr) == {"a.txt": "is a directory"}
    assert [f for f, _ in articles(db_path)] == ["b.txt"]


def test_unreadable_file_and_directory(run, tmp_path, db_path, monkeypatch):
    """Root reads everything, so permission errors are simulated where ingest meets them."""
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "locked" / "x.txt").write_text("س " + GOOD, encoding="utf-8")
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "secret.txt").write_text("ش " + GOOD, encoding="utf-8")
    real_read, real_scandir = pathlib.Path.read_bytes, os.scandir

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    r = run("ingest", d)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert failures(r.stderr) == {"secret.txt": "permission denied",
                                  "locked": "cannot read directory: Permission denied"}
    assert [f for f, _ in articles(db_path)] == ["good.txt"]


def test_a_missing_path_among_good_ones(run, tmp_path, db_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    r = run("ingest", tmp_path / "nope", tmp_path / "good.txt", tmp_path / "nope.txt")
    assert r.exit_code == 1
    assert failures(r.stderr) == {"nope": "no such file or directory", "nope.txt": "no such file or directory"}
    assert len(articles(db_path)) == 1


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(run, tmp_path, db_path, monkeypatch):
    import astana_cli.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_BYTES", 1024 * 1024)
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(2 * 1024 * 1024)  # sparse: read_bytes would be the bug
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    r = run("ingest", big)
    assert r.exit_code == 1
    assert "big.txt: file too large (2 MB; the limit is 1 MB)" in r.stderr


def test_a_50_mb_binary_file_is_refused_quickly(run, tmp_path, db_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        for _ in range(50):
            fh.write(os.urandom(1024 * 1024))
    (tmp_path / "small.txt").write_text(GOOD, encoding="utf-8")
    t0 = time.monotonic()
    r = run("ingest", big, tmp_path / "small.txt")
    assert r.exit_code == 1
    assert failures(r.stderr) == {"big.txt": failures(r.stderr).get("big.txt")}
    assert "binary" in failures(r.stderr)["big.txt"] or "encoding" in failures(r.stderr)["big.txt"]
    assert "1 added" in r.stderr
    assert time.monotonic() - t0 < 30


@pytest.mark.skipif(os.environ.get("HYPOTHESIS_PROFILE") != "long",
                    reason="about 100 s: run with HYPOTHESIS_PROFILE=long")
def test_a_50_mb_file(run, tmp_path, db_path):
    """A 50 MB file of text goes in as one article, whole."""
    line = (GOOD + " ") * 20 + "\n"
    n = 50 * 1024 * 1024 // len(line.encode()) + 1
    big = tmp_path / "big.txt"
    big.write_text(line * n, encoding="utf-8")
    assert big.stat().st_size >= 50 * 1024 * 1024
    (tmp_path / "small.txt").write_text(GOOD, encoding="utf-8")
    t0 = time.monotonic()
    r = run("ingest", big, tmp_path / "small.txt")
    took = time.monotonic() - t0
    assert r.exit_code == 0, r.output
    assert "2 added" in r.stderr
    stored = dict(articles(db_path))
    assert len(stored["big.txt"]) == len(line) * n
    assert took < 300, f"50 MB took {took:.1f} s"
    print(f"50 MB article ingested in {took:.1f} s")


SMALL_FILES = 10_000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 2_500


def test_ten_thousand_small_files(tmp_path):
    """A directory of many tiny files (10,000 with HYPOTHESIS_PROFILE=long; 2,500 in CI, which is
    ~10 s here), through a real process: every one goes in, measured."""
    d = tmp_path / "many"
    d.mkdir()
    for i in range(SMALL_FILES):
        (d / f"{i:05d}.txt").write_text(f"قال المتحدث إن الاجتماع رقم {i} انتهى.", encoding="utf-8")
    db = tmp_path / "m.db"
    env = dict(os.environ, ASTANA_DB=str(db), NO_COLOR="1")
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "astana_cli", "ingest", str(d)], env=env,
                       capture_output=True, text=True, timeout=300)
    took = time.monotonic() - t0
    assert p.returncode == 0, p.stderr[-2000:]
    assert f"{SMALL_FILES} added, 0 updated, 0 unchanged, 0 failed" in p.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM articles").fetchone() == (SMALL_FILES,) * 2
    print(f"{SMALL_FILES} small files ingested in {took:.1f} s")


# --- bad databases -------------------------------------------------------------------------------


@pytest.fixture
def filled(run, db_path):
    r = run("ingest", CORPUS)
    assert r.exit_code == 0
    return articles(db_path)


READERS = [["articles"], ["rounds"], ["quotes"], ["speakers"], ["search", "أستانا"], ["show", "1"]]


def test_a_newer_schema_is_refused_by_every_command_and_left_alone(run, db_path, filled, tmp_path):
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    (tmp_path / "n.txt").write_text(GOOD, encoding="utf-8")
    for args in READERS + [["ingest", tmp_path / "n.txt"]]:
        r = run(*args)
        assert r.exit_code == 1, (args, r.output)
        assert r.stderr.strip().startswith("astana: error: ") and "newer astana" in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    assert db_path.read_bytes() == before
    assert articles(db_path) == filled


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000,
                                     b"\x00" * 8192, b"SQLite format 3\x00"])
def test_a_non_sqlite_or_damaged_file_is_refused_without_damage(run, db_path, tmp_path, content):
    db_path.write_bytes(content)
    (tmp_path / "n.txt").write_text(GOOD, encoding="utf-8")
    for args in READERS + [["ingest", tmp_path / "n.txt"]]:
        r = run(*args)
        assert r.exit_code != 0, (args, r.output)
        assert r.exception is None or isinstance(r.exception, SystemExit), (args, r.exception)
        assert r.stderr.strip().startswith("astana: error: "), (args, r.stderr)
        assert "Traceback" not in r.output
    assert db_path.read_bytes() == content


def test_a_database_path_that_is_a_directory(run, db_path):
    db_path.mkdir()
    r = run("articles")
    assert r.exit_code == 1 and "is a directory" in r.stderr


def test_a_read_only_database_serves_readers_and_ingest_says_why(run, db_path, filled, tmp_path, monkeypatch):
    """Root ignores chmod: the file is made read-only to the store through os.access."""
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if (mode & os.W_OK and os.fspath(p) == str(db_path))
                        else real_access(p, mode, **kw))
    for args in READERS:
        r = run(*args)
        assert r.exit_code == 0, (args, r.output)
    (tmp_path / "n.txt").write_text(GOOD, encoding="utf-8")
    r = run("ingest", tmp_path / "n.txt")
    assert r.exit_code == 1
    assert r.stderr.strip() == f"astana: error: database {db_path} is read-only: cannot ingest into it"
    assert articles(db_path) == filled


def test_store_readonly_never_writes(db_path, filled):
    from astana_cli.errors import DatabaseError
    from astana_cli.store import Document, Store

    store = Store(db_path, readonly=True)
    try:
        with pytest.raises(DatabaseError, match="read-only"):
            store.add_document(Document("/x/n.txt", "n.txt", GOOD))
        assert store.count("articles") == len(filled)
    finally:
        store.close()
    assert articles(db_path) == filled


def _can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def mounted(*args):
    """Run ``mount *args``; unmount at the end. Skips the test when the platform does not allow it."""
    target = args[-1]
    p = subprocess.run(["mount", *args], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount here: {p.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", target], capture_output=True)


@pytest.mark.skipif(not _can_mount(), reason="needs root and mount(8)")
def test_a_read_only_filesystem(run, tmp_path, monkeypatch, filled, db_path):
    """The database on a read-only bind mount: readers work, ingest says it cannot write."""
    ro = tmp_path / "ro"
    ro.mkdir()
    with mounted("--bind", str(db_path.parent), str(ro)):
        p = subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], capture_output=True, text=True)
        if p.returncode != 0:
            pytest.skip(f"cannot remount read-only: {p.stderr.strip()}")
        ro_db = ro / db_path.name
        monkeypatch.setenv("ASTANA_DB", str(ro_db))
        for args in READERS:
            r = run(*args)
            assert r.exit_code == 0, (args, r.output)
        (tmp_path / "n.txt").write_text(GOOD, encoding="utf-8")
        r = run("ingest", tmp_path / "n.txt")
        assert r.exit_code == 1 and "read-only" in r.stderr, r.output
        assert len(r.stderr.strip().splitlines()) == 1
    assert articles(db_path) == filled


@pytest.mark.skipif(not _can_mount(), reason="needs root and mount(8)")
def test_a_disk_that_fills_during_ingest(tmp_path):
    """A 3 MB tmpfs: ingest stops with a clear line, what was stored before is intact and sound."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    many = tmp_path / "many"
    many.mkdir()
    paras = [p for f in sorted(CORPUS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    for i in range(400):
        body = "\n\n".join(paras[(i + k * 7) % len(paras)] for k in range(6))
        (many / f"{i:04d}.txt").write_text(f"خبر رقم {i}\n\n{body}\n", encoding="utf-8")
    with mounted("-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)):
        db = mnt / "full.db"
        env = dict(os.environ, ASTANA_DB=str(db), NO_COLOR="1")
        cmd = [sys.executable, "-m", "astana_cli", "ingest"]
        first = subprocess.run(cmd + [str(CORPUS)], env=env, capture_output=True, text=True, timeout=120)
        assert first.returncode == 0, first.stderr
        before = articles(db)
        p = subprocess.run(cmd + [str(many)], env=env, capture_output=True, text=True, timeout=300)
        assert p.returncode != 0, p.stderr[-1000:]
        err = p.stderr.strip().splitlines()
        assert "Traceback" not in p.stderr
        assert any("disk" in ln and "full" in ln for ln in err), err[-5:]
        assert integrity(db) == "ok"
        after = articles(db)
        assert after[:len(before)] == before  # the earlier content is intact
        con = sqlite3.connect(db)
        assert con.execute("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                           "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)").fetchone()[0] == 0
        con.close()
        # reading still works on the full disk
        r = subprocess.run([sys.executable, "-m", "astana_cli", "articles", "--format", "json"], env=env,
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        assert len(json.loads(r.stdout)) == len(after)
