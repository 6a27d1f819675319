"""search.py: matching, the index against brute force, filters, concepts, hostile queries."""
from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from astana_cli import index, search
from astana_cli.search import QueryError, engine
from astana_cli.text import arabic

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REFERENCE = ROOT / "tests" / "gold" / "corpus_reference.json"


# --- databases in the store's shape ------------------------------------------------------------
# Small hand-made databases in the store's shape (the same tables and columns search reads, written
# the way the store writes them), for tests that need exact sources, dates, rounds and quotes; the
# corpus tests use the real database (the shared ``corpus_db`` fixture).


def make_db(path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db["articles"].create({"id": int, "path": str, "file": str, "title": str, "published": str,
                           "source": str, "text": str}, pk="id")
    db["sentences"].create({"id": int, "article_id": int, "idx": int, "para": int, "start": int,
                            "end": int, "terms": str}, pk="id")
    db["article_rounds"].create({"article_id": int, "round": int, "role": str, "evidence": str,
                                 "confidence": float, "start": int, "end": int})
    db["quotes"].create({"id": int, "article_id": int, "sentence_id": int, "speaker": str,
                         "speaker_id": str, "text": str, "start": int, "end": int}, pk="id")
    index.create_index(db)
    return db


def add(db, text: str, file: str, **extra) -> int:
    conn = db.conn
    with conn:
        article_id = conn.execute(
            "INSERT INTO articles (path, file, title, published, source, text) VALUES (?,?,?,?,?,?)",
            [file, file, extra.get("title"), extra.get("published"), extra.get("source"), text]).lastrowid
        first = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sentences").fetchone()[0]
        rows = [(first + i, article_id, i, s, e, search.terms(arabic.normalize(text[s:e])))
                for i, (s, e) in enumerate(arabic.sentences(text))]
        conn.executemany('INSERT INTO sentences (id, article_id, idx, para, start, "end", terms)'
                         " VALUES (?,?,?,0,?,?,?)", rows)
        index.index_new(conn, first)
    return article_id


@pytest.fixture(scope="module")
def corpus(corpus_db):
    """The real database of corpus/ (Store + ingest_paths, shared with the other test modules)."""
    db = sqlite_utils.Database(corpus_db)
    yield db
    db.close()


@pytest.fixture
def small(tmp_path):
    return make_db(tmp_path / "small.db")


def files(result) -> set[str]:
    return {h.file for h in result.hits}


# --- matching ----------------------------------------------------------------------------------


def test_reference_probes(corpus):
    probes = json.loads(REFERENCE.read_text(encoding="utf-8"))["search"]
    assert probes
    for probe in probes:
        got = files(search.search(corpus, probe["query"], limit=1000))
        assert set(probe["must_find"]) <= got, probe["query"]
        assert not set(probe.get("must_not_find", [])) & got, probe["query"]


@pytest.mark.parametrize("query, spellings", [
    ("خفض التصعيد", ["خفض تصعيد", "لخفض التصعيد", "وخفض التصعيد", "خفض التّصعيد"]),
    ("استانة", ["أستانة", "أستانا", "استانا", "آستانة", "بالأستانا"]),
    ("لافرنتييف", ["لافرينتييف", "لافرينتيف"]),
    ("دي ميستورا", ["دي مستورا", "دى ميستورا"]),
    ("وقف اطلاق النار", ["وقف إطلاق النار"]),
])
def test_spelling_variants_are_found(small, query, spellings):
    for i, s in enumerate(spellings):
        add(small, f"قال المصدر إن {s} كان موضوع الجولة.", f"{i}.txt")
    add(small, "وتحدث الوفد عن مناطق خفض التوتر في الجنوب.", "other.txt")
    got = search.search(small, query)
    assert {h.match for h in got.hits} == set(spellings)
    assert got.total_sentences == len(spellings)
    assert all(0 < h.score <= 100 for h in got.hits)


def test_synonym_and_unrelated_text_stay_below_the_default(small):
    add(small, "ناقش الوفد حدود مناطق خفض التوتر في الجنوب.", "a.txt")
    add(small, "أهم التصنيفات والمواضيع الأكثر قراءة.", "b.txt")
    assert search.search(small, "خفض التصعيد").total_sentences == 0
    # the score is graded: with a low threshold the synonym appears, well below the default
    low = search.search(small, "خفض التصعيد", min_score=40)
    assert low.hits and max(h.score for h in low.hits) < search.DEFAULT_MIN_SCORE - 10


def test_hit_maps_back_to_the_original_text(small):
    text = "عنوان\nقال الكسندر لافرينتييف، رئيس الوفد، إن مناطق «خفض التّصعيد» ستتوسع قريباً في الشمال."
    add(small, text, "a.txt", title="t", published="2017-09-14")
    [hit] = search.search(small, "خفض التصعيد", context=3).hits
    assert hit.match == "خفض التّصعيد"  # original spelling, harakat kept
    assert text[hit.start:hit.end] == hit.match
    assert hit.left == "الوفد، إن مناطق «"  # three words
    assert hit.right.startswith("» ستتوسع قريباً في")
    assert (hit.file, hit.title, hit.published) == ("a.txt", "t", "2017-09-14")
    assert hit.sentence.startswith("قال الكسندر")


def test_exact_takes_the_normalized_phrase_literally(small):
    add(small, "مناطق خفض التصعيد في الشمال.", "a.txt")
    add(small, "مناطق خفض تصعيد في الجنوب.", "b.txt")
    add(small, "مناطق خفض التصعيذ في الغرب.", "c.txt")
    assert files(search.search(small, "خفض التّصعيد", exact=True)) == {"a.txt"}
    assert files(search.search(small, "خفض التصعيد")) == {"a.txt", "b.txt", "c.txt"}


def test_totals_count_beyond_the_limit_and_group_by_article(small):
    for i in range(3):
        add(small, "بدأت جولة أستانة. وانتهت جولة أستانا. وتحدثت الوفود.", f"{i}.txt")
    r = search.search(small, "استانة", limit=2)
    assert (len(r.hits), r.total_sentences, r.total_articles) == (2, 6, 3)
    g = search.search(small, "استانة", by="article")
    assert sorted((h.file, h.count) for h in g.hits) == [("0.txt", 2), ("1.txt", 2), ("2.txt", 2)]


# --- the word-window score (invented names, not from the corpus) ---------------------------------

INSERTED = [  # (query, the spelling in the text with inserted letters)
    ("سموفتري", "سمووفيتري"),
    ("دلمارين", "ديلماريين"),
    ("كاروبلدي", "كاريوبيلدي"),
    ("ايفان سموفتري", "ايفان سمووفيتري"),
]


@pytest.mark.parametrize("query, spelled", INSERTED)
def test_inserted_letters_are_found_with_the_word_as_match(small, query, spelled):
    add(small, f"وقال المبعوث {spelled} إن الجولة المقبلة ستعقد قريبا.", "a.txt")
    add(small, "وقال المبعوث إن الجولة المقبلة ستعقد قريبا.", "b.txt")
    r = search.search(small, query)
    assert files(r) == {"a.txt"}
    [hit] = r.hits
    assert hit.match.endswith(spelled.split()[-1]) and hit.score >= 90
    assert set(search.brute_force(small, query)) == {hit.sentence_id}  # the index admits it


def test_window_score_definition():
    q, s = "سموفتري", "اعلن سمووفيتري عن الجولة"
    partial = fuzz.partial_ratio(f" {q} ", f" {s} ")
    assert partial < 80 <= search.score(q, s)  # what the window adds
    assert search.score(q, s) == fuzz.ratio(f" {q} ", " سمووفيتري ")
    # independent of the cutoff: either the same score or 0 below it
    for cutoff in (0, 50, 79, 90, 91):
        got = search.score(q, s, cutoff)
        assert got == (search.score(q, s) if search.score(q, s) >= cutoff else 0)
    # no window where the letters are far (partial below the gate), and none shorter than the query
    assert search.score("زكرتوفان", "اعلن سمووفيتري") == fuzz.partial_ratio(" زكرتوفان ", " اعلن سمووفيتري ")
    assert search.score("استانا", "قال اانا امس") < 80  # «اانا» is two letters short: partial only
    # a synonym stays far below the default: the window ratio of «خفض توتر» is 67
    assert search.score("خفض تصعيد", "مناطق خفض توتر في الجنوب") < search.DEFAULT_MIN_SCORE - 10


@given(st.lists(st.text("ابتسدرلمنويك ", min_size=1, max_size=40), min_size=1, max_size=6),
       st.text("ابتسدرلمنويك ", min_size=1, max_size=20), st.sampled_from([0, 40, 60, 70, 80, 90]))
def test_score_many_is_score(sentences, query, cutoff):
    qt = " ".join(query.split())
    ts = [" ".join(x.split()) for x in sentences]
    if not qt:
        return
    many = dict(search.score_many(qt, ts, cutoff))
    for i, t in enumerate(ts):
        assert many.get(i, 0.0) == pytest.approx(search.score(qt, t, cutoff))


@given(st.lists(st.text("ابتسدرلمنويك ", min_size=1, max_size=40), min_size=1, max_size=8),
       st.text("ابتسدرلمنويك ", min_size=1, max_size=20), st.sampled_from([40, 60, 70, 80, 90]),
       st.integers(1, 4))
def test_score_many_with_a_page_keeps_the_set_and_the_head_of_the_ranking(sentences, query, cutoff, page):
    """With a page, scores that cannot change the first ``page`` hits are left as lower bounds."""
    qt = " ".join(query.split())
    ts = [" ".join(x.split()) for x in sentences]
    if not qt:
        return
    full = search.score_many(qt, ts, cutoff)
    paged = search.score_many(qt, ts, cutoff, page)
    assert {i for i, _ in paged} == {i for i, _ in full}
    assert all(sc <= dict(full)[i] + 1e-9 for i, sc in paged)

    def head(hits):
        return sorted(hits, key=lambda h: (-h[1], h[0]))[:page]

    assert head(paged) == head(full)


# --- one-word queries: the sure sentences are counted, not scored ------------------------------


def _scored_everything(monkeypatch):
    monkeypatch.setattr(engine, "_sure_terms", lambda *a: (None, None))


@pytest.mark.parametrize("query", ["استانا", "لافرنتييف", "ادلب", "المعارضة"])
@pytest.mark.parametrize("limit", [1, 5, 1000])
def test_counted_sure_sentences_equal_scoring_them(corpus, monkeypatch, query, limit):
    fast = search.search(corpus, query, limit=limit)
    # a short page is the head of the full ranking (scores of hits past a page of 100s are not refined)
    full = search.search(corpus, query, limit=100_000)
    assert [(h.sentence_id, h.score) for h in fast.hits] == [(h.sentence_id, h.score) for h in full.hits[:limit]]
    assert fast.total_sentences == full.total_sentences
    grouped = search.search(corpus, query, limit=limit, by="article")
    since = search.search(corpus, query, limit=limit, since="2018-01-01")
    _scored_everything(monkeypatch)
    slow = search.search(corpus, query, limit=limit)
    assert (fast.total_sentences, fast.total_articles) == (slow.total_sentences, slow.total_articles)
    assert [(h.sentence_id, h.score, h.match) for h in fast.hits] == [
        (h.sentence_id, h.score, h.match) for h in slow.hits]
    slow_grouped = search.search(corpus, query, limit=limit, by="article")
    assert [(h.file, h.count, h.score) for h in grouped.hits] == [
        (h.file, h.count, h.score) for h in slow_grouped.hits]
    slow_since = search.search(corpus, query, limit=limit, since="2018-01-01")
    assert (since.total_sentences, since.total_articles) == (slow_since.total_sentences, slow_since.total_articles)


def test_sure_sentences_many_spellings(small, monkeypatch):
    # the exact stem (score 100), sure near spellings (one letter off) and unsure ones, over articles
    for i in range(4):
        add(small, "وصل الوفد إلى زاركوف. ثم غادر زاركوفي. وقال زركوف كلمة. ونفى زاكورف ذلك.", f"{i}.txt")
    add(small, "وتحدث الوفد عن الجنوب.", "other.txt")
    got = [search.search(small, "زاركوف", limit=n) for n in (1, 3, 100)]
    _scored_everything(monkeypatch)
    want = [search.search(small, "زاركوف", limit=n) for n in (1, 3, 100)]
    for g, w in zip(got, want):
        assert (g.total_sentences, g.total_articles) == (w.total_sentences, w.total_articles)
        assert [(h.sentence_id, h.score) for h in g.hits] == [(h.sentence_id, h.score) for h in w.hits]
    assert got[2].total_sentences == len(search.brute_force(small, "زاركوف"))


def test_sure_bound_is_a_lower_bound():
    rng = random.Random(3)
    letters = "ابتدرسعفقلمنهوي"
    for _ in range(3000):
        q = "".join(rng.choice(letters) for _ in range(rng.randint(2, 9)))
        u = _typo(rng, _typo(rng, q)) if rng.random() < 0.8 else q[: rng.randint(1, len(q))]
        u = arabic.strip_clitics(u)
        left = " ".join("".join(rng.choice(letters) for _ in range(rng.randint(1, 6)))
                        for _ in range(rng.randint(0, 3)))
        right = " ".join("".join(rng.choice(letters) for _ in range(rng.randint(1, 6)))
                         for _ in range(rng.randint(0, 3)))
        sentence = " ".join(x for x in (left, u, right) if x)
        assert search.score(q, sentence) >= search._sure_bound(q, u) - 1e-9, (q, u, sentence)


# --- filters -----------------------------------------------------------------------------------


def test_filters(small):
    text = 'وقال لافرينتييف إن "خفض التصعيد ممكن". وأضاف أن خفض التصعيد يحتاج وقتا.'
    a = add(small, text, "a.txt", source="RT", published="2017-09-14")
    b = add(small, "تحدثوا عن خفض التصعيد في الجولة الثامنة.", "b.txt", source="AFP", published="2017-12-21")
    small["article_rounds"].insert_all([
        {"article_id": a, "round": 6, "role": "main", "confidence": 1, "start": 0, "end": 0},
        {"article_id": b, "round": 8, "role": "main", "confidence": 1, "start": 0, "end": 0}])
    q0 = text.index('"') + 1
    small["quotes"].insert({"article_id": a, "speaker": "Alexander Lavrentiev", "speaker_id": "lavrentiev",
                            "start": q0, "end": text.index('"', q0)})
    q = "خفض التصعيد"
    assert files(search.search(small, q)) == {"a.txt", "b.txt"}
    assert files(search.search(small, q, round=8)) == {"b.txt"}
    assert files(search.search(small, q, source="RT")) == {"a.txt"}
    assert files(search.search(small, q, since="2017-10-01")) == {"b.txt"}
    assert files(search.search(small, q, until="2017-10-01")) == {"a.txt"}
    assert files(search.search(small, q, article="b.txt")) == {"b.txt"}
    assert files(search.search(small, q, article=a)) == {"a.txt"}  # an id: the sentences' own index
    assert files(search.search(small, q, article=str(a))) == {"a.txt"}  # a name that is an id
    r = search.search(small, q, speaker="lavrentiev")
    assert r.total_sentences == 1 and r.hits[0].start >= q0  # the quoted one, not the paraphrase
    assert search.search(small, q, round=6).hits[0].round == 6


# --- concepts ----------------------------------------------------------------------------------


def test_expand_widens_through_the_lexicon(corpus):
    plain = files(search.search(corpus, "خفض التصعيد"))
    wide = search.search(corpus, "خفض التصعيد", expand=True, limit=1000)
    assert "002_1f11db680a8bc5e4.txt" not in plain and "002_1f11db680a8bc5e4.txt" in files(wide)
    assert {h.concept for h in wide.hits} == {"de-escalation"}
    assert "خفض التوتر" in {h.variant for h in wide.hits}
    by_name = search.search(corpus, "ceasefire", expand=True, limit=1000)
    assert by_name.hits and {h.concept for h in by_name.hits} == {"ceasefire"}


def test_concepts_lexicon_is_documented():
    records = search.concepts()
    ids = {r["concept"] for r in records}
    assert {"de-escalation", "ceasefire", "detainees", "guarantors"} <= ids
    assert all(r["variants"] and r["source"] for r in records)


# --- the index against brute force ------------------------------------------------------------


def _typo(rng: random.Random, phrase: str) -> str:
    ws = phrase.split()
    i = rng.randrange(len(ws))
    w, kind = ws[i], rng.randrange(4)
    j = rng.randrange(len(w))
    if kind == 0 and len(w) > 3:
        w = w[:j] + w[j + 1:]  # a letter dropped
    elif kind == 1:
        w = w[:j] + rng.choice("ابتدرسعفقلمنهوي") + w[j + 1:]  # a letter replaced
    elif kind == 2:
        w = w[:j] + rng.choice("اوي") + w[j:]  # a vowel letter added
    else:
        w = rng.choice(["و", "ب", "ال", "وال"]) + w  # a clitic added
    ws[i] = w
    return " ".join(ws)


def test_index_finds_what_brute_force_finds(corpus):
    rng = random.Random(5)
    sentences = [t[s:e] for t, s, e in corpus.conn.execute(
        'SELECT a.text, s.start, s."end" FROM sentences s JOIN articles a ON a.id = s.article_id')]
    found = wanted = 0
    for _ in range(60):
        ws = [w for _, _, w in arabic.words(rng.choice(sentences))]
        if len(ws) < 2:
            continue
        k = rng.randint(1, min(4, len(ws)))
        i = rng.randrange(len(ws) - k + 1)
        query = " ".join(ws[i:i + k])
        for _ in range(rng.randint(0, 2)):
            query = _typo(rng, query)
        brute = search.brute_force(corpus, query)
        got = {h.sentence_id for h in search.search(corpus, query, limit=100_000).hits}
        wanted += len(brute)
        found += len(set(brute) & got)
        assert got <= set(brute)  # the same scoring: nothing brute force would reject
    assert wanted > 100
    assert found / wanted >= 0.99


@given(st.data())
def test_any_phrase_of_a_sentence_finds_that_sentence(corpus, data):
    rows = corpus.conn.execute('SELECT s.id, substr(a.text, s.start + 1, s."end" - s.start) FROM sentences s'
                               " JOIN articles a ON a.id = s.article_id ORDER BY s.id").fetchall()
    sid, text = data.draw(st.sampled_from(rows))
    ws = [w for _, _, w in arabic.words(arabic.normalize(text))]
    k = data.draw(st.integers(1, min(5, len(ws))))
    i = data.draw(st.integers(0, len(ws) - k))
    hits = search.search(corpus, " ".join(ws[i:i + k]), limit=100_000).hits
    assert sid in {h.sentence_id for h in hits}
    assert max(h.score for h in hits if h.sentence_id == sid) == 100


# --- hostile queries ---------------------------------------------------------------------------

HOSTILE = ['"', '*', "NEAR", "AND", "(", ")", "OR OR", '"خفض', "خفض*", "NEAR(خفض تصعيد)", "a:b",
           "'; DROP TABLE sentences; --", "SELECT * FROM articles", "^", "-", "…،؟", "   ",
           "خفض " * 2500, "ا" * 5000, "\x00", "norm:خفض", "{norm}: خفض"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_results_or_a_clean_error(corpus, query):
    for exact in (False, True):
        try:
            r = search.search(corpus, query, exact=exact)
        except QueryError as e:
            assert "\n" not in str(e) and str(e)
        else:
            assert r.total_sentences >= len(r.hits) >= 0
    assert corpus.conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] > 0


@given(st.text(max_size=60))
def test_no_query_raises_an_sqlite_error(corpus, query):
    try:
        r = search.search(corpus, query, exact=len(query) % 2 == 0)
    except QueryError:
        return
    except sqlite3.Error as e:  # pragma: no cover - the failure being tested
        pytest.fail(f"sqlite error for {query!r}: {e}")
    assert r.total_articles <= r.total_sentences


def test_bad_options_are_query_errors(corpus):
    with pytest.raises(QueryError):
        search.search(corpus, "استانة", min_score=150)
    with pytest.raises(QueryError):
        search.search(corpus, "استانة", by="paragraph")


# --- the index as other tools see it -----------------------------------------------------------


def test_the_readme_sqlite_utils_search_runs(corpus_db):
    """The README's `sqlite-utils search … sentences 'جنيف' -c article_id -c start -c terms`."""
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "sqlite_utils", "search", str(corpus_db), "sentences", "جنيف",
                          "-c", "article_id", "-c", "start", "-c", "terms"], capture_output=True, text=True, check=True)
    rows = json.loads(out.stdout)
    assert rows and all("جنيف" in r["terms"].split() and r["start"] >= 0 for r in rows)


