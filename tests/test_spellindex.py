"""The spelling index (issue 13, item 2): the vocabulary by length with bitmaps of where letters
stand, written with the search index and read by ``search.spellings`` to find a word's near
spellings. Checked against the vocabulary itself and against scoring every stored stem."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from astana_cli import index, spellindex
from astana_cli.search import spellings
from astana_cli.search.scoring import REFUND_FROM, SCALE
from astana_cli.store import Store

LETTERS = "ابتثجحدرسشعفقكلمنهوي"
words = st.text(alphabet=LETTERS, min_size=1, max_size=9)


def vocabulary_db(vocab: dict[str, int]) -> sqlite3.Connection:
    """An in-memory database whose search index holds each stem in ``vocab`` in that many
    sentences (the shape ``index`` keeps)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE sentences (id INTEGER PRIMARY KEY, terms TEXT)")
    for ddl in index.INDEX_DDL:
        conn.execute(ddl)
    rows = [(stem,) for stem, k in vocab.items() for _ in range(k)]
    conn.executemany("INSERT INTO sentences (terms) VALUES (?)", rows)
    index.index_new(conn, 1)
    index.refresh_vocab(conn)
    return conn


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(words, st.integers(1, 3), min_size=1, max_size=60), words)
def test_the_index_holds_every_stem_with_its_count(vocab, other):
    ix = spellindex.SpellIndex(vocabulary_db(vocab))
    assert ix.total() == len(vocab)
    for stem, k in vocab.items():
        assert ix.count(stem) == k
    if other not in vocab:
        assert ix.count(other) is None


def test_stems_are_found_across_chunks(monkeypatch):
    """Terms and counts are kept in chunks (``CHUNK`` stems); a look-up reads the one chunk its
    stem is in, found by the chunks' first stems."""
    monkeypatch.setattr(spellindex, "CHUNK", 3)
    vocab = {s: i % 5 + 1 for i, s in enumerate(["ابت", "ابث", "اجد", "بدر", "بسم", "تلك", "ثوب", "جمل", "حرب", "خفض", "دول"])}
    ix = spellindex.SpellIndex(vocabulary_db(vocab))
    assert all(ix.count(s) == k for s, k in vocab.items())
    assert ix.count("ااا") is None and ix.count("يوم") is None and ix.count("خفظ") is None
    assert sorted(ix.stems(3, ix.full(3))[0]) == sorted(vocab)


def test_an_index_is_read_with_the_chunk_size_it_was_written_with(monkeypatch):
    """The chunk size is part of the stored index: one written with another ``CHUNK`` (or before
    the size was stored: 2,048) is read as written, not with the module's."""
    vocab = {s: i + 1 for i, s in enumerate(["ابت", "ابث", "اجد", "بدر", "بسم", "تلك", "ثوب"])}
    monkeypatch.setattr(spellindex, "CHUNK", 2)
    conn = vocabulary_db(vocab)
    monkeypatch.setattr(spellindex, "CHUNK", 5)
    ix = spellindex.SpellIndex(conn)
    assert ix.chunk == 2 and all(ix.count(s) == k for s, k in vocab.items())
    conn.execute(f"UPDATE [{spellindex.SPELL_TABLE}] SET data = NULL WHERE n = -1")
    assert spellindex.SpellIndex(conn).chunk == 2048


@settings(max_examples=40, deadline=None)
@given(st.lists(words, min_size=1, max_size=60, unique=True), st.sampled_from(LETTERS))
def test_the_bitmaps_say_where_each_letter_stands(stems, letter):
    ix = spellindex.SpellIndex(vocabulary_db(dict.fromkeys(stems, 1)))
    for n in ix.lengths():
        everyone, _ = ix.stems(n, ix.full(n))
        assert sorted(everyone) == sorted(s for s in stems if len(s) == n)
        assert set(ix.stems(n, ix.bitmap(n, letter))[0]) == {s for s in everyone if letter in s}
        for name, p in spellindex.POSITIONS.items():
            got = set(ix.stems(n, ix.bitmap(n, letter, name))[0])
            assert got == {s for s in everyone if -n <= p < n and s[p] == letter}, name


def brute_near(vocab, q: str, budget: int, min_score: float = 80.0) -> dict[str, int]:
    """Every stored stem within ``budget`` of ``q`` as whole words (``_word_cost``), by reading
    them all."""
    out = {}
    for s in vocab:
        c = spellings._word_cost(Indel.distance(q, s), len(s) - len(q) if len(q) >= REFUND_FROM else 0, min_score)
        if c <= budget:
            out[s] = c
    return out


