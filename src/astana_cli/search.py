"""Fuzzy phrase search over the stored sentences, index-backed, with a graded score 0-100.

How a query is answered
-----------------------
1. The query and every sentence go through ``arabic.normalize`` and then ``arabic.strip_clitics``
   word by word: the *terms* of a text are its clitic-stripped normalized words joined by spaces
   («ولخفض التصعيد» -> «لخفض تصعيد»).
2. The score of a sentence is ``rapidfuzz.fuzz.partial_ratio(query terms, sentence terms)``: the
   best alignment of the query inside the sentence, 0-100. ``brute_force`` applies this very
   function to every sentence; it is the reference the index path is tested against.
3. Candidates come from the index, never from a scan: each query word is expanded over the
   vocabulary (``search_vocab``) to the spellings that could still give a score >= ``min_score``,
   and the FTS5 index ``sentences_fts`` returns the sentences holding at least one spelling of every
   word that cannot be dropped. Only those candidates are scored.

Why this index (measured on this machine, see bench/README.md)
--------------------------------------------------------------
- A word-level FTS5 table over ``sentences.norm`` is the index sqlite-utils would make
  (``sentences_fts``, external content, sync triggers): datasette and ``sqlite-utils search`` use
  it as it is, and it costs about a third of a trigram index in build time and disk.
- Typos and clitics are handled *before* FTS, on the vocabulary: a query word of length m is looked
  up by its first letters (with every proclitic in front) and by its last letters; one edit cannot
  break both, so a misspelled word still reaches its spellings. ``fts5vocab`` cannot serve that
  look-up (a full scan of it took 0.34 s at 10,000 articles and grows with the index, and it has no
  suffix order), hence the small table ``search_vocab(term, rterm)``, written per article by
  ``index_sentences``.
- The trigram tokenizer would find substrings directly, but at 3-4x the build time and size, and its
  candidates for a misspelled query are a ranked guess (bm25 over trigrams), not a bound.

What the store does
-------------------
``create_index(db)`` (a migration) creates the FTS table, its triggers and the vocabulary table and
indexes what is already there; ``index_sentences(conn, [(id, norm), ...])`` adds an article's words
to the vocabulary; ``unindex_article`` is a no-op kept for symmetry (the triggers drop the FTS rows,
and a vocabulary word no longer used only costs an empty look-up).
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from .text import arabic

FTS_TABLE = "sentences_fts"
VOCAB_TABLE = "search_vocab"

# Chosen by measurement (tests/test_search.py::test_default_threshold_margin prints the margins):
# on the corpus «خفض التصعيد» scores 100 on «خفض تصعيد», 89 on «تخفيف التصعيد», at most 67 on
# «خفض التوتر» and on unrelated text; the typo probes («لافرنتييف», «دي ميستورا») score 84-95.
DEFAULT_MIN_SCORE = 80.0
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 40
MAX_VARIANTS = 400  # spellings kept per query word (best first)
SLACK = 15.0  # how much lower than its share of the threshold a single word may score
DROP_BELOW = 50.0  # a word whose own cutoff falls below this cannot narrow the candidates
ANY_WORD = 65.0  # cutoff for each word when none is required and any one of them will do

# Proclitic sequences a stored word may carry in front of a stem (see arabic.strip_clitics).
_PROCLITICS = ["", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ول", "وب",
               "فب", "فل", "وك", "وبال", "ولل", "فبال", "فلل", "وكال"]


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
    # every word of the index, and the word reversed for the look-up by its last letters
    f"CREATE TABLE IF NOT EXISTS [{VOCAB_TABLE}] (term TEXT PRIMARY KEY, rterm TEXT NOT NULL) WITHOUT ROWID",
    f"CREATE INDEX IF NOT EXISTS [{VOCAB_TABLE}_rterm] ON [{VOCAB_TABLE}] (rterm)",
]


def _conn(db) -> sqlite3.Connection:
    """A sqlite3 connection from a sqlite_utils.Database or a connection."""
    return getattr(db, "conn", db)


def create_index(db) -> None:
    """Create the FTS table, its triggers and the vocabulary, and index the sentences already
    stored. Plain SQL, no transaction of its own: safe inside the store's migration."""
    conn = _conn(db)
    existed = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [FTS_TABLE]).fetchone()
    for ddl in INDEX_DDL:
        conn.execute(ddl)
    if not existed:
        conn.execute(f"INSERT INTO [{FTS_TABLE}]([{FTS_TABLE}]) VALUES('rebuild')")
        for (norm,) in conn.execute("SELECT norm FROM sentences").fetchall():
            _add_vocabulary(conn, [norm or ""])


def ensure_index(db) -> None:
    """``create_index`` when the database has no search index yet (for databases made by hand)."""
    if not _conn(db).execute("SELECT 1 FROM sqlite_master WHERE name = ?", [VOCAB_TABLE]).fetchone():
        create_index(db)


