"""The database read like the CLI: SQL views and the gazetteer's people, for datasette and any
SQL user (store migration m008 creates them; nothing here imports datasette).

- ``quotes_view``: who said what, one row a quote: speaker, Arabic name, person id, words, kind,
  verb, round with its dates and city, the article's title, outlet, date, url and file.
- ``sentences_view``: each sentence's text (its span of the article text, ``substr``), its terms
  (what the search index holds), its article's title, outlet, date and file.
- ``articles_view``: the articles without their full text: title, outlet, date, words, main and
  mentioned rounds (JSON arrays), number of quotes and sources, the opening words.
- ``rounds_view``: the calendar with the number of articles reporting on each round, mentioning
  it, and of its quotes.
- ``people``: the gazetteer (``data/speakers.json``): id, canonical name, first Arabic form, every
  Arabic form, affiliation, latest role and its years; ``person_roles`` every role with its years
  (a foreign key to ``people``); ``people_view`` adds each person's quote and mention counts.

Counts are over every stored copy of a story (the CLI counts a quote once per group of near copies).

The people tables are data, not schema: ``sync_people`` rewrites them when the gazetteer changed
(``astana serve`` calls it before opening the database read-only).
"""
from __future__ import annotations

import json
import sqlite3

PEOPLE_DDL = [
    "CREATE TABLE IF NOT EXISTS people (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_ar TEXT, "
    "names_ar TEXT, names_latin TEXT, affiliation TEXT, gender TEXT, role TEXT, role_ar TEXT, "
    "role_from INTEGER, role_to INTEGER, source TEXT)",
    "CREATE TABLE IF NOT EXISTS person_roles (id INTEGER PRIMARY KEY, person_id TEXT NOT NULL "
    "REFERENCES people(id), title_en TEXT, title_ar TEXT, year_from INTEGER, year_to INTEGER, "
    "shared INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS idx_person_roles_person_id ON person_roles (person_id)",
]

# the counts of rounds_view and the links of quotes to their round
INDEX_DDL = ["CREATE INDEX IF NOT EXISTS idx_quotes_round ON quotes (round)"]

_URL = ("COALESCE(a.url, (SELECT x.url FROM sources x WHERE x.article_id = a.id AND x.url IS NOT NULL "
        "ORDER BY x.id LIMIT 1))")

VIEWS = {
    "quotes_view": f"""
SELECT q.id AS id, q.speaker AS speaker, q.speaker_ar AS speaker_ar, q.speaker_id AS person_id,
  q.text AS words, q.kind AS kind, q.verb AS verb,
  q.round AS round, r.start AS round_start, r."end" AS round_end, r.city AS round_city,
  a.title AS title, a.source AS outlet, a.published AS published, {_URL} AS url, a.file AS file,
  q.article_id AS article_id, q.sentence_id AS sentence_id, a.copy_group AS copy_group
FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN rounds r ON r.round = q.round""",
    "sentences_view": """
SELECT s.id AS id, substr(a.text, s.start + 1, s."end" - s.start) AS text, s.terms AS terms,
  s.article_id AS article_id, s.idx AS idx, s.para AS para, a.title AS title, a.source AS outlet,
  a.published AS published, a.file AS file
FROM sentences s JOIN articles a ON a.id = s.article_id""",
    "articles_view": f"""
SELECT a.id AS id, a.title AS title, a.source AS outlet, a.published AS published,
  a.published_inferred AS published_inferred, a.words AS words,
  (SELECT json_group_array(round) FROM (SELECT DISTINCT round FROM article_rounds
    WHERE article_id = a.id AND role = 'main' ORDER BY round)) AS main_rounds,
  (SELECT json_group_array(round) FROM (SELECT DISTINCT round FROM article_rounds
    WHERE article_id = a.id AND role = 'mentioned' ORDER BY round)) AS mentioned_rounds,
  (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
  (SELECT COUNT(*) FROM sources x WHERE x.article_id = a.id) AS sources,
  a.copy_group AS copy_group, {_URL} AS url, a.file AS file, a.format AS format,
  substr(a.text, 1, 160) AS opening
FROM articles a""",
    "rounds_view": """
SELECT r.round AS round, r.start AS start, r."end" AS "end", r.city AS city, r.city_ar AS city_ar,
  (SELECT COUNT(DISTINCT ar.article_id) FROM article_rounds ar WHERE ar.round = r.round AND ar.role = 'main') AS articles,
  (SELECT COUNT(DISTINCT ar.article_id) FROM article_rounds ar WHERE ar.round = r.round AND ar.role = 'mentioned') AS mentioned_in,
  (SELECT COUNT(*) FROM quotes q WHERE q.round = r.round) AS quotes
FROM rounds r""",
    "people_view": """
SELECT p.id AS id, p.name AS name, p.name_ar AS name_ar, p.affiliation AS affiliation,
  p.role AS role, p.role_ar AS role_ar, p.role_from AS role_from, p.role_to AS role_to,
  (SELECT COUNT(*) FROM quotes q WHERE q.speaker_id = p.id) AS quotes,
  (SELECT COUNT(*) FROM mentions m WHERE m.person_id = p.id) AS mentions,
  (SELECT json_group_array(round) FROM (SELECT DISTINCT round FROM quotes q
    WHERE q.speaker_id = p.id AND round IS NOT NULL ORDER BY round)) AS rounds_quoted
FROM people p""",
}


