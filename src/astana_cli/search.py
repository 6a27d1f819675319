"""Fuzzy phrase search over the stored sentences, index-backed, with a graded score 0-100.

How a query is answered
-----------------------
1. The query and every sentence go through ``arabic.normalize`` and then ``arabic.strip_clitics``
   word by word: the *terms* of a text are its clitic-stripped normalized words joined by spaces
   («ولخفض التصعيد» -> «لخفض تصعيد»).
2. The score of a sentence is ``score``: ``rapidfuzz.fuzz.partial_ratio(" query terms ", " sentence
   terms ")`` (the best window of the query's length, 0-100) when the sentence is at least as long
   as the query; a shorter sentence can only match as a whole, by ``fuzz.ratio`` (so a fragment
   such as «اار» no longer scores 80 against «وقف اطلاق النار»). ``brute_force`` and the benchmark
   apply this very function (``score_many``, rapidfuzz ``process.extract`` in C) to every
   sentence; it is the reference the index path is tested against.
3. Candidates come from the index, never from a scan, and are all rescored with that function.
   The padded query of length L may be an indel distance ``budget`` = 0.4 L (at 80) from its
   window. Each query word i costs c_i in a sentence: the indel distance to the nearest stem there
   (stems found in ``search_vocab`` by range on their first and last letters, distances by
   rapidfuzz in C; the query's first word may also be the end of a longer word, its last word the
   start of one, at distance + 1), so a match has sum(c_i) <= budget. Per word, its spellings are
   listed by cost level (cached in an LRU per database state); a cap_i keeps each word's spellings
   under 300 (3,000 if needed), and a word with no spelling within cap_i costs at least cap_i + 1.
   ``_plan`` turns that into one FTS5 expression, rarest word first: the word at level c AND a cover
   of the other words within budget - c, OR it is absent and the others cover budget - cap_i - 1
   (levels with the same remainder merged). A short word like «نار» thus only narrows AND-ed with
   the others instead of adding thousands of sentences to a union. One ``SELECT rowid ... MATCH``,
   then one query for the candidates' norms, ``terms`` by one regex (``_CLITIC_RE``, equal to
   ``strip_clitics`` word by word), scored in C; the text of a hit is read only for the ``limit``
   shown.

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
- The vocabulary is filled in bulk from ``fts5vocab`` by ``refresh_vocab`` (about 2 s at N=10,000,
  with 'optimize'), after an ingest or lazily by the first search that finds it stale (the FTS5
  structure record, which changes on every write, is kept in ``search_meta``); nothing per article.
- A word-level FTS5 table over ``sentences.norm`` is the index sqlite-utils would make
  (``sentences_fts``, external content, sync triggers): datasette and ``sqlite-utils search`` use
  it as it is, at about a third of a trigram index's build time and disk. A trigram index was not
  tried: at 80 the q-gram lemma gives no bound for short queries (a 15-letter query may be 6
  indels away, which can touch every trigram).

What the store does
-------------------
``create_index(db)`` (a migration) creates the FTS table, its triggers, the vocabulary and
``search_meta`` and indexes what is already there; ``refresh_vocab(conn, optimize=True)`` is to be
called once after ``ingest_paths``; ``index_sentences``/``unindex_article`` are no-ops kept for the
store's calls.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from .text import arabic

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
    concept: str | None = None  # with expand: the concept and the variant that matched
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
    # exactly what sqlite_utils' table.enable_fts(["norm"], create_triggers=True) creates
    f"CREATE VIRTUAL TABLE IF NOT EXISTS [{FTS_TABLE}] USING FTS5 ([norm], content=[sentences])",
    f"""CREATE TRIGGER IF NOT EXISTS [sentences_ai] AFTER INSERT ON [sentences] BEGIN
  INSERT INTO [{FTS_TABLE}] (rowid, [norm]) VALUES (new.rowid, new.[norm]);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS [sentences_ad] AFTER DELETE ON [sentences] BEGIN
  INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}], rowid, [norm]) VALUES('delete', old.rowid, old.[norm]);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS [sentences_au] AFTER UPDATE ON [sentences] BEGIN
  INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}], rowid, [norm]) VALUES('delete', old.rowid, old.[norm]);
  INSERT INTO [{FTS_TABLE}] (rowid, [norm]) VALUES (new.rowid, new.[norm]);
