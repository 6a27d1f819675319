"""Arabic normalization, tokens, clitics and sentences: the one place every other module uses.

Normalization (``normalize``) folds the spelling variation the press shows, so that the same word
written differently compares equal:

- harakat and Quranic marks removed; the dagger alef (U+0670) becomes a plain alef;
- tatweel removed;
- alef forms أ إ آ ٱ -> ا; hamza on carriers ؤ -> و, ئ -> ي; ى -> ي; ة -> ه;
- Persian/Urdu letters ی ي ک ك; Eastern Arabic and Persian digits -> 0-9;
- bidi and zero-width controls removed; ASCII letters lower-cased;
- every run of white space becomes one space, none at either end.

Each original character becomes zero or more normalized characters, decided character by character,
so a match found in normalized text can be shown in the original spelling.

The API (no other module redoes any of it):

- character sets: ``ARABIC_BLOCK`` / ``ARABIC_SCRIPT``, ``ARABIC_LETTER``, ``DIACRITICS``, ``TATWEEL``,
  ``ZERO_WIDTH``, ``BIDI_CONTROLS`` / ``BIDI_CONTROL``; ``WORD`` and ``LETTERS`` (runs);
- ``normalize(text)``; ``map_chars(text)`` (the same, white space kept) and ``collapse``;
- offsets: ``fold(text) -> Folded`` (``map_chars`` with its map back: ``pos``, ``index_of``,
  ``span``, ``evidence``) and ``normalize_with_map(text) -> (norm, offsets)`` with
  ``original_span`` (the map of ``normalize``, white space collapsed);
- clitics: ``strip_clitics(word)``, ``stems(norm)`` (every word of a text stripped at once),
  ``terms(norm)`` (what the search index holds: ``stems`` with numbers folded),
  ``proclitic_readings(word)`` (for lookups in word lists), ``title_stem(word)``;
- names: ``name_key(name)`` (Arabic or Latin), ``latin_key``;
- words, letter runs (exact prefilters), paragraphs and sentences.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# --- the character table -------------------------------------------------------------------------

# The character sets: every module that looks for Arabic letters, marks or bidi controls uses these.
ARABIC_BLOCK = "\u0600-\u06ff"  # the Arabic block, as the body of a regex character class
ARABIC_SCRIPT = re.compile(f"[{ARABIC_BLOCK}]")  # any character of the Arabic block
DIACRITICS = "".join(
    [chr(c) for c in range(0x0610, 0x061B)]  # Quranic honorifics and small marks
    + [chr(c) for c in range(0x064B, 0x0660)]  # harakat: fathatan .. wavy hamza below
    + [chr(c) for c in range(0x06D6, 0x06EE)])  # Quranic annotation signs
TATWEEL = "\u0640"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width space, ZWNJ, ZWJ, word joiner, BOM, soft hyphen
BIDI_CONTROLS = ("\u200e\u200f\u061c"  # LRM, RLM, ALM
                 + "".join(chr(c) for c in range(0x202A, 0x202F))  # LRE RLE PDF LRO RLO
                 + "".join(chr(c) for c in range(0x2066, 0x206A)))  # LRI RLI FSI PDI
BIDI_CONTROL = re.compile("[" + re.escape(BIDI_CONTROLS) + "]")

# What ``normalize`` deletes.
_DELETE = list(DIACRITICS + TATWEEL + ZERO_WIDTH + BIDI_CONTROLS)

_REPLACE = {
    "\u0670": "ا",  # dagger alef
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ی": "ي", "ې": "ي", "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
}
_REPLACE.update({chr(0x0660 + i): str(i) for i in range(10)})  # ٠..٩
_REPLACE.update({chr(0x06F0 + i): str(i) for i in range(10)})  # ۰..۹
_REPLACE.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
# Lam-alef ligatures (presentation forms) expand to two letters.
_REPLACE.update({"ﻻ": "لا", "ﻼ": "لا", "ﻷ": "لا", "ﻸ": "لا", "ﻹ": "لا", "ﻺ": "لا", "ﻵ": "لا", "ﻶ": "لا"})

_TABLE = str.maketrans({**{c: None for c in _DELETE}, **_REPLACE})
_WS = re.compile(r"\s+")
# normalize() works with C-speed passes instead of a per-character table: one regex deletes the
# marks, then only the replacements whose character occurs in the text run (measured 4-5x faster
# than str.translate on news text).
_DELETE_RE = re.compile("[" + re.escape("".join(_DELETE)) + "]+")
_REPLACE_PAIRS = tuple(_REPLACE.items())
# The Arabic letters are tried one by one; the rest of the table (digits, Latin capitals, ligatures:
# 54 characters, rare in Arabic text) only when one regex finds one of them. No replacement yields a
# character of the table, so the order of the replacements does not matter.
_COMMON_PAIRS = tuple((a, b) for a, b in _REPLACE_PAIRS if "\u0621" <= a <= "\u06ff" and not a.isdigit())
_RARE_PAIRS = tuple(pair for pair in _REPLACE_PAIRS if pair not in _COMMON_PAIRS)
_NEEDS_RARE = re.compile("[" + re.escape("".join(a for a, _ in _RARE_PAIRS)) + "]")


def _replace_letters(text: str) -> str:
    for a, b in _COMMON_PAIRS:
        if a in text:
            text = text.replace(a, b)
    if _NEEDS_RARE.search(text):
        for a, b in _RARE_PAIRS:
            if a in text:
                text = text.replace(a, b)
    return text


def map_chars(text: str) -> str:
    """``text`` with every character normalized on its own, white space kept as it is: the marks
    deleted, the letters replaced. ``normalize`` is this with the white space collapsed (``collapse``);
    ``fold`` is this with its map back to ``text``. Cached: the
    rounds and the quotes read the same body (article-sized texts only: a cache pins its texts)."""
    return _map_chars_cached(text) if len(text) <= _CACHED_CHARS else _map_chars(text)


def _map_chars(text: str) -> str:
    return _replace_letters(_DELETE_RE.sub("", text))


_CACHED_CHARS = 1_000_000  # the longest text the whole-text caches below keep
_map_chars_cached = lru_cache(maxsize=4)(_map_chars)


def normalize(text: str) -> str:
    """The normalized form of ``text`` (see the module docstring). Idempotent; never raises.
    Sentence-sized texts are cached: ingest normalizes the same sentence for the store, the
    rounds and the quotes (a bounded cache of short strings: long texts would pin memory)."""
    if len(text) <= 2000:
        return _normalize_short(text)
    return _normalize(text)


def _normalize(text: str) -> str:
    return collapse(_replace_letters(_DELETE_RE.sub("", text)))


def collapse(mapped: str) -> str:
    """``normalize`` of a text from its ``map_chars`` form: each run of white space one space, none
    at either end."""
    if "  " in mapped or _ODD_WS.search(mapped):  # else every run of white space is one space already
        mapped = _WS.sub(" ", mapped)
    return mapped.strip()


_ODD_WS = re.compile(r"[^\S ]")  # white space other than a space


_normalize_short = lru_cache(maxsize=8192)(_normalize)


_EXPAND = {k: v for k, v in _REPLACE.items() if len(v) != 1}
# What makes ``map_chars`` other than one character for one: a deleted mark, an expanding ligature.
_NOT_ONE_TO_ONE = re.compile("[" + re.escape("".join(_DELETE) + "".join(_EXPAND)) + "]")


def one_to_one(text: str) -> bool:
    """True when ``map_chars(text)`` has a character for each of ``text``'s, in place: then the
    form of ``text[a:b]`` is ``map_chars(text)[a:b]``."""
    return not _NOT_ONE_TO_ONE.search(text)

# What breaks the one-to-one correspondence between original and normalized characters.
_EVENT = re.compile(r"\s{2,}|[" + re.escape("".join(_DELETE) + "".join(_EXPAND)) + "]")
_ONE_WS = re.compile(r"\s")


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """``(normalized, offsets)`` where ``offsets[i]`` is the index in ``text`` of the character that
    produced ``normalized[i]``; ``offsets`` has one extra entry, ``len(text)``, so that a normalized
    span ``[a, b)`` maps back to ``text[offsets[a]:offsets[b - 1] + 1]`` (see ``original_span``).

    Fast path: between two "events" (a run of white space, a deleted or an expanding character)
    every character maps to exactly one, so the work goes a segment at a time; the rare text where
    that leaves doubled or edge spaces takes the exact character-by-character path."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _EVENT.finditer(text):
        a, b = m.span()
        if a > pos:
            out.append(text[pos:a])
            offsets.extend(range(pos, a))
        ch = m.group()
        if ch[0].isspace():
            out.append(" ")
            offsets.append(a)
        elif ch in _EXPAND:
            out.append(_EXPAND[ch])
            offsets.extend([a] * len(_EXPAND[ch]))
        pos = b
    out.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    norm = _ONE_WS.sub(" ", _replace_letters("".join(out)))
    if "  " in norm or norm[:1] == " " or norm[-1:] == " " or len(norm) != len(offsets):
        return _normalize_with_map_exact(text)
    offsets.append(len(text))
    return norm, offsets


