"""``search``: a query's candidates from the index, scored, counted, paged, filtered."""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from typing import cast

from .. import index
from ..index import FTS_TABLE, _conn, _refresh_if_stale, ensure_index
from ..text import arabic, numbers
from .kwic import _alignment, _articles, _hit, _round_of, round_score
from .plan import _candidate_ids, _fts_string, _or, sentences_holding
from .rows import ArticleHit, Found, FullRow, LeanRow, QueryError, SearchResult, SureRow
from .scoring import DEFAULT_MIN_SCORE, _sure_bound, score, score_many
from .spellings import _word_expansions
from .tokens import _query_words, terms
from .variants import _expansions, _name_variants

SENTENCE_TEXT = index.SENTENCE_TEXT

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


Terms = tuple[list[str], int]  # stems, and about how many sentences hold one of them


def _sure_terms(conn, words: list[str], min_score: float) -> tuple[Terms | None, Terms | None]:
    """For a one-word query of Arabic letters, two sets of stems: the query's stem (cost 0: the
    sentences holding it score 100, the padded stem being one of their windows), and with it the
    listed spellings whose ``_sure_bound`` reaches ``min_score`` (the sentences holding one are
    hits whatever their score). ``search`` counts their sentences in SQL instead of scoring
    them. (None, None) for other queries, or when no stored word has the query's stem."""
    if len(words) != 1 or not arabic.BASIC_ARABIC_WORD.fullmatch(q := arabic.strip_clitics(words[0])):
        return None, None
    exp = _word_expansions(conn, words, min_score)[2][0]
    exact, rows = exp.get(0, ([], 0))
    if not exact:
        return None, None
    sure, sure_rows = list(exact), rows
    for c, (ts, count) in exp.items():
        if c > 0:
            kept = [t for t in ts if _sure_bound(q, t) >= min_score]
            sure += kept
            sure_rows += count * len(kept) // len(ts)  # (a level's count is its stems' sum)
    return (exact, rows), (sure, sure_rows)


