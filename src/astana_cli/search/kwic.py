"""A hit as it is shown: the matched words in the sentence text, their context, the round."""
from __future__ import annotations

import json
import sqlite3
from itertools import accumulate
from typing import cast

from rapidfuzz import fuzz

from ..text import arabic, numbers
from .rows import ArticleRow, Found, FullRow, Hit, RoundRow
from .scoring import WINDOW_GATE, _number_parts, _numbers_of, _partial, _score, _window


def _alignment(row: FullRow, qt: str, exact: bool = False) -> tuple[int, int]:
    """The matched words as a span of the sentence text (offsets inside the sentence)."""
    norm, to_text = arabic.normalize_with_map(row.text or "")
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
    assert al is not None  # None only below a score_cutoff, and there is none
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


def _articles(conn, ids) -> dict[int, ArticleRow]:
    """{article id: (file, title, published, text, [(round, role, start, end, confidence)])}, in
    two queries for a page of hits."""
    ids = json.dumps(sorted(ids))
    out = {r[0]: ArticleRow(r[1], r[2], r[3], r[4], []) for r in conn.execute(
        "SELECT id, file, title, published, text FROM articles WHERE id IN (SELECT value FROM json_each(?))", [ids])}
    try:
        for aid, *rr in conn.execute('SELECT article_id, round, role, start, [end], confidence FROM article_rounds'
                                     ' WHERE article_id IN (SELECT value FROM json_each(?))', [ids]):
            out[aid].rounds.append(RoundRow(*rr))
    except sqlite3.OperationalError:  # a hand-made database without rounds
        pass
    return out


def _hit(article: ArticleRow, found: Found, context: int) -> Hit:
    row, body = cast(FullRow, found.row), article.text  # a hit's row is complete (engine._complete)
    s_start, s_end = row.start, row.end
    ms, me = _alignment(row, found.query_terms)
    start, end = s_start + ms, s_start + me
    left_words = _words_near(body, start, context, before=True) if context else []
    right_words = _words_near(body, end, context, before=False) if context else []
    left = " ".join(body[left_words[0][0]:start].split()) if left_words else ""
    right = " ".join(body[end:right_words[-1][1]].split()) if right_words else ""
    return Hit(file=article.file, article_id=row.article_id, title=article.title, published=article.published,
               round=_round_of(article.rounds, s_start, s_end), score=round_score(found.score),
               sentence=cast(str, row.text), match=body[start:end], left=left, right=right, start=start, end=end,
               sentence_id=row.id, concept=found.concept, variant=found.variant)


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


def _round_of(rounds: list[RoundRow], start: int, end: int) -> int | None:
    """The round named inside the span, else the article's main round (``rounds``: the article's
    (round, role, start, end, confidence) rows); the most confident, then the lowest."""
    inside = [r for r in rounds if r.start is not None and r.start >= start and cast(int, r.end) <= end]
    if inside:
        return max(inside, key=lambda r: r.confidence or 0).round  # the first of the most confident
    main = [r for r in rounds if r.role == "main"]
    return min(main, key=lambda r: (-(r.confidence or 0), r.round)).round if main else None

