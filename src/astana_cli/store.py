"""The SQLite file: open it, migrate it, and write one article with all it derived atomically.

The database is plain tables that ``sqlite-utils`` and datasette open as they are:

- ``articles``: one row an article; ``text`` is the original text byte for byte; ``copy_group`` is
  the id of the first article of its group of near copies (its own id when it has none).
- ``sources``: the files (and their urls, outlets, titles, dates) an article was read from: the
  same text from two files (one story from two outlets, a page saved twice) is one article with two
  sources. ``articles.path``/``file``/``url`` are its first source's.
- ``article_sketch``: a few hashes of each article's sentences, to find its near copies.
- ``sentences``: each sentence's span in the article text and its terms (the clitic-stripped
  normalized words that the search index ``sentences_fts`` holds).
- ``article_rounds``: the rounds an article reports on (``role`` = main) or mentions, with evidence.
- ``quotes``: who said what, with the reporting verb, kind, round and character offsets.
- ``mentions``: the known people named in each article.
- ``rounds``: a copy of the calendar, so SQL users can join on it.

Schema changes are ordered, named migrations (as in Simon Willison's ``llm``): each runs once, is
recorded in ``_astana_migrations`` and counted in ``PRAGMA user_version``, so an older tool refuses a
newer database instead of damaging it.

Connections run in autocommit mode; every write is an explicit ``BEGIN IMMEDIATE … COMMIT`` (or, in
``Store.bulk()``, a savepoint of a transaction committed every half second), so one article with
its sentences, rounds and quotes lands whole or not at all, and two writers queue up on the busy
timeout instead of failing.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import DatabaseError

if TYPE_CHECKING:  # imported when first used: reading commands start faster without it
    import sqlite_utils

BUSY_TIMEOUT_MS = 60_000
# bulk(): commit at least this often (seconds) or after this many articles
BULK_SECONDS = 0.5
BULK_ARTICLES = 1000
# SQLite's page cache while writing in bulk, in KiB (its default is 2 MiB): the sketch, sentence and
# index b-trees an ingest writes at random outgrow 2 MiB from a few thousand articles on, and each
# page it drops is read again by a system call (50,000 benchmark articles: 44.6 -> 41.5 s, system
# time 7.9 -> 3.8 s; bench/README.md, issue 13)
BULK_CACHE_KIB = 64 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"
# a sentence's text in SQL: its span of its article's text (``s`` the sentence, ``a`` the article);
# the store keeps no copy of it
from .index import SENTENCE_TEXT  # noqa: E402,F401  (defined with the index, which reads it too)


@dataclass
class Document:
    """One article as read from disk, before analysis."""

    path: str  # a unique key for the article: the file's absolute path, or "path#line" for JSONL
    file: str  # the base name shown to users
    text: str  # the article text as written
    title: str | None = None
    published: str | None = None  # ISO date when the source states it outside the text (JSONL)
    url: str | None = None
    source: str | None = None
    format: str = "txt"

    @cached_property
    def sha256(self) -> str:
        import hashlib  # only an ingest hashes: not imported by the commands that read

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class _Bulk:
    """The state of ``Store.bulk()``: when its open transaction began and what it holds."""

    seconds: float
    articles: int
    written: int = 0
    since: float = 0.0

    def __post_init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        self.written, self.since = 0, time.monotonic()

    def due(self) -> bool:
        return self.written >= self.articles or time.monotonic() - self.since >= self.seconds


class StoredSentence(NamedTuple):
    """A sentence as the store keeps it: its paragraph, its span of the article's text, and its
    terms (``arabic.terms`` of its normalized text: the words the search index holds)."""

    para: int
    start: int
    end: int
    terms: str


def storable(a):
    """The analysis ``a`` as the store writes it: sentences as ``StoredSentence`` and no texts
    (the article's text and the spans give them back). Idempotent; ingest's workers call it, so
    what they send back is small and the terms are computed in parallel."""
    if a.sentences and not isinstance(a.sentences[0], StoredSentence):
        from .text import arabic

        a.sentences = [StoredSentence(s.para, s.start, s.end, arabic.terms(s.norm)) for s in a.sentences]
    return a


# --- migrations ----------------------------------------------------------------------------------

MIGRATIONS: list[Callable[["sqlite_utils.Database"], None]] = []


def migration(fn: Callable[["sqlite_utils.Database"], None]) -> Callable[["sqlite_utils.Database"], None]:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_initial(db: "sqlite_utils.Database") -> None:
    db.table("articles").create(
        {"id": int, "path": str, "file": str, "sha256": str, "title": str, "published": str,
         "published_inferred": int, "source": str, "url": str, "format": str, "words": int,
         "text": str, "norm": str, "ingested_at": str},
        pk="id", not_null={"path", "file", "sha256", "text"},
    )
    db.table("articles").create_index(["path"], unique=True)
    db.table("articles").create_index(["sha256"])
    db.table("sentences").create(
        {"id": int, "article_id": int, "idx": int, "para": int, "start": int, "end": int,
         "text": str, "norm": str},
        pk="id", foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("sentences").create_index(["article_id", "idx"], unique=True)
    db.table("article_rounds").create(
        {"article_id": int, "round": int, "role": str, "evidence": str, "confidence": float,
         "start": int, "end": int},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("article_rounds").create_index(["article_id"])
    db.table("article_rounds").create_index(["round"])
    db.table("quotes").create(
        {"id": int, "article_id": int, "sentence_id": int, "speaker": str, "speaker_id": str,
         "speaker_ar": str, "text": str, "kind": str, "verb": str, "round": int, "start": int,
         "end": int},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("sentence_id", "sentences", "id")],
    )
    db.table("quotes").create_index(["article_id"])
    db.table("quotes").create_index(["speaker_id"])
    db.table("mentions").create(
        {"article_id": int, "person_id": str, "start": int, "end": int, "text": str},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("mentions").create_index(["article_id"])
    db.table("mentions").create_index(["person_id"])
    db.table("rounds").create({"round": int, "start": str, "end": str, "city": str, "city_ar": str},
                        pk="round")


@migration
def m002_search_index(db: "sqlite_utils.Database") -> None:
    # the first search index, over sentences.norm (m004 replaces it); as it was made then
    db.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS [sentences_fts] USING FTS5 ([norm], content=[sentences])")
    db.conn.execute("""CREATE TRIGGER IF NOT EXISTS [sentences_ai] AFTER INSERT ON [sentences] BEGIN
  INSERT INTO [sentences_fts] (rowid, [norm]) VALUES (new.rowid, new.[norm]);
END""")
    db.conn.execute("""CREATE TRIGGER IF NOT EXISTS [sentences_ad] AFTER DELETE ON [sentences] BEGIN
  INSERT INTO [sentences_fts] ([sentences_fts], rowid, [norm]) VALUES('delete', old.rowid, old.[norm]);
END""")


@migration
def m003_index_in_bulk(db: "sqlite_utils.Database") -> None:
    db.conn.execute("DROP TRIGGER IF EXISTS [sentences_ai]")


@migration
def m004_sentence_terms(db: "sqlite_utils.Database") -> None:
    """Sentences keep their span and their *terms* (the clitic-stripped normalized words the
    search index holds), no longer their text and normalized text (the article's text and the
    span give them back), and articles no normalized text: a third of the database and of the
    ingest's writes (bench/README.md). The index is rebuilt over the terms."""
    from . import index
    from .text import arabic

    conn = db.conn
    index.drop_index(conn)
    conn.execute("ALTER TABLE sentences ADD COLUMN terms TEXT")
    conn.create_function("astana_terms", 1, lambda norm: arabic.terms(norm or ""), deterministic=True)
    conn.create_function("astana_normalize", 1, lambda t: arabic.normalize(t or ""), deterministic=True)
    # from the text, normalized by the current normalizer (the stored norm may be older)
    conn.execute('UPDATE sentences SET terms = astana_terms(astana_normalize(text))')
    conn.execute("ALTER TABLE sentences DROP COLUMN text")
    conn.execute("ALTER TABLE sentences DROP COLUMN norm")
    conn.execute("ALTER TABLE articles DROP COLUMN norm")
    index.create_index(conn)


@migration
def m005_sources_and_copies(db: "sqlite_utils.Database") -> None:
    """Sources: an article read from several files keeps every one (file, url, outlet, title,
    date as that file states them); the existing articles get one source each, their own.
    Copies: each article's sketch, and near copies of the existing articles grouped."""
    conn = db.conn
    conn.execute("CREATE TABLE sources (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL "
                 "REFERENCES articles(id), path TEXT NOT NULL, file TEXT NOT NULL, url TEXT, outlet TEXT, "
                 "title TEXT, published TEXT, format TEXT, ingested_at TEXT)")
    conn.execute("CREATE UNIQUE INDEX idx_sources_path ON sources (path)")
    conn.execute("CREATE INDEX idx_sources_article_id ON sources (article_id)")
    conn.execute("INSERT INTO sources (article_id, path, file, url, format, ingested_at) "
                 "SELECT id, path, file, url, format, ingested_at FROM articles ORDER BY id")
    conn.execute("ALTER TABLE articles ADD COLUMN copy_group INTEGER")
    conn.execute("UPDATE articles SET copy_group = id")
    conn.execute("CREATE INDEX idx_articles_copy_group ON articles (copy_group)")
    conn.execute("CREATE TABLE article_sketch (article_id INTEGER NOT NULL REFERENCES articles(id), "
                 "h INTEGER NOT NULL)")
    conn.execute("CREATE INDEX idx_article_sketch_h ON article_sketch (h)")
    conn.execute("CREATE INDEX idx_article_sketch_article_id ON article_sketch (article_id)")
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    for article_id in ids:
        terms = [r[0] for r in conn.execute(
            "SELECT terms FROM sentences WHERE article_id = ? ORDER BY idx", [article_id])]
        _group(conn, article_id, terms)


def _group(conn: sqlite3.Connection, article_id: int, terms: list[str]) -> None:
    """Write the sketch of article ``article_id`` (its sentences' ``terms``) and put it in the
    group of the earlier article it is a near copy of (``ingest.copies.near_copy``), if any."""
    from .ingest import copies

    hs = copies.sketch(terms)
    group = None
    if hs:
        # the five articles sharing most hashes, counted from the hashes alone, then their groups
        marks = ",".join("?" * len(hs))
        candidates = conn.execute(
            f"SELECT k.article_id, k.n, a.copy_group FROM (SELECT article_id, COUNT(*) AS n FROM article_sketch"
            f" WHERE h IN ({marks}) AND article_id != ? GROUP BY article_id ORDER BY n DESC, article_id LIMIT 5) k"
            f" JOIN articles a ON a.id = k.article_id ORDER BY k.n DESC, k.article_id", [*hs, article_id]).fetchall()
        for other, n, other_group in candidates:
            if n < copies.min_shared(len(hs)):
                break
            theirs = [r[0] for r in conn.execute("SELECT terms FROM sentences WHERE article_id = ?", [other])]
            if copies.near_copy(terms, theirs):
                group = other_group if other_group is not None else other
                break
    conn.execute("UPDATE articles SET copy_group = ? WHERE id = ?", [group or article_id, article_id])
    conn.executemany("INSERT INTO article_sketch (article_id, h) VALUES (?, ?)", [(article_id, h) for h in hs])


@migration
def m006_search_numbers(db: "sqlite_utils.Database") -> None:
    """Search terms write numbers one way: an ordinal in words and digits behind a clitic become
    digits («سادسه عشره», «ال16» -> «16»; search.terms). The stored terms are refolded and the
    index rebuilt over them."""
    from . import index

    index.refold_terms(db.conn)


@migration
def m008_views_and_people(db: "sqlite_utils.Database") -> None:
    """The database read like the CLI, for datasette (``astana serve``) and SQL users: the views
    ``quotes_view``, ``sentences_view``, ``articles_view``, ``rounds_view`` and ``people_view``,
    and the gazetteer's people as tables ``people`` and ``person_roles`` (serve/schema.py). A later
    migration that drops or renames a column the views read drops them first (``schema.drop_views``)
    and recreates them after (``schema.create_views``): SQLite checks every view on such a change."""
    from .serve import schema

    schema.create(db.conn)


@migration
def m009_spelling_index(db: "sqlite_utils.Database") -> None:
    """A word's near spellings come from the spelling index (``spellindex``: the vocabulary by
    length with bitmaps of where its letters stand) instead of ranges of ``search_vocab`` on its
    first and last letters; the index is the vocabulary, so ``search_vocab`` (and its reversed
    words) goes: 69 of 1,291 MB at 100,000 articles, for 48 MB (bench/README.md, issue 13)."""
    from . import index

    conn = db.conn
    conn.execute("DROP TABLE IF EXISTS search_vocab")
    if index._has_table(conn, index.FTS_TABLE):
        index.refresh_vocab(conn)


@migration
def m010_sketch_by_hash(db: "sqlite_utils.Database") -> None:
    """``article_sketch`` keyed by (hash, article) without a rowid: a look-up by hash reads the
    articles from the key itself, and an ingest writes two b-trees a hash instead of three (the
    table and its two indexes). At 100,000 articles the near-copy look-ups and their writes were
    41.6 of the 147 s of a profiled ingest (bench/README.md, issue 13)."""
    conn = db.conn
    conn.execute("CREATE TABLE article_sketch_by_hash (h INTEGER NOT NULL, article_id INTEGER NOT NULL"
                 " REFERENCES articles(id), PRIMARY KEY (h, article_id)) WITHOUT ROWID")
    conn.execute("INSERT OR IGNORE INTO article_sketch_by_hash (h, article_id) SELECT h, article_id FROM article_sketch")
    conn.execute("DROP TABLE article_sketch")
    conn.execute("ALTER TABLE article_sketch_by_hash RENAME TO article_sketch")
    conn.execute("CREATE INDEX idx_article_sketch_article_id ON article_sketch (article_id)")


@migration
def m011_lean_search_index(db: "sqlite_utils.Database") -> None:
    """The FTS5 index keeps which sentences hold a stem, no longer where, nor the sentences'
    lengths, and splits the terms at their spaces only (``index.FTS_OPTIONS``): no search asks
    for more, and the three were half the index and a third of its indexing time. Rebuilt over
    the stored terms, with its vocabulary (18 s at 100,000 articles; a database that ``m004``
    indexed already so is left as it is)."""
    from . import index

    conn = db.conn
    if index._has_table(conn, index.FTS_TABLE) and not index.is_lean(conn):
        index.drop_index(conn)
        index.create_index(conn)


def schema_version() -> int:
    return len(MIGRATIONS)


# --- opening -------------------------------------------------------------------------------------


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    if path.exists() and path.stat().st_size > 0:
        try:
            with open(path, "rb") as fh:
                head = fh.read(16)
        except OSError as e:
            raise DatabaseError(f"cannot read database {path}: {e.strerror or e}") from None
        if head != SQLITE_MAGIC:
            raise DatabaseError(f"{path} is not an SQLite database")


class Store:
    """An open astana database. ``Store(path)`` creates and migrates it when ``create`` is true;
    ``readonly`` opens an existing file for reading only (also chosen when the file is not
    writable). ``on_upgrade(old, new)`` is called before an existing database is migrated from
    schema ``old`` to ``new`` (some migrations rebuild an index: tens of seconds at 100,000
    articles), so a caller can say why it waits."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True, readonly: bool = False,
                 on_upgrade: Callable[[int, int], None] | None = None):
        self.path = Path(path)
        _check_file(self.path)
        exists = self.path.exists() and self.path.stat().st_size > 0
        if not exists and not create:
            raise DatabaseError(f"no database at {self.path}")
        if exists and not os.access(self.path, os.W_OK):
            readonly = True
        if not exists and readonly:
            raise DatabaseError(f"no database at {self.path}")
        self.readonly = readonly
        self._on_upgrade = on_upgrade
        try:
            if not exists:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            if readonly:
                conn = _open_readonly(self.path)
            else:
                conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn = conn
            self._db: sqlite_utils.Database | None = None
            self._bulk: _Bulk | None = None
            self._unindexed: int | None = None  # first sentence id the open transaction added
            if not readonly:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self._execute_waiting("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._check_schema()
            if not readonly:
                self.migrate()
        except sqlite3.DatabaseError as e:
            raise DatabaseError(_explain(e, self.path)) from None
        except OSError as e:
            raise DatabaseError(f"cannot open database {self.path}: {e.strerror or e}") from None

    @property
    def db(self) -> "sqlite_utils.Database":
        """The sqlite-utils view of the connection (for migrations and table helpers)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # ------------------------------------------------------------------ schema
    def _check_schema(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema_version():
            raise DatabaseError(
                f"{self.path} was written by a newer astana (schema {version}, this one knows "
                f"{schema_version()}): upgrade astana to read it")
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "_astana_migrations" not in tables and "articles" not in tables:
            raise DatabaseError(f"{self.path} is an SQLite database of another application")
        if self.readonly and version < schema_version():
            raise DatabaseError(f"{self.path} needs migrating, but it is read-only")

    def migrate(self) -> None:
        """Apply the migrations not yet applied, each in its own transaction. An up-to-date
        database is only read, so readers never wait for a writer here."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == schema_version():
            self._sync_calendar()
            return
        if version and self._on_upgrade:  # an existing database, not a new one
            self._on_upgrade(version, schema_version())
        with self.transaction():
            self.conn.execute("CREATE TABLE IF NOT EXISTS _astana_migrations "
                              "(name TEXT PRIMARY KEY, applied_at TEXT)")
        done = {r[0] for r in self.conn.execute("SELECT name FROM _astana_migrations")}
        for i, fn in enumerate(MIGRATIONS, 1):
            if fn.__name__ in done:
                continue
            with self.transaction():
                # another process may have applied it while we waited for the lock
                if self.conn.execute("SELECT 1 FROM _astana_migrations WHERE name = ?",
                                     [fn.__name__]).fetchone():
                    continue
                fn(self.db)
                self.conn.execute("INSERT INTO _astana_migrations VALUES (?, ?)",
                                  [fn.__name__, _now()])
                self.conn.execute(f"PRAGMA user_version = {i}")
        self._sync_calendar()

    def _sync_calendar(self) -> None:
        """The ``rounds`` table as data/rounds.json has it. Every command opens the store: the
        file's rows are compared as read (a quarter of a millisecond); the calendar is loaded,
        checked against its schema, and written only when they differ."""
        have = [tuple(r) for r in self.conn.execute('SELECT round, start, "end", city, city_ar FROM rounds ORDER BY round')]
        from .data import raw

        listed = sorted((r.get("round"), r.get("start"), r.get("end"), r.get("city"), r.get("city_ar"))
                        for r in raw("rounds").get("rounds", []))
        if have == listed:
            return
        from .extract.calendar import load_calendar

        rows = [(r.number, r.start.isoformat(), r.end.isoformat(), r.city, r.city_ar)
                for r in load_calendar()]
        if have != rows:
            with self.transaction():
                self.conn.execute("DELETE FROM rounds")
                self.conn.executemany("INSERT INTO rounds VALUES (?, ?, ?, ?, ?)", rows)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back on any exception (Ctrl-C included).
        Inside ``bulk()``: a savepoint of the bulk transaction, released or rolled back alike."""
        if self.readonly:
            raise DatabaseError(f"{self.path} is read-only: cannot write to it")
        if self._bulk is not None:
            yield from self._savepoint(self._bulk)
            return
        self._begin_immediate()
        try:
            yield self.conn
        except BaseException:
            self._rollback()
            raise
        else:
            self._commit()

    def _savepoint(self, bulk: _Bulk) -> Iterator[sqlite3.Connection]:
        self.conn.execute("SAVEPOINT astana_article")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK TO astana_article")
            self.conn.execute("RELEASE astana_article")
            raise
        self.conn.execute("RELEASE astana_article")
        bulk.written += 1
        if bulk.due():
            self._commit_bulk()
            self._begin_immediate()

    @contextmanager
    def bulk(self, seconds: float = BULK_SECONDS, articles: int = BULK_ARTICLES) -> Iterator["Store"]:
        """Write many articles per transaction: each ``transaction()`` inside is a savepoint (an
        article still lands whole or not at all), and the transaction commits once ``seconds``
        have passed or ``articles`` were written since the last commit, and at the end.

        Why: SQLite's FTS5 writes a new index segment at every commit, and every commit writes the
        pages it touched to the WAL again; one commit per article made the index and the WAL the
        bulk of ingest time (see bench/README.md). A writer waiting on the lock waits at most about
        ``seconds``; readers never wait (WAL).

        On an exception (Ctrl-C included) the articles completed so far are committed, unless the
        commit itself fails, then rolled back: nothing half-written is ever stored."""
        if self.readonly:
            raise DatabaseError(f"{self.path} is read-only: cannot write to it")
        if self._bulk is not None:  # nested: the outer one commits
            yield self
            return
        cache = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        self._begin_immediate()  # may raise (the lock not had in time): nothing to undo yet
        self._bulk = _Bulk(seconds, articles)
        self.conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield self
        except BaseException:
            try:
                self._commit_bulk()
            except DatabaseError:
                pass  # rolled back by _commit_bulk; the original error is the one to report
            raise
        else:
            self._commit_bulk()
        finally:
            self._bulk = None
            self.conn.execute(f"PRAGMA cache_size = {int(cache)}")

    def _commit_bulk(self) -> None:
        self._commit()
        if self._bulk is not None:  # always, inside bulk(): its clock starts again
            self._bulk.restart()

    def _commit(self) -> None:
        """Index the sentences the transaction added, then commit; roll back if either fails."""
        try:
            self._index_new()
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            self._rollback()
            raise DatabaseError(_explain(e, self.path)) from None

    def _rollback(self) -> None:
        self._unindexed = None
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _index_new(self) -> None:
        if self._unindexed is not None:
            from . import index

            index.index_new(self.conn, self._unindexed)
            self._unindexed = None

    def _begin_immediate(self) -> None:
        self._execute_waiting("BEGIN IMMEDIATE")

    def _execute_waiting(self, sql: str) -> None:
        """Execute ``sql``, waiting up to the busy timeout. SQLite's own busy handler covers most
        waits, but not all: a WAL snapshot that went stale under a concurrent writer, or a journal
        mode change, answers SQLITE_BUSY at once, so "locked" is retried here until the same
        deadline."""
        import time

        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        delay = 0.01
        while True:
            try:
                self.conn.execute(sql)
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() >= deadline:
                    raise DatabaseError(_explain(e, self.path)) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------------ writing
    def has_content(self, doc: Document) -> bool:
        """Whether the same content is already stored (under any path)."""
        return self.conn.execute("SELECT 1 FROM articles WHERE sha256 = ? LIMIT 1",
                                 [doc.sha256]).fetchone() is not None

    def add_document(self, doc: Document, analysis=None) -> str:
        """Analyse ``doc`` (unless its ``analysis`` is given or its text is stored already) and
        store it with everything derived from it, in one transaction.

        Returns ``"unchanged"`` when this file is stored with this content, ``"copy"`` when the same
        text is stored from another file (this file becomes one more source of that article),
        ``"updated"`` when the file was stored with other content (its old version goes: the whole
        article, unless other files are its sources too), else ``"added"``."""
        sha = doc.sha256
        if analysis is None and not self.has_content(doc):
            from .analyze import analyze

            analysis = analyze(doc)  # pure and slow: outside the write lock
        try:
            with self.transaction() as conn:
                old = conn.execute("SELECT s.id, s.article_id, a.sha256 FROM sources s JOIN articles a "
                                   "ON a.id = s.article_id WHERE s.path = ?", [doc.path]).fetchone()
                if old and old[2] == sha:
                    return "unchanged"
                if old:
                    self._drop_source(old[0], old[1])
                same = conn.execute("SELECT id FROM articles WHERE sha256 = ? ORDER BY id LIMIT 1", [sha]).fetchone()
                if same:
                    self._add_source(same[0], doc)
                    return "updated" if old else "copy"
                if analysis is None:  # the stored copy went meanwhile
                    from .analyze import analyze

                    analysis = analyze(doc)
                self._insert(doc, sha, analysis)
                return "updated" if old else "added"
        except sqlite3.DatabaseError as e:
            raise DatabaseError(_explain(e, self.path)) from None

    def _add_source(self, article_id: int, doc: Document) -> None:
        self.conn.execute(
            "INSERT INTO sources (article_id, path, file, url, outlet, title, published, format, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [article_id, doc.path, doc.file, doc.url, doc.source, doc.title, _iso_day(doc.published),
             doc.format, _now()])

    def _drop_source(self, source_id: int, article_id: int) -> None:
        """Take one source off its article; the article goes with its last source."""
        self.conn.execute("DELETE FROM sources WHERE id = ?", [source_id])
        rest = self.conn.execute("SELECT path, file, url FROM sources WHERE article_id = ? ORDER BY id LIMIT 1",
                                 [article_id]).fetchone()
        if rest is None:
            self._delete_article(article_id)
        else:  # the article's own path, file and url are its first remaining source's
            self.conn.execute("UPDATE articles SET path = ?, file = ?, url = ? WHERE id = ?", [*rest, article_id])

    def _delete_article(self, article_id: int) -> None:
        # the delete trigger takes the sentences out of the index: they must be in it
        self._index_new()
        for table in ("quotes", "mentions", "article_rounds", "sentences", "sources", "article_sketch"):
            self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        self.conn.execute("DELETE FROM articles WHERE id = ?", [article_id])

    def _insert(self, doc: Document, sha: str, a) -> None:
        a = storable(a)
        cur = self.conn.execute(
            "INSERT INTO articles (path, file, sha256, title, published, published_inferred, source,"
            " url, format, words, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [doc.path, doc.file, sha, a.title, a.published, int(a.published_inferred), a.source,
             doc.url, doc.format, a.words, doc.text, _now()])
        article_id = cur.lastrowid
        assert article_id is not None  # set by every INSERT
        self._add_source(article_id, doc)
        _group(self.conn, article_id, [s.terms for s in a.sentences])
        first = self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sentences").fetchone()[0]
        self.conn.executemany(
            'INSERT INTO sentences (id, article_id, idx, para, start, "end", terms) VALUES (?,?,?,?,?,?,?)',
            [(first + i, article_id, i, s.para, s.start, s.end, s.terms) for i, s in enumerate(a.sentences)])
        if self._unindexed is None:
            self._unindexed = first  # indexed in bulk before the commit (index.index_new)
        self.conn.executemany(
            'INSERT INTO article_rounds VALUES (?,?,?,?,?,?,?)',
            [(article_id, r.round, r.role, r.evidence, r.confidence, r.start, r.end) for r in a.rounds])
        self.conn.executemany(
            'INSERT INTO quotes (article_id, sentence_id, speaker, speaker_id, speaker_ar, text, kind,'
            ' verb, round, start, "end") VALUES (?,?,?,?,?,?,?,?,?,?,?)',
            [(article_id, first + q.sentence_idx if q.sentence_idx is not None else None, q.speaker,
              q.speaker_id, q.speaker_ar, q.text, q.kind, q.verb, q.round, q.start, q.end)
             for q in a.quotes])
        self.conn.executemany(
            'INSERT INTO mentions VALUES (?,?,?,?,?)',
            [(article_id, m.person_id, m.start, m.end, m.text) for m in a.mentions])

    # ------------------------------------------------------------------ reading helpers
    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0]

    def query(self, sql: str, params: list | dict | tuple = ()) -> list[dict]:
        """Rows of ``sql`` as dicts."""
        try:
            cur = self.conn.execute(sql, params)
        except sqlite3.DatabaseError as e:
            raise DatabaseError(_explain(e, self.path)) from None
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection. A WAL database needs its ``-shm`` file even to be read; where that
    cannot be created (a read-only file system or directory) and is not there, no writer can be
    either, so the file is opened as immutable."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as e:
        shm = Path(str(path) + "-shm")
        if "unable to open" not in str(e) or shm.exists() or os.access(path.parent, os.W_OK):
            raise
        conn.close()
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False)


def _iso_day(value: str | None) -> str | None:
    """The ISO day of a stated date (``2018-05-14T10:00`` -> ``2018-05-14``), or None."""
    v = (value or "").strip()
    try:
        return dt.date.fromisoformat(v[:10]).isoformat() if v else None
    except ValueError:
        return None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _explain(e: sqlite3.Error, path: Path) -> str:
    msg = str(e)
    if "locked" in msg or "busy" in msg:
        return f"database {path} is locked by another process; try again when it has finished"
    if "readonly" in msg or "read-only" in msg:
        return f"database {path} is read-only: cannot write to it"
    if "not a database" in msg or "malformed" in msg or "file is encrypted" in msg:
        return f"{path} is not a usable SQLite database ({msg})"
    if "disk" in msg and "full" in msg:
        return f"the disk holding {path} is full; nothing of the article being written was kept"
    if "unable to open" in msg:
        return f"cannot open database {path}"
    return f"database error on {path}: {msg}"