def drop_views(conn: sqlite3.Connection) -> None:
    """Drop the views: SQLite checks every view when a column is dropped or renamed, so a later
    migration that changes a table they read drops them first, then calls ``create_views``."""
    for name in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS [{name}]")


def create_views(conn: sqlite3.Connection) -> None:
    for name, sql in VIEWS.items():
        conn.execute(f"DROP VIEW IF EXISTS [{name}]")
        conn.execute(f"CREATE VIEW [{name}] AS {sql.strip()}")


def create(conn: sqlite3.Connection) -> None:
    """Create the people tables (filled from the gazetteer), the index and the views. Plain SQL, no
    transaction of its own: the store's migration runs it inside its own."""
    for ddl in PEOPLE_DDL + INDEX_DDL:
        conn.execute(ddl)
    create_views(conn)
    sync_people(conn)


def people_rows() -> tuple[list[tuple], list[tuple]]:
    """The rows of ``people`` and ``person_roles`` the gazetteer gives, in its order."""
    from ..extract.speakers import Gazetteer

    people, roles = [], []
    for p in Gazetteer.load().people:
        last = p.roles[-1] if p.roles else None
        people.append((p.id, p.name, p.names_ar[0] if p.names_ar else None,
                       json.dumps(list(p.names_ar), ensure_ascii=False),
                       json.dumps(list(p.aliases_latin), ensure_ascii=False), p.affiliation or None,
                       p.gender or None, last.title_en if last else None, last.title_ar if last else None,
                       last.start if last else None, last.end if last else None, p.source or None))
        roles += [(p.id, r.title_en, r.title_ar, r.start, r.end, int(r.shared)) for r in p.roles]
    return people, roles


def people_current(conn: sqlite3.Connection) -> bool:
    """Whether ``people`` and ``person_roles`` hold what the gazetteer says."""
    return _stored_people(conn) == people_rows()


def _stored_people(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    have_p = [tuple(r) for r in conn.execute(
        "SELECT id, name, name_ar, names_ar, names_latin, affiliation, gender, role, role_ar, role_from, "
        "role_to, source FROM people ORDER BY rowid")]
    have_r = [tuple(r) for r in conn.execute(
        "SELECT person_id, title_en, title_ar, year_from, year_to, shared FROM person_roles ORDER BY id")]
    return have_p, have_r


def sync_people(conn: sqlite3.Connection) -> bool:
    """Rewrite ``people`` and ``person_roles`` if they differ from the gazetteer; returns whether
    anything was written. No transaction of its own."""
    people, roles = people_rows()
    if _stored_people(conn) == (people, roles):
        return False
    conn.execute("DELETE FROM person_roles")
    conn.execute("DELETE FROM people")
    conn.executemany("INSERT INTO people VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", people)
    conn.executemany("INSERT INTO person_roles (person_id, title_en, title_ar, year_from, year_to, shared) "
                     "VALUES (?,?,?,?,?,?)", roles)
    return True
