"""Fuzzy phrase search over the stored sentences, index-backed, with a graded score 0-100.

How a query is answered
-----------------------
1. The query and every sentence go through ``arabic.normalize`` and then ``arabic.strip_clitics``
   word by word: the *terms* of a text are its clitic-stripped normalized words joined by spaces
   («ولخفض التصعيد» -> «لخفض تصعيد»). The store keeps each sentence's terms (``sentences.terms``,
   computed at ingest, in the workers) and the index holds them: its vocabulary is stems.
2. The score of a sentence is ``score``: ``partial`` = ``rapidfuzz.fuzz.partial_ratio(" query
   terms ", " sentence terms ")`` (the best window of the query's length, 0-100) when the sentence
   is at least as long as the query; a shorter sentence can only match as a whole, by
   ``fuzz.ratio`` (so a fragment such as «اار» does not score 80 against «وقف اطلاق النار»).
   Where ``partial`` >= 60 (``WINDOW_GATE``) the score is max(partial, window): ``window`` is the
   best ``fuzz.ratio`` of the padded query against a run of k-1, k or k+1 consecutive sentence
   words (k = query words), padded, 1 to 1.25 times as long as the padded query; it finds names written
   with inserted letters, which fit no window of the query's own length («تلوبردي» scores 90 on
   «تليوبيردي», ``partial_ratio`` 71). ``brute_force`` and the benchmark apply this very function
   (``score_many``: rapidfuzz ``process.extract`` in C, then the gated sentences' windows in one
   more ``process.extract``) to every sentence; it is the reference the index path is tested
   against. ``score_many`` skips work that cannot change the result: partial scores under the
   level that any window reaching the cutoff implies (65 at 80), windows of sentences whose upper
   bound (``partial_ratio`` of the query padded to the longest window) stays under the cutoff, and,
   with a page, the windows of hits that cannot reach the page (their score is then a lower bound).
3. Candidates come from the index, never from a scan, and are all rescored with that function.
   The padded query of length L may be an indel distance 2 L (1 - t) from a window of its length
   (0.4 L at t = 0.80); against a longer word window w the ratio allows d - (1 - t)(|w| - L) <=
   2 L (1 - t). Each query word i costs c_i in a sentence, counted in half indels
   (``SCALE``): the indel distance to the nearest stem there less (1 - t) per letter that stem is
   longer (``_word_cost``, rounded down, so that the sum stays a bound; stems found in
   ``search_vocab`` by range on their first and last letters, lengths filtered in SQL, each column
   read from its covering index, distances by rapidfuzz in C; the query's first word may also be
   the end of a longer word, its last word the start of one, at distance + 1), so a match has
   sum(c_i) <= ``budget``. Per word, its spellings are listed by cost level (cached in an LRU per
   database state); a cap_i keeps each word's spellings under 100, 300, 1,000 or 3,000, whichever
   makes the cheapest plan by a cost model (terms, rows read, candidates expected with the words
   taken as independent), and a word with no spelling within cap_i costs at least cap_i + 1.
   ``_plan`` turns that into one FTS5
   expression, rarest word first: the word at level c AND a cover of the other words within
   budget - c, OR it is absent and the others cover budget - cap_i - 1 (levels with the same
   remainder merged). A short word like «نار» thus only narrows AND-ed with the others instead of
   adding thousands of sentences to a union. One ``SELECT rowid ... MATCH``, then one query for the
   candidates' terms, scored in C; the text of a hit is read only for the ``limit`` shown. Two or
   three words may also be written as one («نورسلطان»): ``_add_joined`` looks the joined forms up
   too, and scores only candidates the query itself did not score.
4. A one-word query of Arabic letters does not score the sentences it is sure of
   (``_sure_exprs``): those holding a word whose stem is the query's stem score 100 by definition,
   and those holding a listed spelling whose ``_sure_bound`` (a lower bound of the score of any
   sentence holding that word, from its LCS with the query) reaches the threshold are hits. They
   are counted in SQL (COUNT and COUNT DISTINCT article over the MATCH, with the filters), and
   only the first ``limit`` of the score-100 ones are read, in rank order (article, index); the
   candidates outside them are scored as above. When the score-100 sentences do not fill the page
   (or by article, which needs every hit's article), only those are left unscored. Totals stay
   exact (checked against scoring everything in tests/test_search.py and the benchmark).

5. Numbers and names (issue 13). ``terms`` writes a number one way: an ordinal in words and
   digits behind a clitic become digits (``text.numbers``: «الجولة السادسة عشرة», «الجولة الـ16»
   and «الجولة 16» are all «جوله 16»; migration m005 refolds stored terms). A query holding numbers
   matches only text where they stand: it is scored on the parts of the sentence around its first
   number (``_around_numbers``: the words within the longest window scored, holding the other
   numbers too), a number filled out to the weight of a four-letter word (``_widen_numbers``), and
   in the plan a number is one spelling and required. A query naming a gazetteer person
   (data/speakers.json) is also searched as their other spellings and, for full names, as those
   spellings through Latin letters and back where the corpus has them (``_name_variants``,
   ``text.names``: «أحمد طعمة» / «أحمد توما»); ``brute_force`` does the same. With ``expand``, a
   concept named inside a longer query is widened in place (``_expansions``).

Why (measured on this machine, 2 cores; bench/bench_search.py, N = 10,000 unless said)
-------------------------------------------------------------------------------------
- The first version (one OR of every word's spellings when no word was "required", Python
  strip_clitics over thousands of vocabulary words per query, vocabulary written per article):
  median 345 ms, p95 935 ms; «وقف اطلاق النار» 1.2 s; ingest 14x the bare baseline.
- A union of one spelling set per word, thresholds by knapsack, whole-word costs: median 101 ms,
  p95 257 ms, recall 0.985; with any part of a longer word allowed for the edge words: recall
  0.996 but 2,000-8,000 candidates, median 239 ms, p95 1.38 s.
- This version (AND/OR plan, edge words as suffix/prefix only, lean rows, regex terms, C scoring):
  100-800 candidates for the phrase queries (single-word queries: as many as their hits, up to
  4,500 for «ادلب»), recall 10980/10995 = 0.9986 against brute force at 80, 27x faster than brute
  force (median); median 94 ms, p95 203 ms warm, 279 / 790 ms on a query's first run (expansions
  not cached), measured while a 100k ingest and other engineers' tests ran (load average 5.8 on 2
  cores: brute force took 2.5 s per query instead of 0.47 s unloaded, so these are ~4-5x slower
  than on an idle machine). The remaining cost: scoring every candidate of frequent single-word
  matches (linear in the hits), and the first-run spelling look-up of short words.
- Word window, sure sentences counted in SQL, covering-index look-ups (A/B with the previous version
  back to back, load ~1): N=10,000 median 32 vs 26 ms, p95 80 vs 87 ms, first run 81 vs 76 ms
  (p95 183 vs 231); N=100,000 median 227 vs 211 ms, p95 647 vs 864 ms, first run 639 vs 709 ms.
  «ادلب» at 100k: 766 -> 377 ms. The window costs ~4-6x the partial scoring of a gated candidate;
  recall 11090/11120 = 0.9973 (the window reaches hits no per-word cost bound admits: a word split
  in two, both ends changed). See bench/README.md.
- The vocabulary is filled in bulk from ``fts5vocab`` by ``refresh_vocab`` (about 2 s at N=10,000,
  with 'optimize'), after an ingest or lazily by the first search that finds it stale (the FTS5
  structure record, which changes on every write, is kept in ``search_meta``); nothing per article.
- Terms stored and indexed instead of the normalized text (N=100,000): the database 2.2 -> 1.18 GB,
  the vocabulary 1.37 M -> 937 k words, the plan's cap chosen by cost: median 227 -> 110 ms, p95
  647 -> 309 ms, first run median 639 -> 414 ms; with the skipped partial scores and the faster
  ingest: median 94 ms, p95 240 ms, first run median 315 ms, recall 108317/108734 = 0.9962, 80x
  faster than brute force, peak RSS 158 MB (bench/README.md has the steps and the output).
- A word-level FTS5 table over ``sentences.terms`` is the index sqlite-utils would make
  (``sentences_fts``, external content, delete/update triggers; new rows indexed in bulk by
  ``index_new``): datasette and ``sqlite-utils search`` use it as it is, at about a third of a
  trigram index's build time and disk. A trigram index was not
  tried: at 80 the q-gram lemma gives no bound for short queries (a 15-letter query may be 6
  indels away, which can touch every trigram).

What the store does
-------------------
``create_index(db)`` (a migration) creates the FTS table, its triggers, the vocabulary and
``search_meta`` and indexes what is already there; ``refresh_vocab(conn, optimize=True)`` is to be
called once after ``ingest_paths``; ``index_new`` indexes the sentences a transaction added (the
store calls it before committing).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from itertools import accumulate, compress, count, islice, product
from operator import sub
import sqlite3
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from .store import SENTENCE_TEXT
from .text import arabic, numbers
from .text.names import transliterations

FTS_TABLE = "sentences_fts"
VOCAB_TABLE = "search_vocab"

# Chosen by measurement (tests/test_search.py::test_default_threshold_margin prints the margins):
# on the corpus «خفض التصعيد» scores 100 on «خفض تصعيد», 89 on «تخفيف التصعيد», at most 67 on
# «خفض التوتر» and on unrelated text; the typo probes («لافرنتييف», «دي ميستورا») score 84-95.
DEFAULT_MIN_SCORE = 80.0
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 40
ABSENT = 1.0  # cost of a query word absent from a sentence, per letter (+1 for its space); see below
META_TABLE = "search_meta"


class QueryError(ValueError):
    """A query that cannot be searched; ``str(error)`` is one line for the user."""


# --- results ------------------------------------------------------------------------------------


@dataclass
class Hit:
    file: str
    article_id: int
    title: str | None
    published: str | None
    round: int | None
    score: float
    sentence: str
    match: str
    left: str
    right: str
    start: int  # offsets of the match in the article text
    end: int
    sentence_id: int = 0
    # with expand: the concept and the variant that matched; for a person's other spelling (on
    # by default), the person's id and that spelling
    concept: str | None = None
    variant: str | None = None

    def as_record(self) -> dict:
        return asdict(self)


@dataclass
class ArticleHit:
    file: str
    article_id: int
    title: str | None
    published: str | None
    round: int | None
    count: int
    score: float
    match: str

    def as_record(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    hits: list = field(default_factory=list)
    total_sentences: int = 0
    total_articles: int = 0


# --- the index ----------------------------------------------------------------------------------

INDEX_DDL = [
    # what sqlite_utils' table.enable_fts(["terms"], create_triggers=True) creates, less the insert
    # trigger: new sentences are indexed in bulk, one statement per transaction (index_new)
    f"CREATE VIRTUAL TABLE IF NOT EXISTS [{FTS_TABLE}] USING FTS5 ([terms], content=[sentences])",
    f"""CREATE TRIGGER IF NOT EXISTS [sentences_ad] AFTER DELETE ON [sentences] BEGIN
  INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}], rowid, [terms]) VALUES('delete', old.rowid, old.[terms]);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS [sentences_au] AFTER UPDATE ON [sentences] BEGIN
  INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}], rowid, [terms]) VALUES('delete', old.rowid, old.[terms]);
  INSERT INTO [{FTS_TABLE}] (rowid, [terms]) VALUES (new.rowid, new.[terms]);