END""",
    # every word of the index with its clitic-stripped stem, and the stem reversed (look-up by the
    # last letters); filled from fts5vocab by refresh_vocab, never per article
    f"CREATE TABLE IF NOT EXISTS [{VOCAB_TABLE}] (term TEXT PRIMARY KEY, stem TEXT NOT NULL,"
    f" rstem TEXT NOT NULL, cnt INTEGER NOT NULL) WITHOUT ROWID",
    f"CREATE INDEX IF NOT EXISTS [{VOCAB_TABLE}_stem] ON [{VOCAB_TABLE}] (stem)",
    f"CREATE INDEX IF NOT EXISTS [{VOCAB_TABLE}_rstem] ON [{VOCAB_TABLE}] (rstem)",
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
    if _has_table(conn, VOCAB_TABLE) and "cnt" not in {r[1] for r in conn.execute(
            f"PRAGMA table_info([{VOCAB_TABLE}])")}:
        conn.execute(f"DROP TABLE [{VOCAB_TABLE}]")  # the first version's (term, rterm)
    for ddl in INDEX_DDL:
        conn.execute(ddl)
    if not existed:
        conn.execute(f"INSERT INTO [{FTS_TABLE}]([{FTS_TABLE}]) VALUES('rebuild')")
    refresh_vocab(conn)


def ensure_index(db) -> None:
    """``create_index`` when the database has no (current) search index, e.g. made by hand."""
    conn = _conn(db)
    if not _has_table(conn, META_TABLE) or "cnt" not in {
            r[1] for r in conn.execute(f"PRAGMA table_info([{VOCAB_TABLE}])")}:
        if getattr(conn, "in_transaction", False):
            create_index(conn)
        else:
            with conn:
                create_index(conn)


def index_sentences(conn, rows) -> None:
    """Called by the store after inserting one article's sentences. Nothing to do: the triggers
    write the FTS rows, and the vocabulary is refreshed in bulk (``refresh_vocab``) after an
    ingest, or by the first search that finds it stale. Filling it per article cost 14x the
    baseline ingest at N=10,000 (see the module docstring)."""


def unindex_article(conn, article_id: int) -> None:
    """Called before an article's sentences are deleted. Nothing to do: the delete trigger removes
    the FTS rows, and stale vocabulary words are harmless (they find no rows)."""


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
        conn.create_function("astana_stem", 1, arabic.strip_clitics, deterministic=True)
        conn.create_function("astana_reverse", 1, _reverse, deterministic=True)
    except sqlite3.OperationalError:
        pass  # already registered on this connection


def refresh_vocab(db, optimize: bool = False) -> int:
    """Add the index's new words to ``search_vocab`` with their stems, in bulk from fts5vocab;
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
        # new words get their stem (computed once, here); known words only their sentence count
        conn.execute(f"INSERT INTO [{VOCAB_TABLE}] (term, stem, rstem, cnt)"
                     f" SELECT term, '', '', doc FROM temp.[{FTS_TABLE}_v] WHERE true"
                     f" ON CONFLICT(term) DO UPDATE SET cnt = excluded.cnt WHERE cnt != excluded.cnt")
        conn.execute(f"UPDATE [{VOCAB_TABLE}] SET stem = astana_stem(term) WHERE stem = ''")
        conn.execute(f"UPDATE [{VOCAB_TABLE}] SET rstem = astana_reverse(stem) WHERE rstem = ''")
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
    """The clitic-stripped words of normalized text, joined by single spaces:
    ``" ".join(map(arabic.strip_clitics, arabic.WORD.findall(norm)))``, computed in C."""
    return _CLITIC_RE.sub(" ", " " + _NON_WORD.sub(" ", norm)).strip()


