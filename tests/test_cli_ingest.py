"""`astana ingest`, `articles` and `show` through the CLI, and every bad input of the foundation."""
import json
import os
import sqlite3

import pytest

from conftest import CORPUS


def articles_json(run):
    r = run("articles", "--format", "json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_ingest_twice_adds_nothing_the_second_time(run):
    first = run("ingest", CORPUS)
    assert first.exit_code == 0, first.output
    assert "5 added, 0 updated, 0 unchanged, 0 failed" in first.stderr
    second = run("ingest", CORPUS)
    assert second.exit_code == 0
    assert "0 added, 0 updated, 5 unchanged, 0 failed" in second.stderr
    records = articles_json(run)
    assert len(records) == 5
    assert {set(r) >= {"id", "file", "title", "published", "source", "words"} for r in records} == {True}


def test_the_article_that_states_its_date_gets_it(run):
    run("ingest", CORPUS)
    by_file = {r["file"]: r for r in articles_json(run)}
    assert by_file["002_1f11db680a8bc5e4.txt"]["published"] == "2017-12-21"
    assert by_file["002_1f11db680a8bc5e4.txt"]["published_inferred"] is False


def test_titles_and_outlets_come_from_the_text(run, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("دمشق – عنب بلدي\n\nالدول الضامنة تجتمع في أستانا\n\nالدول الضامنة تجتمع في أستانا\n\n"
                   "قال المتحدث إن الجولة بدأت اليوم. وأضاف أن الوفود وصلت.\n\nاقرأ أيضا:\nخبر آخر", encoding="utf-8")
    assert run("ingest", art).exit_code == 0
    rec = articles_json(run)[0]
    assert rec["title"] == "الدول الضامنة تجتمع في أستانا"
    assert rec["source"] == "عنب بلدي"


def test_a_reading_command_builds_the_database_from_the_bundled_corpus(run, db_path):
    assert not db_path.exists()
    r = run("articles", "--format", "json")
    assert r.exit_code == 0
    assert "bundled corpus" in r.stderr
    assert len(json.loads(r.stdout)) == 5


def test_same_article_in_three_encodings_gives_the_same_normalized_text(run, tmp_path, db_path):
    text = (CORPUS / "004_6617070030061a61.txt").read_text(encoding="utf-8")
    text = "".join(c for c in text if c.encode("cp1256", errors="ignore"))  # what cp1256 can hold
    for enc in ("utf-8", "utf-16", "cp1256"):
        d = tmp_path / enc
        d.mkdir()
        (d / "article.txt").write_bytes(text.encode(enc))
        assert run("ingest", d).exit_code == 0
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1  # the same content:
    # stored once, the other two are "unchanged"
    texts = {r[0] for r in con.execute("SELECT text FROM articles")}
    assert texts == {text}


def test_a_changed_file_replaces_its_earlier_version(run, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("قال الوزير إن الجولة بدأت.", encoding="utf-8")
    run("ingest", f)
    f.write_text("قال الوزير إن الجولة انتهت.", encoding="utf-8")
    r = run("ingest", f)
    assert "0 added, 1 updated" in r.stderr
    recs = articles_json(run)
    assert len(recs) == 1
    shown = run("show", recs[0]["id"])
    assert "انتهت" in shown.stdout and "بدأت" not in shown.stdout


def test_html_and_jsonl_go_in(run, tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>x</title></head><body><nav>القائمة</nav><h1>وفد المعارضة يصل</h1>"
        "<p>قال المتحدث إن الوفد وصل إلى أستانا.</p><div class='related'>اقرأ أيضا</div></body></html>",
        encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"text": "قالت الوزارة إن المحادثات ستبدأ.", "title": "المحادثات", "date": "2018-05-14",
                    "url": "https://example.org/1", "source": "وكالة"}, ensure_ascii=False) + "\n"
        + "{not json}\n", encoding="utf-8")
    r = run("ingest", tmp_path)
    assert r.exit_code == 1  # one JSONL line failed
    assert "a.jsonl line 2: invalid JSON" in r.stderr
    recs = {r["title"]: r for r in articles_json(run)}
    assert recs["وفد المعارضة يصل"]["file"] == "p.html"
    assert recs["المحادثات"]["published"] == "2018-05-14"
    assert recs["المحادثات"]["source"] == "وكالة"


def test_article_text_is_data_not_markup(run, tmp_path):
    f = tmp_path / "m.txt"
    f.write_text("عنوان [/b] و[sic] [bold red]x[/]\n\nقال الوزير \x1b[31mإن[0m الجولة بدأت.", encoding="utf-8")
    run("ingest", f)
    out = run("articles").stdout
    assert "[/b]" in out and "[sic]" in out and "[bold red]x[/]" in out
    shown = run("show", "m.txt").stdout
    assert "\x1b" not in shown and "␛[31m" in shown


def test_show_prints_the_text_as_written(run):
    run("ingest", CORPUS)
    r = run("show", "001_6fe9fb265cb9e0fb.txt")
    assert r.exit_code == 0
    assert "الكسندر لافرينتييف" in r.stdout


# --- bad input: one line on stderr, non-zero exit, nothing lost ---------------------------------


def test_missing_path_fails_but_good_files_still_go_in(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("قال الوزير إن الجولة بدأت.", encoding="utf-8")
    r = run("ingest", good, tmp_path / "nope.txt")
    assert r.exit_code == 1
    assert "nope.txt: no such file or directory" in r.stderr
    assert "1 added" in r.stderr
    assert "Traceback" not in r.output


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", bytes(range(256)) * 40, "binary"),
    ("cut.txt", "وقف إطلاق النار".encode()[:-1], "invalid UTF-8"),
])
def test_bad_files_are_named_with_their_reason(run, tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    r = run("ingest", tmp_path / name)
    assert r.exit_code == 1
    assert f"{name}: {reason}" in r.stderr
    assert "Traceback" not in r.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(run, tmp_path):  # pragma: no cover - CI runs as root
    f = tmp_path / "secret.txt"
    f.write_text("نص", encoding="utf-8")
    f.chmod(0)
    r = run("ingest", f)
    assert r.exit_code == 1 and "permission denied" in r.stderr


def test_a_foreign_or_corrupt_database_is_refused_without_damage(run, db_path):
    db_path.write_bytes(b"this is not a database at all" * 100)
    r = run("articles")
    assert r.exit_code != 0
    assert "not an SQLite database" in r.stderr
    assert db_path.read_bytes() == b"this is not a database at all" * 100

    db_path.unlink()
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    r = run("ingest", CORPUS)
    assert r.exit_code != 0
    assert "another application" in r.stderr
    assert sqlite3.connect(db_path).execute("SELECT name FROM sqlite_master").fetchall() == [("customers",)]


def test_a_newer_schema_is_refused(run, db_path):
    run("ingest", CORPUS)
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()
    r = run("articles")
    assert r.exit_code != 0 and "newer astana" in r.stderr


def test_a_locked_database_gives_a_clear_message(run, db_path, monkeypatch):
    run("ingest", CORPUS)
    monkeypatch.setattr("astana_cli.store.BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        f = db_path.parent / "new.txt"
        f.write_text("قال الوزير إن الجولة بدأت.", encoding="utf-8")
        r = run("ingest", f)
        assert r.exit_code != 0
        assert "locked by another process" in r.stderr
    finally:
        holder.execute("ROLLBACK")
    assert len(articles_json(run)) == 5


def test_an_unknown_article_is_one_clear_line(run):
    run("ingest", CORPUS)
    r = run("show", "no-such-article.txt")
    assert r.exit_code == 1
    assert r.stderr.strip().startswith("astana: error: no article")
    assert len(r.stderr.strip().splitlines()) == 1


def test_every_format_carries_file(run):
    run("ingest", CORPUS)
    jl = run("articles", "--format", "jsonl").stdout.splitlines()
    assert len(jl) == 5 and all("file" in json.loads(x) for x in jl)
    csv_out = run("articles", "--format", "csv").stdout.splitlines()
    assert csv_out[0].split(",")[:2] == ["id", "file"] and len(csv_out) == 6


def test_an_undated_article_gets_its_round_date_marked_inferred(run, tmp_path):
    f = tmp_path / "undated.txt"
    f.write_text("وفود الدول الضامنة في الجولة التاسعة من محادثات أستانا\n\n"
                 "تناقش الوفود المشاركة في الجولة التاسعة من محادثات أستانا ملف المعتقلين.", encoding="utf-8")
    run("ingest", f)
    rec = articles_json(run)[0]
    assert rec["main_rounds"] == [9]
    assert rec["published"] == "2018-05-14" and rec["published_inferred"] is True
    table = run("articles").stdout
    assert "2018-05-14~" in table


def test_an_article_the_analysis_fails_on_is_reported_and_the_others_stored(run, tmp_path, monkeypatch):
    import astana_cli.analyze as analyze_mod

    real = analyze_mod.analyze

    def buggy(doc):
        if "boom" in doc.text:
            raise KeyError("a bug")
        return real(doc)

    monkeypatch.setattr(analyze_mod, "analyze", buggy)
    (tmp_path / "a.txt").write_text("وصل الوفد إلى أستانة للمشاركة في الجولة الرابعة.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("boom وصل الوفد إلى أستانة.", encoding="utf-8")
    result = run("ingest", tmp_path)
    assert result.exit_code == 1
    assert "b.txt: could not be analysed (KeyError: 'a bug'); please report it" in result.output
    assert "1 added, 0 updated, 0 unchanged, 1 failed" in result.output
    assert "Traceback" not in result.output