def test_sqlite_utils_sees_the_index(corpus):
    assert corpus["sentences"].detect_fts() == "sentences_fts"
    rows = list(corpus["sentences"].search("استانا"))
    assert rows and all("استانا" in r["terms"].split() for r in rows)


def test_index_is_created_for_existing_rows_and_follows_deletes(tmp_path):
    db = sqlite_utils.Database(tmp_path / "late.db")
    db["articles"].insert({"id": 1, "path": "a", "file": "a.txt", "title": None, "published": None,
                           "text": "وصل الوفد إلى أستانة."}, pk="id")
    db["sentences"].insert({"id": 1, "article_id": 1, "idx": 0, "para": 0, "start": 0, "end": 21,
                            "terms": search.terms(arabic.normalize("وصل الوفد إلى أستانة."))}, pk="id")
    assert files(search.search(db, "استانة")) == {"a.txt"}  # ensure_index built it
    db.conn.execute("DELETE FROM sentences")
    assert search.search(db, "استانة").total_sentences == 0


def test_two_words_written_as_one_are_found(small):
    add(small, "وصل الوفد إلى مدينة بيرسلطان صباح اليوم.", "joined.txt")
    add(small, "وصل الوفد إلى مدينة بير سلطان صباح اليوم.", "apart.txt")
    add(small, "غادر الوفد مدينة حلب مساء أمس.", "other.txt")
    assert files(search.search(small, "بير سلطان")) == {"joined.txt", "apart.txt"}
    assert files(search.search(small, "بيرسلطان")) >= {"joined.txt"}
    hit = next(h for h in search.search(small, "بير سلطان").hits if h.file == "joined.txt")
    assert hit.match == "بيرسلطان" and hit.score >= search.DEFAULT_MIN_SCORE