def _normalize_with_map_exact(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    pending_space = -1  # index of the first white-space character of a run not yet written
    for i, ch in enumerate(text):
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        rep = normalize(ch) if not ch.isspace() else ""
        if not rep:
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                offsets.append(pending_space)
            pending_space = -1
        for r in rep:
            out.append(r)
            offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map the normalized span ``[start, end)`` back to a span of the original text."""
    if end <= start:
        pos = offsets[min(max(start, 0), len(offsets) - 1)]
        return pos, pos
    return offsets[start], offsets[end - 1] + 1


# --- the fold: normalized text with white space kept, and a way back to the original offsets -------


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    return ch if ch.isspace() else normalize(ch)


@dataclass(frozen=True)
class Folded:
    """The result of ``fold(original)``: ``norm`` is ``normalize`` applied character by character
    (white space kept as is, so ``\\s+`` in patterns stands for any run); ``pos(i)`` is the original
    offset of ``norm[i]``, ``index_of(offset)`` the inverse, ``span(a, b)`` a span of ``norm`` as a
    span of ``original``. The usual case (no character expands) costs two C-level passes, no
    per-character Python loop."""

    original: str
    norm: str
    _gaps: tuple = ()  # for deletions: folded index at which each deleted character sat
    _offsets: tuple | None = None  # general case (ligatures): an offset per folded character

    def pos(self, i: int) -> int:
        """The original offset of the folded index ``i``."""
        if self._offsets is not None:
            return self._offsets[min(i, len(self._offsets) - 1)]
        return i + bisect.bisect_right(self._gaps, i)

    def index_of(self, orig: int) -> int:
        """The folded index of the original offset ``orig``: the smallest ``i`` with
        ``pos(i) >= orig`` (the inverse of ``pos``)."""
        if self._offsets is not None:
            return bisect.bisect_left(self._offsets, orig)
        lo, hi = 0, len(self.norm)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.pos(mid) < orig:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The folded span ``[a, b)`` in the original, with the marks that follow its last letter."""
        if b <= a:
            p = self.pos(a)
            return p, p
        e = self.pos(b - 1) + 1
        while e < len(self.original) and not self.original[e].isspace() and not _fold_char(self.original[e]):
            e += 1  # keep the harakat that follow the last letter
        return self.pos(a), e

    def evidence(self, a: int, b: int) -> str:
        """The original text of the folded span ``[a, b)``."""
        s, e = self.span(a, b)
        return self.original[s:e]


_DEL_ONE = re.compile("[" + re.escape("".join(_DELETE)) + "]")
_EXPANDS = re.compile("[" + re.escape("".join(_EXPAND)) + "]") if _EXPAND else None


def fold(text: str) -> Folded:
    """The folded view of ``text`` (see ``Folded``): ``map_chars(text)`` with its map back to
    ``text``. C-speed passes (one regex for the deleted marks, ``str.replace`` for the letters that
    occur), the gaps only when marks were deleted; a ligature that expands takes the slower path."""
    if _EXPANDS is not None and _EXPANDS.search(text):
        return _fold_general(text)
    norm = map_chars(text)
    if len(norm) == len(text):
        return Folded(text, norm)
    gaps = tuple(m.start() - k for k, m in enumerate(_DEL_ONE.finditer(text)))
    return Folded(text, norm, gaps)


def _fold_general(text: str) -> Folded:
    out, offsets = [], []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        out.append(f)
        offsets.extend([i] * len(f))
    offsets.append(len(text))
    return Folded(text, "".join(out), (), tuple(offsets))


# --- words and clitics ---------------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+")  # letters and digits of any script
ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3]")
# a word of the basic letters (hamza to yeh), as normalized text writes Arabic words
BASIC_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")