END""",
    # every word (stem) of the index, reversed too (look-up by the last letters), with the number
    # of sentences holding it; filled from fts5vocab by refresh_vocab, never per article
    f"CREATE TABLE IF NOT EXISTS [{VOCAB_TABLE}] (term TEXT PRIMARY KEY, rterm TEXT NOT NULL,"
    f" cnt INTEGER NOT NULL) WITHOUT ROWID",
    f"CREATE INDEX IF NOT EXISTS [{VOCAB_TABLE}_rterm] ON [{VOCAB_TABLE}] (rterm)",
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
    refresh_vocab(conn)


def drop_index(conn) -> None:
    """Remove the FTS table, its triggers, the vocabulary and its state (a migration that changes
    what is indexed drops it, then calls ``create_index``)."""
    for trigger in ("sentences_ai", "sentences_ad", "sentences_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS [{trigger}]")
    for table in (FTS_TABLE, VOCAB_TABLE, META_TABLE):
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


def _fts_signature(conn) -> bytes | None:
    """The FTS5 structure record: it changes with every write to the index (its write counter)."""
    row = conn.execute(f"SELECT block FROM [{FTS_TABLE}_data] WHERE id = 10").fetchone()
    return bytes(row[0]) if row and row[0] is not None else None


def vocab_is_stale(conn) -> bool:
    conn = _conn(conn)
    row = conn.execute(f"SELECT value FROM [{META_TABLE}] WHERE key = 'fts'").fetchone()
    return row is None or (bytes(row[0]) if row[0] is not None else None) != _fts_signature(conn)


def _reverse(x: str) -> str:
    return x[::-1]


def _register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions refresh_vocab uses; registered once per connection (SQLite refuses to
    redefine a function while another statement of the connection is still open)."""
    try:
        conn.create_function("astana_reverse", 1, _reverse, deterministic=True)
    except sqlite3.OperationalError:
        pass  # already registered on this connection


def refresh_vocab(db, optimize: bool = False) -> int:
    """Add the index's new words to ``search_vocab``, reversed, in bulk from fts5vocab;
    returns how many were added. ``optimize`` first merges the FTS segments (worth it after a bulk
    ingest: fewer segments to read per query). Plain SQL, no transaction of its own unless the
    connection is in autocommit mode (the store's), then one."""
    conn = _conn(db)
    own = conn.isolation_level is None and not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        if optimize:
            conn.execute(f"INSERT INTO [{FTS_TABLE}]([{FTS_TABLE}]) VALUES('optimize')")
        conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.[{FTS_TABLE}_v] USING fts5vocab(main, [{FTS_TABLE}], row)")
        _register_functions(conn)
        before = conn.total_changes
        # new words are reversed (once, here); known words get only their sentence count
        conn.execute(f"INSERT INTO [{VOCAB_TABLE}] (term, rterm, cnt)"
                     f" SELECT term, astana_reverse(term), doc FROM temp.[{FTS_TABLE}_v] WHERE true"
                     f" ON CONFLICT(term) DO UPDATE SET cnt = excluded.cnt WHERE cnt != excluded.cnt")
        added = conn.total_changes - before
        conn.execute(f"INSERT OR REPLACE INTO [{META_TABLE}] VALUES ('fts', ?)", [_fts_signature(conn)])
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    return added


def _refresh_if_stale(conn) -> None:
    if not vocab_is_stale(conn):
        return
    try:
        refresh_vocab(conn)
    except sqlite3.OperationalError:  # read-only or locked: search with the vocabulary as it is
        if conn.in_transaction and conn.isolation_level is None:
            conn.execute("ROLLBACK")


# --- terms and scoring --------------------------------------------------------------------------

_L = r"[^\W_]"  # a letter or digit, as in arabic.WORD
# arabic.strip_clitics as one substitution on " " + words joined by spaces: a space and the prefix
# that strip_clitics removes (the same rules, in its order; checked equal on every word of the
# N=10,000 benchmark vocabulary and 200,000 random strings of clitic letters). 2.5-4x faster than
# calling strip_clitics word by word, which was a third of the time of scoring candidates.
_CLITIC_RE = re.compile(
    rf" (?:[وف]لل(?={_L}{{3}})|[وف][بلك]ال(?={_L}{{3}})|[وف]ال(?={_L}{{3}})|[وف](?={_L}{{4}})"
    rf"|[وف](?=(?:ال|لل){_L}(?!{_L}))|[وف](?=[بلك]ال(?!{_L}))"
    rf"|لل(?={_L}{{3}})|[بلك]ال(?={_L}{{3}})|ال(?={_L}{{3}}))")
_NON_WORD = re.compile(r"[\W_]+")


def terms(norm: str) -> str:
    """The clitic-stripped words of normalized text, joined by single spaces, numbers folded:
    ``" ".join(map(arabic.strip_clitics, arabic.WORD.findall(norm)))`` computed in C, then an
    ordinal in words or digits behind a clitic written as digits (``numbers.fold``: «الجولة
    السادسة عشرة» and «الجولة الـ16» both give «جوله 16»), only where a digit or an ordinal word
    is there."""
    t = _CLITIC_RE.sub(" ", " " + _NON_WORD.sub(" ", norm)).strip()
    stems = t.split(" ")
    if numbers.may_fold(stems, t):
        return " ".join(w for w, _, _ in numbers.fold(stems))
    return t


NUMBER_WIDTH = 4  # a number weighs as much as a word of four letters in a score (see _widen_numbers)
_SHORT_NUMBER = re.compile(r"(?<!\S)\d{1,%d}(?!\S)" % (NUMBER_WIDTH - 1))


def _widen_numbers(t: str) -> str:
    """``t`` (terms) with each number of fewer than ``NUMBER_WIDTH`` digits filled out to that
    width by a mark no text holds: «التاسع» is a word of four letters where «9» is one digit, and a
    query naming a round in digits would otherwise weigh its other words more than the same query
    in words. The score of a query with numbers compares both so (the numbers match exactly)."""
    return _SHORT_NUMBER.sub(lambda m: m.group(0).ljust(NUMBER_WIDTH, "\x01"), t)


def _numbers_of(query_terms: str) -> list[str]:
    """The numbers (digit tokens) of a query's terms, in their order."""
    return [w for w in query_terms.split(" ") if numbers.is_number(w)]


def _around_numbers(query_terms: str, sentence_terms: str) -> list[str]:
    """The parts of a sentence a query holding numbers can match: around each place where the
    query's first number stands, the words within the longest window the score looks at
    (``WINDOW_GROWTH`` times the padded query) before and after it, when every other number of the
    query is in that part too. So every window holding the number is inside a part, and a query
    with a number matches that number only: «استانا 18» does not match «استانا 15», nor «استانا
    15» in a sentence whose 18 is further on."""
    ts = sentence_terms.split(" ")
    return [" ".join(ts[lo:hi]) for lo, hi in _number_parts(query_terms, ts)]


