"""Fuzzing the text pipeline (issue 7, item 1): arbitrary Unicode and Arabic-heavy text through
normalization, sentence splitting, dates, rounds, quotes, the whole analysis and the search query
path: never an exception, offsets always inside the text, normalization idempotent.

Examples per test: 150 under the ``ci`` profile, 10,000 with ``HYPOTHESIS_PROFILE=long`` (the
100 KB single-line tests run a fifteenth of that: each example is a whole article's worth of work).
"""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from astana_cli.analyze import analyze
from astana_cli.extract.quotes import extract_quotes, find_mentions
from astana_cli.extract.rounds import detect_rounds, round_of_span
from astana_cli.store import Document
from astana_cli.text import arabic, dates

# --- strategies ------------------------------------------------------------------------------------

LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + list("ٱٲٳؤئىیکڪۀەﻻﻷﻹﻵ")
HARAKAT = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"] + [chr(c) for c in range(0x06D6, 0x06EE, 3)]
TATWEEL = ["\u0640"]
BIDI = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
DIGITS = list("0123456789") + [chr(0x0660 + i) for i in range(10)] + [chr(0x06F0 + i) for i in range(10)]
QUOTES = list("«»“”„‘’\"'‹›")
PUNCT = list(".!?؟;؛…،,:-–—/()[]|%") + ["...", "3.5", "؟!"]
SPACE = [" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"]
WORDS = ["قال", "وقال", "أكد", "أضاف", "إن", "أن", "الجولة", "السادسة", "الثامنة", "العشرين", "الحادية",
         "محادثات", "أستانا", "أستانة", "نور سلطان", "لافرنتييف", "دي ميستورا", "الجعفري", "علوش",
         "يوم", "الخميس", "أمس", "الأربعاء", "21", "ديسمبر", "كانون الأول", "2017", "أيار/مايو", "الماضي",
         "المقبل", "الشهر", "من", "في", "خفض", "التصعيد", "وزير", "الخارجية", "الروسي", "المتحدث",
         "باسم", "الوفد", "المعارضة", "2017-12-21", "21/12/2017", "ص", "10:57", "نشر في",
         "الجولة الماضية", "الجولة المقبلة", "اقرأ أيضا", "التعليقات", "|", "–", "عنب بلدي"]

arabic_char = st.one_of(
    st.sampled_from(LETTERS), st.sampled_from(LETTERS), st.sampled_from(LETTERS),
    st.sampled_from(HARAKAT), st.sampled_from(TATWEEL), st.sampled_from(BIDI),
    st.sampled_from(ZERO_WIDTH), st.sampled_from(DIGITS), st.sampled_from(QUOTES),
    st.sampled_from(PUNCT), st.sampled_from(SPACE), st.sampled_from(WORDS), st.sampled_from(WORDS),
    st.characters(codec="utf-8"),
)
arabic_text = st.lists(arabic_char, max_size=200).map("".join)
any_text = st.text(max_size=300)
texts = st.one_of(arabic_text, arabic_text, any_text,
                  st.lists(st.sampled_from(WORDS + QUOTES + PUNCT + SPACE), max_size=120).map(" ".join))


@st.composite
def long_lines(draw):
    """A single line of about 100 KB: a drawn chunk repeated, without line breaks."""
    chunk = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTES),
                                    st.sampled_from(PUNCT), st.sampled_from(HARAKAT + BIDI + ZERO_WIDTH),
                                    st.just(" ")), min_size=1, max_size=40).map(" ".join))
    chunk = chunk.replace("\n", " ").replace("\r", " ") or "ا"
    return (chunk * (100_000 // max(1, len(chunk)) + 1))[:100_000]


dates_st = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                     st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2025, 12, 31)))


