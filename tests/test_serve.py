"""``astana serve``: the views of migration m008, the people tables, and the datasette site through
datasette's own test client (pages, JSON, the canned search, read-only, 127.0.0.1)."""
from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from astana_cli import queries
from astana_cli.store import Store
from astana_cli.text.arabic import normalize

needs_datasette = pytest.mark.skipif(importlib.util.find_spec("datasette") is None,
                                     reason="datasette is not installed (pip install -e '.[web]')")

DE_MISTURA_TYPED = "دى مستورا"  # as a user may type it: ى for ي, no ي after the م
DE_MISTURA = [normalize(s) for s in ("دي ميستورا", "دي مستورا")]  # the spellings of the corpus


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def served(corpus_db, tmp_path) -> Path:
    path = tmp_path / "served.db"
    shutil.copy(corpus_db, path)
    return path


def fetch(path: Path, *requests):
    """Each request (a URL, or (URL, params)) through a new ``Datasette`` on ``path``: the responses."""
    from astana_cli.serve import site

    async def go():
        ds = site.build(path)
        out = []
        for r in requests:
            url, params = (r, None) if isinstance(r, str) else r
            out.append(await ds.client.get(url, params=params))
        return out

    return asyncio.run(go())


# --- the views and tables (no datasette needed) --------------------------------------------------


def test_views_read_like_the_cli(corpus_db):
    store = Store(corpus_db, create=False, readonly=True)
    try:
        rows = store.query("SELECT * FROM quotes_view ORDER BY id")
        assert len(rows) == store.count("quotes") > 0
        cli = queries.quotes(store, all_copies=True)
        key = lambda r: (r["file"], r["speaker"], r["words" if "words" in r else "text"], r["round"])
        assert sorted(map(key, rows)) == sorted(map(key, cli))
        cal = {r["round"]: r for r in store.query('SELECT * FROM rounds')}
        for r in rows:
            if r["round"] is not None:
                assert (r["round_start"], r["round_end"]) == (cal[r["round"]]["start"], cal[r["round"]]["end"])
        by_file = {r["file"]: r for r in queries.articles(store)}
        for r in rows:
            assert (r["title"], r["published"], r["outlet"]) == \
                (by_file[r["file"]]["title"], by_file[r["file"]]["published"], by_file[r["file"]]["outlet"])
        # sentences are their spans of the article text
        sentences = store.query("SELECT id, text FROM sentences_view")
        assert len(sentences) == store.count("sentences")
        for quote in store.query("SELECT q.text, v.text AS sentence FROM quotes q JOIN sentences_view v "
                                 "ON v.id = q.sentence_id"):
            assert normalize(quote["text"])[:20] in normalize(quote["sentence"])
        # articles without their text; rounds as in `astana rounds`
        arts = store.query("SELECT * FROM articles_view")
        assert "text" not in arts[0] and len(arts) == store.count("articles")
        cli_rounds = {r["round"]: r for r in queries.rounds(store, all=True, all_copies=True)}
        for r in store.query("SELECT * FROM rounds_view"):
            assert (r["articles"], r["mentioned_in"], r["quotes"]) == \
                (cli_rounds[r["round"]]["main"], cli_rounds[r["round"]]["mentioned"], cli_rounds[r["round"]]["quotes"])
        assert [r["round"] for r in store.query("SELECT round FROM rounds_view")] == list(range(1, 23))
    finally:
        store.close()


def test_people_from_the_gazetteer(corpus_db):
    from astana_cli.extract.speakers import Gazetteer

    gaz = Gazetteer.load()
    store = Store(corpus_db, create=False, readonly=True)
    try:
        people = {r["id"]: r for r in store.query("SELECT * FROM people")}
        assert set(people) == {p.id for p in gaz.people}
        dm = people["de_mistura"]
        assert dm["name"] == "Staffan de Mistura"
        assert DE_MISTURA[0] in [normalize(n) for n in json.loads(dm["names_ar"])]
        roles = store.query("SELECT * FROM person_roles WHERE person_id = 'de_mistura'")
        assert roles and roles[0]["year_from"] == 2014 and roles[0]["year_to"] == 2018
        # every quoted known person is in people
        assert not store.query("SELECT 1 FROM quotes WHERE speaker_id IS NOT NULL "
                               "AND speaker_id NOT IN (SELECT id FROM people)")
        pv = {r["id"]: r for r in store.query("SELECT * FROM people_view")}
        assert pv["lavrentiev"]["quotes"] == store.count("quotes") - store.query(
            "SELECT COUNT(*) AS n FROM quotes WHERE speaker_id IS NOT 'lavrentiev'")[0]["n"] > 0
    finally:
        store.close()


