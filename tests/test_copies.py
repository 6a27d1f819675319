"""One story from several outlets: the same text from two files is one article with two sources;
a near copy (a changed line) is grouped with it, and its quotes are counted once."""
import json
import sqlite3

from astana_cli.ingest import copies

STORY = [
    "أستانا – وكالة الأنباء",
    "قال رئيس الوفد الروسي ألكسندر لافرينتييف إن «الجولة المقبلة من محادثات أستانا ستعقد في منتصف أيار».",
    "وأضاف لافرينتييف أن الدول الضامنة اتفقت على توسيع مناطق خفض التصعيد في الشمال السوري.",
    "وأشار إلى أن الوفود ناقشت ملف المعتقلين والمفقودين خلال الجولة الثامنة من المحادثات.",
    "وكانت الجولة السابقة قد انتهت بالاتفاق على تشكيل فريق عمل مشترك لتبادل الأسرى.",
    "ومن المقرر أن يصدر البيان الختامي مساء اليوم بعد اجتماع رؤساء الوفود.",
]


def write_jsonl(path, text, url, source):
    path.write_text(json.dumps({"text": text, "url": url, "source": source}, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def test_the_same_text_twice_and_a_near_copy(run, tmp_path, db_path):
    text = "\n\n".join(STORY)
    write_jsonl(tmp_path / "agency.jsonl", text, "https://agency.example/1", "وكالة الأنباء")
    write_jsonl(tmp_path / "paper.jsonl", text, "https://paper.example/7", "صحيفة الوطن")
    near = STORY[:]
    near[0] = "دمشق – صحيفة الشرق"
    near[-1] = "ويتوقع أن يصدر البيان الختامي في وقت متأخر من مساء الغد بعد لقاء الوفود."
    (tmp_path / "near.txt").write_text("\n\n".join(near), encoding="utf-8")

    r = run("ingest", tmp_path)
    assert r.exit_code == 0, r.output
    assert "2 added, 0 updated, 0 unchanged, 0 failed; 1 already stored from another file" in r.stderr

    con = sqlite3.connect(db_path)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2  # the text once, the near copy
    recs = json.loads(run("articles", "--format", "json").stdout)
    by_file = {rec["file"]: rec for rec in recs}
    assert set(by_file) == {"agency.jsonl#1", "paper.jsonl#1", "near.txt"}
    one, two = by_file["agency.jsonl#1"], by_file["paper.jsonl#1"]
    assert one["id"] == two["id"] and one["files"] == two["files"] == ["agency.jsonl#1", "paper.jsonl#1"]
    assert (one["url"], two["url"]) == ("https://agency.example/1", "https://paper.example/7")
    assert (one["outlet"], two["outlet"]) == ("وكالة الأنباء", "صحيفة الوطن")
    assert by_file["near.txt"]["group"] == one["group"] == one["id"] and one["copies"] == 2

    shown = json.loads(run("show", "paper.jsonl#1", "--format", "json").stdout)[0]
    assert [s["url"] for s in shown["sources"]] == ["https://agency.example/1", "https://paper.example/7"]
    assert shown["copies"] == [by_file["near.txt"]["id"]]

    quotes = json.loads(run("quotes", "--speaker", "Lavrentiev", "--format", "json").stdout)
    everywhere = json.loads(run("quotes", "--speaker", "Lavrentiev", "--all-copies", "--format", "json").stdout)
    assert len(everywhere) == 2 * len(quotes) and quotes
    assert quotes[0]["files"] == ["agency.jsonl#1", "paper.jsonl#1"] and quotes[0]["group"] == one["group"]
    assert quotes[0]["url"] == "https://agency.example/1" and quotes[0]["outlet"]
    lav = [s for s in json.loads(run("speakers", "--format", "json").stdout) if s["speaker_id"] == "lavrentiev"]
    lav_all = [s for s in json.loads(run("speakers", "--all-copies", "--format", "json").stdout)
               if s["speaker_id"] == "lavrentiev"]
    assert lav[0]["quotes"] == len(quotes) and lav_all[0]["quotes"] == len(everywhere)
    n = str(quotes[0]["round"])
    one_round = json.loads(run("rounds", n, "--format", "json").stdout)[0]
    one_round_all = json.loads(run("rounds", n, "--all-copies", "--format", "json").stdout)[0]
    assert one_round_all["quotes"] == 2 * one_round["quotes"] > 0

    hits = json.loads(run("search", "مناطق خفض التصعيد", "--format", "json").stdout)
    assert {h["outlet"] for h in hits} and all(h["files"] for h in hits)


def test_ingesting_the_copy_again_changes_nothing(run, tmp_path):
    text = "\n\n".join(STORY)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    run("ingest", tmp_path)
    again = run("ingest", tmp_path)
    assert "0 added, 0 updated, 2 unchanged, 0 failed" in again.stderr
    assert "already stored" not in again.stderr


def test_a_changed_file_leaves_the_other_source_its_article(run, tmp_path):
    text = "\n\n".join(STORY)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    run("ingest", tmp_path)
    (tmp_path / "a.txt").write_text("قال الوزير إن الجولة انتهت دون اتفاق على موعد جديد.", encoding="utf-8")
    r = run("ingest", tmp_path / "a.txt")
    assert "0 added, 1 updated" in r.stderr
    by_file = {rec["file"]: rec for rec in json.loads(run("articles", "--format", "json").stdout)}
    assert by_file["b.txt"]["files"] == ["b.txt"] and by_file["a.txt"]["id"] != by_file["b.txt"]["id"]
    assert "المعتقلين" in json.loads(run("show", "b.txt", "--format", "json").stdout)[0]["text"]


def test_different_stories_are_not_copies():
    a = ["وصل الوفد الروسي إلى أستانا صباح اليوم", "وقال المتحدث إن المحادثات ستبدأ غدا في الفندق",
         "وأضاف أن الملف الإنساني على جدول الأعمال"]
    b = ["أعلنت الأمم المتحدة عن مساعدات جديدة للنازحين", "وقالت المنظمة إن القوافل ستدخل من المعبر الحدودي",
         "وأضاف أن الملف الإنساني على جدول الأعمال"]
    assert not copies.near_copy(a, b)
    assert copies.near_copy(a, a[:2] + ["وختم المتحدث بالقول إن البيان سيصدر في المساء"] + a[2:])


def test_an_older_database_gets_sources_and_groups(tmp_path):
    from astana_cli.ingest import ingest_paths
    from astana_cli.store import Store

    text = "\n\n".join(STORY)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(text.replace(STORY[-1], "وينتظر الصحفيون المؤتمر الصحفي في المساء بعد الجلسة."),
                                           encoding="utf-8")
    db = tmp_path / "old.db"
    store = Store(db)
    ingest_paths(store, [tmp_path / "in"])
    store.close()
    # back to the database as the tool before sources wrote it (schema 4)
    con = sqlite3.connect(db)
    # (the views of m008 read sources and copy_group: SQLite checks them when a column is dropped)
    from astana_cli.serve.schema import VIEWS
    con.executescript("".join(f"DROP VIEW {v};" for v in VIEWS))
    con.executescript("""DROP TABLE sources; DROP TABLE article_sketch; DROP INDEX idx_articles_copy_group;
        ALTER TABLE articles DROP COLUMN copy_group;
        DELETE FROM _astana_migrations WHERE name = 'm005_sources_and_copies'; PRAGMA user_version = 4;""")
    con.close()
    store = Store(db)
    rows = store.query("SELECT a.file, a.copy_group, s.file AS source FROM articles a JOIN sources s "
                       "ON s.article_id = a.id ORDER BY a.id")
    assert [r["source"] for r in rows] == ["a.txt", "b.txt"]
    assert rows[0]["copy_group"] == rows[1]["copy_group"]
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 5
    store.close()


def test_the_sketch_table_of_an_older_database_is_keyed_by_hash(tmp_path):
    """m010: ``article_sketch`` becomes a table keyed by (hash, article) without a rowid; the
    stored sketches stay, and a near copy ingested afterwards joins its group."""
    from astana_cli.ingest import ingest_paths
    from astana_cli.store import MIGRATIONS, Store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("\n\n".join(STORY), encoding="utf-8")
    db = tmp_path / "old.db"
    store = Store(db)
    ingest_paths(store, [tmp_path / "in"])
    store.close()
    con = sqlite3.connect(db)  # back to the shape before m010: a rowid table and two indexes
    kept = sorted(con.execute("SELECT h, article_id FROM article_sketch"))
    con.executescript(f"""DROP TABLE article_sketch;
        CREATE TABLE article_sketch (article_id INTEGER NOT NULL REFERENCES articles(id), h INTEGER NOT NULL);
        CREATE INDEX idx_article_sketch_h ON article_sketch (h);
        CREATE INDEX idx_article_sketch_article_id ON article_sketch (article_id);
        DELETE FROM _astana_migrations WHERE name = 'm010_sketch_by_hash'; PRAGMA user_version = {len(MIGRATIONS) - 1};""")
    con.executemany("INSERT INTO article_sketch (h, article_id) VALUES (?, ?)", kept)
    con.commit()
    con.close()
    store = Store(db)
    sql = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'article_sketch'").fetchone()[0]
    assert "WITHOUT ROWID" in sql and "PRIMARY KEY (h, article_id)" in sql
    assert sorted(store.conn.execute("SELECT h, article_id FROM article_sketch")) == kept and kept
    near = STORY[:]
    near[-1] = "ويتوقع أن يصدر البيان الختامي في وقت متأخر من مساء الغد بعد لقاء الوفود."
    (tmp_path / "in" / "b.txt").write_text("\n\n".join(near), encoding="utf-8")
    ingest_paths(store, [tmp_path / "in"])
    groups = [g for (g,) in store.conn.execute("SELECT copy_group FROM articles ORDER BY id")]
    assert len(groups) == 2 and groups[0] == groups[1]
    store.close()


def test_provenance_of_a_page_is_that_of_the_whole_corpus(tmp_path):
    """A page of hits or quotes reads the provenance of its own articles only (at 100,000
    articles the whole corpus's took 0.9 s of a 1.0 s search): the same records, its files,
    urls and groups of copies included."""
    from astana_cli import queries
    from astana_cli.ingest import ingest_paths
    from astana_cli.store import Store

    (tmp_path / "in").mkdir()
    text = "\n\n".join(STORY)
    write_jsonl(tmp_path / "in" / "agency.jsonl", text, "https://agency.example/1", "وكالة الأنباء")
    write_jsonl(tmp_path / "in" / "paper.jsonl", text, "https://paper.example/7", "صحيفة الوطن")
    near = STORY[:]
    near[-1] = "ويتوقع أن يصدر البيان الختامي في وقت متأخر من مساء الغد بعد لقاء الوفود."
    (tmp_path / "in" / "near.txt").write_text("\n\n".join(near), encoding="utf-8")
    (tmp_path / "in" / "other.txt").write_text("خبر آخر عن الطقس في العاصمة اليوم.", encoding="utf-8")
    store = Store(tmp_path / "p.db")
    ingest_paths(store, [tmp_path / "in"])
    everything = queries.provenance(store)
    assert len(everything) == 3 and any(p["copies"] == 2 and len(p["files"]) == 2 for p in everything.values())
    for ids in ([1], [2, 3], [3, 3, 1], list(everything)):
        assert queries.provenance(store, ids) == {i: everything[i] for i in set(ids)}
    assert queries.provenance(store, []) == {}
    store.close()
