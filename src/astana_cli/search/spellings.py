"""A query word's spellings in the vocabulary, by cost level (see the package docstring, point 3)."""
from __future__ import annotations

import sqlite3
from collections import OrderedDict

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from ..index import fts_signature
from ..spellindex import PLACES, SpellIndex
from ..text import arabic, numbers
from .scoring import DEFAULT_MIN_SCORE, REFUND_FROM, SCALE
from .tokens import _widen_numbers

# stems listed per query word, cheapest first: the levels up to the one past this many (a word
# whose levels narrow no plan is listed again, four times further: plan._candidate_ids)
MAX_STEMS = 1000


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
                min_score: float = DEFAULT_MIN_SCORE, counts: dict | None = None,
                enough: int = MAX_STEMS) -> dict[str, int]:
    """{stored stem: cost} for the stems within ``budget`` (in 1/SCALE indels) of the query word
    ``q``, cheapest level first, up to the level that takes the count past ``enough`` (the
    levels after it are never used: ``_expansions_of``). ``counts``: filled with {stem:
    sentences}. The listing goes on where an earlier call for the same word stopped (a query
    of several words lists a few spellings first, then more: ``plan._candidate_ids``)."""
    k = (q, budget, edge, min_score)
    ix = _index(conn)  # (a new index clears the listings: each holds the index it read)
    listing = _LISTINGS.get(k)
    if listing is None or listing.ix is not ix:
        listing = _LISTINGS[k] = _Listing(ix, q, budget, edge, min_score)
        while len(_LISTINGS) > _LISTINGS_MAX:
            _LISTINGS.popitem(last=False)
    _LISTINGS.move_to_end(k)
    found = listing.upto(enough)
    if counts is not None:
        counts.update((s, listing.counts[s]) for s in found)
    return found


class _Listing:
    """A word's spellings listed by cost level, cheapest first, as far as asked so far.

    The cost is ``_word_cost``: the indel distance (a substitution costs 2, a letter missing or
    added 1), less a refund for the letters a longer stem adds (the word-window score). Whole
    stems come from the spelling index (``spellindex``): a stem of length n at indel distance d
    deletes x = (d - n + m) / 2 of the m letters of ``q``, so it holds all of q's distinct letters
    but x, which the index's bitmaps find without reading the stems; each level (a length and an
    x) is read once, its stems' distances computed by rapidfuzz in C. ``edge`` says where the
    window of the query may cut a longer word: "suffix" (the query's first word may match the end
    of a longer word, the window starting inside it: such stems end with q's last letters, or
    with them less one), "prefix" (the last word: the first letters), "both" (a one-word query:
    any part of a stem starting or ending so); such a part costs its distance plus one (the
    padding space lost), without refund."""

    def __init__(self, ix: SpellIndex, q: str, budget: int, edge: str, min_score: float):
        self.ix, self.q, self.budget, self.min_score = ix, q, budget, min_score
        m = len(q)
        t = max(min_score / 100, 0.05)
        self.dmax = dmax = min(int((budget + 1) / (SCALE * t)), m + budget)  # refund < SCALE (1 - t) d + 1
        self.refund = refund = m >= REFUND_FROM
        self.letters = "".join(sorted(set(q)))
        self.b1 = b1 = budget // SCALE  # parts: plain indel distance, in whole indels
        self.parts = parts = edge if edge and b1 >= 1 else ""
        # the levels: (cost, 0, length n, x) for whole stems, (cost, 1, n, d) for parts of longer ones
        events = []
        for n in ix.lengths():
            if abs(n - m) <= dmax:
                for x in range(max(0, m - n), m + 1):
                    d = 2 * x + n - m
                    c = _word_cost(d, n - m if refund else 0, min_score)
                    if d > dmax or c > budget:
                        break
                    events.append((c, 0, n, x))
            if parts and n > m:
                events += [(SCALE * (d + 1), 1, n, d) for d in range(b1)]
        events.sort()
        self.events, self.next = events, 0
        self.found: dict[str, int] = {}
        self.level = [0] * (budget + 1)  # how many stems found cost each level
        self.counts: dict[str, int] = {}
        self.seen: dict[tuple[int, int], int] = {}
        self.ends = _part_keys(q, parts)
        self.ends_whole = _part_keys(q, "both")
        odd, odd_counts = list(ix.odd()), list(ix.odd().values())  # no fixed width (none in Arabic): all scored
        for i, cost in _whole_costs(q, odd, dmax, refund, min_score):
            if cost <= budget:
                self._keep(odd[i], cost, odd_counts[i])

    def _keep(self, s: str, c: int, cnt: int) -> None:
        old = self.found.get(s)
        if old is None or c < old:
            if old is not None:
                self.level[old] -= 1
            self.found[s] = c
            self.level[c] += 1
            self.counts[s] = cnt

    def upto(self, enough: int) -> dict[str, int]:
        """{stem: cost} up to the level that takes the count past ``enough`` (or all)."""
        while self.next < len(self.events):
            c = self.events[self.next][0]
            # every stem cheaper than c is found: stop once they and those found at c are enough
            if sum(self.level[:c + 1]) > enough:
                return {s: v for s, v in self.found.items() if v <= c}
            self._read_level(*self.events[self.next])
            self.next += 1
        last = max((c for c, *_ in self.events), default=0)
        if sum(self.level[:last + 1]) > enough:
            return {s: v for s, v in self.found.items() if v <= last}
        return dict(self.found)

    def _read_level(self, c: int, kind: int, n: int, x: int) -> None:
        ix, q, parts, letters = self.ix, self.q, self.parts, self.letters
        m = len(q)
        # the filters, cheapest and most selective first (applying them only while more than a
        # few hundred stems were left read fewer bitmaps but more stems: the same time)
        if kind == 0:
            # two edits at most at one end of a longer word (as the ranges read before the index)
            tests = [lambda: self.ends_whole(ix, n)] if m > 4 else []
            tests += [lambda: ix.at_least(n, letters, len(letters) - x),
                      lambda: _placed(ix, n, q, x, n - m + x, "start"),
                      lambda: _placed(ix, n, q, x, n - m + x, "end")]
        else:
            # a part x indels away: the stem starts (prefix) or ends (suffix) as the word does,
            # one letter deleted (as the ranges read before the index); at most x letters deleted
            # and x inserted there
            tests = [lambda: self.ends(ix, n), lambda: ix.at_least(n, letters, len(letters) - x)]
            if parts != "both":
                tests.append(lambda: _placed(ix, n, q, x, x, "start" if parts == "prefix" else "end"))
        bits = ix.full(n) & ~self.seen.get((kind, n), 0)
        for test in tests:
            if not bits:
                break
            bits &= test()
        self.seen[(kind, n)] = self.seen.get((kind, n), 0) | bits
        stems, cnts = ix.stems(n, bits)
        if not stems:
            return
        if kind == 0:
            for i, cost in _whole_costs(q, stems, self.dmax, self.refund, self.min_score):
                if cost <= self.budget:
                    self._keep(stems[i], cost, cnts[i])
        else:
            for i, d in _part_distances(q, stems, parts, self.b1 - 1).items():
                if SCALE * (d + 1) <= self.budget:
                    self._keep(stems[i], SCALE * (d + 1), cnts[i])