@pytest.mark.parametrize("rows", [1, 10**9])
def test_the_sentences_holding_many_terms_are_the_same_read_at_once_or_term_by_term(small, rows):
    """FTS5 steps every term of an OR for each row it yields, so the sentences holding one of
    many terms are read term by term when there are many rows (``plan.sentences_holding``):
    either way, the same sentences."""
    from astana_cli.search import plan

    words = [f"كلمة{chr(0x0628 + i % 20)}{chr(0x0628 + i // 20)}" for i in range(200)]
    for i in range(0, 200, 4):
        add(small, " ".join(words[i:i + 3]) + ". جملة اخرى بلا شيء.", f"{i}.txt")
    index.refresh_vocab(small.conn)
    terms_ = [search.terms(arabic.normalize(w)) for w in words]
    want = {r for (r,) in small.conn.execute(
        f"SELECT rowid FROM [{index.FTS_TABLE}] WHERE [{index.FTS_TABLE}] MATCH ?", [plan._or(terms_)])}
    assert plan._union_is_cheaper(len(terms_), rows) == (rows > 1)
    assert plan.sentences_holding(small.conn, terms_, rows) == want and len(want) > 20
    assert plan.sentences_holding(small.conn, [], rows) == set()


PHRASES = ["نور سلطان", "خفض التصعيد", "وقف اطلاق النار", "الدول الضامنة", "وزير الخارجية الروسي",
           "المعارضة المسلحة", "محافظة ادلب", "الجولة المقبلة"]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.sampled_from(PHRASES), st.data())
