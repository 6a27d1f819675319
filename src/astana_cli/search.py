"""Fuzzy phrase search over the stored sentences, index-backed, with a graded score 0-100.

How a query is answered
-----------------------
1. The query and every sentence go through ``arabic.normalize`` and then ``arabic.strip_clitics``
   word by word: the *terms* of a text are its clitic-stripped normalized words joined by spaces
   («ولخفض التصعيد» -> «لخفض تصعيد»).
2. The score of a sentence is ``rapidfuzz.fuzz.partial_ratio(query terms, sentence terms)``: the
   best alignment of the query inside the sentence, 0-100. ``brute_force`` applies this very
   function to every sentence; it is the reference the index path is tested against.
3. Candidates come from the index, never from a scan, and are all rescored with that function.
   The padded query of length L may be an indel distance ``budget`` = 0.4 L (at 80) from its
   window. Each query word i costs c_i in a sentence: the indel distance to the nearest stem there
   (the stems within the budget are found in ``search_vocab`` by range on their first and last
   letters, scored by rapidfuzz in C), or ``absent_i`` = its length + 1 when none is there. A
   match has sum(c_i) <= budget, so for thresholds t_i with sum(t_i + 1) > budget it holds some
   word with c_i <= t_i: the candidates are the union of those few sets, one FTS5 OR-MATCH each.
   The thresholds come from a small knapsack that minimises the sentence counts of the spellings
   involved (``search_vocab.cnt``): the rare, long words drive; short frequent words («وقف»،
   «نار») are used only at cost 0-1 or not at all.

Why (measured on this machine, 2 cores; bench/bench_search.py, N = 10,000 unless said)
-------------------------------------------------------------------------------------
- The first version (one OR of every word's spellings when no word was "required", Python
  strip_clitics over thousands of vocabulary words per query, vocabulary written per article):
  median 345 ms, p95 935 ms; «وقف اطلاق النار» 1.2 s; ingest 14x the bare baseline.
- Stems computed once (``stem``/``rstem`` columns) and the budget/knapsack candidates above,
  with the first/last word costed as whole words: median 101 ms, p95 257 ms, recall 0.985 (misses:
  the query's edge word matching part of a longer word at a sentence's end, fragments shorter
  than the query such as «اار» scoring 80 on «وقف اطلاق النار», two edits at both ends of a word).
- Letting the first/last word match part of a longer word (what this code does): recall 0.996
  (48 of 11,030 brute-force hits missed), but candidate pools of 2,000-8,000 sentences: median
  239 ms, p95 1.38 s (measured while another ingest ran on the second core). NOT within the
  targets yet: the edge-word partial look-up is the cost to cut next.
- The vocabulary is filled in bulk from ``fts5vocab`` by ``refresh_vocab`` (about 2 s at N=10,000,
  with 'optimize'), after an ingest or lazily by the first search that finds it stale (the FTS5
  structure record, which changes on every write, is kept in ``search_meta``); nothing per article.
- A word-level FTS5 table over ``sentences.norm`` is the index sqlite-utils would make
  (``sentences_fts``, external content, sync triggers): datasette and ``sqlite-utils search`` use
  it as it is, at about a third of a trigram index's build time and disk.

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


def terms(norm: str) -> str:
    """The clitic-stripped words of normalized text, joined by single spaces."""
    return " ".join(map(arabic.strip_clitics, arabic.WORD.findall(norm)))


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
    letters inside a longer word («استانه» scores 88 on «استانا» but 75 on «كازاخستان»)."""
    return fuzz.partial_ratio(f" {query_terms} ", f" {sentence_terms} ", score_cutoff=cutoff)


def brute_force(db, query: str, min_score: float = DEFAULT_MIN_SCORE) -> dict[int, float]:
    """{sentence id: score} of every sentence scoring >= ``min_score``, by scanning them all.
    The reference for tests and the benchmark; never used by ``search``."""
    q = terms(arabic.normalize(query))
    out = {}
    for sid, norm in _conn(db).execute("SELECT id, norm FROM sentences"):
        sc = score(q, terms(norm or ""), min_score)
        if sc >= min_score:
            out[sid] = sc
    return out


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