def search(db, query: str, *, min_score: float | None = None, exact: bool = False, limit: int = 50,
           context: int = 8, round: int | None = None, source: str | None = None,
           since: str | None = None, until: str | None = None, speaker: str | None = None,
           article: str | int | None = None, expand: bool = False, by: str = "sentence") -> SearchResult:
    """Sentences matching ``query`` (see the module docstring), best first, with filters.

    ``total_sentences``/``total_articles`` count every match, not only the ``limit`` returned.
    ``by="article"`` returns one ``ArticleHit`` per article with its number of matching sentences;
    ``by="count"`` only those numbers, in ``per_article`` (for distributions: no hit is read).
    Raises ``QueryError`` (a ValueError) for a query that cannot be searched."""
    conn = _conn(db)
    ensure_index(conn)
    if min_score is None:
        min_score = DEFAULT_MIN_SCORE
    if not 0 <= min_score <= 100:
        raise QueryError(f"min_score must be between 0 and 100, not {min_score}")
    if by not in ("sentence", "article", "count"):
        raise QueryError(f"by must be 'sentence', 'article' or 'count', not {by!r}")
    _query_words(query)  # validate early
    if not exact:
        _refresh_if_stale(conn)
    variants: list[tuple[str | None, str]] = _expansions(query) if expand else [(None, query)]
    if not exact:  # a person's other spellings (a concept's variants need --expand)
        variants += [v for v in _name_variants(conn, query, min_score) if v not in variants]
    filters, params = _filters(round, source, since, until, speaker, article)

    # a one-word query: the sentences holding its very stem score 100 and those holding a spelling
    # close enough are hits, without being scored: they are counted in SQL, and only the first
    # ``limit`` of the first kind are read (see _sure_terms, _with_sure)
    sure: Terms | None = None
    top = None
    if not exact and not speaker and len(variants) == 1:
        words = _query_words(variants[0][1])
        hundred, sure = _sure_terms(conn, words, min_score)
        if hundred and by == "sentence":
            top = _sure_rows(conn, _or(hundred[0]), filters, params, limit)
            if len(top) < limit:  # the rest of the page needs the exact scores of the others
                sure = hundred
        elif hundred:
            sure = hundred
    sure_ids = sentences_holding(conn, *sure) if sure else None
    # by sentence, a page full of score-100 hits needs no exact score for the others (score_many)
    page = None
    if by == "sentence" and not speaker:
        page = 0 if top is not None and len(top) >= limit else limit
    best: dict[int, Found] = {}  # sentence id -> (score, row, query terms, concept, variant)
    scored: set[int] = set()  # the candidates scored against the query itself
    for concept, variant in variants:
        words = _query_words(variant, fold=not exact)
        for row, sc, qt in _matches(conn, words, min_score, exact, filters, params, exclude=sure_ids, page=page,
                                    seen=scored if variant == query else None):
            if row.id not in best or sc > best[row.id].score:
                best[row.id] = Found(sc, row, qt, concept, variant)
    if not exact and not expand:
        _add_joined(conn, query, best, min_score, filters, params, scored)
    found = list(best.values())
    if not expand:  # the query itself is no variant
        found = [f if f.variant != query else Found(f.score, f.row, f.query_terms, f.concept, None) for f in found]
    if sure_ids is not None:
        found, n_sure, n_articles = _with_sure(conn, found, sure_ids, top, _query_words(variants[0][1]),
                                               filters, params, variants[0][0])
    found.sort(key=_rank)  # score, article, sentence index
    if speaker:
        found = _within_quotes(conn, _complete(conn, found), speaker, min_score, exact)
        found.sort(key=_rank)
    if sure_ids is not None:
        result = SearchResult(total_sentences=len(found) + n_sure, total_articles=n_articles)
    else:
        result = SearchResult(total_sentences=len(found), total_articles=len({f.row.article_id for f in found}))
    if by == "count":  # a distribution: every hit's article, nothing more read
        result.per_article = dict(Counter(f.row.article_id for f in found))
    elif by == "article":
        result.hits = _by_article(conn, found, limit)
    else:
        page_ = _complete(conn, found[:limit])
        articles = _articles(conn, {f.row.article_id for f in page_})
        result.hits = [_hit(articles[f.row.article_id], f, context) for f in page_]
    return result


def _rank(f: Found) -> tuple:
    """Best first, then in the order of the text (article, sentence index)."""
    return -f.score, f.row.article_id, f.row.idx


def _sure_sql(filters, ids: bool = False) -> str:
    """The sentences of an FTS5 expression, or (``ids``) of a JSON list of ids, with the filters."""
    among = "SELECT value FROM json_each(?)" if ids else f"SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ?"
    return (" FROM sentences s" + (" JOIN articles a ON a.id = s.article_id" if filters else "")
            + f" WHERE s.id IN ({among})" + "".join(" AND " + c for c in filters))


def _sure_rows(conn, expr: str | set[int], filters, params, limit: int | None) -> list[SureRow]:
    """(id, article_id, idx) of the sentences of ``expr`` (an FTS5 expression, or their ids), in
    that order; the first ``limit``."""
    ids = isinstance(expr, set)
    sql = "SELECT s.id, s.article_id, s.idx" + _sure_sql(filters, ids) + " ORDER BY s.article_id, s.idx"
    among = json.dumps(sorted(expr)) if isinstance(expr, set) else expr
    try:
        if limit is None:
            return list(map(SureRow._make, conn.execute(sql, [among, *params])))
        return list(map(SureRow._make, conn.execute(sql + " LIMIT ?", [among, *params, max(int(limit), 0)])))
    except sqlite3.OperationalError as e:  # should not happen: terms are quoted
        raise QueryError(f"the query cannot be searched ({e})") from None


