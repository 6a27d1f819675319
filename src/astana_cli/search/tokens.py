"""The terms of a text (``text.arabic.terms``: its clitic-stripped normalized words, numbers
folded; what the index holds and what is scored) and the words of a query."""
from __future__ import annotations

import re

from ..text import arabic, numbers
from .rows import QueryError

MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 40

# The terms of a text are text.arabic's: one clitic stripper and one number fold for the index,
# the scorer and everything else that compares words.
terms = arabic.terms


NUMBER_WIDTH = 4  # a number weighs as much as a word of four letters in a score (see _widen_numbers)
_SHORT_NUMBER = re.compile(r"(?<!\S)\d{1,%d}(?!\S)" % (NUMBER_WIDTH - 1))


def _widen_numbers(t: str) -> str:
    """``t`` (terms) with each number of fewer than ``NUMBER_WIDTH`` digits filled out to that
    width by a mark no text holds: «التاسع» is a word of four letters where «9» is one digit, and a
    query naming a round in digits would otherwise weigh its other words more than the same query
    in words. The score of a query with numbers compares both so (the numbers match exactly)."""
    return _SHORT_NUMBER.sub(lambda m: m.group(0).ljust(NUMBER_WIDTH, "\x01"), t)


def _query_words(query: str, fold: bool = True) -> list[str]:
    """The normalized words of ``query``; with ``fold``, a number written in words or behind a
    clitic as its digits (as ``terms`` writes it: «الجوله السادسه عشره» -> «الجوله», «16»)."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    ws = [w for _, _, w in arabic.words(arabic.normalize(query))]
    if not ws:
        raise QueryError("the query has no letters or digits")
    if len(ws) > MAX_QUERY_WORDS:
        raise QueryError(f"query too long ({len(ws)} words; at most {MAX_QUERY_WORDS})")
    if fold:
        stems = [arabic.strip_clitics(w) for w in ws]
        if numbers.may_fold(stems, " ".join(stems)):
            ws = [ws[i] if j == i + 1 and t == stems[i] else t for t, i, j in numbers.fold(stems)]
    return ws