def _number_parts(query_terms: str, ts: list[str]) -> list[tuple[int, int]]:
    """``_around_numbers`` as (first word, end word) of the sentence's words ``ts``."""
    qs = query_terms.split(" ")
    nums = [w for w in qs if numbers.is_number(w)]
    first, others = nums[0], set(nums[1:])
    # in the widened strings the score compares (_widen_numbers)
    reach = int(WINDOW_GROWTH * (len(_widen_numbers(query_terms)) + 2) + 1e-9)
    width = [max(len(w), NUMBER_WIDTH) if numbers.is_number(w) else len(w) for w in ts]
    ends = list(accumulate(x + 1 for x in width))  # where each word ends (+ its space)
    out = []
    for p in (i for i, w in enumerate(ts) if w == first):
        a, b = ends[p] - width[p] - 1, ends[p] - 1  # the number's span
        lo = bisect_right(ends, a - reach)  # the first word ending after a - reach
        hi = p + 1
        while hi < len(ts) and ends[hi - 1] < b + reach:
            hi += 1
        if others.issubset(ts[lo:hi]):
            out.append((lo, hi))
    return out


WINDOW_GATE = 60.0  # the word-window score is computed only where partial/ratio reaches this
WINDOW_GROWTH = 1.25  # a word window is at most this many times the padded query's length
SCALE = 2  # candidate costs are counted in halves of an indel (see _word_cost)
# query words shorter than this get no refund for longer spellings: «دي» would admit every «دين»
# (17,924 candidates instead of 1,584 for «دي ميستورا» at N=100,000), for inserted letters that
# names of four letters or more show
REFUND_FROM = 4


def _partial(q: str, s: str, cutoff: float) -> float:
    """``partial_ratio`` of the padded strings, ``ratio`` when the sentence is the shorter."""
    if len(s) < len(q):
        return fuzz.ratio(q, s, score_cutoff=cutoff)
    return fuzz.partial_ratio(q, s, score_cutoff=cutoff)


def _windows(sentence_terms: str, k: int, at_least: int) -> list[tuple[str, int, int]]:
    """(" w_i .. w_j-1 ", i, j) for every run of k-1, k or k+1 consecutive words (at least one)
    of ``at_least`` to ``WINDOW_GROWTH`` * ``at_least`` characters, padded."""
    at_most = int(WINDOW_GROWTH * at_least + 1e-9)
    ws = sentence_terms.split(" ")
    n = len(ws)
    out = []
    for m in (k - 1, k, k + 1):
        if 1 <= m <= n:
            out += [(w, i, i + m) for i in range(n - m + 1)
                    if at_least <= len(w := " " + " ".join(ws[i:i + m]) + " ") <= at_most]
    return out


def _window(q: str, sentence_terms: str, k: int, floor: float) -> tuple[float, int, int]:
    """(best ``fuzz.ratio`` of the padded query ``q`` against a word window at least as long,
    its first word, its end word) when it beats ``floor``, else (0, 0, 0)."""
    ws = _windows(sentence_terms, k, len(q))
    if not ws:
        return 0.0, 0, 0
    best = process.extractOne(q, [w for w, _, _ in ws], scorer=fuzz.ratio, score_cutoff=floor)
    if best is None or best[1] <= floor:
        return 0.0, 0, 0
    _, sc, i = best
    return sc, ws[i][1], ws[i][2]


def score(query_terms: str, sentence_terms: str, cutoff: float = 0) -> float:
    """How well the query occurs in the sentence, 0-100 (both given as ``terms``); 0 when below
    ``cutoff``. The score does not depend on ``cutoff`` otherwise.

    Both are padded with a space, so a query aligned on whole words scores higher than the same
    letters inside a longer word («استانه» scores 88 on «استانا» but 75 on «كازاخستان»).

    - ``partial``: a sentence at least as long as the query is scored by ``partial_ratio`` (the
      best window of the query's length); a shorter one can only match as a whole, by ``ratio``: a
      fragment such as «اار» does not score 80 against the query «وقف اطلاق النار».
    - ``window``: the best ``fuzz.ratio`` between the padded query and any run of k-1, k or k+1
      consecutive words of the sentence (k = the query's words), padded likewise, at least as long
      as the padded query and at most ``WINDOW_GROWTH`` (1.25) times as long. A name written with
      inserted letters fits no window of the query's own length: «تلوبردي» scores 90 on the word
      «تليوبيردي» but 71 by ``partial_ratio`` inside a sentence. Shorter runs are left to
      ``partial`` (which already forgives a missing letter or two): by ``ratio`` a run with letters
      missing scores more than the same letters replaced («استانا» 85.7 on the fragment «اانا»;
      362 such extra hits at N=10,000). Much longer runs would let a short query into any word
      holding its letters («مع» 80 on «جميع», «موعد») and a word into two («كازاخستان» 81.5 on
      «كازاخية استانا»).
    - The score is ``max(partial, window)`` where ``partial`` >= ``WINDOW_GATE`` (60), else
      ``partial``: the window is only looked at where the letters are already close, which keeps
      it cheap (and the definition independent of any cutoff).
    - A query holding numbers (digits, or ordinals in words: ``terms`` folds them) is scored as
      above on the parts of the sentence around its numbers (``_around_numbers``), best part; a
      sentence without them scores 0."""
    if _numbers_of(query_terms):
        q = _widen_numbers(query_terms)
        return max((_score(q, _widen_numbers(part), cutoff) for part in _around_numbers(query_terms, sentence_terms)),
                   default=0.0)
    return _score(query_terms, sentence_terms, cutoff)


def _score(query_terms: str, sentence_terms: str, cutoff: float) -> float:
    """``score`` of a query without numbers."""
    q, s = f" {query_terms} ", f" {sentence_terms} "
    p = _partial(q, s, min(cutoff, WINDOW_GATE))
    if WINDOW_GATE <= p < 100:
        p = max(p, _window(q, sentence_terms, query_terms.count(" ") + 1, p)[0])
    return p if p >= cutoff else 0.0


def score_many(query_terms: str, sentence_terms: list[str], cutoff: float,
               page: int | None = None) -> list[tuple[int, float]]:
    """[(index, score)] of the ``sentence_terms`` for which ``score`` >= ``cutoff``: partial scores
    by rapidfuzz in C (``process.extract`` with the query prepared once), then the word windows of
    those between ``WINDOW_GATE`` and 100.

    ``page``: when at least that many score 100, the windows of the sentences already at or above
    the cutoff are not computed, and their partial score (a lower bound) is returned: the set and
    a page of ``page`` hits in rank order (all 100) are the same. ``search`` uses it by sentence.

    A query holding numbers: the parts around them (``_around_numbers``) are scored so, each
    sentence its best part (only sentences that hold the first number have parts)."""
    if _numbers_of(query_terms):
        first = f" {_numbers_of(query_terms)[0]} "
        parts, owner = [], []
        for i, t in enumerate(sentence_terms):
            if first in f" {t} ":
                for part in _around_numbers(query_terms, t):
                    parts.append(part)
                    owner.append(i)
        best: dict[int, float] = {}
        for j, sc in _score_many(_widen_numbers(query_terms), list(map(_widen_numbers, parts)), cutoff, None):
            if sc > best.get(owner[j], -1.0):
                best[owner[j]] = sc
        return sorted(best.items())
    return _score_many(query_terms, sentence_terms, cutoff, page)


def _score_many(query_terms: str, sentence_terms: list[str], cutoff: float,
                page: int | None) -> list[tuple[int, float]]:
    """``score_many`` of a query without numbers."""
    q = f" {query_terms} "
    n = len(q)
    k = query_terms.count(" ") + 1
    # windows longer than hi cannot reach the floor, nor be longer than WINDOW_GROWTH n
    hi = min(int(n * (200 / max(cutoff, WINDOW_GATE) - 1) + 1e-9), int(WINDOW_GROWTH * n + 1e-9))
    # a window w (n <= |w| <= hi, a substring of the padded sentence) with ratio >= t has
    # LCS(q, w) >= t (n + |w|) / 200, so one of its n-letter substrings keeps LCS - (|w| - n) of
    # them: partial >= 100 (t (n + hi) / 200 - hi + n) / n (65 at t = 80). A sentence under that
    # has no window that makes it a hit, so partial scores under it are not needed («الكزاخية» at
    # N=100,000: 20,168 of its 25,068 candidates score 60-70)
    # (rapidfuzz's partial_ratio is exact for needles of 64 characters or fewer)
    need = 100 * (cutoff * (n + hi) / 200 - hi + n) / n - 1e-6 if n <= 64 else 0.0
    low = min(cutoff, max(WINDOW_GATE, need))
    padded = [f" {t} " for t in sentence_terms]
    longer = [i for i, s in enumerate(padded) if len(s) >= n]
    if len(longer) == len(padded):
        got = [(i, sc) for _, sc, i in process.extract(q, padded, scorer=fuzz.partial_ratio,
                                                       score_cutoff=low, limit=None)]
    else:
        got = []
        if longer:
            got = [(longer[j], sc) for _, sc, j in process.extract(
                q, [padded[i] for i in longer], scorer=fuzz.partial_ratio, score_cutoff=low, limit=None)]
        for i, s in enumerate(padded):
            if len(s) < n:
                sc = fuzz.ratio(q, s, score_cutoff=low)
                if sc >= low:
                    got.append((i, sc))
    # the word windows of the sentences between the gate and 100, all scored in one rapidfuzz call:
    # a window matters if it reaches the cutoff (or beats a partial score above it)
    gated = [(i, sc) for i, sc in got if WINDOW_GATE <= sc < 100]
    if page is not None and sum(1 for _, sc in got if sc >= 100) >= page:
        gated = [(i, sc) for i, sc in gated if sc < cutoff]
    if gated and hi <= 64:
        # an upper bound, all in C: every window lies in hi characters of the sentence, so its ratio
        # is at most LCS(q, those characters) / n <= partial_ratio(q + hi - n blanks, sentence) * hi
        # / (100 n) (the blanks match nothing; exact for a needle of 64 characters or fewer)
        wide = q + "\x01" * (hi - n)
        long_ = [j for j, (i, _) in enumerate(gated) if len(padded[i]) >= hi]
        bound = dict.fromkeys(long_, 0.0)
        for _, sc, x in process.extract(wide, [padded[gated[j][0]] for j in long_], scorer=fuzz.partial_ratio,
                                        limit=None):
            bound[long_[x]] = sc * hi / n
        # with a page: a hit whose bound is under the page-th best partial score (a lower bound of
        # the scores) cannot be on the page, so its exact score is not needed (nor shown)
        floor_ = -1.0
        if page is not None:
            best = sorted((sc for _, sc in got if sc >= cutoff), reverse=True)
            floor_ = best[page - 1] if 0 < page <= len(best) else -1.0
        gated = [g for j, g in enumerate(gated)
                 if bound.get(j, 100.0) >= max(g[1], cutoff, floor_ if g[1] >= cutoff else 0) - 1e-6]
    if gated:
        better = _best_windows(q, [sentence_terms[i] for i, _ in gated], k, max(cutoff, WINDOW_GATE), hi)
        raised = {gated[j][0]: sc for j, sc in better.items() if sc > gated[j][1]}
        got = [(i, raised.get(i, sc)) for i, sc in got]
    return [(i, sc) for i, sc in got if sc >= cutoff]