def terms_with_map(norm: str) -> tuple[str, list[int]]:
    """``terms(norm)`` and, for each of its characters, the index in ``norm`` it comes from."""
    out: list[str] = []
    where: list[int] = []
    for s, e, w in arabic.words(norm):
        stem = arabic.strip_clitics(w)  # a suffix of w, since norm is normalized already
        if out:
            out.append(" ")
            where.append(s - 1)
        out.append(stem)
        where.extend(range(e - len(stem), e))
    return "".join(out), where


def score(query_terms: str, sentence_terms: str, cutoff: float = 0) -> float:
    """How well the query occurs in the sentence, 0-100 (both given as ``terms``).

    Both are padded with a space, so a query aligned on whole words scores higher than the same
    letters inside a longer word («استانه» scores 88 on «استانا» but 75 on «كازاخستان»). A sentence
    at least as long as the query is scored by ``partial_ratio`` (the best window of the query's
    length); a shorter one can only match as a whole, by ``ratio``: a fragment such as «اار» no
    longer scores 80 against the query «وقف اطلاق النار»."""
    q, s = f" {query_terms} ", f" {sentence_terms} "
    if len(s) < len(q):
        return fuzz.ratio(q, s, score_cutoff=cutoff)
    return fuzz.partial_ratio(q, s, score_cutoff=cutoff)


def score_many(query_terms: str, sentence_terms: list[str], cutoff: float) -> list[tuple[int, float]]:
    """[(index, score)] of the ``sentence_terms`` for which ``score`` >= ``cutoff``, computed by
    rapidfuzz in C (``process.extract`` with the query prepared once)."""
    q = f" {query_terms} "
    n = len(q)
    padded = [f" {t} " for t in sentence_terms]
    longer = [i for i, s in enumerate(padded) if len(s) >= n]
    out = []
    if len(longer) == len(padded):
        out = [(i, sc) for _, sc, i in process.extract(q, padded, scorer=fuzz.partial_ratio,
                                                       score_cutoff=cutoff, limit=None)]
    else:
        if longer:
            out = [(longer[k], sc) for _, sc, k in process.extract(
                q, [padded[i] for i in longer], scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None)]
        for i, s in enumerate(padded):
            if len(s) < n:
                sc = fuzz.ratio(q, s, score_cutoff=cutoff)
                if sc >= cutoff:
                    out.append((i, sc))
    return out


def brute_force(db, query: str, min_score: float = DEFAULT_MIN_SCORE) -> dict[int, float]:
    """{sentence id: score} of every sentence scoring >= ``min_score``, by scanning them all.
    The reference for tests and the benchmark; never used by ``search``."""
    q = terms(arabic.normalize(query))
    rows = _conn(db).execute("SELECT id, norm FROM sentences").fetchall()
    return {rows[i][0]: sc for i, sc in score_many(q, [terms(n or "") for _, n in rows], min_score)}


# --- candidates from the index ------------------------------------------------------------------


def _query_words(query: str) -> list[str]:
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    ws = [w for _, _, w in arabic.words(arabic.normalize(query))]
    if not ws:
        raise QueryError("the query has no letters or digits")
    if len(ws) > MAX_QUERY_WORDS:
        raise QueryError(f"query too long ({len(ws)} words; at most {MAX_QUERY_WORDS})")
    return ws


def _budget(stems: list[str], min_score: float) -> int:
    """The indel distance the whole padded query may be away from its window and still score
    >= ``min_score``: partial_ratio = 100 * (1 - distance / (2 * L)) over a window of length L."""
    length = len(" ".join(stems)) + 2
    return int(2 * length * (1 - min_score / 100) + 1e-9)