def cut(near: dict[str, int], enough: int) -> dict[str, int]:
    """What ``_expansions_of`` keeps: the levels under the one that takes the count past ``enough``."""
    by_cost = sorted(near.values())
    if len(by_cost) <= enough:
        return near
    return {s: c for s, c in near.items() if c < by_cost[enough]}


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=120, unique=True), st.text(alphabet=LETTERS, min_size=1, max_size=4),
       st.integers(1, 8), st.sampled_from([5, 20, 10**6]))
def test_a_short_word_finds_every_stem_within_its_cost(stems, q, budget, enough):
    """For words of four letters or fewer the index's filters only drop stems that cannot be
    within the cost: the spellings are those of reading every stem, cut at the same level."""
    conn = vocabulary_db(dict.fromkeys(stems, 1))
    spellings._INDEXES.clear()
    got = spellings._near_stems(conn, q, budget, "", enough=enough)
    assert cut(got, enough) == cut(brute_near(stems, q, budget), enough)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=LETTERS[:8], min_size=1, max_size=7), min_size=20, max_size=150, unique=True),
       st.text(alphabet=LETTERS[:8], min_size=2, max_size=6), st.integers(2, 8), st.integers(0, 6), st.sampled_from(["", "both", "prefix"]))
def test_a_listing_taken_further_is_the_listing_taken_that_far_at_once(stems, q, budget, first, edge):
    """A query of several words lists a few spellings a word first and more only when its plan
    needs them: the listing goes on where it stopped, and ends where one listing that far ends."""
    conn = vocabulary_db(dict.fromkeys(stems, 1))
    spellings._INDEXES.clear()
    spellings._near_stems(conn, q, budget, edge, enough=first)
    counts: dict[str, int] = {}
    went_on = spellings._near_stems(conn, q, budget, edge, counts=counts, enough=first + 40)
    spellings._INDEXES.clear()  # a new index: nothing listed
    fresh_counts: dict[str, int] = {}
    assert went_on == spellings._near_stems(conn, q, budget, edge, counts=fresh_counts, enough=first + 40)
    assert counts == fresh_counts == dict.fromkeys(went_on, 1)


def test_listings_go_with_the_index_they_read():
    """A listing holds the spelling index it reads (its bitmaps and stems, megabytes at 100,000
    articles): reading another database's index lets go of the listings of the one before."""
    first, second = vocabulary_db({"خفض": 2, "خفظ": 1}), vocabulary_db({"تصعيد": 1, "تصعيذ": 1})
    assert spellings._near_stems(first, "خفض", 4, "") == {"خفض": 0, "خفظ": 2 * SCALE}
    held = spellings._index(first)
    assert any(listing.ix is held for listing in spellings._LISTINGS.values())
    assert spellings._near_stems(second, "تصعيد", 4, "") == {"تصعيد": 0, "تصعيذ": 2 * SCALE}
    assert spellings._LISTINGS and all(listing.ix is spellings._index(second)
                                       for listing in spellings._LISTINGS.values())


@settings(max_examples=40, deadline=None)
@given(st.lists(words, min_size=1, max_size=120, unique=True), st.text(alphabet=LETTERS, min_size=5, max_size=9))
def test_a_longer_word_finds_the_stems_one_end_keeps(stems, q):
    """Longer words keep the look-up's old reach: every stem within the cost whose first or last
    two letters are the word's (one letter deleted) is found."""
    conn = vocabulary_db(dict.fromkeys(stems, 1))
    spellings._INDEXES.clear()
    budget = SCALE * 4
    got = spellings._near_stems(conn, q, budget, "", enough=10**6)
    want = brute_near(stems, q, budget)
    heads = {q[:2], q[0] + q[2], q[1:3]}
    tails = {q[-2:], q[-3] + q[-1], q[-3:-1]}
    for s, c in want.items():
        if s[:2] in heads or s[-2:] in tails:
            assert got.get(s) == c, s
    assert all(want.get(s) == c for s, c in got.items())  # nothing beyond the cost


def test_a_stem_past_the_basic_plane_is_kept_and_found():
    conn = vocabulary_db({"خفض": 2, "خفض\U0001d49c": 1, "نار": 1})
    spellings._INDEXES.clear()
    ix = spellindex.SpellIndex(conn)
    assert ix.total() == 3 and ix.count("خفض\U0001d49c") == 1 and ix.count("خفض") == 2
    assert spellings._near_stems(conn, "خفض", 6, "") == {"خفض": 0, "خفض\U0001d49c": SCALE}


def test_a_part_of_a_longer_stem_costs_its_distance_and_the_lost_space():
    conn = vocabulary_db({"خفضت": 1, "تخفض": 1, "خفضها": 1, "نار": 1})
    spellings._INDEXES.clear()
    # «خفضها» as a whole is two letters more (2 indels); the last word of a query may match its
    # start, «خفض», as it is: a part at distance 0, plus the lost space. Its end is no part.
    assert spellings._near_stems(conn, "خفض", 6, "prefix") == {"تخفض": SCALE, "خفضت": SCALE, "خفضها": SCALE}
    assert spellings._near_stems(conn, "خفض", 6, "suffix") == {"تخفض": SCALE, "خفضت": SCALE, "خفضها": 2 * SCALE}