_LISTINGS: OrderedDict = OrderedDict()  # (word, budget, edge, min_score) -> _Listing of the current index
_LISTINGS_MAX = 64


def _placed(ix, n: int, q: str, x: int, y: int, side: str) -> int:
    """The stems of length n that a spelling of ``q`` with x letters deleted and y inserted can be
    (or, ``side`` "start"/"end", begin/end with): its first two kept letters are two of
    q[0..x+1] in their order and stand among its first y + 2 letters (likewise at the end),
    which the index knows up to ``PLACES``; with one kept letter or more letters inserted, that
    letter among its first y + 1. -1 (every stem) where the index cannot tell."""
    m = len(q)
    out = -1
    for where, near in (("at", ix.near_start), ("end", ix.near_end)):
        if side == ("end" if where == "at" else "start"):
            continue
        if m - x >= 2 and y + 1 < PLACES:
            out &= ix.pairs(n, q, x, y, where)
        elif m - x >= 1 and y < PLACES:  # (every letter deleted: nothing is kept to place)
            out &= near(n, q[:x + 1] if where == "at" else q[m - 1 - x:], y)
        if not out:
            return 0
    return out


def _whole_costs(q: str, stems: list[str], dmax: int, refund: bool, min_score: float):
    """(index in ``stems``, ``_word_cost``) of the stems within ``dmax`` indels of ``q`` as whole
    words, the distances computed by rapidfuzz in C."""
    for s, d, i in process.extract(q, stems, scorer=Indel.distance, score_cutoff=dmax, limit=None):
        yield i, _word_cost(int(d), len(s) - len(q) if refund else 0, min_score)


def _part_keys(q: str, edge: str):
    """``ends(index, n)``: the stems of length n whose parts a query word with that edge can
    match: for "suffix", those ending with q's last two letters or with two of its last three
    (one letter deleted; one letter each for a word of four letters or fewer); "prefix" the same
    at the start, also behind a proclitic letter that ``strip_clitics`` keeps («لاستانه» for
    «استانا»); "both" either."""
    k = 1 if len(q) <= 4 else 2
    r = q[::-1]
    heads = {q[:k]} | {q[:i] + q[i + 1:k + 1] for i in range(k)}
    if k == 2:
        heads |= {c + q[:1] for c in _KEPT_PROCLITICS}
    tails = {r[:k]} | {r[:i] + r[i + 1:k + 1] for i in range(k)}
    heads.discard("")
    tails.discard("")

    def ends(ix, n: int) -> int:
        out = 0
        if edge in ("prefix", "both"):
            out |= ix.starting(n, heads)
        if edge in ("suffix", "both"):
            out |= ix.ending(n, tails)
        return out

    return ends


