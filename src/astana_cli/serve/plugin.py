"""The datasette plugin of ``astana serve`` (registered under the name ``astana``; also found by
plain ``datasette`` through the package's ``datasette`` entry point).

- SQL functions on every connection: ``astana_normalize(text)`` (``text.arabic.normalize``),
  ``astana_terms(text)`` (the search terms of a text: normalized, clitics stripped, numbers
  folded, as ``sentences.terms`` holds them) and, on a database file, ``astana_search(query[,
  limit[, round]])``: ``search.search`` on that file, the hits as a JSON array (sentence_id, article_id,
  score, match, round) for ``json_each``. The search runs on a read-only connection of its own.
- Read-only: on the databases the plugin configuration lists under ``read_only``, every
  connection datasette opens, its write connection included, gets ``PRAGMA query_only``, so
  SQLite itself refuses any write.
- Right-to-left cells (``/-/astana.css``: each cell takes the direction of its own text) and
  links from the views to people, rounds, articles and sentences (``render_cell``).
"""
from __future__ import annotations

import json
import re
import threading
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from ..store import Store

PLUGIN = "astana"
CSS_PATH = "/-/astana.css"
SEARCH_LIMIT = 200

CSS = """/* astana: Arabic reads right to left; each cell, heading and field takes the direction of its
   own text (a Latin name or a date stays left to right) */
td, th, dd, .astana-text, textarea, input[type=text], input[type=search] {
  unicode-bidi: plaintext; text-align: start;
}
td, dd, textarea, input[type=text] {
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", "Helvetica Neue", sans-serif;
}
td { line-height: 1.5; }
table.rows-and-columns td.col-words, table.rows-and-columns td.col-text,
table.rows-and-columns td.col-sentence { min-width: 24em; }
table.rows-and-columns td.col-title, table.rows-and-columns td.col-opening { min-width: 14em; }
table.rows-and-columns td.col-speaker, table.rows-and-columns td.col-speaker_ar,
table.rows-and-columns td.col-speakers { min-width: 8em; }
mark { background: #fff3a0; }
td.col-match, td.col-score { white-space: nowrap; }
"""


# --- SQL functions -------------------------------------------------------------------------------


def normalize_sql(text):
    from ..text.arabic import normalize

    return None if text is None else normalize(str(text))


def terms_sql(text):
    from .. import search
    from ..text.arabic import normalize

    return None if text is None else search.terms(normalize(str(text)))


class Searcher:
    """``astana_search`` for one database file: ``search.search`` on a read-only connection of
    its own (a function cannot run queries on the connection that calls it), one query at a time."""

    def __init__(self, path: str):
        self.path = path
        self.lock = threading.Lock()
        self.store: Store | None = None

    def __call__(self, query, limit=SEARCH_LIMIT, round=None) -> str:
        from .. import search

        if query is None or not str(query).strip():
            return "[]"
        from ..text.arabic import normalize

        round = normalize(str(round)).strip() if round is not None else ""  # Eastern digits too
        if round and not (round.isascii() and round.isdigit() and len(round) < 6):
            return "[]"  # no such round
        with self.lock:
            if self.store is None:
                from ..store import Store

                self.store = Store(self.path, create=False, readonly=True)
            try:
                result = search.search(self.store.conn, str(query), limit=max(1, int(limit or SEARCH_LIMIT)),
                                       round=int(round) if round else None)
            except search.QueryError:
                return "[]"
        return json.dumps([{"sentence_id": h.sentence_id, "article_id": h.article_id, "score": h.score,
                            "match": h.match, "round": h.round, "start": h.start, "end": h.end}
                           for h in result.hits], ensure_ascii=False)


_searchers: dict[str, Searcher] = {}
_searchers_lock = threading.Lock()


def searcher(path: str) -> Searcher:
    with _searchers_lock:
        return _searchers.setdefault(path, Searcher(path))


def _config(datasette) -> dict:
    return datasette.plugin_config(PLUGIN) or {}


@hookimpl
def prepare_connection(conn, database, datasette):
    conn.create_function("astana_normalize", 1, normalize_sql, deterministic=True)
    conn.create_function("astana_terms", 1, terms_sql, deterministic=True)
    db = datasette.databases.get(database)
    path = getattr(db, "path", None)
    if path and not getattr(db, "is_memory", False):
        fn = searcher(path)
        conn.create_function("astana_search", 1, fn)
        conn.create_function("astana_search", 2, fn)
        conn.create_function("astana_search", 3, fn)
    if database in _config(datasette).get("read_only", []):
        conn.execute("PRAGMA query_only = 1")


# --- pages ---------------------------------------------------------------------------------------


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path(CSS_PATH)]


async def _css(request):
    return Response(CSS, content_type="text/css; charset=utf-8", headers={"cache-control": "max-age=3600"})


@hookimpl
def register_routes():
    return [(r"^" + re.escape(CSS_PATH) + r"$", _css)]


# the views (and canned queries: table None) whose columns link to the tables they name; the
# tables link by their foreign keys, which datasette follows by itself
VIEWS = {"quotes_view", "sentences_view", "articles_view", "rounds_view", "people_view", None}


def _link(href: str, value) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, value)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if value is None or value == "" or table not in VIEWS | {"people"}:
        return None
    if database not in _config(datasette).get("databases", [database]):
        return None
    urls = datasette.urls
    if table == "people":  # the spellings one after the other; the name leads to the quotes
        if column in ("names_ar", "names_latin"):
            try:
                names = json.loads(value)
            except (TypeError, ValueError):
                return None
            return Markup(" · ").join(escape(n) for n in names) if isinstance(names, list) else None
        if column == "name" and "id" in row.keys():
            return Markup('<a href="{}" title="quotes">{}</a>').format(
                urls.table(database, "quotes_view") + "?" + urlencode({"person_id": row["id"]}), value)
        return None

    def row_page(t, pk):
        return urls.table(database, t) + "/" + quote(str(pk), safe="")

    def filtered(t, **where):
        return urls.table(database, t) + "?" + urlencode(where)

    cols = row.keys() if hasattr(row, "keys") else []
    if column in ("person_id", "speaker_id"):
        return _link(row_page("people", value), value)
    if column == "article_id":
        return _link(row_page("articles", value), value)
    if column == "sentence_id":
        return _link(filtered("sentences_view", id=value), value)
    if column == "round" and table != "rounds_view":
        return _link(filtered("rounds_view", round=value), value)
    if table == "people_view":
        if column == "id":
            return _link(row_page("people", value), value)
        if column == "quotes" and value:
            return _link(filtered("quotes_view", person_id=row["id"]), value)
    if table == "rounds_view" and "round" in cols:
        if column == "quotes" and value:
            return _link(filtered("quotes_view", round=row["round"]), value)
        if column in ("articles", "mentioned_in") and value:
            role = "main" if column == "articles" else "mentioned"
            return _link(filtered("article_rounds", round=row["round"], role=role), value)
    if table == "articles_view":
        if column == "id":
            return _link(row_page("articles", value), value)
        if column == "quotes" and value:
            return _link(filtered("quotes_view", article_id=row["id"]), value)
    if table is None and column == "match":
        return Markup("<mark>{}</mark>").format(escape(value))
    return None
