"""A query word's spellings in the vocabulary, by cost level (see the package docstring, point 3)."""
from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from ..index import VOCAB_TABLE, fts_signature
from ..text import arabic, numbers
from .scoring import DEFAULT_MIN_SCORE, REFUND_FROM, SCALE
from .tokens import _widen_numbers

MAX_STEMS = 3000  # stems listed per query word, cheapest first


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
                min_score: float = DEFAULT_MIN_SCORE, counts: dict | None = None) -> dict[str, int]:
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
    padding space lost), without refund. ``counts``: filled with {stem: sentences} of the stems
    the ranges on the first letters read (the table holds the count: no look-up for them)."""
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
    for col, key_set, long_end in (("term", heads, long_heads), ("rterm", tails, long_tails)):
        keys = [x for x in key_set if x]
        if not keys:
            continue
        # each column read from its own covering index (rterm: reversed here, not looked up), as
        # one string of words per range: no row objects, and the reversed stems of the rterm
        # ranges are one reversal of that string (20,000-30,000 stems a range at N=100,000)
        extra = ", group_concat(cnt, ' ')" if col == "term" else ""
        sql = " UNION ALL ".join(f"SELECT group_concat({col}, ' '){extra} FROM [{VOCAB_TABLE}] WHERE {col} >= ?"
                                 f" AND {col} < ? AND length({col}) BETWEEN ? AND ?" for _ in keys)
        params = [x for lo in keys for x in (lo, lo + "\U0010ffff", max(1, m - dmax), 10**9 if long_end else m + dmax)]
        rows = [r for r in conn.execute(sql, params).fetchall() if r[0]]
        if col == "term":
            by_head = " ".join(r[0] for r in rows).split(" ") if rows else []
            found.update(by_head)
            if counts is not None and rows:
                counts.update(zip(by_head, map(int, " ".join(r[1] for r in rows).split(" "))))
        else:
            by_tail = " ".join(r[0] for r in rows)[::-1].split(" ") if rows else []
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
    counts: dict[str, int] = {}
    near = {stem: 0} if numbers.is_number(stem) else _near_stems(conn, stem, budget, edge, min_score, counts)
    out: dict[int, tuple[list[str], int]] = {}
    by_cost = sorted(near.values())
    if len(by_cost) > MAX_STEMS:  # levels past MAX_STEMS spellings are never used: leave them out
        top = by_cost[MAX_STEMS]
        near = {s: c for s, c in near.items() if c < top}
        out[-1] = ([], top - 1)  # the highest level listed (see _candidate_ids)
    if near:
        # the counts the ranges did not give, looked up; then every level's stems in term order
        # (the order of the FTS5 expression the plan writes)
        rest = [t for t in near if t not in counts]
        if rest:
            counts = {**counts, **dict(conn.execute(
                f"SELECT term, cnt FROM [{VOCAB_TABLE}] WHERE term IN (SELECT value FROM json_each(?))",
                [json.dumps(rest, ensure_ascii=False)]))}
        for term in sorted(t for t in near if t in counts):
            cnt = counts[term]
            ts, c = out.get(near[term], ([], 0))
            ts.append(term)
            out[near[term]] = (ts, c + cnt)
    _EXPANSIONS[k] = out
    if len(_EXPANSIONS) > _EXPANSIONS_MAX:
        _EXPANSIONS.popitem(last=False)
    return out


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


def _db_key(conn) -> tuple:
    """Identifies the database and the state of its index (for the expansion cache)."""
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    return (path or id(conn), fts_signature(conn))

