"""The AND/OR plan over a query's words and its cost model: candidates from the FTS5 index."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from ..index import FTS_TABLE
from ..text import numbers
from .scoring import SCALE
from .spellings import MAX_STEMS, _word_expansions


def _fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


PLAN_TERMS = (100, 300, 1000, 4000)  # spellings per word: the caps tried, the cheapest plan kept
MAX_PLAN_WORDS = 4  # the rarest words of a long query drive the plan; the others only lower no bound
# the plan's cost model, in microseconds (bench/bench_search.py at N=100,000, 2 cores): each term of
# the FTS5 expression ~11-25, each row it reads ~0.4, each candidate it yields ~14 (its row read,
# its terms, its score)
TERM_US, POSTING_US, CANDIDATE_US = 15.0, 0.4, 14.0
# A query of several words lists 100 spellings a word first, then 300 (FEW_STEMS), each time
# keeping the plan if the model puts it at CHEAP_PLAN_US or less: listing 300 took 5-15 ms more
# than 100 and 1,000 15-35 ms more than 300 on a first run at N=100,000, and 1,000 changed the
# plan of 6 of the 20 benchmark queries of several words, each of whose plans with 300 cost more
FEW_STEMS, CHEAP_PLAN_US = (100, 300), 150_000.0
# FTS5 yields each row of an OR after stepping every one of its terms (k terms x rows); reading
# each term's rows alone and taking their union here costs a query a term and a set insert a
# row. At N=100,000: «ادلب», 588 terms, 41,715 rows, 67 ms in FTS5 and 15 ms read term by term
# (_union_is_cheaper, in microseconds)
OR_STEP_US, TERM_READ_US, ROW_READ_US = 0.0027, 10.0, 0.2


@dataclass
class _Plan:
    """An FTS5 expression (True: no constraint, False: nothing can match), with the number of
    sentences it is expected to yield (words taken as independent), its terms and their rows."""

    expr: str | bool
    rows: float = 0.0
    terms: int = 0
    postings: int = 0
    flat: list[str] | None = None  # the terms of an expression that is an OR of terms only

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
            return _Plan(ors, float(count), len(ts), count, list(ts))
        return _Plan(f"({ors} AND {sub.expr})", count * sub.rows / total, len(ts) + sub.terms,
                     count + sub.postings)

    def cover(j: int, b: int) -> _Plan:
        if b < 0:
            return no
        if tail[j] <= b:
            return every
        if (j, b) in memo:
            return memo[(j, b)]
        parts: list[_Plan] = []
        pending: list[str] = []
        pending_count = 0
        pending_sub: _Plan | None = None
        for c in range(caps[j] + 1):
            sub = cover(j + 1, b - c)
            if sub.expr is False:
                break
            ts, cnt = costs[j].get(c, ([], 0))
            if not ts:
                continue
            if pending:
                assert pending_sub is not None  # set with pending
                if sub.expr != pending_sub.expr:
                    parts.append(part(pending, pending_count, pending_sub))
                    pending, pending_count = [], 0
            pending, pending_count, pending_sub = pending + ts, pending_count + cnt, sub
        if pending:
            assert pending_sub is not None  # set with pending
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
                flat = None
                if all(p.flat is not None for p in parts):
                    flat = [t for p in parts for t in cast("list[str]", p.flat)]
                out = _Plan("(" + " OR ".join(cast("Iterator[str]", (p.expr for p in parts))) + ")",
                            min(sum(p.rows for p in parts), total), sum(p.terms for p in parts),
                            sum(p.postings for p in parts), flat)
        memo[(j, b)] = out
        return out

    return cover(0, budget)


def _or(terms_: list[str]) -> str:
    return "(" + " OR ".join(map(_fts_string, terms_)) + ")"


def _candidate_ids(conn: sqlite3.Connection, words: list[str], min_score: float, key=None,
                   exclude: set[int] | None = None) -> set[int] | None:
    """Ids of sentences that can score >= ``min_score``: a superset found in the index, which the
    caller rescores (see the module docstring); None when the index cannot narrow them down.
    ``exclude``: sentence ids left out."""
    total = _sentence_count(conn)
    best = None
    # the spellings of MAX_STEMS a word first; where no plan narrows the candidates down with
    # them (a short word whose cheap levels hold too few), four times as many. A query of
    # several words first lists FEW_STEMS a word, and more only while its plan costs more
    # than CHEAP_PLAN_US (every plan finds a superset of the matches: only the time differs)
    stages = (*FEW_STEMS, MAX_STEMS, 4 * MAX_STEMS) if len(words) > 1 else (MAX_STEMS, 4 * MAX_STEMS)
    for enough in stages:
        stems, budget, words_exp = _word_expansions(conn, words, min_score, key, enough)
        best = _best_plan(stems, budget, words_exp, total, enough)
        if best is not None and (enough >= MAX_STEMS or best.cost() <= CHEAP_PLAN_US):
            break
    if best is None:
        return None
    if best.expr is False:
        return set()
    if best.flat is not None:
        ids = sentences_holding(conn, best.flat, best.postings)
    else:
        ids = _matching(conn, cast(str, best.expr))
    return ids - exclude if exclude else ids


def _matching(conn: sqlite3.Connection, expr: str) -> set[int]:
    """The ids of the sentences an FTS5 expression matches."""
    return {r for (r,) in conn.execute(f"SELECT rowid FROM [{FTS_TABLE}] WHERE [{FTS_TABLE}] MATCH ?", [expr])}


def _union_is_cheaper(terms: int, rows: int) -> bool:
    """Whether reading ``terms`` terms one by one beats FTS5's OR of them (``rows`` rows)."""
    return terms * rows * OR_STEP_US > terms * TERM_READ_US + rows * ROW_READ_US


def sentences_holding(conn: sqlite3.Connection, terms: list[str], rows: int) -> set[int]:
    """The ids of the sentences holding any of ``terms`` (``rows``: about how many, for the
    choice): one FTS5 query, or, for many terms and rows, one query a term
    (``_union_is_cheaper``)."""
    if not terms:
        return set()
    if not _union_is_cheaper(len(terms), rows):
        return _matching(conn, _or(terms))
    out: set[int] = set()
    for t in terms:
        out |= _matching(conn, _fts_string(t))
    return out


def _best_plan(stems: list[str], budget: int, words_exp, total: int, enough: int) -> _Plan | None:
    """The cheapest plan by the cost model over the caps of ``PLAN_TERMS`` (at most ``enough``
    spellings a word: no more are listed); None when none narrows the candidates down."""
    best = None
    for max_terms in sorted({min(cap, enough) for cap in PLAN_TERMS}):
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
    return best


def _sentence_count(conn) -> int:
    """The number of sentences (the largest id: a bound, read from the end of the rowid b-tree)."""
    return conn.execute("SELECT MAX(id) FROM sentences").fetchone()[0] or 0