def _near_stems(conn: sqlite3.Connection, q: str, budget: int, edge: bool) -> dict[str, int]:
    """{stored stem: cost} for the stems within ``budget`` of the query word ``q``.

    The cost is the indel distance (a substitution costs 2, a letter missing or added 1). A stem
    is looked up by range on its first letters and on its last letters (``rstem``): one edit, or
    two away from both ends, leaves one of the two intact. Two letters each side, one for words of
    four letters or fewer; each side also with one letter of the query deleted. At the ``edge`` of
    the query (first or last word) a longer stem may be cut by the window: its cost is then that of
    its best part plus one."""
    k = 1 if len(q) <= 4 else 2
    r = q[::-1]
    heads = {q[:k]} | {q[:i] + q[i + 1:k + 1] for i in range(k)}
    tails = {r[:k]} | {r[:i] + r[i + 1:k + 1] for i in range(k)}
    ranges = [(h, "stem") for h in heads if h] + [(t, "rstem") for t in tails if t]
    sql = " UNION ".join(f"SELECT stem FROM [{VOCAB_TABLE}] WHERE {col} >= ? AND {col} < ?"
                         for _, col in ranges)
    params = [x for lo, _ in ranges for x in (lo, lo + "\U0010ffff")]
    stems = list({s for (s,) in conn.execute(sql, params)})
    if not stems:
        return {}
    m = len(q)
    out = {s: int(d) for s, d, _ in process.extract(q, stems, scorer=Indel.distance, score_cutoff=budget,
                                                     limit=None)}
    if edge and budget > 1:  # the window may cut a longer word at the edge of the query
        longer = [s for s in stems if len(s) > m and s not in out]
        need = 100 * (1 - (budget + 0.5) / (2 * m))
        for s, r, _ in process.extract(q, longer, scorer=fuzz.partial_ratio, score_cutoff=max(need, 0),
                                       limit=None):
            out[s] = min(budget, int(2 * m * (1 - r / 100) + 0.5))
    return out


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _candidate_ids(conn: sqlite3.Connection, words: list[str], min_score: float) -> set[int]:
    """Ids of sentences that can score >= ``min_score``: a superset found in the index, which the
    caller rescores (see the module docstring).

    Each query word i costs c_i in a sentence: the smallest indel distance between it and a stem
    there, or ``absent_i`` = ``ABSENT`` * (its length + 1) when none is closer. A matching sentence
    has sum(c_i) <= budget. So for any thresholds t_i with sum(t_i + 1) > budget, it holds some
    word i with c_i <= t_i: the candidates are the union of those sets. The thresholds are chosen
    to make that union smallest, by the sentence counts of the words' spellings (``cnt``)."""
    stems = [arabic.strip_clitics(w) for w in words]
    budget = _budget(stems, min_score)
    n = len(stems)
    absent = [max(1, int(ABSENT * (len(st) + 1))) for st in stems]
    options = []  # per word: [(threshold, estimated sentences, {cost: [terms]})]
    for i, st in enumerate(stems):
        near = _near_stems(conn, st, min(budget, absent[i] - 1), edge=i in (0, n - 1))
        by_cost: dict[int, list[str]] = {}
        cnt_at: dict[int, int] = {}
        if near:
            for term, stem, cnt in conn.execute(
                    f"SELECT term, stem, cnt FROM [{VOCAB_TABLE}] WHERE stem IN (SELECT value FROM json_each(?))",
                    [json.dumps(list(near), ensure_ascii=False)]):
                c = near[stem]
                by_cost.setdefault(c, []).append(term)
                cnt_at[c] = cnt_at.get(c, 0) + cnt
        opts, running = [], 0
        for t in range(absent[i]):  # t_i = absent_i - 1 adds absent_i; more would add nothing
            running += cnt_at.get(t, 0)
            opts.append((t, running))
        options.append((opts, by_cost))
    # knapsack: the thresholds with sum(t_i + 1) >= budget + 1 and the fewest sentences in all
    need = budget + 1
    INF = float("inf")
    best = [0.0] + [INF] * need  # best[k] = fewest sentences for a gain of k (capped at need)
    choice: list[list] = [[] for _ in range(need + 1)]
    for i, (opts, _) in enumerate(options):
        nxt, nxt_choice = best[:], [c[:] for c in choice]
        for k in range(need + 1):
            if best[k] == INF:
                continue
            for t, cnt in opts:
                g = min(need, k + t + 1)
                if best[k] + cnt < nxt[g]:
                    nxt[g], nxt_choice[g] = best[k] + cnt, choice[k] + [(i, t)]
        best, choice = nxt, nxt_choice
    picked = choice[need] if best[need] < INF else [(i, absent[i] - 1) for i in range(n)]
    pool: set[int] = set()
    for i, t in picked:
        terms_ = [term for c, ts in options[i][1].items() if c <= t for term in ts]
        for chunk in range(0, len(terms_), 500):
            match = " OR ".join(_fts_string(x) for x in terms_[chunk:chunk + 500])
            pool.update(r for (r,) in conn.execute(
                f"SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ?", [match]))
    return pool


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
    if speaker:
        found = [f for f in found if _inside_quote(conn, f, speaker)]
    found.sort(key=lambda f: (-f[0], f[1][1], f[1][2]))  # score, article, sentence index
    result = SearchResult(total_sentences=len(found), total_articles=len({f[1][1] for f in found}))
    if by == "article":
        result.hits = _by_article(conn, found)[:limit]
    else:
        result.hits = [_hit(conn, f, context) for f in found[:limit]]
    return result