def _near_stems(conn: sqlite3.Connection, q: str, budget: int, edge: str) -> dict[str, int]:
    """{stored stem: cost} for the stems within ``budget`` of the query word ``q``.

    The cost is the indel distance (a substitution costs 2, a letter missing or added 1). A stem
    is looked up by range on its first letters and on its last letters (``rstem``): one edit, or
    two away from both ends, leaves one of the two intact. Two letters each side, one for words of
    four letters or fewer; each side also with one letter of the query deleted. ``edge`` says
    where the window of the query may cut a longer word: "suffix" (the query's first word may match
    the end of a longer word, the window starting inside it), "prefix" (the last word), "both" (a
    one-word query: any part); such a part costs its distance plus one (the padding space lost)."""
    k = 1 if len(q) <= 4 else 2
    r = q[::-1]
    heads = {q[:k]} | {q[:i] + q[i + 1:k + 1] for i in range(k)}
    tails = {r[:k]} | {r[:i] + r[i + 1:k + 1] for i in range(k)}
    ranges = [(h, "stem") for h in heads if h] + [(t, "rstem") for t in tails if t]
    sql = " UNION ".join(f"SELECT stem FROM [{VOCAB_TABLE}] WHERE {col} >= ? AND {col} < ?"
                         for _, col in ranges)
    params = [x for lo, _ in ranges for x in (lo, lo + "\U0010ffff")]
    stems = [s for (s,) in conn.execute(sql, params)]
    if not stems:
        return {}
    m = len(q)
    out = {s: int(d) for s, d, _ in process.extract(q, stems, scorer=Indel.distance, score_cutoff=budget,
                                                     limit=None)}
    if edge and budget >= 1:
        longer = [s for s in stems if len(s) > m]
        if edge == "both":
            need = 100 * (1 - (budget - 1 + 0.5) / (2 * m))
            for s, sc, _ in process.extract(q, longer, scorer=fuzz.partial_ratio,
                                            score_cutoff=max(need, 0), limit=None):
                c = 1 + int(2 * m * (1 - sc / 100) + 0.5)
                if c < out.get(s, budget + 1):
                    out[s] = c
        else:
            for w in range(max(1, m - budget + 1), m + budget):
                parts = [s[-w:] if edge == "suffix" else s[:w] for s in longer]
                for _, d, i in process.extract(q, parts, scorer=Indel.distance, score_cutoff=budget - 1,
                                               limit=None):
                    if d + 1 < out.get(longer[i], budget + 1):
                        out[longer[i]] = int(d) + 1
    return out


_EXPANSIONS: OrderedDict = OrderedDict()  # (database key, stem, budget, edge) -> {cost: (terms, count)}
_EXPANSIONS_MAX = 512


def _expansions_of(conn, key, stem: str, budget: int, edge: str) -> dict[int, tuple[list[str], int]]:
    """{cost: (FTS terms whose stem is at that cost from ``stem``, their sentence count)}, up to
    ``budget``; kept in a small LRU per database state (the CLI's repeated and expanded queries)."""
    k = (key, stem, budget, edge)
    hit = _EXPANSIONS.get(k)
    if hit is not None:
        _EXPANSIONS.move_to_end(k)
        return hit
    near = _near_stems(conn, stem, budget, edge)
    out: dict[int, tuple[list[str], int]] = {}
    by_cost = sorted(near.values())
    if len(by_cost) > MAX_STEMS:  # levels past MAX_STEMS spellings are never used: leave them out
        top = by_cost[MAX_STEMS]
        near = {s: c for s, c in near.items() if c < top}
        out[-1] = ([], top - 1)  # the highest level listed (see _candidate_ids)
    if near:
        for term, st, cnt in conn.execute(
                f"SELECT term, stem, cnt FROM [{VOCAB_TABLE}] WHERE stem IN (SELECT value FROM json_each(?))",
                [json.dumps(list(near), ensure_ascii=False)]):
            ts, c = out.get(near[st], ([], 0))
            ts.append(term)
            out[near[st]] = (ts, c + cnt)
    _EXPANSIONS[k] = out
    if len(_EXPANSIONS) > _EXPANSIONS_MAX:
        _EXPANSIONS.popitem(last=False)
    return out


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


PLAN_TERMS = (300, 3000)  # spellings per word tried in turn until the plan constrains (else: scan)
MAX_STEMS = 3000  # stems listed per query word, cheapest first
MAX_PLAN_WORDS = 4  # the rarest words of a long query drive the plan; the others only lower no bound


