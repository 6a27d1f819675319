"""A name's spellings through Latin letters and back: «طعمة» is written Tomeh or Toma by agencies
working in English, and «توما» by outlets that write the name back from them.

``transliterations(word)`` lists the normalized spellings a word can take so: each letter that the
Latin alphabet does not tell apart from another (ط/ت, ص/س, ح/ه, ...) written as either, the ayn
dropped or written as a vowel, the final -a/-eh written either way (data/transliteration.json,
with its source). Search keeps those that occur in the corpus.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import product

from ..data import load
from . import arabic


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], int]:
    t = load("transliteration")
    norm = arabic.normalize

    def options(table: dict) -> dict[str, tuple[str, ...]]:
        return {norm(k): tuple(dict.fromkeys([norm(k), *(norm(x) for x in v)])) for k, v in table.items()}

    return options(t["letters"]), options(t["final"]["letters"]), int(t["max_spellings"])


@lru_cache(maxsize=1024)
def transliterations(word: str) -> tuple[str, ...]:
    """The normalized spellings of ``word`` (normalized itself) through Latin letters and back,
    the word first, then by the number of letters changed; at most the data's ``max_spellings``."""
    letters, final, most = _table()
    if not word:
        return ()
    choices = [letters.get(c, (c,)) for c in word[:-1]]
    last = word[-1]
    choices.append(tuple(dict.fromkeys(final.get(last, (last,)) + letters.get(last, ()))))
    size = 1
    for c in choices:
        size *= len(c)
    if size > 64 * most:  # a very long name: the letters one by one, not every combination
        out = [word] + [word[:i] + x + word[i + 1:] for i, c in enumerate(choices) for x in c[1:]]
        return tuple(dict.fromkeys(out))[:most]
    ranked = sorted(product(*(enumerate(c) for c in choices)),
                    key=lambda combo: sum(1 for i, _ in combo if i))
    spellings = dict.fromkeys("".join(x for _, x in combo) for combo in ranked)
    spellings.pop("", None)
    return tuple(spellings)[:most]
