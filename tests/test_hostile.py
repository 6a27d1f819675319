"""Hostile queries, names and article text (issue 7, items 2 and 3).

Queries and option values full of FTS5/SQL syntax get a result or one clear line, never a
traceback or an SQL/FTS error; article text full of Rich markup, ANSI escapes and control
characters prints as inert text that cannot change the terminal's state or the table's layout.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from rich.cells import cell_len

from conftest import CORPUS

HUGE = "99999999999999999999999"  # beyond SQLite's 64-bit integers

HOSTILE = ['"', "*", "(", ")", "NEAR", "AND", "OR", "NOT", "-", "^", ":", "", " ", "a", "ا",
           "x" * 5000, "أستانا " * 800, "'; DROP TABLE articles; --", '"; DROP TABLE sentences; --',
           "NEAR(a b, 2)", "a OR b", "a AND NOT b", '"unbalanced', "norm:أستانا", "{norm}: x",
           "أستا*", "*أستانا*", "-أستانا", "^أستانا", "%", "_", "\\", "\x00", "\x1b[31mx",
           "[bold]x[/]", "\u202eأستانا", "١٢٣", "0", "-1"]

LEAKS = ("Traceback", "syntax error", "fts5", "sqlite3.", "OperationalError", "internal error",
         "unrecognized token", "no such column", "malformed MATCH")


def assert_clean(r):
    """A result or one clear line: no traceback, no SQL/FTS error text, a known exit code."""
    out = r.output if hasattr(r, "output") else (r.stdout + r.stderr)
    for leak in LEAKS:
        assert leak.lower() not in out.lower(), (leak, out[-2000:])
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise AssertionError(f"exception escaped: {r.exception!r}")
    code = r.exit_code
    assert code in (0, 1, 2), (code, out[-2000:])
    if code != 0:
        err = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert err, "a failure must say why"
        click_usage = code == 2 and err[0].startswith("Usage: ") and err[-1].startswith("Error: ")
        if not click_usage:  # Click's own usage block (e.g. a query starting with "-") is fine too
            assert len(err) == 1 and err[0].startswith("astana: error: "), err


@pytest.fixture
def corpus_run(run, corpus_db, db_path):
    """``run`` against a copy of the session corpus database (search may refresh its vocabulary)."""
    import shutil

    shutil.copy(corpus_db, db_path)
    return run


@pytest.mark.parametrize("q", HOSTILE, ids=lambda q: repr(q[:12]))
def test_hostile_search_queries(corpus_run, q):
    r = corpus_run("search", q)
    assert_clean(r)
    if not q.strip() or not any(c.isalnum() for c in q):
        assert r.exit_code == 2  # nothing to search for: a usage error, said in one line
    # the database is untouched by whatever the query said
    assert len(json.loads(corpus_run("articles", "--format", "json").stdout)) == 5


@pytest.mark.parametrize("q", HOSTILE[::2] + ["x" * 5000], ids=lambda q: repr(q[:12]))
def test_hostile_search_queries_in_every_mode(corpus_run, q):
    for extra in (["--exact"], ["--expand"], ["--by", "article"], ["--format", "json"]):
        assert_clean(corpus_run("search", q, *extra))


@pytest.mark.parametrize("name", HOSTILE, ids=lambda q: repr(q[:12]))
def test_hostile_speaker_names(corpus_run, name):
    r = corpus_run("quotes", "--speaker", name)
    assert_clean(r)
    r = corpus_run("search", "أستانا", "--speaker", name)
    assert_clean(r)
    r = corpus_run("quotes", "--contains", name)
    assert_clean(r)
    r = corpus_run("search", "أستانا", "--source", name)
    assert_clean(r)


@pytest.mark.parametrize("value", HOSTILE[:16] + ["abc", "-1", "999", "0", "1.5", HUGE, "-" + HUGE],
                         ids=lambda q: repr(q[:12]))
def test_hostile_round_values(corpus_run, value):
    commands = [["quotes", "--round", value], ["articles", "--round", value], ["rounds", value]]
    if HUGE not in value:  # see test_search_round_beyond_64_bits
        commands.append(["search", "أستانا", "--round", value])
    for args in commands:
        r = corpus_run(*args)
        assert_clean(r)
        if not value.lstrip("-").isdigit():
            assert r.exit_code == 2, (args, r.output)


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE])
def test_search_round_beyond_64_bits(corpus_run, value):
    assert_clean(corpus_run("search", "أستانا", "--round", value))


@pytest.mark.parametrize("value", [HUGE, "²", "١", "%", "_", "", "'; DROP TABLE articles; --"])
def test_hostile_article_refs(corpus_run, value):
    for args in (["show", value], ["quotes", "--article", value],
                 ["search", "أستانا", "--article", value]):
        assert_clean(corpus_run(*args))


def test_negative_limits_do_not_drop_results_silently(corpus_run):
    every = json.loads(corpus_run("quotes", "--format", "json").stdout)
    r = corpus_run("quotes", "--limit", "-1", "--format", "json")
    assert_clean(r)
    if r.exit_code == 0:
        assert len(json.loads(r.stdout)) in (0, len(every))


def test_hostile_queries_in_a_real_process(corpus_db, tmp_path):
    import shutil

    db = tmp_path / "c.db"
    shutil.copy(corpus_db, db)
    env = dict(os.environ, ASTANA_DB=str(db), NO_COLOR="1", COLUMNS="120")
    env.pop("ASTANA_DEBUG", None)
    for args in (["search", '"'], ["search", "NEAR(a b)"], ["search", "'; DROP TABLE articles; --"],
                 ["search", "x" * 5000], ["search", "أستانا", "--speaker", "*"],
                 ["quotes", "--speaker", "'; DROP TABLE articles; --"], ["search", "أستانا", "--round", "abc"]):
        p = subprocess.run([sys.executable, "-m", "astana_cli", *args], env=env,
                           capture_output=True, text=True, timeout=60)
        out = p.stdout + p.stderr
        assert p.returncode in (0, 1, 2), (args, out[-1000:])
        for leak in LEAKS:
            assert leak.lower() not in out.lower(), (args, leak, out[-1000:])
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- hostile article text -------------------------------------------------------------------------

MARKUP = "[bold]غليظ[/] [/] [link=http://x]رابط[/link] [red on white]x[/red on white]"
ESCAPES = ("\x1b[31m أحمر \x1b[0m \x1b]0;pwned\x07 \x1b[2J\x1b[H \x9b31m \x07\x08\x7f \x1b(0 "
           "\u202eمعكوس\u202c \u2066عزل\u2069 \x0bعمودي\x0c")
# A text file with more than a few control characters is refused as binary, so the file carries
# one of each kind and the JSONL record (whose JSON escapes are plain text) carries them all.
FEW = "\x1b[31mأحمر\x1b[0m \x07 \u202eمعكوس\u202c"
HOSTILE_FILE = (
    f"وفد المعارضة يصل إلى أستانا {MARKUP} {FEW}\n\n"
    "أستانا – عنب بلدي\n\n"
    f"قال المبعوث الروسي ألكسندر لافرنتييف إن الجولة السادسة من محادثات أستانا {MARKUP} ستبدأ غدا.\n\n"
    f"وأضاف لافرنتييف: «[bold]المحادثات[/] \x1b[5mستنجح في الجولة السادسة».\n"
)
HOSTILE_ARTICLE = (
    f"وفد المعارضة يصل إلى أستانا {MARKUP} {ESCAPES}\n\n"
    "أستانا – عنب بلدي\n\n"
    f"قال المبعوث الروسي ألكسندر لافرنتييف إن الجولة السادسة من محادثات أستانا {MARKUP} ستبدأ غدا.\n\n"
    f"وأضاف لافرنتييف: «[bold]المحادثات[/] \x1b[5mستنجح\x1b[0m {ESCAPES} في الجولة السادسة».\n\n"
    f"وقال المتحدث باسم الخارجية الكازاخية \"{MARKUP} الاجتماع {ESCAPES} سيعقد في أستانا\".\n"
)


@pytest.fixture
def hostile_run(run, tmp_path):
    d = tmp_path / "hostile"
    d.mkdir()
    (d / "h[bold]\x1b[31m.txt").write_text(HOSTILE_FILE, encoding="utf-8")
    (d / "j.jsonl").write_text(json.dumps({
        "text": HOSTILE_ARTICLE.replace("السادسة", "السابعة"), "title": f"\x1b]0;title\x07 {MARKUP}",
        "source": f"\x1b[1m{MARKUP}", "date": "2017-10-30", "url": "http://x/\x1b[31m"},
        ensure_ascii=False) + "\n", encoding="utf-8")
    r = run("ingest", d, CORPUS)
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.stderr
    return run


def _tables(out: str) -> list[list[str]]:
    """The lines of each table in ``out``, from its top border to its bottom border."""
    tables, cur = [], None
    for ln in out.splitlines():
        if ln[:1] and ln[0] in "┏┌╭":
            cur = [ln]
            tables.append(cur)
        elif cur is not None:
            cur.append(ln)
            if ln[:1] and ln[0] in "└┗╰":
                cur = None
    return tables


def assert_inert(out: str, what):
    assert "\x1b" not in out, (what, repr(out[:500]))
    assert "\x9b" not in out and "\x07" not in out and "\x08" not in out, what
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), what
    for lines in _tables(out):
        assert lines[-1][:1] and lines[-1][0] in "└┗╰", (what, "a table without its bottom border", lines[:2], lines[-3:])
        widths = {cell_len(ln) for ln in lines}
        assert len(widths) == 1, (what, sorted(widths), [ln for ln in lines if cell_len(ln) != min(widths)][:3])


COMMANDS = [["articles"], ["show", "1"], ["rounds"], ["rounds", "6"], ["rounds", "7"], ["quotes"],
            ["quotes", "--speaker", "Lavrentiev"], ["speakers"], ["search", "أستانا"],
            ["search", "المحادثات", "--by", "article"], ["search", "غليظ"], ["search", "bold"],
            ["search", "أحمر"]]


@pytest.mark.parametrize("rtl", ["logical", "visual"])
def test_article_text_is_inert_in_every_table(hostile_run, rtl):
    arts = json.loads(hostile_run("articles", "--format", "json").stdout)
    ids = [a["id"] for a in arts if "[bold]" in (a["title"] or "") or "\x1b" in (a["title"] or "")
           or a["file"].startswith(("h", "j"))]
    assert ids, arts
    cmds = COMMANDS + [["show", str(i)] for i in ids]
    for cmd in cmds:
        r = hostile_run("--rtl", rtl, *cmd)
        assert r.exit_code == 0, (cmd, r.output[-1500:])
        assert_inert(r.stdout, cmd)
        assert "\x1b" not in r.stderr, cmd
    # the markup is shown, not interpreted
    out = hostile_run("--rtl", "logical", "articles").stdout
    assert "[/]" in out or "[bold]" in out or "[link=http://x]" in out


def test_markup_in_quotes_reaches_the_quotes_table_as_text(hostile_run):
    recs = json.loads(hostile_run("quotes", "--format", "json").stdout)
    hostile = [q for q in recs if "[bold]" in (q["text"] or "") or "\x1b" in (q["text"] or "")]
    assert hostile, "the test article should yield a quote carrying markup and escapes"
    out = hostile_run("--rtl", "logical", "quotes").stdout
    assert "[bold]" in out and "␛" in out
    assert_inert(out, "quotes")


def test_machine_formats_keep_the_text_exactly(hostile_run):
    recs = json.loads(hostile_run("articles", "--format", "json").stdout)
    titles = [r["title"] for r in recs]
    assert any("\x1b]0;title\x07" in (t or "") for t in titles)  # JSON keeps it (escaped as \u001b)
    raw = hostile_run("articles", "--format", "json").stdout
    assert "\x1b" not in raw  # json.dumps escapes control characters
