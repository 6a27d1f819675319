"""The datasette instance of ``astana serve``: one database named ``astana``, read-only, with the
metadata (titles, descriptions, facets, canned queries) that makes it read like the CLI, and the
server bound to 127.0.0.1 unless told otherwise.

Read-only, in three layers: datasette opens the file's read connections with ``mode=ro`` and
runs only SELECTs from a page; the plugin makes every connection to it (datasette's write
connection included) ``PRAGMA query_only``; no canned query writes. The file is not opened
``immutable``: an ingest running beside the server shows up in the pages, and SQLite's locking
still protects the reads (immutable mode would read a WAL database that another process writes
as if nobody did).
"""
from __future__ import annotations

import importlib.util
import socket
from pathlib import Path

from ..errors import AstanaError

DB_NAME = "astana"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
INSTALL_HINT = "astana serve needs datasette: pip install 'astana-cli[web]'"

# the SQL of the canned search: astana's own search (search.search through the plugin's
# astana_search), one row a matching sentence with who is quoted in it and where it was read
SEARCH_SQL = """select
  json_extract(h.value, '$.score') as score,
  json_extract(h.value, '$.match') as match,
  substr(a.text, s.start + 1, s."end" - s.start) as sentence,
  (select group_concat(speaker, ' · ') from (select distinct q.speaker from quotes q
     where q.article_id = s.article_id and q.sentence_id = s.id)) as speakers,
  a.title as title, a.source as outlet, a.published as published,
  json_extract(h.value, '$.round') as round, a.file as file,
  s.article_id as article_id, s.id as sentence_id
from json_each(astana_search(:q, 200, :round)) h
  join sentences s on s.id = json_extract(h.value, '$.sentence_id')
  join articles a on a.id = s.article_id
order by h.key"""

# the same words (any spelling of their letters, clitics and all) in the index, without scoring:
# every term of the query must start a word of the sentence
WORDS_SQL = """select substr(a.text, s.start + 1, s."end" - s.start) as sentence,
  a.title as title, a.source as outlet, a.published as published, a.file as file,
  s.article_id as article_id, s.id as sentence_id
from sentences_fts f join sentences s on s.id = f.rowid join articles a on a.id = s.article_id
where sentences_fts match coalesce((select group_concat('"' || value || '"*', ' ')
  from json_each('["' || replace(replace(astana_terms(:words), '"', ''), ' ', '","') || '"]') where value != ''), '""')
order by s.article_id, s.idx
limit 500"""

QUOTES_BY_NAME_SQL = """select speaker, speaker_ar, words, kind, round, round_start, round_end, title,
  outlet, published, url, file, article_id, person_id
from quotes_view
where astana_normalize(speaker_ar) like '%' || astana_normalize(:name) || '%'
   or lower(speaker) like '%' || lower(:name) || '%'
   or person_id in (select id from people where astana_normalize(names_ar) like '%' || astana_normalize(:name) || '%'
                    or lower(names_latin) like '%' || lower(:name) || '%')
order by published, file"""


START = ("Rounds, quotes and sentences of the astana database, read-only. Start with "
         + ", ".join(f'<a href="/{DB_NAME}/{path}">{label}</a>' for path, label in (
             ("quotes_view", "Quotes"), ("rounds_view", "Rounds"), ("people_view", "People"),
             ("articles_view", "Articles"), ("sentences_view", "Sentences")))
         + f', or <a href="/{DB_NAME}/search">search in any spelling</a>.')


