"""The terms of a text (its clitic-stripped normalized words, numbers folded: what the index
holds and what is scored) and the words of a query. The one clitic regex of search is here."""
from __future__ import annotations

import re

from ..text import arabic, numbers
from .rows import QueryError

MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 40

_L = r"[^\W_]"  # a letter or digit, as in arabic.WORD
# arabic.strip_clitics as one substitution on " " + words joined by spaces: a space and the prefix
# that strip_clitics removes (the same rules, in its order; checked equal on every word of the
# N=10,000 benchmark vocabulary and 200,000 random strings of clitic letters). 2.5-4x faster than
# calling strip_clitics word by word, which was a third of the time of scoring candidates.
_CLITIC_RE = re.compile(
    rf" (?:[وف]لل(?={_L}{{3}})|[وف][بلك]ال(?={_L}{{3}})|[وف]ال(?={_L}{{3}})|[وف](?={_L}{{4}})"
    rf"|[وف](?=(?:ال|لل){_L}(?!{_L}))|[وف](?=[بلك]ال(?!{_L}))"
    rf"|لل(?={_L}{{3}})|[بلك]ال(?={_L}{{3}})|ال(?={_L}{{3}}))")
_NON_WORD = re.compile(r"[\W_]+")


def terms(norm: str) -> str:
    """The clitic-stripped words of normalized text, joined by single spaces, numbers folded:
    ``" ".join(map(arabic.strip_clitics, arabic.WORD.findall(norm)))`` computed in C, then an
    ordinal in words or digits behind a clitic written as digits (``numbers.fold``: «الجولة
    السادسة عشرة» and «الجولة الـ16» both give «جوله 16»), only where a digit or an ordinal word
    is there."""
    t = _CLITIC_RE.sub(" ", " " + _NON_WORD.sub(" ", norm)).strip()
    stems = t.split(" ")
    if numbers.may_fold(stems, t):
        return " ".join(w for w, _, _ in numbers.fold(stems))
    return t


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