# Proclitics, outermost first: a conjunction (و ف), then a preposition (ب ل ك), then the article
# (ال); «لل» is ل + ال with the alef dropped. Conservative, since a first و ف ب ل ك is often a root
# letter (وزير، فرنسا، بحث، لقاء): a prefix goes only when the article follows it or enough letters
# remain. The rules, in their order (at most one alternative applies, at the start of a word):
#   و/ف + لل | و/ف + ب/ل/ك + ال | و/ف + ال   when three letters follow;
#   و/ف                                      when four letters follow;
#   و/ف (keeping what follows)               before ال/لل and one letter, or before ب/ل/ك + ال alone;
#   لل | ب/ل/ك + ال | ال                     when three letters follow.
# A word that is shorter than three letters once stripped keeps its prefix. As one substitution
# on " " + words joined by spaces (a space and the prefix), the whole text is stripped in C:
# 2.5-4x faster than word by word, which was a third of the time of scoring search candidates.
_L = r"[^\W_]"  # a letter or digit, as in WORD
_CLITIC_RE = re.compile(
    rf" (?:[وف]لل(?={_L}{{3}})|[وف][بلك]ال(?={_L}{{3}})|[وف]ال(?={_L}{{3}})|[وف](?={_L}{{4}})"
    rf"|[وف](?=(?:ال|لل){_L}(?!{_L}))|[وف](?=[بلك]ال(?!{_L}))"
    rf"|لل(?={_L}{{3}})|[بلك]ال(?={_L}{{3}})|ال(?={_L}{{3}}))")
