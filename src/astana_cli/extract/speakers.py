"""The speaker gazetteer: the people of the Astana process (package data ``data/speakers.json``).

``Gazetteer.load()`` reads the data once (cached). It answers three questions:

- ``resolve(query)``: who is «lavrentyev», «دي مستورا», «Lavrentiev»? Fuzzy (rapidfuzz) over every
  Latin alias and normalized Arabic spelling; close candidates best first, with scores 0-100.
- ``find_names(text)``: where are known people named in an article? Exact match of the normalized
  spellings listed in the data (one compiled regex), spans in the original text.
- ``title_holders(title, year)``: who held a title («وزير الخارجية الروسي») in a given year?
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from astana_cli.data import load
from astana_cli.text.arabic import (
    may_match,
    name_key,
    normalize,
    normalize_with_map,
    normalized_runs,
    original_span,
    run_starts,
    runs,
)


@dataclass(frozen=True)
class Role:
    title_ar: str
    title_en: str
    start: int | None  # first year held
    end: int | None  # last year held; None = still in office
    shared: bool = False  # several people hold this title at once: never resolve it by date alone
    also_ar: tuple[str, ...] = ()

    def held_in(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str  # canonical English name
    names_ar: tuple[str, ...]
    aliases_latin: tuple[str, ...]
    roles: tuple[Role, ...]
    affiliation: str
    gender: str  # "m" | "f"
    source: str


def _article_variant(name: str) -> str | None:
    """A first name and surname written with the article on the surname and without it: the other
    form («بشار الجعفري» <-> «بشار جعفري»). None for a single word (a bare «جعفري» is an adjective)
    or a surname too short to tell."""
    words = name.split()
    if len(words) < 2:
        return None
    last = words[-1]
    if last.startswith("ال") and len(last) > 4:
        words[-1] = last[2:]
    elif not last.startswith("ال") and len(last) >= 3 and words[-2] not in ("عبد", "ابو", "بن", "دي"):
        words[-1] = "ال" + last
    else:
        return None
    return " ".join(words)


class Gazetteer:
    """Known people, their spellings and their titles."""

    def __init__(self, people: list[Person]):
        self.people = people
        self._by_id = {p.id: p for p in people}
        # every comparison key -> person ids (a key may be shared, e.g. two holders of a surname)
        self._keys: dict[str, set[str]] = {}
        for p in people:
            for k in (p.name, *p.aliases_latin, *p.names_ar):
                self._keys.setdefault(name_key(k), set()).add(p.id)
        self._key_list = list(self._keys)
        # names in text: normalized spelling -> person id; longest spelling first in the alternation
        self._spelling = {normalize(n): p.id for p in people for n in p.names_ar}
        for p in people:  # «بشار جعفري» = «بشار الجعفري», «أحمد الطعمة» = «أحمد طعمة»
            for n in p.names_ar:
                alt = _article_variant(normalize(n))
                if alt:
                    self._spelling.setdefault(alt, p.id)
                    self._keys.setdefault(alt, set()).add(p.id)
        alts = sorted(self._spelling, key=len, reverse=True)
        self._names_re = re.compile(r"(?<![^\W_])و?(" + "|".join(map(re.escape, alts)) + r")(?![^\W_])")
        self._name_runs = run_starts(alts, ("", "و"))
        # titles: normalized title -> roles carrying it
        self._titles: dict[str, list[tuple[Person, Role]]] = {}
        for p in people:
            for r in p.roles:
                for t in (r.title_ar, *r.also_ar):
                    self._titles.setdefault(normalize(t), []).append((p, r))
        # fuzzy names: every normalized Arabic spelling with its words (see ``fuzzy_person``)
        self._ar_list = list(self._spelling)
        self._ar_words = [k.split() for k in self._ar_list]
        talts = sorted(self._titles, key=len, reverse=True)
        self._titles_re = re.compile(r"(?<![^\W_])[وف]?(" + "|".join(map(re.escape, talts)) + r")(?![^\W_])")
        self._title_runs = run_starts(talts, ("", "و", "ف"))

    @classmethod
    def load(cls) -> "Gazetteer":
        """The gazetteer of the package data (built once, cached)."""
        return _load()

    def get(self, person_id: str) -> Person | None:
        return self._by_id.get(person_id)

    def resolve(self, query: str, limit: int = 5, cutoff: float = 70.0) -> list[tuple[Person, float]]:
        """Candidates for ``query`` (Latin or Arabic, any case or spelling), best first, score 0-100."""
        q = name_key(query or "")
        if not q:
            return []
        best: dict[str, float] = {}
        for key, score, _ in process.extract(q, self._key_list, scorer=fuzz.WRatio, limit=40, score_cutoff=cutoff):
            # an exact surname or spelling beats a partial match on a longer name
            score = 100.0 if key == q else float(score)
            for pid in self._keys[key]:
                best[pid] = max(best.get(pid, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], self._by_id[kv[0]].name))
        return [(self._by_id[pid], round(score, 1)) for pid, score in ranked[:limit]]

    def fuzzy_person(self, words: list[str] | tuple[str, ...]) -> Person | None:
        """The known person a name written in a spelling the data lacks stands for («تلوبردي»,
        «ايبك سماديياروف»): the normalized words are compared (rapidfuzz ratio, strict) with every
        Arabic spelling of as many words, and the surname must be close on its own too. None when no
        spelling or more than one person comes close."""
        words = [normalize(w) for w in words if w]
        if not words or len(words) > 4 or len(words[-1]) < 4:
            return None
        q = " ".join(words)
        if q in self._spelling:
            return self._by_id[self._spelling[q]]
        found: dict[str, float] = {}
        for key, score, idx in process.extract(q, self._ar_list, scorer=fuzz.ratio, limit=8, score_cutoff=84):
            alias = self._ar_words[idx]
            if len(alias) != len(words) or fuzz.ratio(words[-1], alias[-1]) < 84:
                continue  # the surname is the anchor
            if any(fuzz.ratio(a, b) < 70 for a, b in zip(words[:-1], alias[:-1])):
                continue
            pid = self._spelling[key]
            found[pid] = max(found.get(pid, 0.0), score)
        if len(found) != 1:
            return None
        return self._by_id[next(iter(found))]

    def titles_of(self, person_id: str) -> list[str]:
        """Every normalized title the person is known by."""
        p = self._by_id.get(person_id)
        return [normalize(t) for r in p.roles for t in (r.title_ar, *r.also_ar)] if p else []

    # --- occurrences in text ----------------------------------------------------------------------

    def find_names_norm(self, norm: str, found: frozenset[str] | None = None) -> list[tuple[int, int, Person]]:
        """Spans of known names in already normalized text (spans in that text). ``found``: the
        letter runs of ``norm`` when known."""
        return [(m.start(1), m.end(1), self._by_id[self._spelling[m.group(1)]])
                for m in _finditer(self._names_re, self._name_runs, norm, found)]

    def find_names(self, text: str) -> list[tuple[int, int, Person]]:
        """``(start, end, person)`` for each occurrence of a known person's name in ``text``."""
        found = normalized_runs(text)  # the letter runs of the normalized text, known without the map
        if not may_match(self._name_runs, found):
            return []  # no word of the text opens a known name
        norm, offsets = normalize_with_map(text)
        out = []
        for a, b, p in self.find_names_norm(norm, found):
            s, e = original_span(offsets, a, b)
            out.append((s, e, p))
        return out

    def find_titles_norm(self, norm: str) -> list[tuple[int, int, str]]:
        """Spans of known titles (normalized) in normalized text."""
        return [(m.start(1), m.end(1), m.group(1)) for m in _finditer(self._titles_re, self._title_runs, norm)]

    def title_en(self, title_norm: str) -> str:
        roles = self._titles.get(title_norm) or []
        return roles[0][1].title_en if roles else title_norm

    def roles_like_title(self, title: str) -> list[tuple[Person, Role]]:
        """Every (person, role) that carries ``title``, or a title that it opens or that opens it
        («رئيس وفد المعارضة» and «رئيس وفد المعارضة السورية»), shared roles included."""
        words = normalize(title).split()
        out = []
        for t, roles in self._titles.items():
            tw = t.split()
            n = min(len(tw), len(words))
            if n >= 2 and tw[:n] == words[:n]:
                out += roles
        return out

    def holder_ids(self, title_norm: str) -> set[str]:
        """Ids of everyone who ever held the (normalized) title, shared or not."""
        return {p.id for p, _ in self._titles.get(title_norm, ())}

    def title_holders(self, title: str, year: int | None) -> list[Person]:
        """People who held ``title`` in ``year`` (every holder ever when ``year`` is None).
        Holders of a shared title (several at once, e.g. deputy ministers) are never returned."""
        roles = self._titles.get(normalize(title)) or []
        if any(r.shared for _, r in roles):
            return []
        seen: dict[str, Person] = {}
        for p, r in roles:
            if year is None or r.held_in(year):
                seen[p.id] = p
        return list(seen.values())