_ROW_SQL = ("SELECT s.id, s.article_id, s.idx, s.start, s.[end], s.text, s.norm FROM sentences s"
            " JOIN articles a ON a.id = s.article_id")


def _matches(conn, words, min_score, exact, filters, params):
    """Yield (row, score, query terms) for the candidate sentences that match."""
    where = "".join(" AND " + c for c in filters)
    try:
        if exact:
            sql = (f"SELECT s.id, s.article_id, s.idx, s.start, s.[end], s.text, s.norm FROM [{FTS_TABLE}] f"
                   f" JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id"
                   f" WHERE [{FTS_TABLE}] MATCH ?" + where)
            rows = conn.execute(sql, [_fts_string(" ".join(words)), *params])
        else:
            ids = _candidate_ids(conn, words, min_score)
            if not ids:
                return
            rows = conn.execute(_ROW_SQL + " WHERE s.id IN (SELECT value FROM json_each(?))" + where,
                                [json.dumps(list(ids)), *params])
    except sqlite3.OperationalError as e:  # should not happen: terms are quoted
        raise QueryError(f"the query cannot be searched ({e})") from None
    if exact:
        pattern = _exact_pattern(words)
        for row in rows:
            if pattern.search(row[6] or ""):
                yield row, 100.0, " ".join(words)
        return
    qt = " ".join(arabic.strip_clitics(w) for w in words)
    qpad = f" {qt} "
    strip, findall, ratio = arabic.strip_clitics, arabic.WORD.findall, fuzz.partial_ratio
    for row in rows:
        sc = ratio(qpad, " " + " ".join(map(strip, findall(row[6] or ""))) + " ", score_cutoff=min_score)
        if sc >= min_score:
            yield row, sc, qt


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
    left_words = [w for w in arabic.words(body[:start])][-context:] if context else []
    right_words = [w for w in arabic.words(body[end:])][:context] if context else []
    left = " ".join(body[left_words[0][0]:start].split()) if left_words else ""
    right = " ".join(body[end:end + right_words[-1][1]].split()) if right_words else ""
    return Hit(file=file, article_id=article_id, title=title, published=published,
               round=_round_of(conn, article_id, s_start, s_end), score=round_score(sc),
               sentence=text, match=body[start:end], left=left, right=right, start=start, end=end,
               sentence_id=sid, concept=concept, variant=variant)


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


def _by_article(conn, found) -> list[ArticleHit]:
    groups: dict[int, list] = {}
    for f in found:
        groups.setdefault(f[1][1], []).append(f)
    out = []
    for article_id, fs in groups.items():
        file, title, published = conn.execute("SELECT file, title, published FROM articles WHERE id = ?",
                                              [article_id]).fetchone()
        best = fs[0]  # found is sorted best first
        ms, me = _alignment(best[1], best[2])
        out.append(ArticleHit(file=file, article_id=article_id, title=title, published=published,
                              round=_round_of(conn, article_id, -1, -1), count=len(fs),
                              score=round_score(best[0]), match=(best[1][5] or "")[ms:me]))
    out.sort(key=lambda h: (-h.count, -h.score, h.article_id))
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