_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=200_000)
def strip_clitics(word: str) -> str:
    """The normalized ``word`` without its proclitics and article: «وبالأستانة» -> «استانه»
    (the rules above; ``terms`` applies the same substitution to a whole text)."""
    w = normalize(word)
    m = _CLITIC_RE.match(" " + w)
    return w[m.end() - 1:] if m else w


def stems(norm: str) -> str:
    """The clitic-stripped words of normalized text joined by single spaces:
    ``" ".join(map(strip_clitics, WORD.findall(norm)))``, computed in C."""
    return _CLITIC_RE.sub(" ", " " + _NON_WORD.sub(" ", norm)).strip()


def terms(norm: str) -> str:
    """The terms search indexes for normalized text: its ``stems``, then an ordinal in words or
    digits behind a clitic written as digits (``numbers.fold``: «الجولة السادسة عشرة» and «الجولة
    الـ16» both give «جوله 16»), only where a digit or an ordinal word is there."""
    numbers = _numbers()
    t = stems(norm)
    words_ = t.split(" ")
    if numbers.may_fold(words_, t):
        return " ".join(w for w, _, _ in numbers.fold(words_))
    return t


@lru_cache(maxsize=1)
def _numbers():
    from . import numbers  # numbers builds on this module: imported on first use

    return numbers