def _finditer(pattern: re.Pattern, starts: frozenset[str] | None, norm: str, found: frozenset[str] | None = None):
    """``pattern.finditer(norm)`` for the name and title patterns, tried only where they can match.

    Such a match starts where a letter run of ``norm`` starts (its lookbehind) and that run is the
    first word of a spelling, with its clitic (``starts``): the spelling's first word is followed by a
    space or, at its end, by the lookahead, so the run ends there too. So the pattern is tried at
    the occurrences of the runs in ``starts``, in order, each at or after the end of the last match:
    where finditer would look next."""
    if starts is None:
        yield from pattern.finditer(norm)
        return
    wanted = starts.intersection(runs(norm) if found is None else found)
    if not wanted:
        return
    at = set()
    for w in wanted:
        i = norm.find(w)
        while i >= 0:
            at.add(i)
            i = norm.find(w, i + 1)
    end = 0
    for i in sorted(at):
        if i >= end:
            m = pattern.match(norm, i)
            if m:
                end = m.end()
                yield m


@lru_cache(maxsize=1)
def _load() -> Gazetteer:
    people = []
    for d in load("speakers")["people"]:
        roles = tuple(Role(r["title_ar"], r["title_en"], r.get("from"), r.get("to"), bool(r.get("shared")),
                           tuple(r.get("also_ar", ()))) for r in d.get("roles", ()))
        people.append(Person(d["id"], d["name"], tuple(d["names_ar"]), tuple(d.get("aliases_latin", ())), roles,
                             d.get("affiliation", ""), d.get("gender", "m"), d.get("source", "")))
    return Gazetteer(people)
