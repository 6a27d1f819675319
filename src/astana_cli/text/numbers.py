"""Numbers in word lists: an ordinal written in words and the same number in digits are one token.

«الجولة السادسة عشرة», «الجولة 16» and «الجولة الـ16» name the same round; so do «أستانا العاشرة»
and «أستانا 10». ``fold(stems)`` reads a list of clitic-stripped normalized words (what
``arabic.strip_clitics`` gives, word by word) and puts the number in digits in place of:

- an ordinal in words, 1-39, masculine or feminine: «سادسه» -> 6, «حاديه عشره» -> 11,
  «ثاني عشرين» («الثاني والعشرين», the و gone with the article) -> 22, «و عشرين» when the و is
  written apart, «عشرين» alone -> 20;
- digits behind a clitic the stripping leaves on: «ال16» («الـ16»), «و4», «لل20», «ب2017».

The words are those of data/round_terms.json (``ordinals``), the list the round reader uses
(``dates.ordinals``), taken through the same normalization and clitic stripping as the text. A
cardinal alone («عشر», «واحد») is not an ordinal and stays a word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import load
from . import arabic

# digits behind the clitics strip_clitics leaves on before them (it keeps prefixes when fewer than
# three letters or digits follow): a conjunction, a preposition, the article
_DIGITS = re.compile(r"(?:[وف]?(?:[بلك]?ال|لل|[بلك])|[وف])?(\d+)")
_HAS_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, int], dict[str, int], frozenset[str], dict[str, int], frozenset[str]]:
    """(alone, unit, teens, tens, every word) as stems: the ordinal alone (1-10), the unit of a
    compound (1-9), the teen word, the tens (20, 30), each stem to its value."""
    o = load("round_terms")["ordinals"]

    def stem(w: str) -> str:
        return arabic.strip_clitics(arabic.normalize(w))

    alone = {stem(w): int(n) for n, ws in o["standalone"].items() for w in ws}
    unit = {stem(w): int(n) for n, ws in o["compound_units"].items() for w in ws}
    teens = frozenset(stem(w) for w in o["teens"])
    tens = {stem(w): int(n) for n, ws in o["tens"].items() for w in ws}
    return alone, unit, teens, tens, frozenset(alone) | frozenset(unit) | teens | frozenset(tens)


def may_fold(stems: list[str], joined: str) -> bool:
    """Whether ``fold`` can change ``stems`` (``joined``: the same words joined by spaces): a
    digit, or an ordinal word. Two C-level checks."""
    return _HAS_DIGIT.search(joined) is not None or not tables()[4].isdisjoint(stems)


def number(stem: str) -> str | None:
    """The digits of a stem that is a number behind clitics («ال16» -> «16»), else None."""
    m = _DIGITS.fullmatch(stem)
    if m is None:
        return None
    return m.group(1).lstrip("0") or "0"  # «05» and «5» are one number


def fold(stems: list[str]) -> list[tuple[str, int, int]]:
    """(token, first word, end word) for ``stems``: each word as it is, or a number in digits for
    the one to three words that write it (see the module docstring)."""
    alone, unit, teens, tens, every = tables()
    out: list[tuple[str, int, int]] = []
    n = len(stems)
    i = 0
    while i < n:
        w = stems[i]
        if w in every:
            nxt = stems[i + 1] if i + 1 < n else ""
            if w in unit and nxt in teens:
                out.append((str(unit[w] + 10), i, i + 2))
                i += 2
                continue
            if w in unit and nxt in tens:
                out.append((str(unit[w] + tens[nxt]), i, i + 2))
                i += 2
                continue
            if w in unit and nxt == "و" and i + 2 < n and stems[i + 2] in tens:
                out.append((str(unit[w] + tens[stems[i + 2]]), i, i + 3))
                i += 3
                continue
            value = alone.get(w) or tens.get(w)
            if value:
                out.append((str(value), i, i + 1))
                i += 1
                continue
        elif w[-1:].isdigit():
            d = number(w)
            if d is not None:
                out.append((d, i, i + 1))
                i += 1
                continue
        out.append((w, i, i + 1))
        i += 1
    return out


def is_number(token: str) -> bool:
    """Whether a folded token is a number (all ASCII digits)."""
    return token.isascii() and token.isdigit()
