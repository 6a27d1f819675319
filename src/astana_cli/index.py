"""The search index of the stored sentences, kept by the store: the FTS5 table over
``sentences.terms`` (external content, delete/update triggers, new rows indexed in bulk by
``index_new`` before each commit), its vocabulary with the spelling index (``spellindex``:
every stem with its sentence count, by length) written from ``fts5vocab`` by ``refresh_vocab``,
its state in ``search_meta``, and the refolds a migration runs. The store calls this module;
``astana_cli.search`` reads what it keeps. Neither imports the other.
"""
from __future__ import annotations

import sqlite3

from . import spellindex

FTS_TABLE = "sentences_fts"
META_TABLE = "search_meta"
# a sentence's text: its span of the article's text (sentences s, articles a)
SENTENCE_TEXT = 'substr(a.text, s.start + 1, s."end" - s.start)'

# The index is asked which sentences hold which stems, never where: ``detail=none`` keeps no
# positions and ``columnsize=0`` no token counts (half the index, a third less indexing time at
# N=20,000: bench/README.md, issue 13). The terms are words joined by single spaces, already
# normalized: the ``ascii`` tokenizer splits them at the spaces and nowhere else, as the scorer
# does (unicode61 would fold case and Latin accents the terms keep, and split at letters newer
# than its Unicode 6.1 tables).
FTS_OPTIONS = "content=[sentences], detail=none, columnsize=0, tokenize='ascii'"
INDEX_DDL = [
    # what sqlite_utils' table.enable_fts(["terms"], create_triggers=True) creates, less the insert
    # trigger (new sentences are indexed in bulk, one statement per transaction: index_new), with
    # the options above
    f"CREATE VIRTUAL TABLE IF NOT EXISTS [{FTS_TABLE}] USING FTS5 ([terms], {FTS_OPTIONS})",
    f"""CREATE TRIGGER IF NOT EXISTS [sentences_ad] AFTER DELETE ON [sentences] BEGIN
  INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}], rowid, [terms]) VALUES('delete', old.rowid, old.[terms]);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS [sentences_au] AFTER UPDATE ON [sentences] BEGIN
  INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}], rowid, [terms]) VALUES('delete', old.rowid, old.[terms]);
  INSERT INTO [{FTS_TABLE}] (rowid, [terms]) VALUES (new.rowid, new.[terms]);
END""",
    # every word (stem) of the index with the number of sentences holding it, by length, with
    # bitmaps of where its letters stand (a word's near spellings: spellindex); written from
    # fts5vocab by refresh_vocab, never per article
    spellindex.SPELL_DDL,
    # key 'fts' = the FTS5 structure record the vocabulary was last refreshed against
    f"CREATE TABLE IF NOT EXISTS [{META_TABLE}] (key TEXT PRIMARY KEY, value BLOB)",
]


def _conn(db) -> sqlite3.Connection:
    """A sqlite3 connection from a sqlite_utils.Database, a Store or a connection."""
    return getattr(db, "conn", db)


def _has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [name]).fetchone() is not None


def create_index(db) -> None:
    """Create the FTS table, its triggers and the vocabulary, and index the sentences already
    stored. Plain SQL, no transaction of its own: safe inside the store's migration."""
    conn = _conn(db)
    existed = _has_table(conn, FTS_TABLE)
    for ddl in INDEX_DDL:
        conn.execute(ddl)
    if not existed:
        conn.execute(f"INSERT INTO [{FTS_TABLE}]([{FTS_TABLE}]) VALUES('rebuild')")
    # a rebuild writes a segment each time FTS5's buffer fills (9 at 100,000 articles, each
    # searched for every term of a query): merged into one, as after a bulk ingest (m011's
    # rebuild at N=100,000: first runs median 188 ms before, 164 ms after; 1.9 s more)
    refresh_vocab(conn, optimize=not existed)