def test_words_written_as_one_with_a_typo_are_found_as_brute_force_finds_them(tmp_path_factory, phrase, data):
    """Two words of the query written as one in the text («نورسلطان»), with or without a typo
    anywhere in the phrase: the index finds the sentence exactly when scoring every sentence
    does (the joined forms' look-up, ``engine._add_joined``)."""
    db = make_db(tmp_path_factory.mktemp("joined") / "j.db")
    ws = phrase.split()
    i = data.draw(st.integers(0, len(ws) - 2), label="joined pair")
    text = " ".join(ws[:i] + [ws[i] + ws[i + 1]] + ws[i + 2:])
    k = data.draw(st.integers(0, len(text) - 1), label="typo at")
    kind = data.draw(st.sampled_from(["none", "sub", "del", "ins"]), label="typo")
    if text[k] != " " and kind != "none":
        text = text[:k] + {"sub": "ع", "del": "", "ins": text[k] + "ي"}[kind] + text[k + 1:]
    at_start = data.draw(st.booleans(), label="sentence starts with the phrase")
    add(db, f"{text} امس في بيان." if at_start else f"وقال المتحدث إن {text} امس في بيان.", "a.txt")
    add(db, f"ذكر التقرير {phrase} في الصفحة الاولى.", "b.txt")
    add(db, "غادر الوفد مدينة حلب مساء امس.", "c.txt")
    index.refresh_vocab(db.conn)
    got = {h.sentence_id for h in search.search(db, phrase, limit=1000).hits}
    assert got == set(search.brute_force(db, phrase))