def test_an_older_database_gets_the_views(served):
    con = sqlite3.connect(served)
    for view in ("quotes_view", "sentences_view", "articles_view", "rounds_view", "people_view"):
        con.execute(f"DROP VIEW {view}")
    con.execute("DROP TABLE person_roles")
    con.execute("DROP TABLE people")
    con.execute("DELETE FROM _astana_migrations WHERE name = 'm008_views_and_people'")
    con.execute("PRAGMA user_version = 6")
    con.commit()
    con.close()
    store = Store(served)  # migrates
    try:
        assert store.count("quotes_view") == store.count("quotes")
        assert store.count("people") > 40
    finally:
        store.close()


def test_prepare_rewrites_people_from_the_current_gazetteer(served):
    from astana_cli.serve import site

    con = sqlite3.connect(served)
    con.execute("UPDATE people SET name = 'someone else' WHERE id = 'de_mistura'")
    con.execute("DELETE FROM person_roles WHERE person_id = 'lavrentiev'")
    con.commit()
    con.close()
    site.prepare(served)
    con = sqlite3.connect(served)
    assert con.execute("SELECT name FROM people WHERE id = 'de_mistura'").fetchone()[0] == "Staffan de Mistura"
    assert con.execute("SELECT COUNT(*) FROM person_roles WHERE person_id = 'lavrentiev'").fetchone()[0] == 2
    con.close()
    before = sha(served)
    site.prepare(served)  # up to date: nothing written
    assert sha(served) == before


# --- the site ------------------------------------------------------------------------------------


@needs_datasette
def test_pages_and_json(served):
    index, db, page, css, plugins = fetch(served, "/", "/astana.json", "/astana/quotes_view", "/-/astana.css",
                                          "/-/plugins.json")
    assert index.status_code == 200 and "Astana talks" in index.text
    assert 'href="/astana/quotes_view"' in index.text and 'href="/astana/search"' in index.text
    names = {t["name"] for t in db.json()["tables"] + db.json()["views"]}
    assert {"quotes_view", "sentences_view", "articles_view", "rounds_view", "people_view", "people",
            "person_roles", "rounds"} <= names
    hidden = {t["name"] for t in db.json()["tables"] if t["hidden"]}
    assert {"search_spell", "article_sketch", "_astana_migrations"} <= hidden
    assert page.status_code == 200 and "<h1" in page.text and "Quotes" in page.text
    assert '/-/astana.css' in page.text  # right-to-left cells on every page
    assert css.status_code == 200 and "unicode-bidi: plaintext" in css.text
    assert css.headers["content-type"].startswith("text/css")
    assert any("render_cell" in p["hooks"] and "prepare_connection" in p["hooks"] for p in plugins.json())


@needs_datasette
def test_a_quote_row_has_speaker_words_title_outlet_date_and_round(served):
    (r,) = fetch(served, ("/astana/quotes_view.json", {"person_id": "bogdanov", "_shape": "array"}))
    rows = r.json()
    store = Store(served, create=False, readonly=True)
    try:
        cli = queries.quotes(store, speaker=queries.Speaker(ids=["bogdanov"]), all_copies=True)
        cal = {r["round"]: r for r in store.query("SELECT * FROM rounds")}
    finally:
        store.close()
    assert rows and sorted(x["words"] for x in rows) == sorted(q["text"] for q in cli)
    for x, q in zip(sorted(rows, key=lambda x: x["words"]), sorted(cli, key=lambda q: q["text"])):
        assert x["speaker"] == "Mikhail Bogdanov" and normalize(x["speaker_ar"])
        assert (x["published"], x["outlet"], x["round"], x["file"]) == \
            (q["published"], q["outlet"], q["round"], q["file"])
        assert x["title"] and x["outlet"] and x["published"] and x["round"] is not None
        assert (x["round_start"], x["round_end"]) == (cal[x["round"]]["start"], cal[x["round"]]["end"])
    # the page shows them in one row
    (page,) = fetch(served, ("/astana/quotes_view", {"person_id": "bogdanov"}))
    row = page.text.split("<tbody>")[1].split("</tr>")[0]
    x = rows[0]
    for value in (x["speaker"], x["words"], x["title"], x["outlet"], x["published"], f">{x['round']}<"):
        assert str(value).replace('"', "&#34;") in row or str(value) in row, value


