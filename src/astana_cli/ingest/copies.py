"""Near copies of one story: a wire report that several outlets re-publish with a changed line (a
dateline, a credit, a sentence added or cut) is one story, and its quotes are one set of quotes.

Two articles are near copies when most of their sentences are the same once normalized: of the
sentences of at least ``MIN_WORDS`` terms (shorter lines are datelines, credits and captions that
every outlet writes its own way), the shared ones are at least ``THRESHOLD`` of the larger article's.
To find the candidates without comparing every pair, each article keeps a sketch: the ``K`` smallest
hashes of those sentences (a bottom-k sketch, as in MinHash). Articles sharing many sentences share
most of their smallest hashes too, so a look-up of the sketch in an index finds them.
"""
from __future__ import annotations

import hashlib

MIN_WORDS = 4
THRESHOLD = 0.6
K = 16


def _lines(terms: list[str]) -> set[str]:
    return {t for t in terms if t and t.count(" ") + 1 >= MIN_WORDS}


def _hash(line: str) -> int:
    return int.from_bytes(hashlib.blake2b(line.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def sketch(terms: list[str]) -> list[int]:
    """The ``K`` smallest hashes of the article's sentences (their search terms, one string each)."""
    return sorted({_hash(t) for t in _lines(terms)})[:K]


def min_shared(size: int) -> int:
    """How many hashes of a sketch of ``size`` a candidate must share to be compared at all."""
    return max(1, size // 4)


def similarity(a: list[str], b: list[str]) -> float:
    """The share of the larger article's sentences that the other has too."""
    la, lb = _lines(a), _lines(b)
    if not la or not lb:
        return 0.0
    return len(la & lb) / max(len(la), len(lb))


def near_copy(a: list[str], b: list[str]) -> bool:
    """Whether the articles of sentence terms ``a`` and ``b`` tell one story in the same words:
    two sentences in common at least, and ``THRESHOLD`` of the larger one's."""
    la, lb = _lines(a), _lines(b)
    return len(la & lb) >= 2 and similarity(a, b) >= THRESHOLD