def _best_windows(q: str, texts: list[str], k: int, floor: float, hi: int) -> dict[int, float]:
    """{j: the best word-window ratio of ``texts[j]``} where it reaches ``floor`` (``q`` padded),
    over the windows of len(q) to ``hi`` characters.

    All the texts' words in one list, separated by a token too long for any window; the runs of m
    words whose padded length is len(q)..hi (longer ones cannot reach ``floor``) are picked by
    prefix sums of the word lengths, all in C (map/compress), then scored in one rapidfuzz call."""
    n = len(q)
    tokens = f" {chr(0) * (hi + 1)} ".join(texts).split(" ")
    sums = [0, *accumulate(map(len, tokens))]
    ends = list(accumulate(t.count(" ") + 2 for t in texts))  # the first token after each text
    better: dict[int, float] = {}

    def keep(i: int, sc: float) -> None:
        j = bisect_right(ends, i)
        if sc > better.get(j, 0):
            better[j] = sc

    windows, first = [], []
    for m in (k - 1, k, k + 1):
        if m < 1 or 2 * m + 1 > hi:
            continue
        fits = range(n - m - 1, hi - m)  # letters of a run whose padded length is n..hi
        if m == 1:  # one word: each distinct word scored once, then found again by a set look-up
            words = list(set(compress(tokens, map(fits.__contains__, map(len, tokens)))))
            good = {words[x]: sc for _, sc, x in process.extract(
                q, [f" {w} " for w in words], scorer=fuzz.ratio, score_cutoff=floor, limit=None)}
            for i in compress(count(), map(good.__contains__, tokens)):
                keep(i, good[tokens[i]])
            continue
        idx = list(compress(count(), map(fits.__contains__, map(sub, sums[m:], sums))))
        windows += [" " + " ".join(tokens[i:i + m]) + " " for i in idx]
        first += idx
    for _, sc, x in process.extract(q, windows, scorer=fuzz.ratio, score_cutoff=floor, limit=None):
        keep(first[x], sc)
    return better


def brute_force(db, query: str, min_score: float = DEFAULT_MIN_SCORE) -> dict[int, float]:
    """{sentence id: score} of every sentence scoring >= ``min_score``, by scanning them all
    (for the query and, as ``search`` does, the other spellings of a person it names).
    The reference for tests and the benchmark; never used by ``search``."""
    conn = _conn(db)
    rows = conn.execute("SELECT id, terms FROM sentences").fetchall()
    texts = [t or "" for _, t in rows]
    out: dict[int, float] = {}
    for _, variant in [(None, query), *_name_variants(conn, query, min_score)]:  # as search does
        for i, sc in score_many(terms(arabic.normalize(variant)), texts, min_score):
            if sc > out.get(rows[i][0], -1.0):
                out[rows[i][0]] = sc
    return out


# --- candidates from the index ------------------------------------------------------------------


def _query_words(query: str, fold: bool = True) -> list[str]:
    """The normalized words of ``query``; with ``fold``, a number written in words or behind a
    clitic as its digits (as ``terms`` writes it: «الجوله السادسه عشره» -> «الجوله», «16»)."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    ws = [w for _, _, w in arabic.words(arabic.normalize(query))]
    if not ws:
        raise QueryError("the query has no letters or digits")
    if len(ws) > MAX_QUERY_WORDS:
        raise QueryError(f"query too long ({len(ws)} words; at most {MAX_QUERY_WORDS})")
    if fold:
        stems = [arabic.strip_clitics(w) for w in ws]
        if numbers.may_fold(stems, " ".join(stems)):
            ws = [ws[i] if j == i + 1 and t == stems[i] else t for t, i, j in numbers.fold(stems)]
    return ws


def _budget(stems: list[str], min_score: float) -> int:
    """The cost (in 1/SCALE indels) the whole padded query may be away from its match and still
    score >= ``min_score``: partial_ratio = 100 * (1 - d / (2 L)) over a window of length L, so
    d <= 2 L (1 - t); a word window w scores ratio = 100 * (1 - d / (L + |w|)), so
    d - (1 - t) (|w| - L) <= 2 L (1 - t). ``_word_cost`` charges each word the smaller of the two
    left-hand sides (letters a longer spelling inserts are partly refunded); scaled and floored,
    the sum of the words' costs stays within this budget for every sentence that can match."""
    length = len(_widen_numbers(" ".join(stems))) + 2
    return int(SCALE * 2 * length * (1 - min_score / 100) + 1e-9)


def _word_cost(d: int, longer_by: int, min_score: float) -> int:
    """The cost of a stored stem at indel distance ``d`` from a query word, ``longer_by`` letters
    longer: SCALE * (d - (1 - t) * max(longer_by, 0)), rounded down (so never more than the true
    share of the budget)."""
    refund = SCALE * (1 - min_score / 100) * max(longer_by, 0)
    return SCALE * d - (int(refund) + (refund > int(refund) + 1e-9)) if refund else SCALE * d


_KEPT_PROCLITICS = "وفبلك"