@needs_datasette
def test_facets_and_links(served):
    facets, page, rounds = fetch(served, "/astana/quotes_view.json", "/astana/quotes_view?person_id=lavrentiev",
                                 ("/astana/rounds_view.json", {"round": "5", "_shape": "array"}))
    assert {"speaker", "round", "outlet", "kind"} <= set(facets.json()["facet_results"])
    speakers = {f["value"]: f["count"] for f in facets.json()["facet_results"]["speaker"]["results"]}
    assert speakers["Alexander Lavrentiev"] > 1
    assert 'href="/astana/people/lavrentiev"' in page.text
    assert 'href="/astana/rounds_view?round=' in page.text
    assert 'href="/astana/articles/' in page.text
    (person,) = fetch(served, "/astana/people/de_mistura")
    assert 'href="/astana/quotes_view?person_id=de_mistura"' in person.text
    spellings = person.text.split('<td class="col-names_ar')[1].split("</td>")[0]
    assert " · " in spellings and "[" not in spellings
    (r5,) = rounds.json()
    assert r5["start"] == "2017-07-04" and r5["quotes"] > 0


@needs_datasette
def test_sql_functions(served):
    word = "أستانة"
    (r,) = fetch(served, ("/astana.json", {"sql": "select astana_normalize(:w) as n, astana_terms(:p) as t",
                                           "w": word, "p": "والمعارضة السورية", "_shape": "array"}))
    from astana_cli import search

    (row,) = r.json()
    assert row["n"] == normalize(word)
    assert row["t"] == search.terms(normalize("والمعارضة السورية"))


@needs_datasette
def test_canned_search_finds_de_mistura_in_any_spelling(served):
    found, words, empty = fetch(served, ("/astana/search.json", {"q": DE_MISTURA_TYPED, "_shape": "array"}),
                                ("/astana/words.json", {"words": DE_MISTURA_TYPED, "_shape": "array"}),
                                ("/astana/search.json", {"q": "", "_shape": "array"}))
    hits = found.json()
    assert found.status_code == 200 and hits
    con = sqlite3.connect(served)
    want = {i for i, text in con.execute("SELECT id, text FROM sentences_view")
            if any(s in normalize(text) for s in DE_MISTURA)}
    con.close()
    assert len(want) >= 4
    assert {h["sentence_id"] for h in hits} >= want  # both spellings, from the one typed
    assert all(any(s in normalize(h["sentence"]) for s in DE_MISTURA) for h in hits)
    assert any("Staffan de Mistura" in (h["speakers"] or "") for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert all(h["title"] and h["published"] and h["file"] for h in hits)
    # the plain word match finds only the spelling typed (less the ي): the fuzzy one finds more
    assert 0 < len(words.json()) < len(hits)
    assert empty.status_code == 200 and empty.json() == []
    # with a round: only the articles about it (de Mistura's sentences are in rounds 5, 6 and 8)
    r5, bad, r99 = fetch(served, ("/astana/search.json", {"q": DE_MISTURA_TYPED, "round": "5", "_shape": "array"}),
                         ("/astana/search.json", {"q": DE_MISTURA_TYPED, "round": "five", "_shape": "array"}),
                         ("/astana/search.json", {"q": DE_MISTURA_TYPED, "round": "99", "_shape": "array"}))
    con = sqlite3.connect(served)
    about5 = {a for (a,) in con.execute("SELECT article_id FROM article_rounds WHERE round = 5")}
    con.close()
    assert r5.json() and {h["article_id"] for h in r5.json()} <= about5 and len(r5.json()) < len(hits)
    assert bad.json() == [] and r99.json() == []
    # the search page itself: a form for q, the hits in a table
    (page,) = fetch(served, ("/astana/search", {"q": DE_MISTURA_TYPED}))
    assert page.status_code == 200 and 'name="q"' in page.text and "<mark>" in page.text
    assert 'name="round"' in page.text


@needs_datasette
def test_writes_are_refused(served):
    from astana_cli.serve import site

    before = sha(served)
    delete, insert = fetch(served, ("/astana.json", {"sql": "delete from people"}),
                           ("/astana.json", {"sql": "insert into rounds (round) values (99)"}))
    assert delete.status_code == 400 and insert.status_code == 400

    async def write():
        ds = site.build(served)
        await ds.invoke_startup()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await ds.databases[site.DB_NAME].execute_write("DELETE FROM people")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):  # a read connection too
            await ds.databases[site.DB_NAME].execute_fn(lambda conn: conn.execute("DELETE FROM quotes"))

    asyncio.run(write())
    con = sqlite3.connect(served)
    assert con.execute("SELECT COUNT(*) FROM people").fetchone()[0] > 40
    con.close()
    assert sha(served) == before


