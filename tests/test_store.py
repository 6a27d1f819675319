"""The store's transactions: many articles per commit (``Store.bulk``), each one whole or absent,
and the search index always equal to the sentences."""
import sqlite3

import pytest

from astana_cli import index, search
from astana_cli.store import Document, Store

TEXT = "قال المبعوث الروسي ألكسندر لافرينتييف إن الجولة المقبلة ستعقد في أستانة. وأضاف أن خفض التصعيد مستمر."


def doc(path: str, text: str = TEXT) -> Document:
    return Document(path=path, file=path, text=text)


def fts_ok(store: Store) -> bool:
    """FTS5's own check that the index holds exactly the sentences (raises when it does not)."""
    store.conn.execute(f"INSERT INTO [{index.FTS_TABLE}]([{index.FTS_TABLE}], rank) VALUES('integrity-check', 1)")
    return True


def found(store: Store, phrase: str) -> int:
    return search.search(store.conn, phrase, exact=True).total_sentences


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def test_bulk_indexes_every_article_it_commits(store):
    with store.bulk():
        for i in range(5):
            store.add_document(doc(f"a{i}.txt", TEXT + f" رقم {i}"))
    assert store.count("articles") == 5
    assert fts_ok(store)
    assert found(store, "خفض التصعيد") == 5


def test_an_article_replaced_in_the_same_transaction_leaves_the_index_exact(store):
    with store.bulk():
        assert store.add_document(doc("a.txt")) == "added"
        assert store.add_document(doc("a.txt", "نص آخر عن وقف إطلاق النار في إدلب.")) == "updated"
    assert fts_ok(store)
    assert found(store, "خفض التصعيد") == 0
    assert found(store, "وقف إطلاق النار") == 1


def test_bulk_commits_on_the_way_and_keeps_what_was_complete_on_an_error(store, tmp_path):
    other = sqlite3.connect(tmp_path / "t.db")
    with pytest.raises(RuntimeError):
        with store.bulk(articles=2):
            store.add_document(doc("a.txt"))
            store.add_document(doc("b.txt", TEXT + " ب"))
            # two articles: committed already, visible to another connection
            assert other.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
            store.add_document(doc("c.txt", TEXT + " ج"))
            with store.transaction():  # an article half-written when the error comes
                store.conn.execute("INSERT INTO articles (path, file, sha256, text) VALUES ('d', 'd', 'x', 'y')")
                raise RuntimeError("boom")
    assert [r[0] for r in other.execute("SELECT path FROM articles ORDER BY path")] == ["a.txt", "b.txt", "c.txt"]
    other.close()
    assert fts_ok(store)
    assert found(store, "خفض التصعيد") == 3