def _near_stems(conn: sqlite3.Connection, q: str, budget: int, edge: str,
                min_score: float = DEFAULT_MIN_SCORE) -> dict[str, int]:
    """{stored stem: cost} for the stems within ``budget`` (in 1/SCALE indels) of the query word ``q``.

    The cost is ``_word_cost``: the indel distance (a substitution costs 2, a letter missing or
    added 1), less a refund for the letters a longer stem adds (the word-window score). A stem is
    looked up by range on its first letters and on its last letters (``rstem``): one edit, or two
    away from both ends, leaves one of the two intact. Two letters each side, one for words of
    four letters or fewer; each side also with one letter of the query deleted; lengths filtered
    in SQL. ``edge`` says where the window of the query may cut a longer word: "suffix" (the
    query's first word may match the end of a longer word, the window starting inside it: such
    stems come from the ranges on the last letters), "prefix" (the last word: the first letters),
    "both" (a one-word query: any part, either range); such a part costs its distance plus one (the
    padding space lost), without refund."""
    k = 1 if len(q) <= 4 else 2
    m = len(q)
    t = max(min_score / 100, 0.05)
    dmax = min(int((budget + 1) / (SCALE * t)), m + budget)  # refund < SCALE (1 - t) d + 1
    r = q[::-1]
    heads = {q[:k]} | {q[:i] + q[i + 1:k + 1] for i in range(k)}
    if k == 2 and budget >= SCALE:
        # a proclitic letter that strip_clitics keeps (it only strips a lone و ف before four
        # letters, ل ب ك only with the article): «لاستانه» for «استانا», its end changed too
        heads |= {c + q[:k] for c in _KEPT_PROCLITICS}
    tails = {r[:k]} | {r[:i] + r[i + 1:k + 1] for i in range(k)}
    long_heads = edge in ("prefix", "both") and budget >= SCALE
    long_tails = edge in ("suffix", "both") and budget >= SCALE
    found: set[str] = set()
    by_tail: list[str] = []  # the stems found by their last letters
    by_head: list[str] = []
    for col, keys, longer in (("term", heads, long_heads), ("rterm", tails, long_tails)):
        keys = [x for x in keys if x]
        if not keys:
            continue
        # each column read from its own covering index (rterm: reversed here, not looked up)
        sql = " UNION ALL ".join(f"SELECT {col} FROM [{VOCAB_TABLE}] WHERE {col} >= ? AND {col} < ?"
                                 f" AND length({col}) BETWEEN ? AND ?" for _ in keys)
        params = [x for lo in keys for x in (lo, lo + "\U0010ffff", max(1, m - dmax), 10**9 if longer else m + dmax)]
        rows = conn.execute(sql, params).fetchall()
        if col == "term":
            by_head = [x for (x,) in rows]
            found.update(by_head)
        else:
            by_tail = [x[::-1] for (x,) in rows]
            found.update(by_tail)
    stems = list(found)
    if not stems:
        return {}
    out = {}
    for s, d, _ in process.extract(q, stems, scorer=Indel.distance, score_cutoff=dmax, limit=None):
        c = _word_cost(int(d), len(s) - m if m >= REFUND_FROM else 0, min_score)
        if c <= budget:
            out[s] = c
    b1 = budget // SCALE  # parts: plain indel distance, in whole indels
    if edge and b1 >= 1:
        if edge == "both":
            longer = [s for s in stems if len(s) > m]
            need = 100 * (1 - (b1 - 1 + 0.5) / (2 * m))
            for s, sc, _ in process.extract(q, longer, scorer=fuzz.partial_ratio,
                                            score_cutoff=max(need, 0), limit=None):
                c = SCALE * (1 + int(2 * m * (1 - sc / 100) + 0.5))
                if c < out.get(s, budget + 1):
                    out[s] = c
        else:
            # by distance d = 0, 1, ...: a part at distance d has a length within d of the query's;
            # stop where MAX_STEMS stems are cheaper already (_expansions_of drops the rest). The
            # end of a longer stem is found by its last letters, its start by its first: only those
            # stems are cut (the others' parts only ever matched by chance; half the first-run time)
            longer = [s for s in (by_tail if edge == "suffix" else by_head) if len(s) > m]
            parts_of: dict[int, list[str]] = {}
            for d in range(b1):
                c = SCALE * (d + 1)
                if sum(1 for x in out.values() if x < c) > MAX_STEMS:
                    break
                for w in range(max(1, m - d), m + d + 1):
                    if w not in parts_of:
                        parts_of[w] = [s[-w:] if edge == "suffix" else s[:w] for s in longer]
                    for _, dist, i in process.extract(q, parts_of[w], scorer=Indel.distance,
                                                      score_cutoff=d, limit=None):
                        if c < out.get(longer[i], budget + 1):
                            out[longer[i]] = c
    return out


_EXPANSIONS: OrderedDict = OrderedDict()  # (database key, stem, budget, edge) -> {cost: (terms, count)}
_EXPANSIONS_MAX = 512


def _expansions_of(conn, key, stem: str, budget: int, edge: str,
                   min_score: float = DEFAULT_MIN_SCORE) -> dict[int, tuple[list[str], int]]:
    """{cost: (FTS terms (stems) at that cost from ``stem``, their sentence count)}, up to
    ``budget``; kept in a small LRU per database state (the CLI's repeated and expanded queries)."""
    k = (key, stem, budget, edge, min_score)
    hit = _EXPANSIONS.get(k)
    if hit is not None:
        _EXPANSIONS.move_to_end(k)
        return hit
    # a number is spelled one way: digits (numbers.fold writes ordinals so)
    near = {stem: 0} if numbers.is_number(stem) else _near_stems(conn, stem, budget, edge, min_score)
    out: dict[int, tuple[list[str], int]] = {}
    by_cost = sorted(near.values())
    if len(by_cost) > MAX_STEMS:  # levels past MAX_STEMS spellings are never used: leave them out
        top = by_cost[MAX_STEMS]
        near = {s: c for s, c in near.items() if c < top}
        out[-1] = ([], top - 1)  # the highest level listed (see _candidate_ids)
    if near:
        for term, cnt in conn.execute(
                f"SELECT term, cnt FROM [{VOCAB_TABLE}] WHERE term IN (SELECT value FROM json_each(?))",
                [json.dumps(list(near), ensure_ascii=False)]):
            ts, c = out.get(near[term], ([], 0))
            ts.append(term)
            out[near[term]] = (ts, c + cnt)
    _EXPANSIONS[k] = out
    if len(_EXPANSIONS) > _EXPANSIONS_MAX:
        _EXPANSIONS.popitem(last=False)
    return out


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


PLAN_TERMS = (100, 300, 1000, 3000)  # spellings per word: the caps tried, the cheapest plan kept
MAX_STEMS = 3000  # stems listed per query word, cheapest first
MAX_PLAN_WORDS = 4  # the rarest words of a long query drive the plan; the others only lower no bound
# the plan's cost model, in microseconds (bench/bench_search.py at N=100,000, 2 cores): each term of
# the FTS5 expression ~11-25, each row it reads ~0.4, each candidate it yields ~14 (its row read,
# its terms, its score)
TERM_US, POSTING_US, CANDIDATE_US = 15.0, 0.4, 14.0


@dataclass
class _Plan:
    """An FTS5 expression (True: no constraint, False: nothing can match), with the number of
    sentences it is expected to yield (words taken as independent), its terms and their rows."""

    expr: object
    rows: float = 0.0
    terms: int = 0
    postings: int = 0

    def cost(self) -> float:
        return TERM_US * self.terms + POSTING_US * self.postings + CANDIDATE_US * self.rows


def _plan(costs: list[dict[int, tuple[list[str], int]]], caps: list[int], budget: int,
          total: int = 1) -> _Plan:
    """An FTS5 expression (or True: no constraint) that every sentence able to match satisfies.

    Word i costs c_i in a sentence: the cost of its nearest spelling there, or at least caps[i] + 1
    when none within caps[i] is there; a match has sum(c_i) <= budget. ``cover(j, b)``: the words
    from the j-th (rarest first) with b left; word j is at cost c (and the rest within b - c) or
    absent (the rest within b - caps[j] - 1). Levels with the same remainder are merged.
    ``total``: the number of sentences, for the estimate of the rows the plan yields."""
    n = len(costs)
    total = max(total, 1)
    tail = [0] * (n + 1)
    for j in range(n - 1, -1, -1):
        tail[j] = tail[j + 1] + caps[j] + 1
    memo: dict = {}
    no, every = _Plan(False), _Plan(True, float(total))

    def part(ts: list[str], count: int, sub: _Plan) -> _Plan:
        ors = "(" + " OR ".join(map(_fts_string, ts)) + ")"
        if sub.expr is True:
            return _Plan(ors, float(count), len(ts), count)
        return _Plan(f"({ors} AND {sub.expr})", count * sub.rows / total, len(ts) + sub.terms,
                     count + sub.postings)

    def cover(j: int, b: int) -> _Plan:
        if b < 0:
            return no
        if tail[j] <= b:
            return every
        if (j, b) in memo:
            return memo[(j, b)]
        parts, pending, pending_count, pending_sub = [], [], 0, None
        for c in range(caps[j] + 1):
            sub = cover(j + 1, b - c)
            if sub.expr is False:
                break
            ts, cnt = costs[j].get(c, ([], 0))
            if not ts:
                continue
            if pending and sub.expr != pending_sub.expr:
                parts.append(part(pending, pending_count, pending_sub))
                pending, pending_count = [], 0
            pending, pending_count, pending_sub = pending + ts, pending_count + cnt, sub
        if pending:
            parts.append(part(pending, pending_count, pending_sub))
        absent = cover(j + 1, b - caps[j] - 1)
        if absent.expr is True:
            out = every
        else:
            if absent.expr:
                parts.append(absent)
            if not parts:
                out = no
            elif len(parts) == 1:
                out = parts[0]
            else:
                out = _Plan("(" + " OR ".join(p.expr for p in parts) + ")",
                            min(sum(p.rows for p in parts), total), sum(p.terms for p in parts),
                            sum(p.postings for p in parts))
        memo[(j, b)] = out
        return out

    return cover(0, budget)


def _word_expansions(conn, words: list[str], min_score: float, key=None):
    """(stems, budget, [the ``_expansions_of`` of each word])."""
    stems = [arabic.strip_clitics(w) for w in words]
    budget = _budget(stems, min_score)
    n = len(stems)
    if key is None:
        key = _db_key(conn)
    words_exp = []
    for i, st in enumerate(stems):
        edge = "both" if n == 1 else "suffix" if i == 0 else "prefix" if i == n - 1 else ""
        words_exp.append(_expansions_of(conn, key, st, min(SCALE * len(st), budget), edge, min_score))
    return stems, budget, words_exp


_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


def _sure_bound(q: str, u: str) -> float:
    """A lower bound of ``score(q, sentence)`` for every sentence whose terms hold the word ``u``
    (``q`` a one-word query). With padded Q = " q ", U = " u ", l = LCS(Q, U), e = len(U) - len(Q):
    a window of len(Q) characters around or inside U keeps l - max(e, 0) of the common letters, so
    ``partial`` >= that / len(Q) (a sentence shorter than the query: ``ratio`` is higher still);
    when 0 <= e and len(U) <= 1.25 len(Q) and that reaches the gate, U is one of the word
    windows: ``ratio(Q, U)``."""
    Q, U = f" {q} ", f" {u} "
    common = (len(Q) + len(U) - Indel.distance(Q, U)) // 2
    e = len(U) - len(Q)
    low = 100 * (common - max(e, 0)) / len(Q)
    if e >= 0 and low >= WINDOW_GATE and len(U) <= int(WINDOW_GROWTH * len(Q) + 1e-9):
        low = max(low, fuzz.ratio(Q, U))
    return low