# --- the command ---------------------------------------------------------------------------------


def test_binds_127_0_0_1_by_default(run, db_path, corpus_db, monkeypatch):
    from astana_cli.serve import site

    shutil.copy(corpus_db, db_path)
    calls = []
    monkeypatch.setattr(site, "require_datasette", lambda: None)
    monkeypatch.setattr(site, "serve", lambda path, host, port: calls.append((Path(path), host, port)))
    r = run("serve")
    assert r.exit_code == 0, r.output
    assert calls == [(db_path, "127.0.0.1", 8001)]
    assert "http://127.0.0.1:8001/astana" in r.output and "read-only" in r.output
    r = run("serve", "--host", "0.0.0.0", "--port", "9100")
    assert r.exit_code == 0 and calls[-1][1:] == ("0.0.0.0", 9100)
    assert site.uvicorn_options()["host"] == "127.0.0.1"
    assert site.uvicorn_options("::1", 9)["host"] == "::1"


def test_without_datasette_one_line_and_non_zero(run, db_path, corpus_db, monkeypatch):
    shutil.copy(corpus_db, db_path)
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    r = run("serve")
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == ["astana: error: astana serve needs datasette: pip install "
                                             "'astana-cli[web]'"] or "pip install 'astana-cli[web]'" in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1


@needs_datasette
def test_bad_options_and_databases(run, db_path, corpus_db, tmp_path):
    shutil.copy(corpus_db, db_path)
    assert run("serve", "--port", "0").exit_code == 2
    assert run("serve", "--port", "70000").exit_code == 2
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        r = run("serve", "--port", port)
    assert r.exit_code == 1 and "cannot listen on 127.0.0.1:" in r.output and "Traceback" not in r.output
    r = run("--db", tmp_path, "serve")
    assert r.exit_code == 1 and "is a directory" in r.output and len(r.output.strip().splitlines()) == 1
    bad = tmp_path / "not.db"
    bad.write_text("hello")
    r = run("--db", bad, "serve")
    assert r.exit_code == 1 and "not an SQLite database" in r.output


def _listening(port: int) -> list[str]:
    """The local addresses listening on ``port`` (Linux /proc/net/tcp*), as hex strings."""
    out = []
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for ln in lines:
            local, state = ln.split()[1], ln.split()[3]
            addr, p = local.split(":")
            if int(p, 16) == port and state == "0A":
                out.append(addr)
    return out


@needs_datasette
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from /proc")
def test_the_server_listens_on_loopback_only_and_stops_on_ctrl_c(served, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, ASTANA_DB=str(served), NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "astana_cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/astana/rounds_view.json?_shape=array",
                                            timeout=5) as resp:
                    body = json.loads(resp.read())
                break
            except OSError:
                time.sleep(0.2)
        assert body and len(body) == 22, proc.stdout.read() if proc.poll() is not None else "no answer"
        assert _listening(port) == ["0100007F"]  # 127.0.0.1, nothing else
    finally:
        proc.send_signal(2)  # Ctrl-C
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert proc.returncode == 0, out
    assert "Traceback" not in out
