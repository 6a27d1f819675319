"""What is found (quotes, mentions, speakers) and what one article remembers across its sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

from astana_cli.extract.speakers import Gazetteer, Person
from astana_cli.text.arabic import normalize, normalize_with_map, title_stem

from .lexicon import GENERIC_HEADS, TITLE_LINKS, load_lexicon


@dataclass(frozen=True)
class Quote:
    start: int  # span of the quoted/reported words in the article text
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    speaker: str  # canonical English name, or a label («Kazakh foreign ministry», or the Arabic phrase)
    speaker_id: str | None  # gazetteer id of a known person
    speaker_ar: str  # the speaker as written in the article
    kind: str  # direct | indirect | mixed
    verb: str  # the reporting word as written


@dataclass(frozen=True)
class Mention:
    person_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Speaker:
    name: str
    person_id: str | None
    ar: str
    gender: str | None


def speaker_of(p: Person, ar: str) -> Speaker:
    return Speaker(p.name, p.id, ar, p.gender)


class ArticleMemory:
    """What the extraction remembers across the sentences of one article."""

    def __init__(self, gaz: Gazetteer, year: int | None, text: str = ""):
        self.gaz, self.year, self.text = gaz, year, text
        self.recent: list[tuple[Speaker, int]] = []  # latest first: (speaker, sentence number)
        self._bindings: dict[str, list[tuple[int, Person]]] | None = None
        self._mentions: list[tuple[int, Person]] = []  # (offset, person) of every known name
        self._introduced: list[tuple[int, Person, frozenset[str]]] = []  # (offset, person, stems of the words before)
        self.spans: list[tuple[int, int]] = []  # the article's sentences
        self.unknown_names: list[Speaker] = []  # names after a title that the gazetteer lacks

    def remember_name(self, sp: Speaker) -> None:
        """A personal name the gazetteer lacks, given after a title: later its surname refers to it."""
        if sp.person_id is None and len(normalize(sp.ar).split()) >= 2:
            self.unknown_names.append(sp)

    def named_by_surname(self, words: list[str]) -> Speaker | None:
        """The latest unknown name given in the article that ends with ``words`` (its surname, one or
        two words: «أبو X»), when it is longer than them."""
        key = [normalize(w) for w in words]
        for sp in reversed(self.unknown_names):
            full = normalize(sp.ar).split()
            if len(full) > len(key) and full[-len(key):] == key:
                return sp
        return None

    def subjects_of(self, number: int) -> list[Speaker]:
        """The subjects of sentence ``number`` (read again on demand: it may have been skipped)."""
        if not 0 <= number < len(self.spans):
            return []
        s0, s1 = self.spans[number]
        from .shapes import Sentence  # the sentence reader needs the article: imported when first used

        return Sentence(self, load_lexicon(), self.text[s0:s1], s0, number)._subjects_before(10 ** 9)

    def named_holder(self, title: str, pos: int) -> Person | None:
        """The person the article calls ``title`` («TITLE NAME» / «TITLE، NAME» anywhere in it): the
        last such naming before ``pos``, else the first after. Computed once, on first need."""
        if self._bindings is None:
            self._bindings = {}
            norm, offsets = normalize_with_map(self.text)
            found = self.gaz.find_names_norm(norm)
            self._mentions = [(offsets[a], p) for a, _, p in found]
            names = {a: p for a, _, p in found}
            self._introduced = [(offsets[a], p, _stems_before(norm, a)) for a, _, p in found]
            for a, b, t in self.gaz.find_titles_norm(norm):
                gap = re.match(r" ?[،,]? ?", norm[b:])
                assert gap is not None  # every part of the pattern is optional: it always matches
                p = names.get(b + gap.end())
                if p is not None and p.id in self.gaz.holder_ids(t):
                    self._bindings.setdefault(t, []).append((offsets[a], p))
        bound = self._bindings.get(title) or []
        before = [p for at, p in bound if at < pos]
        return before[-1] if before else (bound[0][1] if bound else None)

    def introduced_as(self, words: list[str], pos: int) -> Person | None:
        """The latest person named before ``pos`` right after words that hold every word of the bare
        title ``words`` (by stems): «… رئيس الوفد الإيراني معاون وزير الخارجية X» makes «معاون وزير
        الخارجية الإيراني» X later in the article, whatever the gazetteer calls his office."""
        if self._bindings is None:
            self.named_holder("", 0)
        key = {title_stem(w) for w in map(normalize, words) if w not in TITLE_LINKS}
        if len(key) < 2:
            return None  # a head word alone could be anyone
        for at, p, stems in reversed(self._introduced):
            if at < pos and key <= stems:
                return p
        return None

    def mentioned_holder(self, title: str, pos: int) -> Person | None:
        """A holder of ``title`` (in the article's year, when known; a shared title too) whom the
        article names: the latest named before ``pos``, else the first after. «المبعوث الأممي» in an
        article that names de Mistura is de Mistura, whoever else held the title in other years."""
        if self._bindings is None:
            self.named_holder("", 0)
        ids = {p.id for p, r in self.gaz.roles_like_title(title) if self.year is None or r.held_in(self.year)}
        if not ids:
            return None
        named = [(at, p) for at, p in self._mentions if p.id in ids]
        if len({p.id for _, p in named}) > 1 and not any(at < pos for at, _ in named):
            return None
        before = [p for at, p in named if at < pos]
        return before[-1] if before else (named[0][1] if named else None)

    def titled_like(self, head: str, mods: list[str], pos: int) -> Person | None:
        """The latest person named before ``pos`` whose title starts with the head word (any title for
        «المسؤول») and holds every other word of the bare title: «رئيس الوفد»، «معاون الوزير»، «المسؤول
        التركي». None without such a word (the head alone could be anyone)."""
        if self._bindings is None:
            self.named_holder("", 0)
        mod_s = [title_stem(m) for m in mods if normalize(m) not in TITLE_LINKS]
        if not mod_s:
            return None
        head_s = title_stem(head)
        generic = head_s in GENERIC_HEADS
        for at, p in reversed(self._mentions):
            if at >= pos:
                continue
            for t in self.gaz.titles_of(p.id):
                words = t.split()
                if words and (generic or title_stem(words[0]) == head_s) and all(m in t for m in mod_s):
                    return p
        return None if generic else self.introduced_as([head, *mods], pos)

    def titled_before(self, head: str, mods: list[str], pos: int) -> Person | None:
        """The latest person named before ``pos`` whose title has the head word and every modifier
        («الوزير الكازاخي» -> the last person mentioned as «وزير الخارجية الكازاخي …»). Words are
        compared by their stems (no article, no nisba ending), so «الكازاخي» finds «كازاخستان»."""
        if self._bindings is None:
            self.named_holder("", 0)
        if not mods:
            return None  # «الوزير» alone could be anyone
        head_s, mod_s = title_stem(head), [title_stem(m) for m in mods]
        for at, p in reversed(self._mentions):
            if at >= pos:
                continue
            for t in self.gaz.titles_of(p.id):
                words = t.split()
                if words and title_stem(words[0]) == head_s and all(m in t for m in mod_s):
                    return p
        return self.introduced_as([head, *mods], pos)


_CLAUSE_END = re.compile(r"[.!?؟:;؛\n\"«»“”]")


def _stems_before(norm: str, a: int, words: int = 12) -> frozenset[str]:
    """The stems of the words (at most ``words``) that stand before offset ``a`` in its clause: the
    title an article gives a name it introduces."""
    head = norm[max(0, a - 160):a]
    cut = max((m.end() for m in _CLAUSE_END.finditer(head)), default=0)
    return frozenset(title_stem(w) for w in re.findall(r"[^\W\d_]+", head[cut:])[-words:])