def _with_sure(conn, found: list[Found], sure: set[int], top: list[SureRow] | None, words: list[str], filters, params,
               concept: str | None) -> tuple[list[Found], int, int]:
    """``found`` (the scored sentences) with the sentences of ``sure`` that the result shows, how
    many sentences of ``sure`` are left out of it, and the number of articles of all of them.
    ``top``: the first sentences (score 100) in rank order, the ``limit`` of them when ``sure`` has
    unscored ones, which then rank after them; None: list every sentence of ``sure`` (all score
    100), ids only (grouping by article needs them), never read or scored."""
    qt = " ".join(arabic.strip_clitics(w) for w in words)
    if top is None:
        rows = _sure_rows(conn, sure, filters, params, None)
        found = found + [Found(100.0, r, qt, concept, None) for r in rows]
        return found, 0, len({f.row.article_id for f in found})
    try:
        n_sure, n_articles = conn.execute(
            "SELECT SUM(sure), COUNT(DISTINCT aid) FROM (SELECT 1 AS sure, s.article_id AS aid" + _sure_sql(filters, True)
            + " UNION ALL SELECT 0, value FROM json_each(?))",
            [json.dumps(sorted(sure)), *params, json.dumps(sorted({f.row.article_id for f in found}))]).fetchone()
    except sqlite3.OperationalError as e:
        raise QueryError(f"the query cannot be searched ({e})") from None
    return found + [Found(100.0, r, qt, concept, None) for r in top], (n_sure or 0) - len(top), n_articles or 0


# full rows: (id, article_id, idx, start, end, text, terms)
_FULL_ROW = "s.id, s.article_id, s.idx, s.start, s.[end], " + SENTENCE_TEXT + ", s.terms"


def _complete(conn, found: list[Found]) -> list[Found]:
    """``found`` with full rows (id, article_id, idx, start, end, text, terms) for the lean ones
    (id, article_id, idx, terms) that scoring used."""
    lean = [f.row.id for f in found if not isinstance(f.row, FullRow)]
    if not lean:
        return found
    rows: dict[int, FullRow] = {}
    for chunk in range(0, len(lean), 30000):
        rows.update((r[0], FullRow._make(r)) for r in conn.execute(
            f"SELECT {_FULL_ROW} FROM sentences s JOIN articles a ON a.id = s.article_id"
            " WHERE s.id IN (SELECT value FROM json_each(?))",
            [json.dumps(lean[chunk:chunk + 30000])]))
    return [f if isinstance(f.row, FullRow) else f._replace(row=rows[f.row.id]) for f in found]


def _matches(conn, words, min_score, exact, filters, params, exclude: set[int] | None = None,
             page: int | None = None, seen: set[int] | None = None):
    """Yield (row, score, query terms) for the candidate sentences that match; rows are
    (id, article_id, idx, terms) for the fuzzy path (see ``_complete``), full rows for exact.
    ``exclude``: the ids of sentences left out (the fuzzy path only).
    ``seen``: candidate ids not to score again (those already scored with the same query terms);
    the candidates scored here are added to it."""
    where = "".join(" AND " + c for c in filters)
    try:
        if exact:  # the sentences holding every stem of the words, then the literal words in their text
            sql = (f"SELECT {_FULL_ROW} FROM [{FTS_TABLE}] f"
                   f" JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id"
                   f" WHERE [{FTS_TABLE}] MATCH ?" + where)
            every = " AND ".join(_fts_string(arabic.strip_clitics(w)) for w in dict.fromkeys(words))
            full_rows = map(FullRow._make, conn.execute(sql, [every, *params]))
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
                rows = conn.execute(lean + " WHERE s.id NOT IN (SELECT value FROM json_each(?))" + where,
                                    [json.dumps(sorted(exclude)), *params]).fetchall()
            elif ids is None:  # the index cannot narrow the query down: every sentence
                rows = conn.execute(lean + " WHERE 1" + where, params).fetchall()
            else:
                rows = conn.execute(lean + " WHERE s.id IN (SELECT value FROM json_each(?))" + where,
                                    [json.dumps(sorted(ids)), *params]).fetchall()
    except sqlite3.OperationalError as e:  # should not happen: terms are quoted
        raise QueryError(f"the query cannot be searched ({e})") from None
    if exact:
        pattern = _exact_pattern(words)
        for row in full_rows:
            if pattern.search(arabic.normalize(row.text)):  # type: ignore[arg-type]  # SENTENCE_TEXT, a substr of the article text: never NULL
                yield row, 100.0, " ".join(words)
        return
    qt = " ".join(arabic.strip_clitics(w) for w in words)
    for i, sc in score_many(qt, [r[3] or "" for r in rows], min_score, page):
        yield LeanRow._make(rows[i]), sc, qt


