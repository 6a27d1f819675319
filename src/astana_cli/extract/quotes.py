"""Who said what: quotations and reported speech in Arabic news, with their speakers.

``extract_quotes(text, published, gazetteer)`` walks the sentences of an article. A sentence with no
reporting verb, colon or quote mark is skipped at once. In the others, each reporting verb
(«قال، أكدت، يرى، مضيفاً …», every form listed in ``data/reporting.json``) opens a quote:

1. the *content* starts at the first marker after the verb: أن/إن (indirect), a colon or a quote
   mark (direct), and runs to the next reporting verb of the sentence or its end. Without a marker,
   a speech verb followed by a named person and a comma takes the rest as direct speech
   («وقال X، ننتظر …»), and a verb that governs a noun takes the rest as indirect speech
   («أعلن X استعداده …», «شدد X على …»);
2. the *speaker* is looked for, in this order, between the verb and the content: a known person
   (with nothing but title words between verb and name; never a name behind «مع، عن، الذي …»),
   a known title (resolved through a name the article gave it, or through the gazetteer when the
   title had a single holder that year), an organisation or anonymous source («مصدر، وزارة،
   البيان، روسيا …», labelled in English from the lexicon); then before the verb («وكانت الوزارة
   قد أكدت»); last, for a continuation («وقال إن …», «وأضافت …», «أعلن على أثرها …»), the subject of
   the sentence or the latest speaker whose gender agrees with the verb;
3. a participle («مضيفاً، لافتاً، داعياً …») continues the previous speaker of the sentence, unless
   a new subject was named since («أما X فقد حمّل …، معتبراً أن …» is X's).

Further shapes: the subject before the verb after «أما X ف(قد)» and «وكان X أعلن»; the antecedent of
«الذي/التي» («X، الذي قال إن»: X, a title or a source, never the last speaker); «نقل … عن X قوله»;
a bare title referring back («الوزير الكازاخي» -> the last person named with that title); the
attribution after the claim («…، وفق ما أكده X»، «"…"، بحسب X»، split quotations «"…"، يقول X، "…"»);
a verb whose subject follows a reported أن/إن («قال X إن الوفد طالب …») stays inside the content.
A speaker phrase must be a known person (also in a spelling the data lacks: ``fuzzy_person``), a
title, a source of the lexicon or a name after a title; prepositions, adverbs and time words never
are (then the verb continues the previous speaker, or the quote is dropped).

A person named inside the quoted words, or as an object («التقى X»، «كلفت X»), is a mention, never
the speaker. When no speaker can be found the quote is dropped unless the text names one as a
phrase, which then becomes its label: a wrong person is worse than no quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from astana_cli.data import load
from astana_cli.extract.speakers import Gazetteer, Person
from astana_cli.text.arabic import (LETTERS, QUOTE_PAIRS, collapse, map_chars, normalize, normalize_with_map,
                                    normalized_runs, one_to_one, sentences)


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


# --- the lexicon (data/reporting.json), normalized once ---------------------------------------------

@dataclass(frozen=True)
class VerbForm:
    lemma: str
    gender: str | None  # m | f | p (plural) | None
    participle: bool
    speech: bool  # content may follow with no mark («وقال X، ننتظر …»)
    objects: tuple[str, ...]  # prepositions opening the content («شدد على»)
    masdar_object: bool  # a verbal noun may open the content («أعلن استعداده»)
    via: str | None  # the speaker follows this word («نقل عن X»)
    weak: bool  # needs a marker (أن/إن, colon, quote)
    after_claim: bool = False  # attributes the words before it («…، وفق ما أكده X»)
    present: bool = False  # an imperfect form («يذكر»)
    u_passive: bool = False  # form I: a damma on the first letter marks the passive («يُذكر»)


_GENDER = {"3ms": "m", "3fs": "f", "3mp": "p", "3md": "p", "3fd": "p", "3fp": "p",
           "ms": "m", "fs": "f", "mp": "p"}


class _Lexicon:
    def __init__(self, d: dict):
        n = normalize
        self.verbs: dict[str, VerbForm] = {}
        for v in d["verbs"]:
            common = dict(lemma=n(v["lemma"]), speech=bool(v.get("speech")),
                          objects=tuple(n(o) for o in v.get("objects", ())),
                          masdar_object=bool(v.get("masdar_object")), via=n(v["via"]) if v.get("via") else None,
                          weak=bool(v.get("weak")), after_claim=bool(v.get("after_claim")),
                          u_passive=bool(v.get("u_passive")))
            for key, forms in v["forms"].items():
                if key.replace("pres_", "").startswith("1"):
                    continue  # «نرى، نؤكد»: the speaker's own words, never a report of someone else
                g = _GENDER.get(key.replace("pres_", ""))
                for f in forms:
                    self.verbs.setdefault(n(f), VerbForm(gender=g, participle=False, present=key.startswith("pres_"),
                                                         **common))
            for key, forms in v.get("participles", {}).items():
                for f in forms:
                    self.verbs.setdefault(n(f), VerbForm(gender=_GENDER.get(key), participle=True, **common))
        self.masdar = {n(m) for v in d["verbs"] for m in v.get("masdar", ())}
        words = lambda key: {n(w) for w in d[key]}  # noqa: E731
        self.comp = words("complementizers")
        self.not_after = words("not_after")
        self.blockers = words("blockers")
        self.object_verbs = words("object_verbs")
        self.prepositions = words("prepositions")
        self.fillers = words("fillers")
        self.title_words = words("title_words")
        self.stop = words("stop_words")
        self.openers = words("clause_openers")
        self.be = words("be_verbs")
        self.title_heads = words("title_heads")
        self.relatives = words("relatives")
        self.function_words = words("function_words")
        self.impersonal = words("impersonal")
        self.expectation = words("expectation")
        self.negations = words("negations")
        self.verbal_nouns = words("verbal_nouns")
        self.verbal_noun_re = re.compile(r"(?<![^\W_])و?ب(?:" + "|".join(sorted(self.verbal_nouns)) + r")(?:ه|ها|هم|هما)(?![^\W_])")
        # The same matches, found from their ب (a literal the search skips to): the ب opens the
        # word, or follows a و that does.
        self.verbal_noun_at_b = re.compile(r"ب(?:(?<=(?<![^\W_])ب)|(?<=(?<![^\W_])وب))(?:" + "|".join(sorted(self.verbal_nouns))
                                           + r")(?:ه|ها|هم|هما)(?![^\W_])")
        # every word ``verb`` knows: a form, or a form behind و/ف when that makes more than three letters
        self.verb_words = frozenset(self.verbs) | {c + w for w in self.verbs for c in "وف" if len(w) >= 3}
        self.trigger_runs = self._trigger_runs()
        self.deictics = words("deictics")
        self.occupations = {w for o in d["occupations"] for w in n(o).split()}
        self.anaphora = [tuple(n(p).split()) for p in d["anaphora"]]
        self.heads = {n(a): h for h in d["heads"] for a in h["ar"]}
        self.modifiers = {n(k): v for k, v in d["modifiers"].items()}
        self.countries = {v for v in self.modifiers.values() if v[:1].isupper()}
        # a reporting word right after these is a noun («في وصفه»), never the verb
        self.noun_before = {w for w in self.prepositions if len(w) > 1} - self.relatives - {n("نظيره"), n("نظيرته")}
        # words that are never part of a personal name (see ``_Sentence._name_like``)
        self.not_name = set().union(self.stop, self.fillers, self.prepositions, self.blockers, self.heads,
                                    self.modifiers, self.title_words, self.comp, self.openers, self.be,
                                    self.title_heads, self.object_verbs, self.function_words, self.masdar)

    def _trigger_runs(self) -> frozenset[str] | None:
        """The letter runs that make a sentence worth reading (``extract_quotes``): a verb word (a
        word of a sentence split at white space, bounded by white space, sentence punctuation or a
        line end: a whole run when it is all letters; one with a space is never such a word) and
        a whole verbal-noun match (bounded by its lookarounds). None when a form has another sign."""
        verbs = {w for w in self.verb_words if not any(c.isspace() for c in w)}
        nouns = {c + "ب" + n + e for c in ("", "و") for n in self.verbal_nouns for e in ("ه", "ها", "هم", "هما")}
        if not self.verbal_nouns or not all(LETTERS.fullmatch(w) for w in verbs | nouns):
            return None
        return frozenset(verbs | nouns)

    def verb(self, word: str) -> VerbForm | None:
        """The reporting form of ``word`` (normalized), allowing a leading و or ف."""
        f = self.verbs.get(word)
        if f is None and len(word) > 3 and word[0] in "وف":
            f = self.verbs.get(word[1:])
        return f


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(load("reporting"))


# --- tokens of a normalized sentence ------------------------------------------------------------

_QUOTE_CHARS = set(QUOTE_PAIRS) | set(QUOTE_PAIRS.values())
_TOKEN = re.compile(r"[^\W_]+|[" + re.escape("".join(sorted(_QUOTE_CHARS))) + r"]|[:،,]")
_WORDS = re.compile(r"[^\W_]+")  # the words of a sentence, without the punctuation that may touch them («أعلن،»)
_CHEAP = re.compile(r"[:" + re.escape("".join(sorted(_QUOTE_CHARS))) + r"]")


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    kind: str  # word | quote | colon | comma
    quoted: bool = False  # inside a quotation


def _tokens(norm: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(norm):
        t = m.group()
        kind = "quote" if t in _QUOTE_CHARS else "colon" if t == ":" else "comma" if t in "،," else "word"
        out.append(_Tok(m.start(), m.end(), t, kind))
    return out


def _quote_regions(toks: list[_Tok]) -> list[tuple[int, int]]:
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


# --- speakers -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Speaker:
    name: str
    person_id: str | None
    ar: str
    gender: str | None


def _person(p: Person, ar: str) -> _Speaker:
    return _Speaker(p.name, p.id, ar, p.gender)


class _Article:
    """What the extraction remembers across the sentences of one article."""

    def __init__(self, gaz: Gazetteer, year: int | None, text: str = ""):
        self.gaz, self.year, self.text = gaz, year, text
        self.recent: list[tuple[_Speaker, int]] = []  # latest first: (speaker, sentence number)
        self._bindings: dict[str, list[tuple[int, Person]]] | None = None
        self._mentions: list[tuple[int, Person]] = []  # (offset, person) of every known name
        self.spans: list[tuple[int, int]] = []  # the article's sentences
        self.unknown_names: list[_Speaker] = []  # names after a title that the gazetteer lacks

    def remember_name(self, sp: _Speaker) -> None:
        """A personal name the gazetteer lacks, given after a title: later its surname refers to it."""
        if sp.person_id is None and len(normalize(sp.ar).split()) >= 2:
            self.unknown_names.append(sp)

    def named_by_surname(self, words: list[str]) -> _Speaker | None:
        """The latest unknown name given in the article that ends with ``words`` (its surname, one or
        two words: «أبو X»), when it is longer than them."""
        key = [normalize(w) for w in words]
        for sp in reversed(self.unknown_names):
            full = normalize(sp.ar).split()
            if len(full) > len(key) and full[-len(key):] == key:
                return sp
        return None

    def subjects_of(self, number: int) -> list[_Speaker]:
        """The subjects of sentence ``number`` (read again on demand: it may have been skipped)."""
        if not 0 <= number < len(self.spans):
            return []
        s0, s1 = self.spans[number]
        return _Sentence(self, _lexicon(), self.text[s0:s1], s0, number)._subjects_before(10 ** 9)

    def named_holder(self, title: str, pos: int) -> Person | None:
        """The person the article calls ``title`` («TITLE NAME» / «TITLE، NAME» anywhere in it): the
        last such naming before ``pos``, else the first after. Computed once, on first need."""
        if self._bindings is None:
            self._bindings = {}
            norm, offsets = normalize_with_map(self.text)
            found = self.gaz.find_names_norm(norm)
            self._mentions = [(offsets[a], p) for a, _, p in found]
            names = {a: p for a, _, p in found}
            for a, b, t in self.gaz.find_titles_norm(norm):
                gap = re.match(r" ?[،,]? ?", norm[b:])
                p = names.get(b + gap.end())
                if p is not None and p.id in self.gaz.holder_ids(t):
                    self._bindings.setdefault(t, []).append((offsets[a], p))
        found = self._bindings.get(title) or []
        before = [p for at, p in found if at < pos]
        return before[-1] if before else (found[0][1] if found else None)

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
        mod_s = [_stem(m) for m in mods if normalize(m) not in _TITLE_LINKS]
        if not mod_s:
            return None
        head_s = _stem(head)
        generic = head_s in _GENERIC_HEADS
        for at, p in reversed(self._mentions):
            if at >= pos:
                continue
            for t in self.gaz.titles_of(p.id):
                words = t.split()
                if words and (generic or _stem(words[0]) == head_s) and all(m in t for m in mod_s):
                    return p
        return None

    def titled_before(self, head: str, mods: list[str], pos: int) -> Person | None:
        """The latest person named before ``pos`` whose title has the head word and every modifier
        («الوزير الكازاخي» -> the last person mentioned as «وزير الخارجية الكازاخي …»). Words are
        compared by their stems (no article, no nisba ending), so «الكازاخي» finds «كازاخستان»."""
        if self._bindings is None:
            self.named_holder("", 0)
        if not mods:
            return None  # «الوزير» alone could be anyone
        head_s, mod_s = _stem(head), [_stem(m) for m in mods]
        for at, p in reversed(self._mentions):
            if at >= pos:
                continue
            for t in self.gaz.titles_of(p.id):
                words = t.split()
                if words and _stem(words[0]) == head_s and all(m in t for m in mod_s):
                    return p
        return None


def extract_quotes(text: str, published: date | None = None, gazetteer: Gazetteer | None = None) -> list[Quote]:
    """Every quotation and reported statement of ``text`` with its speaker (see the module docstring)."""
    if not text:
        return []
    gaz = gazetteer or Gazetteer.load()
    lex = _lexicon()
    art = _Article(gaz, published.year if published else None, text)
    out: list[Quote] = []
    # The test each sentence must pass, for the whole text at once: a sentence holds no colon or quote
    # mark the text lacks (normalizing adds none), and each of its verb words or verbal nouns is a
    # letter run of the normalized text (a sentence ends at white space or punctuation).
    if lex.trigger_runs is not None and not _CHEAP.search(text) and lex.trigger_runs.isdisjoint(normalized_runs(text)):
        return out
    art.spans = sentences(text)
    mapped = map_chars(text) if one_to_one(text) else None  # then a sentence's mapped form is a slice
    for n, (s0, s1) in _units(text, art.spans):
        raw = text[s0:s1]
        quick = normalize(raw) if mapped is None else collapse(mapped[s0:s1])
        if not _CHEAP.search(quick) and lex.verb_words.isdisjoint(_WORDS.findall(quick)) \
                and not lex.verbal_noun_at_b.search(quick):
            continue
        out.extend(_Sentence(art, lex, raw, s0, n).quotes())
    return out


def _units(text: str, spans: list[tuple[int, int]]):
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


def find_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every occurrence of a known person's name in ``text``."""
    gaz = gazetteer or Gazetteer.load()
    return [Mention(p.id, s, e, text[s:e]) for s, e, p in gaz.find_names(text)]