def _plan(costs: list[dict[int, tuple[list[str], int]]], caps: list[int], budget: int):
    """An FTS5 expression (or True: no constraint) that every sentence able to match satisfies.

    Word i costs c_i in a sentence: the cost of its nearest spelling there, or at least caps[i] + 1
    when none within caps[i] is there; a match has sum(c_i) <= budget. ``cover(j, b)``: the words
    from the j-th (rarest first) with b left; word j is at cost c (and the rest within b - c) or
    absent (the rest within b - caps[j] - 1). Levels with the same remainder are merged."""
    n = len(costs)
    tail = [0] * (n + 1)
    for j in range(n - 1, -1, -1):
        tail[j] = tail[j + 1] + caps[j] + 1
    memo: dict = {}

    def cover(j: int, b: int):
        if b < 0:
            return False
        if tail[j] <= b:
            return True
        if (j, b) in memo:
            return memo[(j, b)]
        parts, pending, pending_sub = [], [], None
        for c in range(caps[j] + 1):
            sub = cover(j + 1, b - c)
            if sub is False:
                break
            ts = costs[j].get(c, ([], 0))[0]
            if not ts:
                continue
            if pending and sub != pending_sub:
                parts.append(_and(pending, pending_sub))
                pending = []
            pending, pending_sub = pending + ts, sub
        if pending:
            parts.append(_and(pending, pending_sub))
        absent = cover(j + 1, b - caps[j] - 1)
        if absent is True:
            out = True
        else:
            if absent:
                parts.append(absent)
            out = " OR ".join(parts) if parts else False
            if out and len(parts) > 1:
                out = f"({out})"
        memo[(j, b)] = out
        return out

    return cover(0, budget)


def _and(terms_: list[str], sub) -> str:
    ors = "(" + " OR ".join(map(_fts_string, terms_)) + ")"
    return ors if sub is True else f"({ors} AND {sub})"


def _candidate_ids(conn: sqlite3.Connection, words: list[str], min_score: float, key=None) -> set[int] | None:
    """Ids of sentences that can score >= ``min_score``: a superset found in the index, which the
    caller rescores (see the module docstring); None when the index cannot narrow them down."""
    stems = [arabic.strip_clitics(w) for w in words]
    budget = _budget(stems, min_score)
    n = len(stems)
    if key is None:
        key = _db_key(conn)
    words_exp = []
    for i, st in enumerate(stems):
        edge = "both" if n == 1 else "suffix" if i == 0 else "prefix" if i == n - 1 else ""
        words_exp.append(_expansions_of(conn, key, st, min(len(st), budget), edge))
    plan = True
    for max_terms in PLAN_TERMS:
        infos = []
        for i, exp in enumerate(words_exp):
            # the highest level whose spellings stay within max_terms (at least the exact one)
            cap, nterms, cnt = 0, 0, 0
            top = exp[-1][1] if -1 in exp else budget  # levels above top were not listed
            for c in range(min(len(stems[i]), budget, top) + 1):
                t, k = exp.get(c, ((), 0))
                if c and nterms + len(t) > max_terms:
                    break
                cap, nterms, cnt = c, nterms + len(t), cnt + k
            infos.append((cnt, i, cap, exp))
        infos.sort()  # rarest first
        plan = _plan([x[3] for x in infos[:MAX_PLAN_WORDS]], [x[2] for x in infos[:MAX_PLAN_WORDS]], budget)
        if plan is not True:
            break
    if plan is True:
        return None
    if plan is False:
        return set()
    return {r for (r,) in conn.execute(f"SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ?", [plan])}


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
    filters, params = _filters(round, source, since, until, speaker, article)

    best: dict[int, tuple] = {}  # sentence id -> (score, row, query terms, concept, variant)
    for concept, variant in variants:
        words = _query_words(variant)
        for row, sc, qt in _matches(conn, words, min_score, exact, filters, params):
            if row[0] not in best or sc > best[row[0]][0]:
                best[row[0]] = (sc, row, qt, concept, variant)
    found = [(sc, row, qt, concept, variant if expand else None)
             for sc, row, qt, concept, variant in best.values()]
    found.sort(key=lambda f: (-f[0], f[1][1], f[1][2]))  # score, article, sentence index
    if speaker:
        found = _complete(conn, found)
        found = [f for f in found if _inside_quote(conn, f, speaker)]
    result = SearchResult(total_sentences=len(found), total_articles=len({f[1][1] for f in found}))
    if by == "article":
        result.hits = _by_article(conn, found, limit)
    else:
        result.hits = [_hit(conn, f, context) for f in _complete(conn, found[:limit])]
    return result