def _long_settings():
    return settings(max_examples=max(3, settings.default.max_examples // 15),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


# --- the invariants --------------------------------------------------------------------------------


def check_span(text: str, s, e, what):
    assert isinstance(s, int) and isinstance(e, int), (what, s, e)
    assert 0 <= s <= e <= len(text), (what, s, e, len(text))


def check_normalize(text: str):
    n = arabic.normalize(text)
    assert arabic.normalize(n) == n, "normalize is not idempotent"
    norm, offsets = arabic.normalize_with_map(text)
    assert norm == n, "normalize_with_map disagrees with normalize"
    assert len(offsets) == len(norm) + 1 and offsets[-1] == len(text)
    assert all(0 <= o < len(text) for o in offsets[:-1])
    assert offsets[:-1] == sorted(offsets[:-1])
    for i, ch in enumerate(norm):  # each normalized letter comes from a character that yields it
        if ch != " ":
            assert ch in arabic.normalize(text[offsets[i]]), (i, ch, text[offsets[i]])
    if norm:
        s, e = arabic.original_span(offsets, 0, len(norm))
        check_span(text, s, e, "original_span")
    for s, e, w in arabic.words(n):
        assert n[s:e] == w
        arabic.strip_clitics(w)


def check_sentences(text: str):
    prev = 0
    for s, e in arabic.sentences(text):
        check_span(text, s, e, "sentence")
        assert s >= prev, "sentences overlap or go backwards"
        assert text[s:e].strip() == text[s:e] and e > s
        prev = e
    for s, e in arabic.paragraphs(text):
        check_span(text, s, e, "paragraph")


def check_dates(text: str, default):
    for h in dates.find_dates(text, default):
        check_span(text, h.start, h.end, "date")
        assert 1 <= h.month <= 12 or h.month == 0
        h.as_date()
    pub = dates.publication_date(text)
    if pub:
        d, s, e = pub
        assert isinstance(d, dt.date)
        check_span(text, s, e, "publication date")
    for c in dates.weekday_cues(text):
        check_span(text, c.start, c.end, "weekday cue")


def check_rounds(text: str, published, title):
    rr = detect_rounds(text, published=published, title=title)
    assert len(rr.main) <= 1
    assert not set(rr.main) & set(rr.mentioned)
    for h in rr.hits:
        check_span(text, h.start, h.end, "round hit")
        assert 1 <= h.round <= 50
        assert 0 <= h.confidence <= 1
    round_of_span(rr, 0, len(text))


def check_quotes(text: str, published):
    for q in extract_quotes(text, published=published):
        check_span(text, q.start, q.end, "quote")
        check_span(text, q.sentence_start, q.sentence_end, "quote sentence")
        assert q.kind in ("direct", "indirect", "mixed")
        assert q.speaker
    for m in find_mentions(text):
        check_span(text, m.start, m.end, "mention")
        assert text[m.start:m.end] == m.text


def check_analyze(text: str, title=None, published=None):
    doc = Document("/fuzz/x.txt", "x.txt", text, title=title, published=published)
    a = analyze(doc)
    prev = 0
    for s in a.sentences:
        check_span(text, s.start, s.end, "analysis sentence")
        assert text[s.start:s.end] == s.text and s.start >= prev
        assert s.norm == arabic.normalize(s.text)
        prev = s.end
    for r in a.rounds:
        assert r.role in ("main", "mentioned")
        if r.start is not None:
            check_span(text, r.start, r.end, "analysis round")
    for q in a.quotes:
        check_span(text, q.start, q.end, "analysis quote")
        if q.sentence_idx is not None:
            assert 0 <= q.sentence_idx < len(a.sentences)
    for m in a.mentions:
        check_span(text, m.start, m.end, "analysis mention")
    if a.published:
        dt.date.fromisoformat(a.published)
    assert a.words >= 0


# --- the tests -------------------------------------------------------------------------------------


@given(texts)
def test_normalization(text):
    check_normalize(text)


@given(texts)
def test_sentences_and_paragraphs(text):
    check_sentences(text)


@given(texts, st.one_of(dates_st, st.integers(min_value=1, max_value=9999)))
def test_dates(text, default):
    check_dates(text, default)


@given(texts, dates_st, st.one_of(st.none(), texts))
def test_rounds(text, published, title):
    check_rounds(text, published, title)


@given(texts, dates_st)
def test_quotes_and_mentions(text, published):
    check_quotes(text, published)


@given(texts, st.one_of(st.none(), texts), st.one_of(st.none(), texts, st.just("2017-13-45"),
                                                     st.just("0000-00-00"), st.just("٢٠١٧-١٢-٢١")))
def test_analyze(text, title, published):
    check_analyze(text, title, published)


def check_every_target(text):
    check_normalize(text)
    check_sentences(text)
    check_dates(text, 2017)
    check_rounds(text, None, None)
    check_quotes(text, None)
    check_analyze(text)


@_long_settings()
@given(long_lines())
def test_100kb_single_lines(text):
    check_every_target(text)


@pytest.mark.parametrize("text", [
    "«" * 100_000, "»" * 100_000, "\"" * 100_000, "«قال" * 25_000, "." * 100_000,
    ("قال لافرنتييف إن " + "«") * 6_000, "ـ" * 100_000, "\u202e" * 100_000,
    "الجولة " * 15_000, "2017 " * 20_000,
])
def test_degenerate_100kb_lines(text):
    check_every_target(text)


# --- the search query path ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_db(corpus_db, tmp_path_factory):
    from astana_cli.store import Store

    path = tmp_path_factory.mktemp("fuzz") / "search.db"
    shutil.copy(corpus_db, path)
    store = Store(path)
    yield store
    store.close()


queries = st.one_of(texts, st.sampled_from(['"', "*", "NEAR(a b)", "a OR b", "-x", "^x", "x:y", "'; --",
                                            "أستانا", "خفض التصعيد", "لافرنتييف"]),
                    st.text(alphabet=st.sampled_from(LETTERS + [" "]), min_size=1, max_size=30))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=queries, exact=st.booleans(), by=st.sampled_from(["sentence", "article"]),
       min_score=st.one_of(st.none(), st.floats(0, 100)), expand=st.booleans())
def test_search_query_path(search_db, q, exact, by, min_score, expand):
    from astana_cli import search
    from astana_cli.search import QueryError

    try:
        result = search.search(search_db.db, q, exact=exact, by=by, min_score=min_score,
                               expand=expand, limit=5)
    except QueryError as e:
        assert str(e) and "\n" not in str(e)
        return
    assert result.total_sentences >= len(result.hits) or by == "article"
    texts_by_id = {}
    for h in result.hits:
        rec = h.as_record()
        if by == "sentence":
            aid = rec["article_id"]
            if aid not in texts_by_id:
                texts_by_id[aid] = search_db.conn.execute(
                    "SELECT text FROM articles WHERE id = ?", [aid]).fetchone()[0]
            check_span(texts_by_id[aid], rec["start"], rec["end"], "search hit")
            assert 0 <= rec["score"] <= 100