def index_sentences(conn, rows) -> None:
    """Called by the store after inserting one article's sentences: ``rows`` = [(id, norm), ...].
    The FTS rows are written by the triggers; this adds the article's words to the vocabulary."""
    _add_vocabulary(_conn(conn), [norm or "" for _, norm in rows])


def unindex_article(conn, article_id: int) -> None:
    """Called before an article's sentences are deleted. Nothing to do: the delete trigger removes
    the FTS rows, and stale vocabulary words are harmless."""


def _add_vocabulary(conn: sqlite3.Connection, norms: list[str]) -> None:
    terms = {w for norm in norms for _, _, w in arabic.words(norm)}
    conn.executemany(f"INSERT OR IGNORE INTO [{VOCAB_TABLE}] VALUES (?, ?)", [(t, t[::-1]) for t in terms])


# --- terms and scoring --------------------------------------------------------------------------


def terms(norm: str) -> str:
    """The clitic-stripped words of normalized text, joined by single spaces."""
    return " ".join(arabic.strip_clitics(w) for _, _, w in arabic.words(norm))


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


def _word_score(q: str, stem: str) -> float:
    """Similarity of a query word and a stored word's stem: a longer stem may contain the word."""
    s = fuzz.ratio(q, stem)
    if len(stem) > len(q):
        s = max(s, fuzz.partial_ratio(q, stem))
    return s


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


def _vocabulary_near(conn: sqlite3.Connection, q: str, cutoff: float) -> list[str]:
    """Stored words whose stem scores >= ``cutoff`` against the query word ``q`` (best first).

    Looked up by range on the first letters of ``q`` (after every proclitic sequence) and on its
    last letters (``rterm``): one edit, or two edits away from both ends, leaves one of the two
    intact. Two letters each side, one for words of four letters or fewer; each side also with
    one letter of the query deleted, for a letter typed in too many near the ends."""
    k = 1 if len(q) <= 4 else 2
    r = q[::-1]
    heads = {q[:k]} | {q[:i] + q[i + 1:k + 1] for i in range(k)}
    tails = {r[:k]} | {r[:i] + r[i + 1:k + 1] for i in range(k)}
    ranges = ([(c + q[:k], "term") for c in _PROCLITICS] + [(h, "term") for h in heads if h]
              + [(t, "rterm") for t in tails if t])
    sql = " UNION ".join(f"SELECT term FROM [{VOCAB_TABLE}] WHERE {col} >= ? AND {col} < ?"
                         for _, col in ranges)
    params = [x for lo, _ in ranges for x in (lo, lo + "\U0010ffff")]
    scored = []
    for (term,) in conn.execute(sql, params):
        sc = _word_score(q, arabic.strip_clitics(term))
        if sc >= cutoff:
            scored.append((sc, term))
    scored.sort(reverse=True)
    return [t for _, t in scored[:MAX_VARIANTS]]


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _candidate_match(conn: sqlite3.Connection, words: list[str], min_score: float, exact: bool) -> str | None:
    """The FTS5 MATCH expression for the candidates, or None when nothing can match."""
    if exact:
        return _fts_string(" ".join(words))  # a phrase of normalized words
    stems = [arabic.strip_clitics(w) for w in words]
    length = len(" ".join(stems))
    # A word of m letters in a query of L may lose at most L*(1 - min_score/100) letters in all.
    cutoffs = [100 * (1 - length * (1 - min_score / 100) / len(st)) - SLACK for st in stems]
    required = [i for i, c in enumerate(cutoffs) if c >= DROP_BELOW]
    if required:  # every word that must be there, in one of its spellings
        groups = []
        for i in required:
            variants = _vocabulary_near(conn, stems[i], cutoffs[i])
            if not variants:
                return None
            groups.append("(" + " OR ".join(_fts_string(v) for v in variants) + ")")
        return " AND ".join(groups)
    # only words that may each be missing: a sentence with any spelling of any of them
    variants = {v for st in stems for v in _vocabulary_near(conn, st, ANY_WORD)}
    return " OR ".join(_fts_string(v) for v in sorted(variants)) or None


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


def _matches(conn, words, min_score, exact, filters, params):
    """Yield (row, score, query terms) for the candidate sentences that match."""
    match = _candidate_match(conn, words, min_score, exact)
    if match is None:
        return
    sql = (f"SELECT s.id, s.article_id, s.idx, s.start, s.[end], s.text, s.norm FROM [{FTS_TABLE}] f"
           f" JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id"
           f" WHERE [{FTS_TABLE}] MATCH ?" + "".join(" AND " + c for c in filters))
    try:
        rows = conn.execute(sql, [match, *params])
    except sqlite3.OperationalError as e:  # should not happen: terms are quoted
        raise QueryError(f"the query cannot be searched ({e})") from None
    if exact:
        pattern = _exact_pattern(words)
        for row in rows:
            if pattern.search(row[6] or ""):
                yield row, 100.0, " ".join(words)
        return
    qt = " ".join(arabic.strip_clitics(w) for w in words)
    for row in rows:
        sc = score(qt, terms(row[6] or ""), min_score)
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
