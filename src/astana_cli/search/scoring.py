"""The score of a sentence for a query, 0-100: pure string functions over terms (rapidfuzz in C).
See the package docstring, point 2."""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, compress, count
from operator import sub

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from ..text import numbers
from .tokens import NUMBER_WIDTH, _widen_numbers

# Chosen by measurement (tests/test_search.py::test_default_threshold_margin prints the margins):
# on the corpus «خفض التصعيد» scores 100 on «خفض تصعيد», 89 on «تخفيف التصعيد», at most 67 on
# «خفض التوتر» and on unrelated text; the typo probes («لافرنتييف», «دي ميستورا») score 84-95.
DEFAULT_MIN_SCORE = 80.0


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