def _sure_exprs(conn, words: list[str], min_score: float) -> tuple[str | None, str | None]:
    """For a one-word query of Arabic letters, two FTS5 expressions: the sentences holding a word
    whose stem is the query's stem (cost 0: they score 100, the padded stem being one of their
    windows), and those holding a listed spelling whose ``_sure_bound`` reaches ``min_score`` (hits
    whatever their score). ``search`` counts them in SQL instead of scoring them. (None, None)
    for other queries, or when no stored word has the query's stem."""
    if len(words) != 1 or not _ARABIC_WORD.fullmatch(q := arabic.strip_clitics(words[0])):
        return None, None
    exp = _word_expansions(conn, words, min_score)[2][0]
    exact = exp.get(0, ([], 0))[0]
    if not exact:
        return None, None
    sure = [t for c, (ts, _) in exp.items() if c > 0 for t in ts if _sure_bound(q, t) >= min_score]
    return _or(exact), _or(exact + sure)


def _or(terms_: list[str]) -> str:
    return "(" + " OR ".join(map(_fts_string, terms_)) + ")"


def _candidate_ids(conn: sqlite3.Connection, words: list[str], min_score: float, key=None,
                   exclude: str | None = None) -> set[int] | None:
    """Ids of sentences that can score >= ``min_score``: a superset found in the index, which the
    caller rescores (see the module docstring); None when the index cannot narrow them down.
    ``exclude``: an FTS5 expression whose sentences are left out."""
    stems, budget, words_exp = _word_expansions(conn, words, min_score, key)
    total = _sentence_count(conn)
    best = None
    for max_terms in PLAN_TERMS:
        infos = []
        for i, exp in enumerate(words_exp):
            # the highest level whose spellings stay within max_terms (at least the exact one)
            cap, nterms, cnt = 0, 0, 0
            top = exp[-1][1] if -1 in exp else budget  # levels above top were not listed
            # a number is required: absent, it would cost more than the whole budget
            most = budget if numbers.is_number(stems[i]) else min(SCALE * len(stems[i]), budget, top)
            for c in range(most + 1):
                t, k = exp.get(c, ((), 0))
                if c and nterms + len(t) > max_terms:
                    break
                cap, nterms, cnt = c, nterms + len(t), cnt + k
            infos.append((cnt, i, cap, exp))
        infos.sort()  # rarest first
        plan = _plan([x[3] for x in infos[:MAX_PLAN_WORDS]], [x[2] for x in infos[:MAX_PLAN_WORDS]],
                     budget, total)
        # the cheapest by the cost model: more spellings per word make a longer expression but
        # can cut the rows a loose bound lets in by orders of magnitude («محافظة إدلب» at
        # N=100,000: 44,858 candidates with 300 spellings, ~2,000 with 1,000)
        if plan.expr is not True and (best is None or plan.cost() < best.cost()):
            best = plan
    if best is None:
        return None
    if best.expr is False:
        return set()
    expr = best.expr
    if exclude:
        expr = f"({expr}) NOT {exclude}"
    return {r for (r,) in conn.execute(f"SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ?", [expr])}


def _sentence_count(conn) -> int:
    """The number of sentences (the largest id: a bound, read from the end of the rowid b-tree)."""
    return conn.execute("SELECT MAX(id) FROM sentences").fetchone()[0] or 0


def _db_key(conn) -> tuple:
    """Identifies the database and the state of its index (for the expansion cache)."""
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    return (path or id(conn), _fts_signature(conn))


# --- search -------------------------------------------------------------------------------------


def search(db, query: str, *, min_score: float | None = None, exact: bool = False, limit: int = 50,
           context: int = 8, round: int | None = None, source: str | None = None,
           since: str | None = None, until: str | None = None, speaker: str | None = None,
           article: str | int | None = None, expand: bool = False, by: str = "sentence") -> SearchResult:
    """Sentences matching ``query`` (see the module docstring), best first, with filters.

    ``total_sentences``/``total_articles`` count every match, not only the ``limit`` returned.
    ``by="article"`` returns one ``ArticleHit`` per article with its number of matching sentences.
    Raises ``QueryError`` (a ValueError) for a query that cannot be searched."""
    conn = _conn(db)
    ensure_index(conn)
    if min_score is None:
        min_score = DEFAULT_MIN_SCORE
    if not 0 <= min_score <= 100:
        raise QueryError(f"min_score must be between 0 and 100, not {min_score}")
    if by not in ("sentence", "article"):
        raise QueryError(f"by must be 'sentence' or 'article', not {by!r}")
    _query_words(query)  # validate early
    if not exact:
        _refresh_if_stale(conn)
    variants = _expansions(query) if expand else [(None, query)]
    if not exact:  # a person's other spellings (a concept's variants need --expand)
        variants += [v for v in _name_variants(conn, query, min_score) if v not in variants]
    filters, params = _filters(round, source, since, until, speaker, article)

    # a one-word query: the sentences holding its very stem score 100 and those holding a spelling
    # close enough are hits, without being scored: they are counted in SQL, and only the first
    # ``limit`` of the first kind are read (see _sure_exprs, _with_sure)
    sure = top = None
    if not exact and not speaker and len(variants) == 1:
        words = _query_words(variants[0][1])
        hundred, sure = _sure_exprs(conn, words, min_score)
        if hundred and by == "sentence":
            top = _sure_rows(conn, hundred, filters, params, limit)
            if len(top) < limit:  # the rest of the page needs the exact scores of the others
                sure = hundred
        elif hundred:
            sure = hundred
    # by sentence, a page full of score-100 hits needs no exact score for the others (score_many)
    page = None
    if by == "sentence" and not speaker:
        page = 0 if top is not None and len(top) >= limit else limit
    best: dict[int, tuple] = {}  # sentence id -> (score, row, query terms, concept, variant)
    scored: set[int] = set()  # the candidates scored against the query itself
    for concept, variant in variants:
        words = _query_words(variant, fold=not exact)
        for row, sc, qt in _matches(conn, words, min_score, exact, filters, params, exclude=sure, page=page,
                                    seen=scored if variant == query else None):
            if row[0] not in best or sc > best[row[0]][0]:
                best[row[0]] = (sc, row, qt, concept, variant)
    if not exact and not expand:
        _add_joined(conn, query, best, min_score, filters, params, scored)
    found = [(sc, row, qt, concept, variant if expand or variant != query else None)
             for sc, row, qt, concept, variant in best.values()]
    if sure:
        found, n_sure, n_articles = _with_sure(conn, found, sure, top, _query_words(variants[0][1]),
                                               filters, params, variants[0][0])
    found.sort(key=lambda f: (-f[0], f[1][1], f[1][2]))  # score, article, sentence index
    if speaker:
        found = _within_quotes(conn, _complete(conn, found), speaker, min_score, exact)
        found.sort(key=lambda f: (-f[0], f[1][1], f[1][2]))
    if sure:
        result = SearchResult(total_sentences=len(found) + n_sure, total_articles=n_articles)
    else:
        result = SearchResult(total_sentences=len(found), total_articles=len({f[1][1] for f in found}))
    if by == "article":
        result.hits = _by_article(conn, found, limit)
    else:
        page_ = _complete(conn, found[:limit])
        articles = _articles(conn, {f[1][1] for f in page_})
        result.hits = [_hit(articles[f[1][1]], f, context) for f in page_]
    return result


def _sure_sql(filters) -> str:
    return (" FROM sentences s" + (" JOIN articles a ON a.id = s.article_id" if filters else "")
            + f" WHERE s.id IN (SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ?)"
            + "".join(" AND " + c for c in filters))


def _sure_rows(conn, expr: str, filters, params, limit: int | None) -> list[tuple]:
    """(id, article_id, idx) of the sentences of ``expr``, in that order; the first ``limit``."""
    sql = "SELECT s.id, s.article_id, s.idx" + _sure_sql(filters) + " ORDER BY s.article_id, s.idx"
    try:
        if limit is None:
            return conn.execute(sql, [expr, *params]).fetchall()
        return conn.execute(sql + " LIMIT ?", [expr, *params, max(int(limit), 0)]).fetchall()
    except sqlite3.OperationalError as e:  # should not happen: terms are quoted
        raise QueryError(f"the query cannot be searched ({e})") from None


def _with_sure(conn, found: list, sure: str, top: list | None, words: list[str], filters, params,
               concept) -> tuple[list, int, int]:
    """``found`` (the scored sentences) with the sentences of ``sure`` that the result shows, how
    many sentences of ``sure`` are left out of it, and the number of articles of all of them.
    ``top``: the first sentences (score 100) in rank order, the ``limit`` of them when ``sure`` has
    unscored ones, which then rank after them; None: list every sentence of ``sure`` (all score
    100), ids only (grouping by article needs them), never read or scored."""
    qt = " ".join(arabic.strip_clitics(w) for w in words)
    if top is None:
        rows = _sure_rows(conn, sure, filters, params, None)
        found = found + [(100.0, r, qt, concept, None) for r in rows]
        return found, 0, len({f[1][1] for f in found})
    try:
        n_sure, n_articles = conn.execute(
            "SELECT SUM(sure), COUNT(DISTINCT aid) FROM (SELECT 1 AS sure, s.article_id AS aid" + _sure_sql(filters)
            + " UNION ALL SELECT 0, value FROM json_each(?))",
            [sure, *params, json.dumps(sorted({f[1][1] for f in found}))]).fetchone()
    except sqlite3.OperationalError as e:
        raise QueryError(f"the query cannot be searched ({e})") from None
    return found + [(100.0, r, qt, concept, None) for r in top], (n_sure or 0) - len(top), n_articles or 0