def without_conjunction(word: str) -> str | None:
    """A normalized ``word`` without its leading و/ف when three letters or more remain («وقال» ->
    «قال»); None when it has none or would be too short («وقف»)."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else None


@lru_cache(maxsize=65_536)
def proclitic_readings(word: str) -> tuple[str, ...]:
    """The readings of a normalized ``word`` behind a proclitic, for lookups in a word list: the word
    without a leading و/ف (more than three letters), then each of the two without the article ال
    (more than four letters). ``word`` itself is not listed."""
    bare = without_conjunction(word)
    forms = [bare] if bare else []
    forms += [f[2:] for f in [word, *forms] if f.startswith("ال") and len(f) > 4]
    return tuple(forms)


NISBA = tuple(normalize(w) for w in ("يين", "ية", "ي"))  # nisba endings, longest first


def title_stem(word: str) -> str:
    """A normalized title word without و, the article (or لل) and a nisba ending: «الكازاخية» ->
    «كازاخ», so that the words of two spellings of a title compare equal."""
    w = word[1:] if len(word) > 4 and word[0] == "و" else word
    w = w[2:] if w.startswith("ال") and len(w) > 4 else w
    w = w[3:] if w.startswith("لل") and len(w) > 4 else w
    for end in NISBA:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[:-len(end)]
    return w


# --- names ---------------------------------------------------------------------------------------


def latin_key(s: str) -> str:
    """Lower-case, accents removed, punctuation as spaces: «Mevlüt Çavuşoğlu» -> «mevlut cavusoglu»."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.lower().replace("ı", "i")).split())


def name_key(name: str) -> str:
    """The comparison key of a person's name or a query for one, Arabic or Latin: the normalized
    name when it has an Arabic character, else its ``latin_key`` («Lavrentiev», «LAVRENTIEV» and
    «Lavréntiev» compare equal). Use it wherever names are matched: the gazetteer, completion, the
    speaker labels of the database."""
    n = normalize(name)
    return n if ARABIC_SCRIPT.search(n) else latin_key(n)


# --- letter runs: exact prefilters -----------------------------------------------------------------
#
# A pattern that can only match where a listed word starts (its words bounded by white space,
# punctuation or the pattern's own (?<!\w) / (?!\w)) cannot match in a text none of whose letter
# runs is one of those words: one set intersection proves that a costly pattern finds nothing.

LETTERS = re.compile(r"[^\W\d_]+")  # a maximal run of letters: no digit, no underscore


def letter_runs(norm: str) -> frozenset[str]:
    """The maximal runs of letters of ``norm`` (a text already normalized or folded)."""
    return frozenset(LETTERS.findall(norm))


_runs_cached = lru_cache(maxsize=8)(letter_runs)


def runs(norm: str) -> frozenset[str]:
    """``letter_runs``, cached for article-sized texts: several steps ask about one text."""
    return _runs_cached(norm) if len(norm) <= _CACHED_CHARS else letter_runs(norm)


# Run sets a caller worked out for whole texts (``share_runs``), by the text: a few at most.
_SHARED_RUNS: dict[str, frozenset[str]] = {}


def normalized_runs(text: str) -> frozenset[str]:
    """The letter runs of ``normalize(text)``: those of ``map_chars(text)``, since collapsing white
    space never joins or splits a run of letters (or the set a caller shared for ``text``)."""
    found = _SHARED_RUNS.get(text)
    return runs(map_chars(text)) if found is None else found


def share_runs(text: str, found: frozenset[str]) -> None:
    """Give ``normalized_runs(text)`` its answer, worked out from pieces of ``text`` already read:
    the runs of lines parted by white space, each normalized on its own, are the runs of the whole."""
    if len(text) > _CACHED_CHARS:
        return
    if len(_SHARED_RUNS) >= 8:
        _SHARED_RUNS.clear()
    _SHARED_RUNS[text] = found