def test_a_database_of_schema_3_is_migrated_with_its_articles_searchable(tmp_path):
    """Schema 3 kept each sentence's text and normalized text and indexed the latter; m004 keeps
    the terms, indexes them and drops the texts, which the article's text gives back."""
    import sqlite_utils

    from astana_cli import store as store_mod
    from astana_cli.text import arabic

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    for i, fn in enumerate(store_mod.MIGRATIONS[:3], 1):
        fn(db)
    start = TEXT.index("وأضاف")
    db.conn.execute("INSERT INTO articles (id, path, file, sha256, text, norm) VALUES (1, 'a', 'a.txt', 'x', ?, ?)",
                    [TEXT, arabic.normalize(TEXT)])
    db.conn.executemany('INSERT INTO sentences (id, article_id, idx, para, start, "end", text, norm)'
                        " VALUES (?, 1, ?, 0, ?, ?, ?, ?)",
                        [(1, 0, 0, start - 1, TEXT[:start - 1], arabic.normalize(TEXT[:start - 1])),
                         (2, 1, start, len(TEXT), TEXT[start:], arabic.normalize(TEXT[start:]))])
    db.conn.execute("INSERT INTO sentences_fts (rowid, norm) SELECT id, norm FROM sentences")
    db.conn.execute("CREATE TABLE _astana_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    db.conn.executemany("INSERT INTO _astana_migrations VALUES (?, '')", [[fn.__name__] for fn in store_mod.MIGRATIONS[:3]])
    db.conn.execute("PRAGMA user_version = 3")
    db.conn.commit()
    db.close()

    s = Store(path)
    columns = {r[1] for r in s.conn.execute("PRAGMA table_info(sentences)")}
    assert "terms" in columns and not {"text", "norm"} & columns
    assert s.conn.execute("SELECT terms FROM sentences WHERE id = 2").fetchone()[0] == "اضاف ان خفض تصعيد مستمر"
    assert fts_ok(s)
    hit = search.search(s.conn, "خفض التصعيد").hits[0]
    assert (hit.file, hit.sentence, hit.match) == ("a.txt", TEXT[start:], "خفض التصعيد")
    s.close()


def _as_before_m011(path) -> None:
    """Put the database at ``path`` back to what m004-m010 left: the positional index, the schema before m011."""
    from astana_cli import store as store_mod

    s = Store(path)
    with s.transaction() as conn:
        index.drop_index(conn)
        for ddl in index.INDEX_DDL:
            conn.execute(ddl.replace(index.FTS_OPTIONS, "content=[sentences]"))
        conn.execute(f"INSERT INTO [{index.FTS_TABLE}]([{index.FTS_TABLE}]) VALUES('rebuild')")
        index.refresh_vocab(conn)
        conn.execute("DELETE FROM _astana_migrations WHERE name = 'm011_lean_search_index'")
        conn.execute(f"PRAGMA user_version = {len(store_mod.MIGRATIONS) - 1}")
    assert not index.is_lean(s.conn)
    s.close()


def test_the_cli_says_once_that_it_upgrades_an_older_database(run, db_path):
    from astana_cli import store as store_mod

    s = Store(db_path)
    s.add_document(doc("a.txt"))
    s.close()
    _as_before_m011(db_path)
    first, second = run("search", "خفض التصعيد"), run("search", "خفض التصعيد")
    assert first.exit_code == 0 and second.exit_code == 0
    new = store_mod.schema_version()
    assert f"upgrading database {db_path} from schema {new - 1} to {new}" in first.stderr
    assert "upgrading" not in second.stderr and first.stdout == second.stdout
    s = Store(db_path)
    assert index.is_lean(s.conn)
    s.close()


def test_a_positional_search_index_is_rebuilt_lean_and_still_finds_what_it_found(tmp_path):
    """Before m011 the FTS5 index kept every stem's positions; m011 rebuilds it without them
    (``index.FTS_OPTIONS``), and exact and fuzzy searches find the same sentences."""
    path = tmp_path / "old.db"
    s = Store(path)
    s.add_document(doc("a.txt"))
    s.add_document(doc("b.txt", "ثم انتقل الحديث إلى خفض تصعيد آخر في الشمال."))
    before = {q: (search.search(s.conn, q).total_sentences, found(s, q))
              for q in ("خفض التصعيد", "لافرينتيف", "الجولة المقبلة")}
    s.close()
    _as_before_m011(path)

    s = Store(path)
    assert index.is_lean(s.conn) and fts_ok(s)
    assert {q: (search.search(s.conn, q).total_sentences, found(s, q)) for q in before} == before
    assert before["خفض التصعيد"] == (2, 1)
    s.close()


def _segments(conn) -> int:
    return conn.execute(f"SELECT COUNT(DISTINCT segid) FROM [{index.FTS_TABLE}_idx]").fetchone()[0]


def test_a_search_index_built_anew_is_merged_into_one_segment(store, monkeypatch):
    """Building the index over stored sentences (a migration, a refold) writes a segment each
    time FTS5's buffer fills, and each is searched for every term of a query: ``create_index``
    merges them. A tiny buffer stands for 100,000 articles."""
    with store.bulk():
        for i in range(40):
            store.add_document(doc(f"{i}.txt", TEXT + f" وفد رقم {i} وصل إلى العاصمة {i * 7}."))
    ddl = index.INDEX_DDL
    tiny = f"INSERT INTO [{index.FTS_TABLE}]([{index.FTS_TABLE}], rank) VALUES('hashsize', 256)"
    monkeypatch.setattr(index, "INDEX_DDL", [ddl[0], tiny, *ddl[1:]])
    with store.transaction() as conn:
        index.drop_index(conn)
        index.create_index(conn)
    assert _segments(store.conn) == 1 and fts_ok(store)
    assert search.search(store.conn, "خفض التصعيد").total_sentences == 40
    # the same rebuild, not merged: several segments (what the merge is for)
    with store.transaction() as conn:
        conn.execute(f"INSERT INTO [{index.FTS_TABLE}]([{index.FTS_TABLE}]) VALUES('rebuild')")
    assert _segments(store.conn) > 1


def test_a_bulk_that_cannot_begin_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    """Another writer holds the lock past the wait: ``bulk()`` fails with a clear error, and the
    store is neither left in bulk mode (its next write is a transaction of its own) nor with the
    bulk's page cache."""
    from astana_cli import store as store_mod
    from astana_cli.errors import DatabaseError

    s = Store(tmp_path / "t.db")
    cache = s.conn.execute("PRAGMA cache_size").fetchone()[0]
    other = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_MS", 50)
    s.conn.execute("PRAGMA busy_timeout = 10")
    with pytest.raises(DatabaseError):
        with s.bulk():
            pass
    other.execute("ROLLBACK")
    other.close()
    assert s._bulk is None and s.conn.execute("PRAGMA cache_size").fetchone()[0] == cache
    s.add_document(doc("a.txt"))
    assert s.count("articles") == 1
    with s.bulk():
        assert s.conn.execute("PRAGMA cache_size").fetchone()[0] == -store_mod.BULK_CACHE_KIB
    assert s.conn.execute("PRAGMA cache_size").fetchone()[0] == cache
    s.close()