# full rows: (id, article_id, idx, start, end, text, terms)
_FULL_ROW = "s.id, s.article_id, s.idx, s.start, s.[end], " + SENTENCE_TEXT + ", s.terms"


def _complete(conn, found: list) -> list:
    """``found`` with full rows (id, article_id, idx, start, end, text, terms) for the lean ones
    (id, article_id, idx, terms) that scoring used."""
    lean = [f[1][0] for f in found if len(f[1]) < 7]
    if not lean:
        return found
    rows = {}
    for chunk in range(0, len(lean), 30000):
        rows.update((r[0], r) for r in conn.execute(
            f"SELECT {_FULL_ROW} FROM sentences s JOIN articles a ON a.id = s.article_id"
            " WHERE s.id IN (SELECT value FROM json_each(?))",
            [json.dumps(lean[chunk:chunk + 30000])]))
    return [f if len(f[1]) == 7 else (f[0], rows[f[1][0]], *f[2:]) for f in found]


def _matches(conn, words, min_score, exact, filters, params, exclude: str | None = None,
             page: int | None = None, seen: set[int] | None = None):
    """Yield (row, score, query terms) for the candidate sentences that match; rows are
    (id, article_id, idx, terms) for the fuzzy path (see ``_complete``), full rows for exact.
    ``exclude``: an FTS5 expression whose sentences are left out (the fuzzy path only).
    ``seen``: candidate ids not to score again (those already scored with the same query terms);
    the candidates scored here are added to it."""
    where = "".join(" AND " + c for c in filters)
    try:
        if exact:  # the phrase of the words' stems, then the literal words in the sentence text
            sql = (f"SELECT {_FULL_ROW} FROM [{FTS_TABLE}] f"
                   f" JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id"
                   f" WHERE [{FTS_TABLE}] MATCH ?" + where)
            rows = conn.execute(sql, [_fts_string(" ".join(map(arabic.strip_clitics, words))), *params])
        else:
            ids = _candidate_ids(conn, words, min_score, exclude=exclude)
            if ids is not None and seen is not None:
                ids -= seen
                seen |= ids
            if ids is not None and not ids:
                return
            lean = "SELECT s.id, s.article_id, s.idx, s.terms FROM sentences s"
            if filters:
                lean += " JOIN articles a ON a.id = s.article_id"
            if ids is None and exclude:  # the index cannot narrow the query down: every other sentence
                rows = conn.execute(lean + f" WHERE s.id NOT IN (SELECT rowid FROM [{FTS_TABLE}] WHERE"
                                    f" [{FTS_TABLE}] MATCH ?)" + where, [exclude, *params]).fetchall()
            elif ids is None:  # the index cannot narrow the query down: every sentence
                rows = conn.execute(lean + " WHERE 1" + where, params).fetchall()
            else:
                rows = conn.execute(lean + " WHERE s.id IN (SELECT value FROM json_each(?))" + where,
                                    [json.dumps(sorted(ids)), *params]).fetchall()
    except sqlite3.OperationalError as e:  # should not happen: terms are quoted
        raise QueryError(f"the query cannot be searched ({e})") from None
    if exact:
        pattern = _exact_pattern(words)
        for row in rows:
            if pattern.search(arabic.normalize(row[5])):
                yield row, 100.0, " ".join(words)
        return
    qt = " ".join(arabic.strip_clitics(w) for w in words)
    for i, sc in score_many(qt, [r[3] or "" for r in rows], min_score, page):
        yield rows[i], sc, qt


def _exact_pattern(words: list[str]) -> re.Pattern:
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, words)) + r"(?![^\W_])")


def _filters(round, source, since, until, speaker, article) -> tuple[list[str], list]:
    """SQL conditions on ``s`` (sentences) and ``a`` (articles), and their parameters."""
    conds, params = [], []
    if round is not None:
        conds.append("a.id IN (SELECT article_id FROM article_rounds WHERE round = ?)")
        params.append(int(round))
    if source:
        conds.append("a.source = ?")
        params.append(source)
    if since:
        conds.append("a.published >= ?")
        params.append(str(since))
    if until:
        conds.append("a.published <= ?")
        params.append(str(until))
    if speaker:
        conds.append('EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = s.article_id'
                     ' AND (q.speaker_id = ? OR q.speaker = ?) AND q.start < s.[end] AND q.[end] > s.start)')
        params += [speaker, speaker]
    if article is not None and str(article) != "":
        conds.append("(a.file = ? OR a.path = ? OR CAST(a.id AS TEXT) = ?)")
        params += [str(article)] * 3
    return conds, params


# --- presenting a hit ---------------------------------------------------------------------------


def _alignment(row, qt: str, exact: bool = False) -> tuple[int, int]:
    """The matched words as a span of the sentence text (offsets inside the sentence)."""
    norm, to_text = arabic.normalize_with_map(row[5] or "")
    ws = arabic.words(norm)
    stems = [arabic.strip_clitics(w) for _, _, w in ws]  # each a suffix of its word
    if not exact and numbers.may_fold(stems, " ".join(stems)):  # a number's words become one token
        folded = numbers.fold(stems)
        ws = [(ws[i][0], ws[j - 1][1], t) for t, i, j in folded]
        stems = [t for t, _, _ in folded]
    if _numbers_of(qt):  # align inside the best part around the query's numbers
        parts = _number_parts(qt, stems)
        if parts:
            lo, hi = max(parts, key=lambda p: _score(qt, " ".join(stems[p[0]:p[1]]), 0))
            ws, stems = ws[lo:hi], stems[lo:hi]
    tt = " ".join(stems)
    if not tt:
        return 0, 0
    q, s = f" {qt} ", f" {tt} "
    al = fuzz.partial_ratio_alignment(q, s)
    a, b = (al.dest_start, al.dest_end) if len(qt) <= len(tt) else (al.src_start, al.src_end)
    a, b = a - 1, b - 1  # undo the padding
    starts = [0, *accumulate(len(x) + 1 for x in stems)]  # where each stem starts in tt
    p = _partial(q, s, 0)
    if WINDOW_GATE <= p < 100:  # the word window, when it is what scored (see ``score``)
        w, i, j = _window(q, tt, qt.count(" ") + 1, p)
        if w > p:
            a, b = starts[i], starts[j] - 1
    # widen to whole words: every word whose stem overlaps the alignment by half or more
    chosen = [(ws_, we) for (ws_, we, _), st, t0 in zip(ws, stems, starts)
              if (min(b, t0 + len(st)) - max(a, t0)) * 2 > len(st)]
    if not chosen:
        return 0, 0
    return arabic.original_span(to_text, chosen[0][0], chosen[-1][1])


def _articles(conn, ids) -> dict[int, tuple]:
    """{article id: (file, title, published, text, [(round, role, start, end, confidence)])}, in
    two queries for a page of hits."""
    ids = json.dumps(sorted(ids))
    out = {r[0]: (*r[1:], []) for r in conn.execute(
        "SELECT id, file, title, published, text FROM articles WHERE id IN (SELECT value FROM json_each(?))", [ids])}
    try:
        for aid, *rr in conn.execute('SELECT article_id, round, role, start, [end], confidence FROM article_rounds'
                                     ' WHERE article_id IN (SELECT value FROM json_each(?))', [ids]):
            out[aid][4].append(tuple(rr))
    except sqlite3.OperationalError:  # a hand-made database without rounds
        pass
    return out


def _hit(article: tuple, found, context: int) -> Hit:
    sc, row, qt, concept, variant = found
    sid, article_id, idx, s_start, s_end, text = row[:6]
    file, title, published, body, rounds = article
    ms, me = _alignment(row, qt)
    start, end = s_start + ms, s_start + me
    left_words = _words_near(body, start, context, before=True) if context else []
    right_words = _words_near(body, end, context, before=False) if context else []
    left = " ".join(body[left_words[0][0]:start].split()) if left_words else ""
    right = " ".join(body[end:right_words[-1][1]].split()) if right_words else ""
    return Hit(file=file, article_id=article_id, title=title, published=published,
               round=_round_of(rounds, s_start, s_end), score=round_score(sc),
               sentence=text, match=body[start:end], left=left, right=right, start=start, end=end,
               sentence_id=sid, concept=concept, variant=variant)


def _words_near(body: str, at: int, k: int, before: bool) -> list[tuple[int, int, str]]:
    """The ``k`` words of ``body`` just before (or after) offset ``at``, with offsets in ``body``;
    reads a growing slice instead of tokenizing the whole article for every hit."""
    window = 24 * k + 64
    while True:
        lo, hi = (max(0, at - window), at) if before else (at, min(len(body), at + window))
        ws = [(s + lo, e + lo, w) for s, e, w in arabic.words(body[lo:hi])]
        if len(ws) > k or (lo == 0 if before else hi == len(body)):
            return ws[-k:] if before else ws[:k]
        window *= 4


