"""Other forms of a query searched with it: a concept's variants (expand), a named person's
other spellings (data/speakers.json, ``text.names``)."""
from __future__ import annotations

from functools import lru_cache
from itertools import islice, product

from rapidfuzz import fuzz

from ..text import arabic
from .scoring import DEFAULT_MIN_SCORE, score
from .tokens import _query_words, terms


def _lexicon() -> list[dict]:
    from .. import data

    return data.load("concepts")["concepts"]


def concepts() -> list[dict]:
    """The concept lexicon as records: id, label, variants (joined by ' / '), source, note."""
    return [{"concept": c["id"], "label": c["label"], "variants": " / ".join(c["variants"]),
             "source": c.get("source", ""), "note": c.get("note", "")} for c in _lexicon()]


NAMED = 90  # a query (or part of one) names a concept or a person when within this ratio of a variant


def _runs(words: list[str], size: int):
    """(start, the terms of words[start:start + size]) for each run of ``size`` query words."""
    for i in range(len(words) - size + 1):
        yield i, terms(" ".join(words[i:i + size]))


def _expansions(query: str) -> list[tuple[str | None, str]]:
    """(concept id, variant) pairs to search for ``query`` with expand: every variant of each
    concept the query names (by id, label or a variant, any spelling), plus the query itself.
    A concept named inside a longer query is widened there: «اتفاق خفض التوتر» is also searched
    as «اتفاق خفض التصعيد», «اتفاق تخفيف التوتر», ... (the query's other words kept as written)."""
    q = terms(arabic.normalize(query))
    key = query.strip().lower()
    words = _query_words(query, fold=False)
    out: list[tuple[str | None, str]] = []
    for c in _lexicon():
        vs = [terms(arabic.normalize(v)) for v in c["variants"]]
        named = key in (c["id"], c["label"].lower()) or any(fuzz.ratio(q, v) >= NAMED for v in vs)
        if named:
            out += [(c["id"], v) for v in c["variants"]]
            continue
        for v in vs:  # the concept inside the query: a run of as many words as the variant
            size = v.count(" ") + 1
            if size >= len(words):
                continue
            for i, run in _runs(words, size):
                if fuzz.ratio(run, v) >= NAMED:
                    out += [(c["id"], " ".join(words[:i] + [other] + words[i + size:]))
                            for other in c["variants"]]
    if not any(fuzz.ratio(q, terms(arabic.normalize(v))) >= NAMED for _, v in out):
        out.insert(0, (None, query))
    return list(dict.fromkeys(out))


# --- people's names ---------------------------------------------------------------------------

MAX_NAME_VARIANTS = 24  # spellings of one person searched for a query naming them


@lru_cache(maxsize=1)
def _gazetteer_names() -> list[tuple[str, list[str]]]:
    """(person id, the terms of each of their Arabic spellings) from data/speakers.json."""
    from .. import data

    return [(p["id"], [terms(arabic.normalize(n)) for n in p.get("names_ar", [])])
            for p in data.load("speakers")["people"]]


def _name_variants(conn, query: str, min_score: float = DEFAULT_MIN_SCORE) -> list[tuple[str, str]]:
    """(person id, spelling) pairs to search besides ``query`` when it names a person of the
    gazetteer (one of their spellings, as a run of its words, or the whole query within
    ``NAMED``): the query with that run written as each other spelling of theirs of as many words
    or more (a full name finds the full names, a surname all of them), and each full-name spelling
    through Latin letters and back (``names.transliterations``: «أحمد طعمة» -> «أحمد توما»)
    where the corpus has those words. Only a name of two words or more is transliterated: the
    other word keeps a surname's new spelling from being an ordinary word («تامه»). A spelling
    that scores ``min_score`` against the query itself is left out: the query finds it already."""
    words = _query_words(query, fold=False)
    q = terms(" ".join(words))
    best: tuple[int, int, str, list[str]] | None = None  # (words named, start, person id, spellings)
    hit: tuple[int, int, str, list[str]] | None
    for pid, spellings in _gazetteer_names():
        for sp in spellings:
            size = sp.count(" ") + 1
            if fuzz.ratio(q, sp) >= NAMED:
                hit = (len(words), 0, pid, spellings)
            else:
                hit = next(((size, i, pid, spellings) for i, run in _runs(words, size) if run == sp), None)
            if hit and (best is None or hit[0] > best[0]):
                best = hit
    if best is None:
        return []
    size, start, pid, spellings = best
    wanted = [sp for sp in spellings if sp.count(" ") + 1 >= size]
    full = [sp.split(" ") for sp in wanted if " " in sp]
    from ..text.names import transliterations  # only for a query that names a person

    stems = sorted({x for sp in full for w in sp for x in transliterations(w)} - {w for sp in full for w in sp})
    present = set()
    if stems:
        from .spellings import _index

        index = _index(conn)
        present = {t for t in stems if index.count(t) is not None}
    for sp_words in full:
        options = [[x for x in transliterations(w) if x == w or x in present] for w in sp_words]
        for combo in islice(product(*options), MAX_NAME_VARIANTS):
            wanted.append(" ".join(combo))
    out = []
    for sp in dict.fromkeys(wanted):
        variant = " ".join(words[:start] + [sp] + words[start + size:])
        if score(q, terms(variant), min_score) < min_score:
            out.append((pid, variant))
    return out[:MAX_NAME_VARIANTS]