def test_the_index_follows_every_ingest_and_the_migration_builds_it(tmp_path):
    path = tmp_path / "a.db"
    store = Store(path)
    with store.conn:
        store.conn.execute("INSERT INTO articles (id, path, file, sha256, text) VALUES (1, 'a', 'a', 'x', 'خفض التصعيد')")
        store.conn.execute('INSERT INTO sentences (id, article_id, idx, para, start, "end", terms) VALUES (1, 1, 0, 0, 0, 11, ?)',
                           ["خفض تصعيد"])
        index.index_new(store.conn, 1)
    index.refresh_vocab(store.conn)
    assert spellindex.SpellIndex(store.conn).count("تصعيد") == 1
    # a database of the schema before the index: its vocabulary table goes, the index is written
    store.conn.execute(f"DROP TABLE {spellindex.SPELL_TABLE}")
    store.conn.execute("CREATE TABLE search_vocab (term TEXT PRIMARY KEY, rterm TEXT NOT NULL, cnt INTEGER NOT NULL) WITHOUT ROWID")
    store.conn.execute("DELETE FROM _astana_migrations WHERE name = 'm009_spelling_index'")
    store.conn.execute(f"PRAGMA user_version = {len(__import__('astana_cli.store').store.MIGRATIONS) - 1}")
    store.close()
    store = Store(path)
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert "search_vocab" not in names and spellindex.is_built(store.conn)
    assert spellindex.SpellIndex(store.conn).count("خفض") == 1
    store.close()


@pytest.mark.parametrize("q", ["دي", "خفض", "ادلب", "استانا"])
def test_the_bundled_corpus_spellings_are_within_the_cost(corpus_db, q):
    conn = sqlite3.connect(corpus_db)
    spellings._INDEXES.clear()
    ix = spellindex.SpellIndex(conn)
    stems = [s for n in ix.lengths() for s in ix.stems(n, ix.full(n))[0]]
    budget = min(SCALE * len(q), 6)
    got = spellings._near_stems(conn, q, budget, "", enough=10**6)
    assert got and got == {s: c for s, c in brute_near(stems, q, budget).items() if s in got}
    if len(q) <= 4:
        assert got == brute_near(stems, q, budget)


def test_a_word_whose_first_spellings_narrow_nothing_is_listed_again(monkeypatch, tmp_path):
    """Where the levels of ``MAX_STEMS`` spellings leave a plan that cannot narrow the candidates
    (a short word with many spellings one letter away), the word is listed again four times as
    far, and the search stays exact (against brute force), never a scan of every sentence."""
    from astana_cli.search import engine, plan
    from test_search import add, make_db

    db = make_db(tmp_path / "s.db")
    for i, w in enumerate(["ادب", "ادبي", "اديب", "ادبا", "مادب", "ادبه", "نار", "سلم", "قلم"]):
        add(db, f"قال الكاتب إن {w} جميل. وذهب الوفد إلى المدينة.", f"{i}.txt")
    index.refresh_vocab(db.conn)
    spellings._INDEXES.clear()
    spellings._EXPANSIONS.clear()
    monkeypatch.setattr(plan, "MAX_STEMS", 2)
    asked = []
    real = plan._best_plan
    monkeypatch.setattr(plan, "_best_plan", lambda *a: asked.append(a[-1]) or real(*a))
    ids = plan._candidate_ids(db.conn, ["ادب"], 80.0)
    everyone = db.conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
    assert asked == [2, 8] and ids is not None and 0 < len(ids) < everyone
    found = {h.sentence_id for h in engine.search(db, "ادب", limit=1000).hits}
    assert found == set(engine.brute_force(db, "ادب")) and found


def test_a_length_with_characters_cp1256_lacks_is_kept_in_utf16():
    """Stems are kept one byte a letter in cp1256; a length holding any other character of the
    Basic Multilingual Plane (Kurdish «ە», a Chinese name) is kept in UTF-16, and found alike."""
    vocab = {"خفض": 3, "کوردە": 1, "中国": 2, "ابت": 1}
    conn = vocabulary_db(vocab)
    spellings._INDEXES.clear()
    ix = spellindex.SpellIndex(conn)
    keys = {k.split(":")[0] for (k,) in conn.execute("SELECT key FROM search_spell WHERE n > 0")}
    assert {"terms", "terms16"} <= keys
    assert all(ix.count(s) == k for s, k in vocab.items())
    assert spellings._near_stems(conn, "کورده", 4, "") == {"کوردە": SCALE * 2}