def round_score(sc: float) -> float:
    return float(f"{sc:.1f}")


def _round_of(rounds: list[tuple], start: int, end: int) -> int | None:
    """The round named inside the span, else the article's main round (``rounds``: the article's
    (round, role, start, end, confidence) rows); the most confident, then the lowest."""
    inside = [r for r in rounds if r[2] is not None and r[2] >= start and r[3] <= end]
    if inside:
        return max(inside, key=lambda r: r[4] or 0)[0]  # the first of the most confident
    main = [r for r in rounds if r[1] == "main"]
    return min(main, key=lambda r: (-(r[4] or 0), r[0]))[0] if main else None


def _add_joined(conn, query: str, best: dict, min_score: float, filters, params,
                scored: set[int]) -> None:
    """Candidates for a query of two or three words written as one by some outlets («نور سلطان» /
    «نورسلطان»): each pair of neighbouring words is also looked up joined, and what it finds is
    scored with the query as given (the same score as everywhere, so brute force agrees).
    ``scored``: the candidates the query itself scored; they are not scored again (most of the
    joined forms' candidates at N=100,000: they hold the other words)."""
    words = _query_words(query)
    if not 2 <= len(words) <= 3:
        return
    qt = terms(" ".join(words))
    for i in range(len(words) - 1):
        joined = words[:i] + [words[i] + words[i + 1]] + words[i + 2:]
        for row, _sc, _qt in _matches(conn, joined, min_score, False, filters, params, seen=set(scored)):
            if row[0] in best:
                continue
            sc = score(qt, (row[3] if len(row) < 7 else row[6]) or "", min_score)
            if sc >= min_score:
                best[row[0]] = (sc, row, qt, None, query)


def _within_quotes(conn, found: list, speaker: str, min_score: float, exact: bool) -> list:
    """``found`` re-matched inside the quotes of ``speaker`` only: for each sentence, the query is
    scored against the part of it each of the speaker's quotes covers, and the best part that
    still matches replaces the sentence (its row narrowed to that part, so the match, its offsets
    and its context are those inside the quote). Sentences with no matching quote part go."""
    out = []
    for sc, row, qt, *rest in found:
        spans = conn.execute('SELECT start, [end] FROM quotes WHERE article_id = ? AND '
                             '(speaker_id = ? OR speaker = ?) AND start < ? AND [end] > ?',
                             [row[1], speaker, speaker, row[4], row[3]]).fetchall()
        best = None
        for qs, qe in spans:
            a, b = max(qs, row[3]), min(qe, row[4])
            part = (row[5] or "")[a - row[3]:b - row[3]]
            part_terms = terms(arabic.normalize(part))
            if exact:
                part_score = 100.0 if qt in part_terms else 0.0
            else:
                part_score = score(qt, part_terms, min_score)
            if part_score >= min_score and (best is None or part_score > best[0]):
                best = (part_score, (row[0], row[1], row[2], a, b, part, part_terms))
        if best:
            out.append((best[0], best[1], qt, *rest))
    return out


def _by_article(conn, found, limit: int) -> list[ArticleHit]:
    groups: dict[int, list] = {}
    for f in found:
        groups.setdefault(f[1][1], []).append(f)
    # found is sorted best first: fs[0] is each article's best sentence
    order = sorted(groups.items(), key=lambda kv: (-len(kv[1]), -kv[1][0][0], kv[0]))[:limit]
    bests = _complete(conn, [fs[0] for _, fs in order])
    articles = _articles(conn, [article_id for article_id, _ in order])
    out = []
    for (article_id, fs), best in zip(order, bests):
        file, title, published, _, rounds = articles[article_id]
        ms, me = _alignment(best[1], best[2])
        out.append(ArticleHit(file=file, article_id=article_id, title=title, published=published,
                              round=_round_of(rounds, -1, -1), count=len(fs),
                              score=round_score(best[0]), match=(best[1][5] or "")[ms:me]))
    return out


# --- concepts -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lexicon() -> list[dict]:
    from . import data

    return data.load("concepts")["concepts"]


def concepts() -> list[dict]:
    """The concept lexicon as records: id, label, variants (joined by ' / '), source, note."""
    return [{"concept": c["id"], "label": c["label"], "variants": " / ".join(c["variants"]),
             "source": c.get("source", ""), "note": c.get("note", "")} for c in _lexicon()]


NAMED = 90  # a query (or part of one) names a concept or a person when within this ratio of a variant


def _runs(words: list[str], size: int):
    """(start, the terms of words[start:start + size]) for each run of ``size`` query words."""
    for i in range(len(words) - size + 1):
        yield i, terms(" ".join(words[i:i + size]))


def _expansions(query: str) -> list[tuple[str | None, str]]:
    """(concept id, variant) pairs to search for ``query`` with expand: every variant of each
    concept the query names (by id, label or a variant, any spelling), plus the query itself.
    A concept named inside a longer query is widened there: «اتفاق خفض التوتر» is also searched
    as «اتفاق خفض التصعيد», «اتفاق تخفيف التوتر», ... (the query's other words kept as written)."""
    q = terms(arabic.normalize(query))
    key = query.strip().lower()
    words = _query_words(query, fold=False)
    out: list[tuple[str | None, str]] = []
    for c in _lexicon():
        vs = [terms(arabic.normalize(v)) for v in c["variants"]]
        named = key in (c["id"], c["label"].lower()) or any(fuzz.ratio(q, v) >= NAMED for v in vs)
        if named:
            out += [(c["id"], v) for v in c["variants"]]
            continue
        for v in vs:  # the concept inside the query: a run of as many words as the variant
            size = v.count(" ") + 1
            if size >= len(words):
                continue
            for i, run in _runs(words, size):
                if fuzz.ratio(run, v) >= NAMED:
                    out += [(c["id"], " ".join(words[:i] + [other] + words[i + size:]))
                            for other in c["variants"]]
    if not any(fuzz.ratio(q, terms(arabic.normalize(v))) >= NAMED for _, v in out):
        out.insert(0, (None, query))
    return list(dict.fromkeys(out))


# --- people's names ---------------------------------------------------------------------------

MAX_NAME_VARIANTS = 24  # spellings of one person searched for a query naming them


@lru_cache(maxsize=1)
def _gazetteer_names() -> list[tuple[str, list[str]]]:
    """(person id, the terms of each of their Arabic spellings) from data/speakers.json."""
    from . import data

    return [(p["id"], [terms(arabic.normalize(n)) for n in p.get("names_ar", [])])
            for p in data.load("speakers")["people"]]


def _name_variants(conn, query: str, min_score: float = DEFAULT_MIN_SCORE) -> list[tuple[str, str]]:
    """(person id, spelling) pairs to search besides ``query`` when it names a person of the
    gazetteer (one of their spellings, as a run of its words, or the whole query within
    ``NAMED``): the query with that run written as each other spelling of theirs of as many words
    or more (a full name finds the full names, a surname all of them), and each full-name spelling
    through Latin letters and back (``names.transliterations``: «أحمد طعمة» -> «أحمد توما»)
    where the corpus has those words. Only a name of two words or more is transliterated: the
    other word keeps a surname's new spelling from being an ordinary word («تامه»). A spelling
    that scores ``min_score`` against the query itself is left out: the query finds it already."""
    words = _query_words(query, fold=False)
    q = terms(" ".join(words))
    best = None  # (words named, start, person id, spellings)
    for pid, spellings in _gazetteer_names():
        for sp in spellings:
            size = sp.count(" ") + 1
            if fuzz.ratio(q, sp) >= NAMED:
                hit = (len(words), 0, pid, spellings)
            else:
                hit = next(((size, i, pid, spellings) for i, run in _runs(words, size) if run == sp), None)
            if hit and (best is None or hit[0] > best[0]):
                best = hit
    if best is None:
        return []
    size, start, pid, spellings = best
    wanted = [sp for sp in spellings if sp.count(" ") + 1 >= size]
    full = [sp.split(" ") for sp in wanted if " " in sp]
    stems = sorted({x for sp in full for w in sp for x in transliterations(w)} - {w for sp in full for w in sp})
    present = set()
    if stems:
        present = {t for (t,) in conn.execute(
            f"SELECT term FROM [{VOCAB_TABLE}] WHERE term IN (SELECT value FROM json_each(?))",
            [json.dumps(stems, ensure_ascii=False)])}
    for sp in full:
        options = [[x for x in transliterations(w) if x == w or x in present] for w in sp]
        for combo in islice(product(*options), MAX_NAME_VARIANTS):
            wanted.append(" ".join(combo))
    out = []
    for sp in dict.fromkeys(wanted):
        variant = " ".join(words[:start] + [sp] + words[start + size:])
        if score(q, terms(variant), min_score) < min_score:
            out.append((pid, variant))
    return out[:MAX_NAME_VARIANTS]


def dumps(result: SearchResult) -> str:
    """The result as JSON (for debugging)."""
    return json.dumps([h.as_record() for h in result.hits], ensure_ascii=False, indent=1)