def is_lean(conn) -> bool:
    """Whether the FTS table was made with ``FTS_OPTIONS`` (before m011 it kept positions)."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [FTS_TABLE]).fetchone()
    return row is not None and "detail=none" in row[0]


def drop_index(conn) -> None:
    """Remove the FTS table, its triggers, the vocabulary and its state (a migration that changes
    what is indexed drops it, then calls ``create_index``)."""
    for trigger in ("sentences_ai", "sentences_ad", "sentences_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS [{trigger}]")
    for table in (FTS_TABLE, META_TABLE, spellindex.SPELL_TABLE, "search_vocab"):  # search_vocab: before m009
        conn.execute(f"DROP TABLE IF EXISTS [{table}]")


def ensure_index(db) -> None:
    """``create_index`` when the database has no search index, e.g. made by hand."""
    conn = _conn(db)
    if not _has_table(conn, META_TABLE):
        if getattr(conn, "in_transaction", False):
            create_index(conn)
        else:
            with conn:
                create_index(conn)


def index_new(conn, first_id: int) -> None:
    """Index the sentences from id ``first_id`` on (those the open transaction added), in one
    statement. The store calls it before each commit, and before deleting an article.

    Why not the insert trigger sqlite-utils makes: FTS5 writes out its pending terms at every
    savepoint and commit, so a trigger firing per sentence, with a savepoint per article, made a
    new index segment per article: 1.85 s of the 2.6 s it took to store 3,000 benchmark articles,
    against 0.68 s for the same sentences indexed in one statement."""
    conn.execute(f"INSERT INTO [{FTS_TABLE}] (rowid, [terms]) SELECT id, terms FROM sentences WHERE id >= ?",
                 [first_id])


def refold_terms(conn) -> None:
    """Rewrite the stored terms of an index made before numbers were folded (``terms``; the
    migration m005 calls it), then rebuild the index and its vocabulary over them. The fold is a
    function of the terms alone, so no text is read. Plain SQL, no transaction of its own."""
    from .text import numbers

    def fold(t):
        stems = (t or "").split(" ")
        return " ".join(w for w, _, _ in numbers.fold(stems)) if numbers.may_fold(stems, t or "") else t

    drop_index(conn)
    try:
        conn.create_function("astana_fold_numbers", 1, fold, deterministic=True)
    except sqlite3.OperationalError:
        pass  # already registered on this connection
    conn.execute("UPDATE sentences SET terms = astana_fold_numbers(terms)"
                 " WHERE terms IS NOT NULL AND terms != astana_fold_numbers(terms)")
    create_index(conn)


def fts_signature(conn) -> bytes | None:
    """The FTS5 structure record: it changes with every write to the index (its write counter)."""
    row = conn.execute(f"SELECT block FROM [{FTS_TABLE}_data] WHERE id = 10").fetchone()
    return bytes(row[0]) if row and row[0] is not None else None


def vocab_is_stale(conn) -> bool:
    conn = _conn(conn)
    row = conn.execute(f"SELECT value FROM [{META_TABLE}] WHERE key = 'fts'").fetchone()
    return row is None or (bytes(row[0]) if row[0] is not None else None) != fts_signature(conn)


def refresh_vocab(db, optimize: bool = False) -> int:
    """Write the vocabulary and its spelling index (``spellindex``) anew from fts5vocab: every
    stem of the index with the number of sentences holding it; returns the number of stems.
    ``optimize`` first merges the FTS segments (worth it after a bulk ingest: fewer segments to
    read per query). Plain SQL, no transaction of its own unless the connection is in autocommit
    mode (the store's), then one."""
    conn = _conn(db)
    own = conn.isolation_level is None and not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        if optimize:
            conn.execute(f"INSERT INTO [{FTS_TABLE}]([{FTS_TABLE}]) VALUES('optimize')")
        conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.[{FTS_TABLE}_v] USING fts5vocab(main, [{FTS_TABLE}], row)")
        stems = spellindex.rebuild(conn, f"SELECT term, doc FROM temp.[{FTS_TABLE}_v]")
        conn.execute(f"INSERT OR REPLACE INTO [{META_TABLE}] VALUES ('fts', ?)", [fts_signature(conn)])
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    return stems


def _refresh_if_stale(conn) -> None:
    if not vocab_is_stale(conn):
        return
    try:
        refresh_vocab(conn)
    except sqlite3.OperationalError:  # read-only or locked: search with the vocabulary as it is
        if conn.in_transaction and conn.isolation_level is None:
            conn.execute("ROLLBACK")

