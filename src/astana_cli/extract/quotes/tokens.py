"""Tokens of a normalized sentence, its quotations, and the sentences an article is read in."""
from __future__ import annotations

import re
from dataclasses import dataclass

from astana_cli.text.arabic import QUOTE_PAIRS

QUOTE_CHARS = set(QUOTE_PAIRS) | set(QUOTE_PAIRS.values())


# A doubled single mark («‘‘…‘‘», «’’…’’», «''…''») is one quotation mark that closes itself.
_DOUBLED = ("‘‘", "’’", "''")
_TOKEN = re.compile("|".join(map(re.escape, _DOUBLED)) + r"|[^\W_]+|["
                    + re.escape("".join(sorted(QUOTE_CHARS))) + r"]|[:،,]")
WORDS = re.compile(r"[^\W_]+")  # the words of a sentence, without the punctuation that may touch them («أعلن،»)
CHEAP = re.compile(r"[:" + re.escape("".join(sorted(QUOTE_CHARS))) + r"]")


@dataclass
class Tok:
    start: int
    end: int
    text: str
    kind: str  # word | quote | colon | comma
    quoted: bool = False  # inside a quotation


def tokenize(norm: str) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(norm):
        t = m.group()
        if t in _DOUBLED:
            t = '"'
        kind = "quote" if t in QUOTE_CHARS else "colon" if t == ":" else "comma" if t in "،," else "word"
        out.append(Tok(m.start(), m.end(), t, kind))
    return out


def quote_regions(toks: list[Tok]) -> list[tuple[int, int]]:
    """Token index spans ``(open, close)`` of quotations. An opener never closed runs to the end of
    the sentence, unless nothing but punctuation follows it (then it was a stray closing mark)."""
    regions, i = [], 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "quote" and t.text in QUOTE_PAIRS:
            closer = QUOTE_PAIRS[t.text]
            j = next((k for k in range(i + 1, len(toks)) if toks[k].kind == "quote" and toks[k].text == closer), None)
            if j is None:
                if any(x.kind == "word" for x in toks[i + 1:]):
                    regions.append((i, len(toks)))  # closes past the last token
                break
            regions.append((i, j))
            i = j + 1
        else:
            i += 1
    for a, b in regions:
        for k in range(a + 1, b):
            toks[k].quoted = True
    return regions


def reading_units(text: str, spans: list[tuple[int, int]]):
    """``(number, span)`` of the sentences to read: a line that ends in a colon is read with the
    line after it («وقال X للصحفيين:» then the quotation on a line of its own), and a semicolon joins
    the clauses of one sentence («وأوضح X، في كلمته خلال المؤتمر؛ لتثبيت الهدنة، أن …»); the number
    is that of the last sentence read."""
    n = 0
    while n < len(spans):
        s0, s1 = spans[n]
        while n + 1 < len(spans) and (text[s1 - 1] == ":" and "\n" in text[s1:spans[n + 1][0]]
                                      or text[s1 - 1] in ";؛" and "\n" not in text[s1:spans[n + 1][0]]):
            n += 1
            s1 = spans[n][1]
        yield n, (s0, s1)
        n += 1