class _Sentence:
    """The quotes of one sentence (``raw`` = text[s0:s0+len(raw)])."""

    def __init__(self, art: _Article, lex: _Lexicon, raw: str, s0: int, number: int):
        self.art, self.lex, self.raw, self.s0, self.number = art, lex, raw, s0, number
        self.norm, self.omap = normalize_with_map(raw)
        self.toks = _tokens(self.norm)
        self.regions = _quote_regions(self.toks)
        # known names: token index of the first word -> (index after the last word, person)
        self.names: dict[int, tuple[int, Person]] = {}
        starts = {t.start: i for i, t in enumerate(self.toks)}
        ends = {t.end: i for i, t in enumerate(self.toks)}
        for a, b, p in art.gaz.find_names_norm(self.norm):
            i = starts.get(a) if a in starts else starts.get(a - 1)  # a leading و is its own char
            j = ends.get(b)
            if i is not None and j is not None:
                self.names[i] = (j + 1, p)
        for a, b in list(self.regions):
            if a + 1 in self.names and self.names[a + 1][0] == b:  # «وكان “طعمة” قد …»: a name, not a quote
                self.regions.remove((a, b))
                for k in range(a + 1, b):
                    self.toks[k].quoted = False
        self.titles: dict[int, tuple[int, str]] = {}
        for a, b, t in art.gaz.find_titles_norm(self.norm):
            i = starts.get(a) if a in starts else starts.get(a - 1)
            j = ends.get(b)
            if i is not None and j is not None:
                self.titles[i] = (j + 1, t)
        self._genders: dict[int, str | None] = {}  # quote start -> its speaker's gender
        self._pending: _Speaker | None = None  # the speaker of a verb that has no content yet
        self._last_trigger = -1  # token index of the verb of the latest quote of the sentence
        self._last_end = 0  # token index after the latest quote's content
        self._consumed: set[int] = set()  # verbs read as part of another attribution («حسبما قال X»)
        self._extra: list[Quote] = []  # a second quote found by the same verb (split quotations)

    # --- helpers --------------------------------------------------------------------------------

    def orig(self, a: int, b: int) -> tuple[int, int]:
        """Article offsets of the normalized sentence span [a, b)."""
        if b <= a:
            return self.s0 + self.omap[a], self.s0 + self.omap[a]
        return self.s0 + self.omap[a], self.s0 + self.omap[b - 1] + 1

    def text_of(self, i: int, j: int) -> str:
        """Original text of tokens [i, j)."""
        if j <= i:
            return ""
        s, e = self.orig(self.toks[i].start, self.toks[j - 1].end)
        return self.raw[s - self.s0:e - self.s0]

    def word(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) and self.toks[i].kind == "word" else ""

    def has(self, i: int, table) -> str | None:
        """The entry of ``table`` that token ``i`` is, allowing و/ف and the article (see ``_look``)."""
        return _look(self.word(i), table)

    def _title_speaker(self, i: int) -> tuple[int, _Speaker] | None:
        """A known title starting at token ``i``, resolved or labelled: (index after it, speaker)."""
        if i not in self.titles:
            return None
        j, title = self.titles[i]
        ar = self.text_of(i, j)
        pos = self.orig(self.toks[i].start, self.toks[i].end)[0]
        p = self.art.named_holder(title, pos)
        if p is None:
            holders = self.art.gaz.title_holders(title, self.art.year)
            p = holders[0] if len(holders) == 1 else self.art.mentioned_holder(title, pos)
        if p is not None:
            return j, _person(p, ar)
        return j, _Speaker(self.art.gaz.title_en(title), None, ar, None)

    def _label(self, i: int, limit: int) -> tuple[int, _Speaker] | None:
        """An organisation or anonymous source whose head word is token ``i``; the phrase runs to a
        stop word, a comma or ``limit`` (at most 7 words)."""
        lex = self.lex
        if i >= limit or (not self.has(i, lex.heads) and self.toks[i].kind != "quote"):
            return None
        if self.toks[i].kind == "quote":  # a name in quotes: «"وفد الثورة العسكري" في بيان …»
            end = next((k for a, k in self.regions if a == i), None)
            if end is None or end >= limit or end - i > 6:
                return None
            phrase = [self.word(k) for k in range(i + 1, end)]
            j = end + 1
        else:
            j = i
            while j < limit and j - i < 7 and self.toks[j].kind == "word" and (j == i or (
                    self.word(j) not in lex.stop and not self.word(j).startswith(("بال", "لل")))):
                j += 1
            phrase = [self.word(k) for k in range(i, j)]
        ar = self.text_of(i, j).strip('"«»“”„‘’ ')
        head = lex.heads.get(_look(phrase[0], lex.heads) or "") if phrase else None
        if head and head.get("apposition") and any(
                not (_look(w, lex.heads) or _look(w, lex.modifiers) or _look(w, lex.title_words)) for w in phrase):
            x = next(x for x, w in enumerate(phrase)
                     if not (_look(w, lex.heads) or _look(w, lex.modifiers) or _look(w, lex.title_words)))
            if x > 0 and len(phrase) - x >= 2 and all(self._name_like(i + y) and i + y not in self.names
                                                      for y in range(x, len(phrase))):
                ar = self.text_of(i + x, j)  # «الخبير العسكري أحمد حمادة»: the name, without the title
            return j, _Speaker(ar, None, ar, head["gender"])
        return j, _Speaker(self._english(phrase) or ar, None, ar, self._gender(phrase))

    def _english(self, phrase: list[str]) -> str:
        """English label of a source phrase from the lexicon's head words and modifiers, or ''."""
        lex = self.lex
        heads = [lex.heads[h] for h in (_look(w, lex.heads) for w in phrase) if h]
        if not heads:
            return ""
        first, one = heads[0], False
        if first["en"] == "" and len(heads) > 1:  # «أحد أعضاء …»: one of
            first, one = heads[1], True
        countries, mods, org = [], [], ""
        for w in phrase[1:]:
            m = lex.modifiers.get(_look(w, lex.modifiers) or "")
            if m and m in lex.countries:
                countries.append(m)
            elif m:
                mods.append(m)
        for h in heads:
            if h is not first and h.get("org") and not first.get("org"):
                org = h["en"]
                break
        head = first.get("one", first["en"]) if one else first["en"]
        if first.get("org") and first["en"] in lex.countries:
            return first["en"]
        parts = countries[:1] + [m for m in mods if m not in head and m != org] + ([org] if org and org not in mods else []) + [head]
        out, seen = [], set()
        for p in " ".join(x for x in parts if x).split():
            if p not in seen:
                seen.add(p)
                out.append(p)
        return " ".join(out)

    def _gender(self, phrase: list[str]) -> str | None:
        for w in phrase:
            key = _look(w, self.lex.heads)
            if key:
                h = self.lex.heads[key]
                if h["en"]:
                    return h["gender"]
        return None

    # --- the speaker of a reporting verb -----------------------------------------------------------

    def _after(self, i: int, limit: int) -> tuple[str, int, _Speaker | None]:
        """Look for the speaker in tokens (i, limit): ("person"|"title"|"label", end, speaker),
        ("anaphora", i + 1, None) when the span holds no subject, ("unknown", …) otherwise."""
        lex, toks = self.lex, self.toks
        k = i + 1
        while k < limit and toks[k].kind == "comma":
            k += 1
        if k >= limit:
            return "anaphora", k, None
        for phrase in lex.anaphora:
            if tuple(self.word(k + x) for x in range(len(phrase))) == phrase:
                return "anaphora", k + len(phrase), None
        # a known person, with only title words (and at most a few others) before the name; after
        # a source word («مصدر، البيان، الوزارة») the phrase is the speaker, after a person word
        # («المتحدث، مسؤول») only an apposition of title words may lead to a name
        head = lex.heads.get(self.has(k, lex.heads) or "")
        max_others = 4 if head is None else 0 if head.get("apposition") else -1
        others = 0
        for j in range(k, limit if max_others >= 0 else k):
            if j in self.names and not toks[j].quoted:
                end, p = self.names[j]
                if j > k and self.has(j - 1, lex.prepositions):  # «في رسالة إلى X»: not the speaker
                    break
                return "person", end, _person(p, self.text_of(j, end))
            t = toks[j]
            if t.kind == "word":
                if t.quoted and self._short_quote(j):  # «رئيس وفد "الائتلاف" X»: part of the title
                    continue
                if self.has(j, lex.blockers) or lex.verb(t.text) or t.quoted:
                    break
                if not (self.has(j, lex.title_words) or self.has(j, lex.modifiers) or j == k and head):
                    others += 1
                    if others > max_others:
                        break
        hit = self._title_speaker(k)
        if hit:
            named = self._named_after(hit[0], limit)
            if named:  # «نائب وزير الخارجية الكازاخي X»: X, known by another spelling or unknown
                return "person", named[0], named[1]
            return "title", hit[0], hit[1]
        hit = self._label(k, limit)
        if hit:
            if head is not None and head.get("apposition") and hit[0] < limit and toks[hit[0]].kind == "comma":
                named = self._named_after(hit[0], limit)  # «المتحدث باسم …، X، إن»: X, not the title
                if named and named[0] < limit and (toks[named[0]].kind in ("comma", "colon")
                                                   or self.word(named[0]) in lex.comp):
                    self.art.remember_name(named[1])
                    return ("person" if named[1].person_id else "label"), named[0], named[1]
            if head is not None and head.get("apposition") and all(
                    self.has(x, lex.heads) or self.has(x, lex.modifiers) for x in range(k, hit[0])):
                # «وأشار المسؤول التركي إلى أن»: the latest person named with such a title, else the label
                p = self.art.titled_like(self.word(k), [self.word(x) for x in range(k + 1, hit[0])],
                                         self.orig(toks[k].start, toks[k].end)[0])
                if p is None and hit[0] == k + 1 and self.word(k).startswith(("ال", "وال")):
                    p = self._recent_titled(self.word(k))  # «وقال المتحدث للصحفيين …»: the spokesman just quoted
                if p is not None:
                    return "person", hit[0], _person(p, self.text_of(k, hit[0]))
            return "label", hit[0], hit[1]
        w = self.word(k)
        if toks[k].kind != "word" or self.has(k, lex.fillers) or w in lex.comp or self.has(k, lex.prepositions) \
                or self.has(k, lex.stop) or w.startswith(("بال", "لل")):
            return "anaphora", k, None  # «وأشار إلى أنه»، «حذر من أن»، «اكتفى بالقول»: no subject here
        hit = self._resolve_phrase(k, limit)
        if hit:
            return "person" if hit[1].person_id else "unknown", hit[0], hit[1]
        j = k
        while j < limit and j - k < 6 and toks[j].kind == "word" and (j == k or self.word(j) not in lex.stop):
            j += 1
        return "unknown", j, None  # not a person, title, source or name: no speaker (precision first)

    def _recent_titled(self, head: str) -> Person | None:
        """The person quoted in this or the previous sentence whose title opens with ``head`` (a bare
        definite title word: «المتحدث» after the spokesman's words), when he is the latest speaker."""
        head_s = _stem(head)
        for sp, n in self.art.recent[:1]:
            if self.number - n > 1 or sp.person_id is None:
                return None
            if any(t.split() and _stem(t.split()[0]) == head_s for t in self.art.gaz.titles_of(sp.person_id)):
                return self.art.gaz.get(sp.person_id)
        return None

    def _short_quote(self, j: int) -> bool:
        """Is token ``j`` inside a quotation of at most three words (a name in quotes)?"""
        return any(a < j < b and b - a <= 4 for a, b in self.regions)

    def _name_like(self, j: int) -> bool:
        """Could word ``j`` be part of a personal name? Not a function word, a title, a source word,
        a verb, a word with the article or a preposition, nor a number."""
        lex, w = self.lex, self.word(j)
        if not w or self.toks[j].quoted or w.isdigit() or len(w) < 2 or w.startswith(("ال", "بال", "لل", "وال")):
            return False
        if w[0] in "بلك" and (w[1:] in lex.function_words or w[1:].startswith("ال")):
            return False  # «بكل»، «لذلك»: a preposition and a word, not a name
        return not (_look(w, lex.not_name) or lex.verb(w))

    def _named_after(self, j: int, limit: int, titled: bool = True) -> tuple[int, _Speaker] | None:
        """One to three name-like words at ``j`` that end the speaker phrase (a comma, a marker, a
        stop word or ``limit`` follows): the person they name (by a spelling the data lacks), else,
        after title words (``titled``), the name itself as the label. A comma may stand before the
        name after a title («وزير الخارجية، X»)."""
        if titled and j + 1 < limit and self.toks[j].kind == "comma":
            j += 1
        e = j
        while e < limit and e - j < 4 and self._name_like(e) and not (e - j >= 2 and self._to_outlet(e, limit)):
            e += 1
        if e == j or e - j > 3:
            return None
        if e < limit and self.toks[e].kind == "word" and not (
                self.has(e, self.lex.stop) or self.has(e, self.lex.fillers) or self.word(e) in self.lex.comp
                or self.word(e) in self.lex.masdar or self._to_outlet(e, limit)):
            return None
        ar = self.text_of(j, e)
        p = self.art.gaz.fuzzy_person([self.word(x) for x in range(j, e)])
        if p is not None:
            return e, _person(p, ar)
        known = self.art.named_by_surname([self.word(x) for x in range(j, e)])
        if known is not None:  # «وأضاف أبو X»: the surname of a name the article gave before
            return e, known
        if e - j < 2 or not (titled or self._occupation_after(e, limit)):
            return None  # a single unknown word, or words with no title before or after them: too weak
        sp = _Speaker(ar, None, ar, None)
        if titled:
            self.art.remember_name(sp)
        return e, sp

    def _to_outlet(self, e: int, limit: int) -> bool:
        """«… لنورث برس إن»: a word with the preposition ل opening an outlet, then أن/إن soon."""
        w = self.word(e)
        return len(w) > 3 and w[0] == "ل" and not w.startswith("لل") and any(
            self.word(x) in self.lex.comp for x in range(e + 1, min(len(self.toks), e + 4)))

    def _occupation_after(self, e: int, limit: int) -> bool:
        """«قالت X، الرئيسة المشتركة لـ…، إن»: a comma and a title or an occupation after a name."""
        if e + 1 >= limit or self.toks[e].kind != "comma":
            return False
        w = self.word(e + 1)
        return bool(w) and (e + 1 in self.titles or bool(_look(w, self.lex.occupations))
                            or bool(self.has(e + 1, self.lex.title_heads))
                            or (self.has(e + 1, self.lex.title_words) and self.has(e + 1, self.lex.heads) is None
                                and not self.has(e + 1, self.lex.modifiers)))

    def _resolve_phrase(self, k: int, limit: int) -> tuple[int, _Speaker] | None:
        """A speaker phrase that is not a known name, title or source: a bare title referring back
        («الوزير الكازاخي» -> the latest person named with that title), or title words followed by a
        name in a spelling the data lacks, or an unknown name."""
        lex = self.lex
        j = k
        while j < limit and j - k < 8 and self.toks[j].kind == "word" and not self.toks[j].quoted and (
                self.has(j, lex.title_words) or self.has(j, lex.modifiers) or self.has(j, lex.title_heads)):
            j += 1
        if j > k and self.has(k, lex.title_heads):
            head = self.word(k)
            mods = [self.word(x) for x in range(k + 1, j) if self.word(x).startswith(("ال", "وال"))]
            end_ok = j >= limit or self.toks[j].kind != "word" or self.has(j, lex.stop) or self.has(j, lex.fillers) \
                or self.word(j) in lex.comp
            if end_ok:
                p = self.art.titled_before(head, mods, self.orig(self.toks[k].start, self.toks[k].end)[0])
                if p is not None:
                    return j, _person(p, self.text_of(k, j))
        if j - k >= 2 and self.has(k, lex.title_words) and not self.has(k, lex.modifiers) and (
                j >= limit or self.toks[j].kind != "word" or self.word(j) in lex.comp
                or self.has(j, lex.prepositions)):
            # «وأضاف رئيس الوفد: …»، «وشدد معاون الوزير على أن»: the person named so before (no one
            # named so: no speaker, the title alone could be anyone)
            p = self.art.titled_like(self.word(k), [self.word(x) for x in range(k + 1, j)],
                                     self.orig(self.toks[k].start, self.toks[k].end)[0])
            if p is not None:
                return j, _person(p, self.text_of(k, j))
        return self._named_after(j, limit, titled=j > k)

    def _before(self, i: int) -> _Speaker | None:
        """The subject written before a verb without conjunction: «إلا أن الوزارة قالت»، «وكان
        مصدر … قد أعلن»."""
        lex, toks = self.lex, self.toks
        w = self.word(i)
        if (w[:1] == "ف" and lex.verbs.get(w) is None) or self.word(i - 1) == "فقد":
            # «أما X فقد رد …»، «أما X، فرأى …»: the topic after «أما» is the subject
            b = next((k for k in range(i - 1, max(-1, i - 16), -1) if self.word(k) in _AMMA), None)
            if b is None:
                return None
            e = i - 1 if self.word(i - 1) == "فقد" else i
            return self._phrase_speaker(b + 1, e) or self._topic_name(b + 1, e)
        if w[:1] in "وف" and lex.verbs.get(w) is None:
            return None  # «وقال»: a new clause, nothing before it belongs to it
        if self.word(i - 1) in ("ثم", "وثم", "حيث", "وحيث"):
            return None  # «…، ثم أعلن»: the subject of the clause before, found as a continuation
        if i > 1 and toks[i - 1].kind == "comma":
            # «وكان X، أعلن، يوم الأربعاء، أن»: كان, its subject, a comma and the verb
            b = next((k for k in range(i - 2, max(-1, i - 16), -1)
                      if self.word(k) in lex.be or toks[k].kind != "word" and toks[k].kind != "comma"
                      or lex.verb(self.word(k))), None)
            if b is not None and self.word(b) in lex.be and b + 1 < i - 1:
                return self._phrase_speaker(b + 1, i - 1)
            return None
        j = i - 1
        if self.word(j) == "قد":
            b = next((k for k in range(j - 1, max(-1, j - 20), -1) if self.word(k) in lex.be or self.word(k) in _AMMA),
                     None)
            if b is None:
                return None
            a, e = b + 1, j
        else:
            a = i
            while a - 1 >= 0 and toks[a - 1].kind == "word" and self.word(a - 1) not in lex.comp \
                    and not self.has(a - 1, lex.openers) and not lex.verb(self.word(a - 1)) and i - a < 12 \
                    and self.word(a) not in lex.be:
                a -= 1
            e = i
            if a < i - 1 and self.word(a) in lex.be:
                a += 1  # «وكان X أعلن قبيل الاجتماع أن»: كان and a past verb without قد
            elif a == i or i - a > 8 or (a - 1 >= 0 and toks[a - 1].kind == "word" and self.word(a - 1) not in lex.comp
                                         and not self.has(a - 1, lex.openers)):
                return None
        return self._phrase_speaker(a, e)

    def _amma_topic(self, i: int) -> bool:
        """Does verb ``i`` («فرأى»، «فقد أكد») close a topic opened by «أما» in this sentence?"""
        w = self.word(i)
        if not ((w[:1] == "ف" and self.lex.verbs.get(w) is None) or self.word(i - 1) == "فقد"):
            return False
        return any(self.word(k) in _AMMA for k in range(i - 1, max(-1, i - 16), -1))

    def _topic_name(self, a: int, e: int) -> _Speaker | None:
        """The name that ends the topic of «أما» after title words the lexicon lacks («أما كبير مستشاري
        الوزير X، فرأى»): a known person ending the phrase, else two or three name-like words (the last
        may carry the article) after at least one other word."""
        while e > a and self.toks[e - 1].kind == "comma":
            e -= 1
        for n, (end, p) in self.names.items():
            if a <= n and end == e and not self.toks[n].quoted:
                return _person(p, self.text_of(n, end))
        x = e
        while x > a and e - x < 3 and (self._name_like(x - 1) or (
                x == e and self.word(x - 1).startswith("ال") and len(self.word(x - 1)) > 4
                and not _look(self.word(x - 1), self.lex.not_name) and self._name_like(x - 2))):
            x -= 1
        if e - x < 2 or x <= a or self.has(x - 1, self.lex.prepositions):
            return None
        p = self.art.gaz.fuzzy_person([self.word(y) for y in range(x, e)])
        ar = self.text_of(x, e)
        if p is not None:
            return _person(p, ar)
        sp = _Speaker(ar, None, ar, None)
        self.art.remember_name(sp)
        return sp

    def _phrase_speaker(self, a: int, e: int) -> _Speaker | None:
        """The speaker named by tokens [a, e) before its verb: a known person (title words may lead
        to the name), a known title, a bare title or a name in another spelling, a source."""
        lex = self.lex
        while e > a and self.toks[e - 1].kind == "comma":
            e -= 1
        if e <= a:
            return None
        for n in range(a, e):
            if n in self.names:
                end, p = self.names[n]
                if end <= e and all(self.has(x, lex.title_words) or self.has(x, lex.modifiers) or self.has(x, lex.heads)
                                    or self.toks[x].kind in ("comma", "quote") or self._short_quote(x)
                                    for x in range(a, n)):
                    return _person(p, self.text_of(n, end))
                break
        hit = self._title_speaker(a)
        if hit:
            named = self._named_after(hit[0], e)
            return (named or hit)[1]
        if self.has(a, lex.heads) or self.toks[a].kind == "quote":
            hit = self._label(a, e)
            return hit[1] if hit else None
        hit = self._resolve_phrase(a, e)
        return hit[1] if hit else None

    def _subjects_before(self, i: int) -> list[_Speaker]:
        return [s for _, s in self._subjects_at(i)]

    def _subjects_at(self, i: int) -> list[tuple[int, _Speaker]]:
        """People who are the subject of a clause before token ``i``, latest first with their token
        index: a name straight after the clause's first word (a verb, «أما»), with only title words
        between («أجرى نائب الوزير X …»، «ورحب المبعوث الأممي إلى سوريا X»)."""
        lex, found = self.lex, []
        title_at = {end: start for start, (end, _) in self.titles.items()}
        for n, (end, p) in self.names.items():
            if n >= i or self.toks[n].quoted:
                continue
            k = n
            x = k
            while x - 1 >= 0 and n - x < 2 and self._name_like(x - 1) and not self.has(x - 1, lex.title_words):
                x -= 1
            if x < k and x - 1 >= 0 and (x in title_at or self.has(x - 1, lex.title_words)):
                k = x  # «وافتتح الوزير خيرت عبد الرحمانوف»: a first name in a spelling the data lacks
            while k - 1 >= 0:
                if k in title_at and title_at[k] < k:
                    k = title_at[k]  # a whole known title («المبعوث الأممي إلى سوريا»)
                elif self.toks[k - 1].kind == "quote" and not self.toks[k - 1].quoted:
                    k -= 1  # «وكان “X” قد …»: the marks around a name
                elif (self.has(k - 1, lex.title_words) or self.toks[k - 1].kind == "comma") \
                        and self.word(k - 1) != _ILA:
                    k -= 1
                else:
                    break
            v = k - 1
            if v < 0:
                found.append((n, _person(p, self.text_of(n, end))))
                continue
            first = v == 0 or self.toks[v - 1].kind == "comma"
            if first and self.toks[v].kind == "word" and not any(
                    self.has(v, t) for t in (lex.object_verbs, lex.prepositions, lex.fillers, lex.title_words)):
                found.append((n, _person(p, self.text_of(n, end))))
        return sorted(found, key=lambda x: -x[0])

    def _anaphora(self, i: int, gender: str | None, earlier: list[Quote] = (),
                  content: int | None = None) -> _Speaker | None:
        """A continuation: a subject named since the sentence's last quote, else that quote's speaker
        («رأى X أن …، وقال إن …»), else the subject of this sentence, else the latest speaker that
        agrees. Never a person the content opens with in the third person (``content``: its first
        token): «وأشار إلى أن المبعوث سوف …» is not the envoy speaking of himself."""
        spoken_of = self._spoken_of(content) if content is not None else None

        def fits(s: _Speaker) -> bool:
            return _agrees(gender, s.gender) and not (spoken_of and spoken_of(s))

        s = self._new_subject(i)
        if s is not None and fits(s):
            return s
        for q in reversed(earlier):
            g = self._gender_of(q)
            sp = _Speaker(q.speaker, q.speaker_id, q.speaker_ar, g)
            if fits(sp):
                return sp
        for s in self._subjects_before(i):
            if fits(s):
                return s
        if self._opaque_subject(i):
            return None
        for s, n in self.art.recent:
            if self.number - n > 3:
                break
            if fits(s):
                return s
        if not self.art.recent or self.art.recent[0][1] < self.number - 1:
            for s in self.art.subjects_of(self.number - 1):  # a sentence skipped for having no verb
                if fits(s):
                    return s
        return None

    def _spoken_of(self, start: int):
        """A test of whether a speaker is the person the content starting at token ``start`` names in
        its first words: by name, or by a definite title word of theirs («المبعوث» for the envoy)."""
        ids, heads = set(), set()
        for k in range(start, min(len(self.toks), start + 8)):
            if k in self.names:
                ids.add(self.names[k][1].id)
            w = self.word(k)
            if w.startswith(("ال", "وال")) and len(w) > 4 and not self.has(k, self.lex.heads):
                heads.add(_stem(w))
        if not ids and not heads:
            return None

        def test(s: _Speaker) -> bool:
            if s.person_id is None:
                return False
            if s.person_id in ids:
                return True
            return any(t.split() and _stem(t.split()[0]) in heads for t in self.art.gaz.titles_of(s.person_id))
        return test

    # --- the quotes ---------------------------------------------------------------------------

    def quotes(self) -> list[Quote]:
        lex, toks = self.lex, self.toks
        out: list[Quote] = []
        triggers = [i for i, t in enumerate(toks) if t.kind == "word" and not t.quoted and self._form(i)
                    and not self.has(i, lex.fillers)  # «مجدداً» is an adverb, never «مجدّداً» renewing
                    and self.word(i - 1) not in lex.noun_before]  # «في وصفه للوضع»: a noun after a preposition
        triggers = [i for x, i in enumerate(triggers) if not (x and self._reported(i, triggers[x - 1]))]
        nouns = [i for i, t in enumerate(toks) if t.kind == "word" and not t.quoted and self._verbal_noun(i)
                 and not any(x < i and not any(toks[c].kind == "comma" for c in range(x, i)) for x in triggers)]
        triggers = sorted(triggers + nouns)
        headline = self._headline()
        if headline:
            out.append(headline)
        for x, i in enumerate(triggers):
            if i in self._consumed:
                continue
            limit = triggers[x + 1] if x + 1 < len(triggers) else len(toks)
            q = self._quote(i, limit, out)
            out.extend(e for e in self._extra if e and all(o.start != e.start for o in out))
            self._extra.clear()
            if q:
                out.append(q)
                self._last_trigger, self._last_end = i, limit
        # subjects of this sentence join the recent speakers (for «وقال إن» in the next one)
        for s in reversed(self._subjects_before(len(toks))):
            self.art.recent.insert(0, (s, self.number))
        for q in out:
            self.art.recent.insert(0, (_Speaker(q.speaker, q.speaker_id, q.speaker_ar, self._gender_of(q)), self.number))
        del self.art.recent[12:]
        return out

    def _form(self, i: int) -> VerbForm | None:
        """The reporting form of word ``i``; also a verb with an object pronoun after «ما» («هذا ما
        قاله X»)."""
        w = self.word(i)
        f = self.lex.verb(w)
        if f is None and self.word(i - 1) in ("ما", "وما") and not self.toks[i].quoted:
            for suf in ("ه", "ها"):
                if w.endswith(suf) and len(w) - len(suf) >= 3:
                    f = self.lex.verb(w[:-len(suf)])
                    if f is not None and not f.participle:
                        return f
            return None
        if f is not None and _look(w, {"بين"}) and "\u0651" not in self.text_of(i, i + 1):
            # «بين» is the preposition, unless it opens a clause with a known name or title after it
            if not ((i == 0 or self.toks[i - 1].kind == "comma") and (i + 1 in self.names or i + 1 in self.titles)):
                return None
        return f

    def _verbal_noun(self, i: int) -> str | None:
        """«بإعلانه أن»، «بتأكيدها أن»، «بقوله إن»: ب + a verbal noun + a subject pronoun, with a
        complementizer, a colon or a quotation straight after. The gender of the pronoun, or None."""
        w = self.word(i)
        if w[:1] == "و":
            w = w[1:]
        if w[:1] != "ب":
            return None
        for suf, g in (("هما", "p"), ("هم", "p"), ("ها", "f"), ("ه", "m")):
            if w.endswith(suf) and w[1:-len(suf)] in self.lex.verbal_nouns:
                nxt = i + 1
                while nxt < len(self.toks) and self.toks[nxt].kind == "comma":
                    nxt += 1
                if nxt < len(self.toks) and (self.toks[nxt].kind in ("colon", "quote")
                                             or self.word(nxt) in self.lex.comp):
                    return g
                return None
        return None

    def _not_speech(self, i: int, form: VerbForm) -> bool:
        """A reporting verb that reports nobody's words: a passive («يُكشف، أُعلن، ذُكر» with their
        damma), an impersonal narrator's clause («ويذكر أن»، «يشار إلى أن»), a negated verb («لم
        يكشف عن»), or a future event («من المقرر أن يعلن …»)."""
        lex = self.lex
        raw = self.text_of(i, i + 1)
        body = raw[1:] if len(raw) > 3 and raw[0] in "وف" and lex.verbs.get(self.word(i)) is None else raw
        if not form.participle and len(body) > 1 and body[1] == "\u064f" and (not form.present or form.u_passive):
            return True
        prev = self.word(i - 1)
        if prev in lex.negations:
            return True
        if prev in lex.comp and _look(self.word(i - 2), lex.expectation):
            return True
        w = self.word(i)
        stem = w[1:] if w[:1] in "وف" and w not in lex.impersonal else w
        if stem in lex.impersonal:
            nxt = self.word(i + 1)
            if nxt in lex.comp or (nxt == _ILA and self.word(i + 2) in lex.comp):
                return True
        return False

    def _masdar_quote(self, i: int, limit: int, gender: str) -> Quote | None:
        """«فاجأ X الحضور بإعلانه أن …»: the content after the verbal noun, the speaker the subject of
        its clause («وكان X قد فاجأ …»، «فاجأ X …»)."""
        kind_m, m = self._marker(i, limit, "-")
        if not kind_m or m > i + 2:
            return None
        speaker = None
        q = next((k for k in range(i - 1, max(-1, i - 22), -1) if self.word(k) in ("قد", "فقد")), None)
        if q is not None and q + 1 < i and self.word(q + 1):  # «وكان X قد فاجأ …»
            b = next((k for k in range(q - 1, max(-1, q - 14), -1)
                      if self.word(k) in self.lex.be or self.word(k) in _AMMA), None)
            speaker = self._phrase_speaker(b + 1, q) if b is not None else None
        if speaker is None:
            speaker = next((s for _, s in self._subjects_at(i)), None)
        if speaker is None or not _agrees(gender, speaker.gender):
            return None
        self._pending = speaker
        start = m + 1 if kind_m in ("comp", "colon") else m
        end = self._quote_end(m, limit) if kind_m == "quote" else limit
        if start >= end:
            return None
        return self._make(start, end, speaker, self._kind(start, end, kind_m), self.text_of(i, i + 1))

    def _genitive_subject(self, i: int, gender: str | None) -> _Speaker | None:
        """«خلال زيارة الرئيس X إلى …، حيث أعلن أن»: the person named in the phrase before «حيث»
        (behind a noun, not a preposition or a verb), the latest that agrees."""
        lex = self.lex
        title_at = {end: start for start, (end, _) in self.titles.items()}
        for n, (end, p) in sorted(self.names.items(), reverse=True):
            if n >= i or self.toks[n].quoted:
                continue
            k = n
            while k - 1 >= 0:
                if k in title_at and title_at[k] < k:
                    k = title_at[k]
                elif self.has(k - 1, lex.title_words) and self.word(k - 1) != _ILA:
                    k -= 1
                elif self.toks[k - 1].kind == "comma" and k == n and ((k - 1) in title_at or self.has(k - 2, lex.title_words)
                                                                      or self.has(k - 2, lex.modifiers)):
                    k -= 1  # «على لسان المتحدث باسم …، X، …، حيث قال»: a comma between the title and the name
                else:
                    break
            v = self.word(k - 1)
            if not v or self.has(k - 1, lex.prepositions) or self.has(k - 1, lex.blockers) \
                    or self.has(k - 1, lex.object_verbs) or lex.verb(v):
                continue
            if _agrees(gender, p.gender):
                return _person(p, self.text_of(n, end))
        return None

    def _opaque_subject(self, i: int) -> bool:
        """Does the sentence open with a clause whose subject is a title the extraction could not
        resolve («وقرأ نائب الوزير X البيان، ثم أعلن …»)? Then a continuation is that person's,
        never an earlier speaker's."""
        lex = self.lex
        if i < 2 or self.toks[0].kind != "word" or self._form(0) or self.has(0, lex.prepositions) \
                or self.has(0, lex.fillers) or self.word(0) in _AMMA:
            return False
        w = self.word(1)
        return bool(w) and (bool(self.has(1, lex.title_heads)) or bool(_look(w, lex.occupations))
                            or w in _TITLE_FIRST)

    def _reported(self, i: int, prev: int) -> bool:
        """Is the verb at ``i`` part of the words reported by an earlier verb at ``prev``: its subject
        stands right after that verb's أن/إن («قال X إن الوفد طالب …»، «أكد أن طهران تدعو …»)?
        Not after «إلا أن، غير أن» (a new clause with its own speaker)."""
        lex, toks = self.lex, self.toks
        if i == 0 or toks[i - 1].kind != "word" or lex.verb(self.word(i - 1)) or self.word(i - 1) in ("قد", "فقد"):
            return False
        for c in range(i - 1, max(prev, i - 5), -1):
            if toks[c].kind != "word" or self.has(c, lex.openers) or self.word(c) in lex.be:
                return False
            w = self.word(c)
            if w in lex.comp or (w[:1] == "و" and w[1:] in lex.comp):
                if any(x in self.names or x in self.titles for x in range(c + 1, i)):
                    return False  # «أفادت الوكالة أن الوزير X قال إن»: a person's words, quoted in turn
                return c > prev + 1 and self.word(c - 1) not in lex.not_after and not self.has(c - 1, lex.openers)
        return False

    def _gender_of(self, q: Quote) -> str | None:
        if q.speaker_id:
            p = self.art.gaz.get(q.speaker_id)
            return p.gender if p else None
        return self._genders.get(q.start)

    def _headline(self) -> Quote | None:
        """«NAME: words» / «TITLE NAME: words» at the start of a sentence."""
        toks = self.toks
        colon = next((k for k, t in enumerate(toks[:8]) if t.kind == "colon"), None)
        if colon is None or colon + 1 >= len(toks):
            return None
        for n, (end, p) in self.names.items():
            if end == colon and all(self.has(k, self.lex.title_words) or toks[k].kind == "comma" for k in range(0, n)):
                sp = _person(p, self.text_of(n, end))
                return self._make(colon + 1, len(toks), sp, "direct", self.text_of(colon, colon + 1))
        return None

    def _marker(self, i: int, limit: int, via: str | None) -> tuple[str | None, int]:
        """The first content marker after the verb: ("comp"|"colon"|"quote", token index)."""
        lex, toks = self.lex, self.toks
        for j in range(i + 1, min(limit, i + 32)):
            t = toks[j]
            if t.kind == "colon":
                return "colon", j
            if t.kind == "quote" and not t.quoted and t.text in QUOTE_PAIRS:
                end = next((b for a, b in self.regions if a == j), None)
                if end is None:
                    continue
                # a short name in quotes followed by more speaker words: part of the speaker
                later = any(toks[k].kind == "colon" or toks[k].text in lex.comp for k in range(end + 1, min(limit, end + 20)))
                if end - j <= 5 and later and j == i + 1:
                    continue
                soon = any(toks[k].text in lex.comp for k in range(end + 1, min(limit, end + 4)))
                if end - j <= 5 and soon:  # «لـ"عنب بلدي" أن …»: an outlet's name, not the quote
                    continue
                if end - j <= 3 and j > i + 1 and toks[j - 1].kind == "word" and end + 1 < limit \
                        and toks[end + 1].kind in ("comma", "word") and toks[j - 1].text not in lex.comp:
                    continue  # «رئيس الوفد في مباحثات "أستانة"، X، …»: a name marked inside a phrase
                return "quote", j
            if t.kind == "word" and not t.quoted and t.text in lex.comp and self.word(j - 1) not in lex.not_after:
                return "comp", j
            if via is None and t.kind == "word" and t.text in lex.masdar:
                return "comp", j
        return None, -1

    def _quote(self, i: int, limit: int, earlier: list[Quote]) -> Quote | None:
        lex, toks = self.lex, self.toks
        form = self._form(i)
        if form is None:
            g = self._verbal_noun(i)
            return self._masdar_quote(i, limit, g) if g else None
        if self._not_speech(i, form):
            return None
        verb_text = self.text_of(i, i + 1)
        if form.participle:
            speaker = self._new_subject(i)  # «أما X فقد حمّل …، معتبراً أن»: X, not the last speaker
            if speaker is not None:
                pass
            elif earlier:
                q = earlier[-1]
                speaker = _Speaker(q.speaker, q.speaker_id, q.speaker_ar, self._gender_of(q))
            elif self._pending is not None:  # «وقال X معلقا: …»
                speaker = self._pending
            elif self.art.recent and self.art.recent[0][1] == self.number - 1:
                speaker = self.art.recent[0][0]
            if speaker is None or not _agrees(form.gender, speaker.gender):
                return None
            start = i + 1
            kind_m, m = self._marker(i, limit, None)
            if kind_m in ("colon", "quote") and m > start:
                # «وتابع قائلاً، في رده على سؤال …: "…"»: the words follow the colon or the quotation mark
                start = m + 1 if kind_m == "colon" else m
            while start < limit and (toks[start].kind in ("comma", "colon") or toks[start].text in lex.comp):
                start += 1
            if start >= limit:
                return None
            colon = any(toks[x].kind == "colon" for x in range(i + 1, start))
            marker = "quote" if toks[start].kind == "quote" else "colon" if colon else None
            return self._make(start, limit, speaker, self._kind(start, limit, marker), verb_text)

        if form.after_claim and i > 0 and (toks[i - 1].kind == "comma" or (
                i > 1 and toks[i - 2].kind == "comma" and self.has(i - 1, lex.deictics))):
            return self._after_claim(i, verb_text)  # «…، وفق ما أكده X»، «…، وذلك وفقاً لما صرح به X»

        # the speaker: after «عن» for «نقل عن X قوله»; the content starts at «قوله» or after it
        first = i
        if form.via:
            first = next((k for k in range(i + 1, min(limit, i + 12)) if self.word(k) == form.via), None)
            if first is None:
                return None
            said = next((k for k in range(first + 1, min(limit, first + 16)) if self.word(k) in lex.masdar), None)
            kind_m, m = ("comp", said) if said is not None else self._marker(first, limit, form.via)
        else:
            kind_m, m = self._marker(i, limit, form.via)
        span_end = m if kind_m else limit
        how, np_end, speaker = self._after(first, span_end)
        if how != "anaphora" and not form.via and self.word(i - 1) in ("قد", "فقد"):
            subject = self._before(i)  # «وكان X قد أبلغ الدبلوماسيين بأن»: X, not the addressee
            if subject is not None:
                how, speaker = "before", subject  # the addressee phrase stays skipped
        if how in ("anaphora", "unknown") and not form.via:
            subject = self._before(i)  # «إلا أن الوزارة قالت …»
            if subject is not None:
                how, np_end, speaker = "before", i + 1, subject
            elif self.word(i - 1) in lex.relatives:  # «X، الذي قال إن»: the antecedent or nobody
                speaker = self._antecedent(i - 1)
                if speaker is None:
                    return None
                how = "before"
        if how == "anaphora" and self._amma_topic(i):
            return None  # «أما X، فرأى»: X's words or nobody's, never the previous speaker's
        if how == "anaphora" and self.word(i - 1) in ("حيث", "وحيث"):
            speaker = self._genitive_subject(i, form.gender)  # «زيارة X …، حيث أعلن»: X or nobody
            if speaker is None:
                return None
        elif how == "anaphora":
            speaker = self._anaphora(i, form.gender, earlier, m + 1 if kind_m in ("comp", "colon") else m if kind_m else None)
            if speaker is None:
                return None
        elif how == "unknown" and speaker is None:
            return None
        elif how == "person" and not form.via and not _agrees(form.gender, speaker.gender):
            return None
        if how in ("person", "label") and speaker.person_id is None and speaker.gender is None \
                and form.gender in ("m", "f"):
            speaker = _Speaker(speaker.name, None, speaker.ar, form.gender)  # «قالت X، الرئيسة …»
        if how in ("person", "title", "label"):
            self._pending = speaker  # a participle right after may carry the content
        k = np_end  # first token after the speaker
        while k < limit and toks[k].kind == "comma":
            k += 1
        obj = k < limit and self._opens_object(form, k)
        if not obj and how in ("person", "title", "label", "anaphora") and not (kind_m == "comp" and m < limit):
            after = self._circumstance_end(k, limit)  # «وأعرب X، أثناء لقائه Y في موسكو، عن …»
            if after > k and after < limit and self._opens_object(form, after):
                k, obj = after, True
        if obj and kind_m == "comp" and how == "label" and any(x in self.names or x in self.titles for x in range(k, m)):
            obj = False  # «أعلن مكتب المبعوث … X أن …»: the genitive runs on to the name, the words follow أن
        first_half = self._quote_before(i) if how in ("person", "title", "label") and not form.via else None
        if first_half and any(toks[x].kind == "word" for x in range(first_half[1] + 1, i)):
            # «"…"، هذا ما قاله X»، «"…"، بهذه الكلمات لخص X …»: the quotation is his, whatever follows
            return self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text)
        if first_half and np_end < limit and toks[np_end].kind == "comma" and k < limit \
                and toks[k].kind == "word" and not self.word(k) in lex.comp and not lex.verb(self.word(k)):
            # «"…"، أضاف X، في إشارة إلى …»: the quotation before the verb is his, the rest is the narrator's
            return self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text)
        if first_half and kind_m is None and not obj:
            # «"…"، قال X للصحفيين في فندق "…" حيث …»: the quotation is his, the rest is the narrator's
            return self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text)
        if kind_m and not (obj and k < m):
            start = m + 1 if kind_m in ("comp", "colon") else m
            if kind_m == "comp" and toks[m].text in lex.masdar:  # «قوله، إن …»
                while start < limit and (toks[start].kind == "comma" or toks[start].text in lex.comp):
                    start += 1
            end = self._quote_end(m, limit) if kind_m == "quote" else limit
            if start >= end:
                return None
            if first_half and kind_m == "quote" and self.word(i)[:1] not in "وف":
                # «"…"، يقول X، "…"»: both halves are his
                self._extra.append(self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text))
            return self._make(start, end, speaker, self._kind(start, end, kind_m), verb_text)
        if how in ("person", "title", "label") and all(
                toks[x].kind != "word" or self.has(x, lex.fillers) for x in range(k, limit)):
            if first_half:  # «"الاتفاق صامد"، قال لافروف»
                return self._make(first_half[0], first_half[1] + 1, speaker, "direct", verb_text)
        if form.weak or how == "unknown" or k >= limit or limit - k < 2:
            return None
        if obj:
            return self._make(k, limit, speaker, self._kind(k, limit, "comp"), verb_text)
        if form.speech and (how == "person" or how == "title" and speaker.person_id) \
                and toks[np_end].kind == "comma" and not self.has(k, lex.fillers):
            return self._make(k, limit, speaker, "direct", verb_text)  # «وقال X، ننتظر …»
        return None

    def _quote_before(self, i: int) -> tuple[int, int] | None:
        """A quotation that ends just before the verb at ``i``: only commas between, or a comma and
        pointing words («"…"، هذا ما قاله X»، «"…"، بهذه الكلمات لخص X»)."""
        toks = self.toks
        for a, b in self.regions:
            if not (b < i and b - a > 1):
                continue
            between = range(b + 1, i)
            if all(toks[x].kind == "comma" for x in between):
                return a, b
            if b + 1 < i and toks[b + 1].kind == "comma" and i - b <= 5 and all(
                    toks[x].kind == "comma" or self.word(x) in self.lex.deictics for x in between):
                return a, b
        return None

    def _new_subject(self, i: int) -> _Speaker | None:
        """A person who became the subject of a clause of this sentence after its last quote
        («أما X فقد حمّل …» before «معتبراً»): the latest, if any."""
        for n, s in self._subjects_at(i):
            if n > self._last_trigger:
                return s
            break
        return None

    def _antecedent(self, r: int) -> _Speaker | None:
        """The noun phrase a relative pronoun at ``r`` refers to («أيمن سوسان، الذي»، «البيان الختامي،
        الذي»): a known person, a known title or a source ending right before it; None otherwise."""
        lex, toks = self.lex, self.toks
        e = r
        while e > 0 and toks[e - 1].kind == "comma":
            e -= 1
        for n, (end, p) in self.names.items():
            if end == e and not toks[n].quoted:
                return _person(p, self.text_of(n, end))
        for a, (end, _) in self.titles.items():
            if end == e:
                hit = self._title_speaker(a)
                if hit:
                    return hit[1]
        for a in range(max(0, e - 3), e):
            if toks[a].kind == "word" and self.has(a, lex.heads):
                hit = self._label(a, e)
                if hit and hit[0] == e:
                    return hit[1]
        return None

    def _after_claim(self, i: int, verb_text: str) -> Quote | None:
        """«…، وفق ما أكده X»، «…، بحسب ما صرح به X للصحفيين»، «…، حسبما قال X»، «…، بحسب X»: the
        words before the comma are X's (the quotation when one ends there). The speaker must be
        named and nothing but fillers may follow him."""
        lex, toks = self.lex, self.toks
        n = len(toks)
        k = i + 1
        if self.word(k) in ("ما", "لما"):
            k += 1
        w = self.word(k)
        if w and (lex.verb(w) or (w[-1:] == "ه" and lex.verb(w[:-1])) or (w[-2:] == "ها" and lex.verb(w[:-2]))):
            self._consumed.add(k)
            k += 1
            if self.word(k) in ("به", "بها"):
                k += 1
        how, end, speaker = self._after(k - 1, n)
        if how not in ("person", "title", "label") or speaker is None:
            return None
        if any(self.word(x) in lex.comp for x in range(end, min(n, end + 3))):
            return None  # «…، بحسب X، فإن …»: the claim follows him, not before
        if any(toks[x].kind == "word" and not self.has(x, lex.fillers) and not self.has(x, lex.stop)
               for x in range(end, n)) and not any(toks[x].kind == "comma" for x in range(end, min(n, end + 2))):
            return None
        if self.has(i - 1, lex.deictics):
            i -= 1  # the claim ends before «وذلك»
        for x in range(i + 1, n):
            if toks[x].kind == "word" and lex.verb(toks[x].text):
                self._consumed.add(x)
        q = self._quote_before(i)
        if q and q[1] - q[0] <= 3 and q[0] > 0 and toks[q[0] - 1].kind == "word":
            q = None  # «… بصيغة "أستانا"، وذلك وفقاً لما …»: a name marked at the end of the claim
        if q:
            return self._make(q[0], q[1] + 1, speaker, "direct", verb_text)
        start = self._last_end
        first_comp = next((x for x in range(start, min(i - 1, start + 4)) if self.word(x) in lex.comp), None)
        if first_comp is not None:
            start = first_comp + 1  # «ومن المنتظر أن …»: the claim starts after أن
        if i - 1 - start < 2:
            return None
        return self._make(start, i - 1, speaker, self._kind(start, i - 1, "comp"), verb_text)

    def _circumstance_end(self, k: int, limit: int) -> int:
        """The token after the circumstances that open at ``k`` and each end in a comma: a
        prepositional or time phrase («في ختام الاجتماع،»، «أثناء لقائه X،»، «يوم الأربعاء،») or a name
        in apposition to one («، X،»); ``k`` when there is none. The words after them are the speaker's
        content («وأعلن X، في ختام الاجتماع، حصول …»)."""
        lex, toks = self.lex, self.toks
        x, end, parts = k, k, 0
        while x < limit and parts < 4:
            opens = self.has(x, lex.prepositions) or self.has(x, lex.fillers) or x in self.names \
                or self.word(x) in ("فيها", "فيه", "اثناء", "خلال", "عقب", "بعد", "قبل", "يوم", "مساء", "صباح")
            if not opens or self.word(x) in lex.comp:
                break
            c = next((y for y in range(x + 1, min(limit, x + 14)) if toks[y].kind != "word" or toks[y].quoted
                      or lex.verb(self.word(y)) or self.word(y) in lex.comp), None)
            if c is None or toks[c].kind != "comma":
                if self.word(x) in ("فيها", "فيه") and x + 1 < limit and toks[x + 1].kind == "word":
                    return x + 1  # «أكد فيها المشاركة»
                break
            x = c
            while x < limit and toks[x].kind == "comma":
                x += 1
            end, parts = x, parts + 1
        return end

    def _opens_object(self, form: VerbForm, k: int) -> bool:
        """Does token ``k`` open the content of ``form`` without أن/إن: its preposition («شدد على»),
        or, for a verb that governs one, a verbal noun («أعلن استعداده»)?"""
        w = self.word(k)
        if not w:
            return False
        if any(w == o or (len(o) == 1 and w.startswith(o) and len(w) > 3) for o in form.objects):
            return True
        return form.masdar_object and not self.has(k, self.lex.fillers) and w not in self.lex.comp

    def _quote_end(self, m: int, limit: int) -> int:
        """A quotation opened at ``m`` ends the content when a comma or «إلا، لكن …» follows it."""
        end = next((b for a, b in self.regions if a == m), None)
        if end is None or end + 1 >= limit:
            return limit
        nxt = self.toks[end + 1]
        if nxt.kind == "comma" or self.has(end + 1, self.lex.openers) or nxt.text in self.lex.not_after:
            return end + 1
        return limit

    def _kind(self, start: int, limit: int, marker: str | None) -> str:
        """direct when the content is one quotation (or follows a colon), mixed when quotes are part
        of it, indirect otherwise."""
        toks = self.toks
        inside = [(a, b) for a, b in self.regions if start <= a < limit]
        if marker == "colon" and not inside:
            return "direct"
        if not inside:
            return "indirect"
        words = [k for k in range(start, limit) if toks[k].kind == "word"]
        quoted = [k for k in words if toks[k].quoted]
        if len(words) - len(quoted) <= 1:
            return "direct"
        return "mixed"

    def _make(self, start: int, limit: int, speaker: _Speaker, kind: str, verb: str) -> Quote | None:
        toks = self.toks
        end = limit
        while end > start and (toks[end - 1].kind in ("comma", "colon") or self.has(end - 1, self.lex.openers)):
            end -= 1
        if end <= start:
            return None
        a, b = toks[start].start, toks[end - 1].end
        # keep a quotation's closing mark (or a trailing stray one) with the text
        if end < len(toks) and toks[end].kind == "quote" and end <= limit:
            b = toks[end].end
        s, e = self.orig(a, b)
        text = self.raw[s - self.s0:e - self.s0]
        if kind == "direct":
            stripped = text.strip("".join(_QUOTE_CHARS) + " ")
            if stripped:
                off = text.index(stripped)
                s, e, text = s + off, s + off + len(stripped), stripped
        if not any(c.isalnum() for c in text):
            return None
        sent_end = self.s0 + len(self.raw)
        q = Quote(s, e, text, self.s0, sent_end, speaker.name, speaker.person_id, speaker.ar, kind, verb)
        self._genders[s] = speaker.gender
        return q