def _exact_pattern(words: list[str]) -> re.Pattern:
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, words)) + r"(?![^\W_])")


def _filters(round, source, since, until, speaker, article) -> tuple[list[str], list]:
    """SQL conditions on ``s`` (sentences) and ``a`` (articles), and their parameters."""
    conds: list[str] = []
    params: list = []
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
    if isinstance(article, int):  # an article resolved to its id: the sentences' own index
        conds.append("s.article_id = ?")
        params.append(article)
    elif article is not None and str(article) != "":
        # a name: the OR keeps SQLite from any index, so it may scan every article's row (their
        # texts): give an id where one is known
        conds.append("(a.file = ? OR a.path = ? OR CAST(a.id AS TEXT) = ?)")
        params += [str(article)] * 3
    return conds, params


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
        if numbers.is_number(words[i]) or numbers.is_number(words[i + 1]):
            # a number is a word of its own in the terms and a query holding one matches only
            # text where it stands (score_many): a word joined to it finds nothing to add, and
            # its spellings (the word's without the number) are thousands of candidates
            continue
        joined = words[:i] + [words[i] + words[i + 1]] + words[i + 2:]
        for row, _sc, _qt in _matches(conn, joined, min_score, False, filters, params, seen=set(scored)):
            if row.id in best:
                continue
            sc = score(qt, row.terms or "", min_score)
            if sc >= min_score:
                best[row.id] = Found(sc, row, qt, None, query)


def _within_quotes(conn, found: list, speaker: str, min_score: float, exact: bool) -> list:
    """``found`` re-matched inside the quotes of ``speaker`` only: for each sentence, the query is
    scored against the part of it each of the speaker's quotes covers, and the best part that
    still matches replaces the sentence (its row narrowed to that part, so the match, its offsets
    and its context are those inside the quote). Sentences with no matching quote part go."""
    out = []
    for f in found:
        row, qt = f.row, f.query_terms
        spans = conn.execute('SELECT start, [end] FROM quotes WHERE article_id = ? AND '
                             '(speaker_id = ? OR speaker = ?) AND start < ? AND [end] > ?',
                             [row.article_id, speaker, speaker, row.end, row.start]).fetchall()
        best = None
        for qs, qe in spans:
            a, b = max(qs, row.start), min(qe, row.end)
            part = (row.text or "")[a - row.start:b - row.start]
            part_terms = terms(arabic.normalize(part))
            if exact:
                part_score = 100.0 if qt in part_terms else 0.0
            else:
                part_score = score(qt, part_terms, min_score)
            if part_score >= min_score and (best is None or part_score > best.score):
                best = f._replace(score=part_score, row=row._replace(start=a, end=b, text=part, terms=part_terms))
        if best:
            out.append(best)
    return out


def _by_article(conn, found, limit: int) -> list[ArticleHit]:
    groups: dict[int, list] = {}
    for f in found:
        groups.setdefault(f.row.article_id, []).append(f)
    # found is sorted best first: fs[0] is each article's best sentence
    order = sorted(groups.items(), key=lambda kv: (-len(kv[1]), -kv[1][0].score, kv[0]))[:limit]
    bests = _complete(conn, [fs[0] for _, fs in order])
    articles = _articles(conn, [article_id for article_id, _ in order])
    out = []
    for (article_id, fs), best in zip(order, bests):
        art, row = articles[article_id], cast(FullRow, best.row)  # completed above
        ms, me = _alignment(row, best.query_terms)
        out.append(ArticleHit(file=art.file, article_id=article_id, title=art.title, published=art.published,
                              round=_round_of(art.rounds, -1, -1), count=len(fs),
                              score=round_score(best.score), match=(row.text or "")[ms:me]))
    return out
