"""Small things a researcher trips over: options after the command, --db typos, article filters,
CSV for Excel, a locked database, people versus unnamed sources."""
import csv
import io
import shutil
import sqlite3
import threading

import pytest

from conftest import as_json


def test_db_and_rtl_work_after_the_command_as_before_it(corpus, db_path, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    shutil.copy(db_path, other)
    monkeypatch.delenv("ASTANA_DB")
    before = corpus("--db", other, "--rtl", "visual", "show", "3")
    after = corpus("show", "3", "--rtl", "visual", "--db", other)
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout
    assert before.stdout != corpus("--db", other, "show", "3", "--rtl", "logical").stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_in_a_folder_that_does_not_exist_is_an_error(run, tmp_path, where):
    missing = tmp_path / "no" / "such" / "talks.db"
    args = ["--db", missing, "rounds"] if where == "before" else ["rounds", "--db", missing]
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"astana: error: --db {str(missing)!r}: there is no folder {str(missing.parent)!r} (create it first)"]
    assert not (tmp_path / "no").exists()


def test_articles_filtered_by_outlet_and_dates(corpus):
    every = as_json(corpus("articles", "--format", "json"))
    outlet = next(a["outlet"] for a in every if a["outlet"])
    of_outlet = as_json(corpus("articles", "--source", outlet, "--format", "json"))
    assert of_outlet and {a["outlet"] for a in of_outlet} == {outlet} and len(of_outlet) < len(every)
    dates = sorted(a["published"] for a in every if a["published"])
    middle = dates[len(dates) // 2]
    since = as_json(corpus("articles", "--since", middle, "--format", "json"))
    until = as_json(corpus("articles", "--until", middle, "--format", "json"))
    assert since and all(a["published"] >= middle for a in since)
    assert until and all(a["published"] <= middle for a in until)
    assert len(since) + len(until) == len([a for a in every if a["published"]]) + \
        sum(1 for a in every if a["published"] == middle)
    six = as_json(corpus("articles", "--round", "6", "--format", "json"))
    assert six and all(6 in a["main_rounds"] + a["mentioned_rounds"] for a in six)
    # a round or dates read their own articles only: the same records as the whole list filtered
    for n in range(1, 23):
        assert as_json(corpus("articles", "--round", str(n), "--format", "json")) == \
            [a for a in every if n in a["main_rounds"] + a["mentioned_rounds"]]
    assert since == [a for a in every if a["published"] and a["published"][:10] >= middle]
    assert until == [a for a in every if a["published"] and a["published"][:10] <= middle]
    for n in (5, 6, 8):
        both = as_json(corpus("articles", "--round", str(n), "--since", dates[0], "--until", middle, "--format", "json"))
        assert both == [a for a in every if n in a["main_rounds"] + a["mentioned_rounds"]
                        and a["published"] and dates[0] <= a["published"][:10] <= middle]


@pytest.mark.parametrize("bad", ["2017-13-01", "yesterday", "2017/06/01"])
def test_a_bad_date_is_one_line(corpus, bad):
    result = corpus("articles", "--since", bad)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"astana: error: --since takes a date as YYYY-MM-DD, not {bad!r}"]


def test_csv_with_bom_for_excel_and_documented_cells(corpus):
    plain = corpus("articles", "--format", "csv").stdout
    with_bom = corpus("articles", "--format", "csv", "--bom").stdout
    assert with_bom == "\ufeff" + plain and not plain.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(plain)))
    records = as_json(corpus("articles", "--format", "json"))
    for row, rec in zip(rows, records):
        assert row["published_inferred"] == ("true" if rec["published_inferred"] else "false")
        assert row["main_rounds"] == ";".join(str(n) for n in rec["main_rounds"])
    assert "--bom" in corpus("articles", "--help").stdout
    assert "joined by ';'" in " ".join(corpus("articles", "--help").stdout.split())
    assert corpus("articles", "--bom").exit_code == 2


def test_a_locked_database_says_it_is_waiting_then_proceeds(corpus, db_path, tmp_path):
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(1.5, lambda: holder.execute("ROLLBACK"))
    release.start()
    article = tmp_path / "new.txt"
    article.write_text("أستانا\n\nانطلقت في أستانا جولة جديدة من المحادثات حول سوريا.\n", encoding="utf-8")
    try:
        result = corpus("ingest", article)
    finally:
        release.join()
        holder.close()
    assert result.exit_code == 0, result.output
    assert "in use by another process, waiting for it" in result.stderr
    assert "1 added" in result.stderr


def test_a_database_locked_for_too_long_fails_clearly(corpus, db_path, tmp_path, monkeypatch):
    from astana_cli import store

    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    article = tmp_path / "new.txt"
    article.write_text("أستانا\n\nجولة جديدة.\n", encoding="utf-8")
    try:
        result = corpus("ingest", article)
    finally:
        holder.close()
    assert result.exit_code != 0
    assert "waiting for it" in result.stderr and "locked by another process" in result.stderr
    assert "Traceback" not in result.output


def test_rounds_most_quoted_names_people_only(corpus):
    named = {s["speaker"] for s in as_json(corpus("speakers", "--format", "json")) if s["kind"] == "named"}
    rounds = as_json(corpus("rounds", "--format", "json"))
    tops = [name for r in rounds for name in r["top_speakers"]]
    assert tops and set(tops) <= named
    quotes = as_json(corpus("quotes", "--format", "json"))
    assert any(q["speaker"] not in named and q["round"] for q in quotes)  # there were labels to leave out


def test_speakers_keeps_unnamed_sources_apart(corpus):
    records = as_json(corpus("speakers", "--format", "json"))
    kinds = [r["kind"] for r in records]
    assert set(kinds) == {"named", "unnamed"}
    assert kinds == sorted(kinds)  # the people named first
    assert all(r["speaker_id"] for r in records if r["kind"] == "named")
    assert all(not r["speaker_id"] for r in records if r["kind"] == "unnamed")
    table = corpus("speakers").stdout
    assert table.index("People named") < table.index("Unnamed sources")