def metadata() -> dict:
    """Titles, descriptions, facets and canned queries, for the database named ``astana``."""
    tables = {
        "quotes_view": {
            "title": "Quotes",
            "description": "Who said what: one row a quote, with the round it is about (and its dates), "
                           "the article's title, outlet, date, url and file. A quote repeated by near "
                           "copies of one story appears once per copy (copy_group).",
            "facets": ["speaker", "round", "outlet", "kind"],
        },
        "sentences_view": {
            "title": "Sentences",
            "description": "Every sentence of every article, with its search terms (normalized, "
                           "clitics stripped) and its article. For fuzzy search, use the query «search».",
            "facets": ["outlet"],
        },
        "articles_view": {
            "title": "Articles",
            "description": "The articles without their full text (open one for it): outlet, date, the "
                           "rounds it reports on (main) or mentions, its quotes and sources.",
            "facets": ["outlet", {"array": "main_rounds"}],
        },
        "rounds_view": {
            "title": "Rounds",
            "description": "The calendar of the Astana talks (rounds 1-22, 2017-2024), with the number of "
                           "articles reporting on each round, mentioning it, and of its quotes.",
            "sort": "round",
        },
        "people_view": {
            "title": "People",
            "description": "The gazetteer's people with their latest role and how often the corpus quotes "
                           "and names them (their spellings and every role: table people, person_roles).",
            "facets": ["affiliation"],
            "sort_desc": "quotes",
        },
        "people": {"label_column": "name", "description": "The gazetteer (data/speakers.json)."},
        "person_roles": {"description": "Every role of every person, with its years."},
        "articles": {"label_column": "title", "description": "The articles with their full text."},
        "rounds": {"description": "The calendar (data/rounds.json)."},
        "quotes": {"facets": ["speaker", "round", "kind"]},
    }
    for hidden in ("_astana_migrations", "article_sketch", "search_vocab", "search_meta", "search_spell"):
        tables[hidden] = {"hidden": True}
    queries = {
        "search": {
            "title": "Search (any spelling)",
            "description": "astana's fuzzy search: the sentences that match the words as typed in any "
                           "spelling (hamza, ى/ي, ة/ه, clitics, a letter more or less), best first; "
                           "the sentences of a known person's other spellings too. round (optional): only "
                           "articles that report on or mention that round.",
            "sql": SEARCH_SQL,
            "params": ["q", "round"], "hide_sql": True,
        },
        "words": {
            "title": "Sentences with these words",
            "description": "Sentences holding a word that starts with each word typed, once normalized "
                           "and stripped of clitics; no scoring (search is the fuzzy one).",
            "sql": WORDS_SQL,
            "params": ["words"], "hide_sql": True,
        },
        "quotes_by_name": {
            "title": "Quotes by a speaker's name",
            "description": "Quotes of the speakers whose name (Arabic in any spelling of its letters, or "
                           "Latin) contains what you type.",
            "sql": QUOTES_BY_NAME_SQL,
            "params": ["name"], "hide_sql": True,
        },
    }
    return {
        "title": "Astana talks on Syria in Arabic news",
        "description_html": START,
        "databases": {DB_NAME: {"title": "astana", "description_html": START, "tables": tables,
                                "queries": queries}},
        "plugins": {"astana": {"databases": [DB_NAME], "read_only": [DB_NAME]}},
    }


SETTINGS = {"sql_time_limit_ms": 3000, "facet_time_limit_ms": 500, "default_page_size": 50,
            "allow_download": False}


def have_datasette() -> bool:
    return importlib.util.find_spec("datasette") is not None


def require_datasette() -> None:
    if not have_datasette():
        raise AstanaError(INSTALL_HINT)


def build(path: str | Path):
    """The ``Datasette`` serving ``path`` read-only under the name ``astana``, with the plugin."""
    require_datasette()
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    from . import plugin

    if pm.get_plugin(plugin.PLUGIN) is None and not pm.is_registered(plugin):
        pm.register(plugin, name=plugin.PLUGIN)
    ds = Datasette(metadata=metadata(), settings=SETTINGS)
    ds.add_database(Database(ds, path=str(Path(path).resolve()), is_mutable=True), name=DB_NAME)
    return ds


def uvicorn_options(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> dict:
    return {"host": host, "port": port, "log_level": "warning", "lifespan": "on", "workers": 1}


def check_address(host: str, port: int) -> None:
    """Fail with one line now if ``host``:``port`` cannot be listened on (uvicorn would log it
    and exit)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise AstanaError(f"cannot serve on {host}: {getattr(e, 'strerror', None) or e}") from None
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as e:
            raise AstanaError(f"cannot listen on {host}:{port}: {e.strerror or e} (try another --port)") from None


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/{DB_NAME}"


def serve(path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve ``path`` until interrupted. The database must be migrated already (``prepare``)."""
    import asyncio

    import uvicorn

    ds = build(path)
    check_address(host, port)
    # datasette prints every error page's exception with its locals when Rich is installed (as it
    # is here): a mistyped URL or SQL in the browser would fill the terminal; unexpected errors
    # (500) still print their traceback
    import datasette.handle_exception

    datasette.handle_exception.rich = None
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), **uvicorn_options(host, port))


def prepare(path: str | Path) -> None:
    """Bring the database up to date before it is served read-only: its migrations (the views
    among them) and the people of the current gazetteer; a file that cannot be written is served
    as it is, if it is migrated."""
    from ..store import Store
    from . import schema

    store = Store(path, create=False)
    try:
        if not store.readonly and not schema.people_current(store.conn):
            with store.transaction() as conn:  # (waits for an ingest's lock only when needed)
                schema.sync_people(conn)
    finally:
        store.close()