_ROW_SQL = ("SELECT s.id, s.article_id, s.idx, s.start, s.[end], s.text, s.norm FROM sentences s"
            " JOIN articles a ON a.id = s.article_id")


def _complete(conn, found: list) -> list:
    """``found`` with full rows (id, article_id, idx, start, end, text, norm) for the lean ones
    (id, article_id, idx, norm) that scoring used."""
    lean = [f[1][0] for f in found if len(f[1]) < 7]
    if not lean:
        return found
    rows = {}
    for chunk in range(0, len(lean), 30000):
        rows.update((r[0], r) for r in conn.execute(
            "SELECT id, article_id, idx, start, [end], text, norm FROM sentences"
            " WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(lean[chunk:chunk + 30000])]))
    return [f if len(f[1]) == 7 else (f[0], rows[f[1][0]], *f[2:]) for f in found]


def _matches(conn, words, min_score, exact, filters, params):
    """Yield (row, score, query terms) for the candidate sentences that match; rows are
    (id, article_id, idx, norm) for the fuzzy path (see ``_complete``), full rows for exact."""
    where = "".join(" AND " + c for c in filters)
    try:
        if exact:
            sql = (f"SELECT s.id, s.article_id, s.idx, s.start, s.[end], s.text, s.norm FROM [{FTS_TABLE}] f"
                   f" JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id"
                   f" WHERE [{FTS_TABLE}] MATCH ?" + where)
            rows = conn.execute(sql, [_fts_string(" ".join(words)), *params])
        else:
            ids = _candidate_ids(conn, words, min_score)
            if ids is not None and not ids:
                return
            lean = "SELECT s.id, s.article_id, s.idx, s.norm FROM sentences s"
            if filters:
                lean += " JOIN articles a ON a.id = s.article_id"
            if ids is None:  # the index cannot narrow the query down: every sentence
                rows = conn.execute(lean + " WHERE 1" + where, params).fetchall()
            else:
                rows = conn.execute(lean + " WHERE s.id IN (SELECT value FROM json_each(?))" + where,
                                    [json.dumps(sorted(ids)), *params]).fetchall()
    except sqlite3.OperationalError as e:  # should not happen: terms are quoted
        raise QueryError(f"the query cannot be searched ({e})") from None
    if exact:
        pattern = _exact_pattern(words)
        for row in rows:
            if pattern.search(row[6] or ""):
                yield row, 100.0, " ".join(words)
        return
    qt = " ".join(arabic.strip_clitics(w) for w in words)
    for i, sc in score_many(qt, [terms(r[3] or "") for r in rows], min_score):
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
    text, norm = row[5] or "", row[6] or ""
    norm2, to_text = arabic.normalize_with_map(text)
    if norm2 != norm:  # stored norm from another normalizer version: trust the text
        norm = norm2
    tt, to_norm = terms_with_map(norm)
    if not tt:
        return 0, 0
    al = fuzz.partial_ratio_alignment(f" {qt} ", f" {tt} ")
    a, b = (al.dest_start, al.dest_end) if len(qt) <= len(tt) else (al.src_start, al.src_end)
    a, b = a - 1, b - 1  # undo the padding
    # widen to whole words: every word whose stem overlaps the alignment by half or more
    term_at = {n: t for t, n in enumerate(to_norm)}  # norm index -> terms index
    chosen = []
    for s, e, w in arabic.words(norm):
        stem_len = len(arabic.strip_clitics(w))
        t0 = term_at[e - stem_len]
        overlap = min(b, t0 + stem_len) - max(a, t0)
        if overlap * 2 > stem_len:
            chosen.append((s, e))
    if not chosen:
        return 0, 0
    return arabic.original_span(to_text, chosen[0][0], chosen[-1][1])


def _hit(conn, found, context: int) -> Hit:
    sc, row, qt, concept, variant = found
    sid, article_id, idx, s_start, s_end, text = row[:6]
    a = conn.execute("SELECT file, title, published, text FROM articles WHERE id = ?", [article_id]).fetchone()
    file, title, published, body = a
    ms, me = _alignment(row, qt)
    start, end = s_start + ms, s_start + me
    left_words = _words_near(body, start, context, before=True) if context else []
    right_words = _words_near(body, end, context, before=False) if context else []
    left = " ".join(body[left_words[0][0]:start].split()) if left_words else ""
    right = " ".join(body[end:right_words[-1][1]].split()) if right_words else ""
    return Hit(file=file, article_id=article_id, title=title, published=published,
               round=_round_of(conn, article_id, s_start, s_end), score=round_score(sc),
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


def _round_of(conn, article_id: int, start: int, end: int) -> int | None:
    """The round named inside the sentence, else the article's main round."""
    try:
        r = conn.execute('SELECT round FROM article_rounds WHERE article_id = ? AND start >= ? AND [end] <= ?'
                         ' ORDER BY confidence DESC LIMIT 1', [article_id, start, end]).fetchone()
        if not r:
            r = conn.execute("SELECT round FROM article_rounds WHERE article_id = ? AND role = 'main'"
                             " ORDER BY confidence DESC, round LIMIT 1", [article_id]).fetchone()
    except sqlite3.OperationalError:  # a hand-made database without rounds
        return None
    return r[0] if r else None


def _inside_quote(conn, found, speaker: str) -> bool:
    """Whether the matched words lie inside a quote of ``speaker``."""
    sc, row, qt, *_ = found
    ms, me = _alignment(row, qt)
    start, end = row[3] + ms, row[3] + me
    return bool(conn.execute('SELECT 1 FROM quotes WHERE article_id = ? AND (speaker_id = ? OR speaker = ?)'
                             ' AND start <= ? AND [end] >= ? LIMIT 1',
                             [row[1], speaker, speaker, start, end]).fetchone())


def _by_article(conn, found, limit: int) -> list[ArticleHit]:
    groups: dict[int, list] = {}
    for f in found:
        groups.setdefault(f[1][1], []).append(f)
    # found is sorted best first: fs[0] is each article's best sentence
    order = sorted(groups.items(), key=lambda kv: (-len(kv[1]), -kv[1][0][0], kv[0]))[:limit]
    bests = _complete(conn, [fs[0] for _, fs in order])
    out = []
    for (article_id, fs), best in zip(order, bests):
        file, title, published = conn.execute("SELECT file, title, published FROM articles WHERE id = ?",
                                              [article_id]).fetchone()
        ms, me = _alignment(best[1], best[2])
        out.append(ArticleHit(file=file, article_id=article_id, title=title, published=published,
                              round=_round_of(conn, article_id, -1, -1), count=len(fs),
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


def _expansions(query: str) -> list[tuple[str | None, str]]:
    """(concept id, variant) pairs to search for ``query`` with expand: every variant of each
    concept the query names (by id, label or a variant, any spelling), plus the query itself."""
    q = terms(arabic.normalize(query))
    key = query.strip().lower()
    out: list[tuple[str | None, str]] = []
    for c in _lexicon():
        named = key in (c["id"], c["label"].lower()) or any(
            fuzz.ratio(q, terms(arabic.normalize(v))) >= 90 for v in c["variants"])
        if named:
            out += [(c["id"], v) for v in c["variants"]]
    if not any(fuzz.ratio(q, terms(arabic.normalize(v))) >= 90 for _, v in out):
        out.insert(0, (None, query))
    return out


def dumps(result: SearchResult) -> str:
    """The result as JSON (for debugging)."""
    return json.dumps([h.as_record() for h in result.hits], ensure_ascii=False, indent=1)