# Word lists compared with normalized tokens: normalized here like the text («إلى» is «الي»).
_ILA = normalize("إلى")
_GENERIC_HEADS = {normalize(w) for w in ("مسؤول", "مسؤولة")}  # «المسؤول التركي»: a holder of any title with the adjective
_TITLE_LINKS = {normalize(w) for w in ("إلى", "لدى", "باسم", "في")}  # words of a title that say nothing of its holder
_TITLE_FIRST = {normalize(w) for w in ("وزير", "نائب", "رئيس", "مساعد", "معاون")}  # a clause subject that is a title
_NISBA = tuple(normalize(w) for w in ("يين", "ية", "ي"))  # nisba endings, longest first
_AMMA = ("اما", "واما")  # «أما X ف…»: a topic, the subject of the clause after ف


def _stem(word: str) -> str:
    """A normalized title word without و, the article and a nisba ending: «الكازاخية» -> «كازاخ»."""
    w = word[1:] if len(word) > 4 and word[0] == "و" else word
    w = w[2:] if w.startswith("ال") and len(w) > 4 else w
    w = w[3:] if w.startswith("لل") and len(w) > 4 else w
    for end in _NISBA:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[:-len(end)]
    return w


def _look(word: str, table) -> str | None:
    """``word`` or its form without a leading و/ف and/or the article ال, whichever ``table`` has."""
    if not word:
        return None
    if word in table:
        return word
    forms = [word[1:]] if len(word) > 3 and word[0] in "وف" else []
    forms += [f[2:] for f in [word, *forms] if f.startswith("ال") and len(f) > 4]
    return next((f for f in forms if f in table), None)


def _agrees(verb_gender: str | None, speaker_gender: str | None) -> bool:
    """Does a verb form agree with a speaker? Unknown on either side agrees."""
    if verb_gender is None or speaker_gender is None:
        return True
    return verb_gender == speaker_gender