def may_match(wanted: frozenset[str] | None, found: frozenset[str]) -> bool:
    """False only when none of the ``wanted`` letter runs (a ``run_starts`` set) was ``found``;
    True when there is no such set (None)."""
    return wanted is None or not wanted.isdisjoint(found)


def run_starts(phrases, prefixes=("",)) -> frozenset[str] | None:
    """The letter run that each of ``phrases`` (normalized) opens with, after each of ``prefixes``:
    what the text has where the phrase matches as whole words behind a clitic. None when a phrase
    does not open with a letter or the list is empty (then no prefilter can be drawn from it)."""
    out: set[str] = set()
    phrases = list(phrases)
    if not phrases:
        return None  # an empty alternation matches the empty string anywhere
    for phrase in phrases:
        m = LETTERS.match(phrase)
        if m is None:
            return None
        out.update(p + m.group() for p in prefixes)
    return frozenset(out)


def words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` for each word of ``text`` (letters and digits; punctuation skipped)."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


# --- paragraphs and sentences --------------------------------------------------------------------

# Quote marks: opening -> closing. The straight double quote and the right double quote (some
# outlets open with ” too) close themselves.
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", "‘": "’", '"': '"', "‹": "›", "”": "”"}
_CLOSERS = set(QUOTE_PAIRS.values())
_SENTENCE_END = set(".!?؟;؛…")


_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text``, trimmed: news text keeps one paragraph a line."""
    spans = []
    for m in _LINE.finditer(text):
        s, e = _trim(text, *m.span())
        if e > s:
            spans.append((s, e))
    return spans


_MARKS = re.compile("[" + re.escape("".join(QUOTE_PAIRS) + "".join(_CLOSERS) + "".join(_SENTENCE_END)) + "]")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``: split at line ends and at sentence
    punctuation (. ! ? ؟ ؛ …), never inside a quotation and never inside a number such as «3.5».
    A quotation still open at the end of its line was a broken mark: that line is split at its
    punctuation after all. Only quote marks and punctuation are visited, not every character."""
    spans: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text):
        spans += line_sentences(text, ps, pe)
    return spans


def line_sentences(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    """The sentences (spans in ``text``) of the line ``text[ps:pe]``, one of ``paragraphs(text)``:
    what ``sentences(text[ps:pe])`` finds, shifted by ``ps``."""
    spans: list[tuple[int, int]] = []
    line: list[tuple[int, int]] = []
    start = ps
    stack: list[str] = []  # the closing marks of the open quotations
    for m in _MARKS.finditer(text, ps, pe):
        i = m.start()
        if i < start:
            continue  # inside the run of punctuation that closed the last sentence
        ch = text[i]
        if stack and ch == stack[-1]:
            stack.pop()
        elif ch in QUOTE_PAIRS:
            if len(stack) < 8:
                stack.append(QUOTE_PAIRS[ch])
        elif ch in _SENTENCE_END and not stack:
            if ch == "." and ps < i < pe - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            j = i + 1
            while j < pe and (text[j] in _SENTENCE_END or text[j] in _CLOSERS):
                j += 1
            line.append((start, j))
            start = j
    if stack:  # unbalanced: forget the quotation, split at punctuation
        line = _plain_split(text, ps, pe)
    else:
        line.append((start, pe))
    for s, e in line:
        s, e = _trim(text, s, e)
        if e > s and WORD.search(text, s, e):  # a letter or a digit: [^\W_] is str.isalnum
            spans.append((s, e))
    return spans


def _plain_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for m in re.finditer(r"(?<![0-9])[.!?؟;؛…]+|(?<=[0-9])[!?؟;؛…]+|(?<=[0-9])\.(?![0-9])", text[start:end]):
        e = start + m.end()
        out.append((s, e))
        s = e
    out.append((s, end))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