def _part_distances(q: str, stems: list[str], edge: str, most: int) -> dict[int, int]:
    """{index in ``stems``: the distance of its nearest part} for the parts within ``most``
    indels of ``q``: for "suffix" its ends, "prefix" its starts, of every length a part within
    ``most`` can have; for "both", any part (``partial_ratio``, as a level of distance)."""
    m = len(q)
    out: dict[int, int] = {}
    if edge == "both":
        need = 100 * (1 - (most + 0.5) / (2 * m))
        for _, sc, i in process.extract(q, stems, scorer=fuzz.partial_ratio, score_cutoff=max(need, 0), limit=None):
            out[i] = int(2 * m * (1 - sc / 100) + 0.5)
        return out
    for w in range(max(1, m - most), m + most + 1):
        cut = [s[-w:] if edge == "suffix" else s[:w] for s in stems]
        for _, d, i in process.extract(q, cut, scorer=Indel.distance, score_cutoff=most, limit=None):
            if d < out.get(i, most + 1):
                out[i] = int(d)
    return out


_INDEXES: OrderedDict = OrderedDict()  # database key -> SpellIndex (its bitmaps loaded as needed)


def _index(conn) -> SpellIndex:
    """The spelling index of ``conn``'s database as it stands, read lazily (one kept: a process
    searches one database)."""
    key = _db_key(conn)
    ix = _INDEXES.get(key)
    if ix is None or ix.conn is not conn:
        ix = _INDEXES[key] = SpellIndex(conn)
        while len(_INDEXES) > 1:
            _INDEXES.popitem(last=False)
        _LISTINGS.clear()  # they hold the index they read (its bitmaps and stems)
    return ix


_EXPANSIONS: OrderedDict = OrderedDict()  # (database key, stem, budget, edge) -> {cost: (terms, count)}
_EXPANSIONS_MAX = 512


def _expansions_of(conn, key, stem: str, budget: int, edge: str,
                   min_score: float = DEFAULT_MIN_SCORE, enough: int = MAX_STEMS) -> dict[int, tuple[list[str], int]]:
    """{cost: (FTS terms (stems) at that cost from ``stem``, their sentence count)}, up to
    ``budget`` and the level past ``enough`` stems; kept in a small LRU per database state (the
    CLI's repeated and expanded queries)."""
    k = (key, stem, budget, edge, min_score, enough)
    hit = _EXPANSIONS.get(k)
    if hit is not None:
        _EXPANSIONS.move_to_end(k)
        return hit
    # a number is spelled one way: digits (numbers.fold writes ordinals so)
    counts: dict[str, int] = {}
    near = {stem: 0} if numbers.is_number(stem) else _near_stems(conn, stem, budget, edge, min_score, counts, enough)
    out: dict[int, tuple[list[str], int]] = {}
    by_cost = sorted(near.values())
    if len(by_cost) > enough:  # levels past ``enough`` spellings are not listed: leave them out
        top = by_cost[enough]
        near = {s: c for s, c in near.items() if c < top}
        out[-1] = ([], top - 1)  # the highest level listed (see _candidate_ids)
    if near:
        # the counts the look-up did not give (a number's), then every level's stems in term
        # order (the order of the FTS5 expression the plan writes)
        for t in near:
            if t not in counts and (cnt := _index(conn).count(t)) is not None:
                counts[t] = cnt
        for term in sorted(t for t in near if t in counts):
            cnt = counts[term]
            ts, c = out.get(near[term], ([], 0))
            ts.append(term)
            out[near[term]] = (ts, c + cnt)
    _EXPANSIONS[k] = out
    if len(_EXPANSIONS) > _EXPANSIONS_MAX:
        _EXPANSIONS.popitem(last=False)
    return out


def _word_expansions(conn, words: list[str], min_score: float, key=None, enough: int = MAX_STEMS):
    """(stems, budget, [the ``_expansions_of`` of each word])."""
    stems = [arabic.strip_clitics(w) for w in words]
    budget = _budget(stems, min_score)
    n = len(stems)
    if key is None:
        key = _db_key(conn)
    words_exp = []
    for i, st in enumerate(stems):
        edge = "both" if n == 1 else "suffix" if i == 0 else "prefix" if i == n - 1 else ""
        words_exp.append(_expansions_of(conn, key, st, min(SCALE * len(st), budget), edge, min_score, enough))
    return stems, budget, words_exp


def _db_key(conn) -> tuple:
    """Identifies the database and the state of its index (for the expansion cache)."""
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    return (path or id(conn), fts_signature(conn))

