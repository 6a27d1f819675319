"""Everything ingest derives from one article's text: a pure function, no database, no terminal.

``analyze(doc)`` finds the article body (page furniture and repeated title lines left out), the
title, the outlet, the publication date, paragraphs and sentences, the rounds, the quotes and the
people mentioned. The store writes the result in one transaction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import filterfalse

from . import data
from .text import arabic


@dataclass
class Sentence:
    para: int
    start: int
    end: int
    text: str
    norm: str


@dataclass
class RoundRow:
    round: int
    role: str  # "main" | "mentioned"
    evidence: str
    confidence: float
    start: int | None
    end: int | None


@dataclass
class QuoteRow:
    sentence_idx: int | None
    speaker: str
    speaker_id: str | None
    speaker_ar: str | None
    text: str
    kind: str
    verb: str | None
    round: int | None
    start: int
    end: int


@dataclass
class Analysis:
    title: str | None = None
    source: str | None = None
    published: str | None = None
    published_inferred: bool = False
    words: int = 0
    sentences: list[Sentence] = field(default_factory=list)
    rounds: list[RoundRow] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    mentions: list = field(default_factory=list)


# --- body and furniture --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _furniture() -> tuple[tuple[str, ...], tuple[str, ...]]:
    f = data.load("page_furniture")
    return (tuple(arabic.normalize(m) for m in f["ends_body"]),
            tuple(arabic.normalize(m) for m in f["skip"]))


_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _line_key(norm: str) -> str:
    """A normalized line without punctuation, digits, symbols: what furniture markers are matched
    against."""
    return _NOT_LETTERS.sub(" ", norm).strip()


def _is_marker(key: str, markers: tuple[str, ...]) -> bool:
    return len(key.split()) <= 8 and any(key == m or key.startswith(m + " ") for m in markers)


@lru_cache(maxsize=1)
def _comment_policy() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    groups = data.load("page_furniture")["comment_policy"]["groups"]
    return tuple((tuple(_line_key(arabic.normalize(w)) for w in g["all"]),
                  tuple(_line_key(arabic.normalize(w)) for w in g["any"])) for g in groups)


@lru_cache(maxsize=1)
def _comment_policy_cues() -> tuple[str, ...]:
    """The longest word of each phrase a comment policy needs one of (its group's "all"): a
    paragraph holding none of them as a substring holds none of the phrases."""
    return tuple({max(phrase.split(), key=len) for all_, _ in _comment_policy() for phrase in all_})


def is_comment_policy(norm: str) -> bool:
    """A paragraph of the comment section: a disclaimer that the comments are not the site's
    view, or the rules for comments (``page_furniture.json``, ``comment_policy``)."""
    if not any(cue in norm for cue in _comment_policy_cues()):  # most paragraphs, in C
        return False
    key = f" {_line_key(norm)} "
    if len(key.split()) > 80:
        return False
    return any(any(f" {w} " in key for w in all_) and any(f" {w} " in key for w in any_)
               for all_, any_ in _comment_policy())


def _is_breadcrumb(line: str) -> bool:
    return line.count(" / ") >= 2 or line.count(" > ") >= 2 or line.count(" » ") >= 2


def _body_paragraphs(text: str, lines: list[tuple[int, int]], norms: list[str]) -> list[tuple[int, int]]:
    """The paragraphs of the article itself, from the lines of ``text`` and their normalized forms:
    furniture lines skipped, the page's tail (from «اقرأ أيضا», «التعليقات», «قد يعجبك أيضا» … on)
    cut, and a line repeating an earlier one (a title printed twice) kept once."""
    ends, skips = _furniture()
    out: list[tuple[int, int]] = []
    seen: set[str] = set()
    for (s, e), norm in zip(lines, norms):
        line = text[s:e]
        key = _line_key(norm) if len(line) <= 160 else norm
        if not key:
            continue
        if out and is_comment_policy(norm):  # the comment section begins: the page's tail
            break
        if len(line) > 160:  # a paragraph of text, not a marker: only the repeat check applies
            if key not in seen:
                seen.add(key)
                out.append((s, e))
            continue
        if _is_marker(key, ends):
            if out:
                break
            continue
        if _is_marker(key, skips) or _is_breadcrumb(line):
            continue
        if key in seen:
            continue
        seen.add(key)
        out.append((s, e))
    return out


# --- title and outlet ----------------------------------------------------------------------------

_DATELINE_BAR = re.compile(r"^\s*(?P<outlet>[^|｜\n]{2,40}?)\s*[|｜]\s*(?P<rest>.{2,80})$")
_DATELINE_DASH = re.compile(r"^\s*(?P<a>[^\n–—\-]{2,40}?)\s*[–—\-]\s*(?P<b>[^\n–—\-]{2,40}?)\s*$")
@lru_cache(maxsize=1)
def _credit() -> re.Pattern:
    """«نسخة منه إلى "X"»، «تصريحات خاصة لـ"X"»، «قال لـ"X"»: the outlet X the article credits. The
    verbs are the 3ms and 3fs forms of reporting.json's ``credit_verbs`` (read in the raw text, as
    written there)."""
    lex = data.load("reporting")
    lemmas = set(lex["credit_verbs"]["words"])
    verbs = [f for v in lex["verbs"] if v["lemma"] in lemmas for k in ("3ms", "3fs") for f in v["forms"].get(k, ())]
    return re.compile(
        r"(?:نسخة\s+(?:منه|عنه)\s+|تصريح(?:ات)?\s+(?:خاصة?\s+)?|حديث(?:ه)?\s+(?:خاص\s+)?|"
        rf"(?:{'|'.join(map(re.escape, verbs))})\s+)"
        r"(?:إلى|الى|ل|لـ|مع)\s*ـ?\s*[\"«“](?P<name>[^\"»”\n]{2,30})[\"»”]")


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    return frozenset(arabic.normalize(c) for c in data.load("places")["cities"])


def _is_city(s: str) -> bool:
    s = arabic.normalize(re.sub(r"\(.*?\)", "", s)).strip(" ،,.:")
    return s in _cities() or s.split(" ")[0] in _cities()


def _clean_name(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\(.*?\)", "", s)).strip(" ،,.:-–—")


# «المصدر: وكالة سبوتنيك», «المصدر: (أبوظبي - البيان) التاريخ: …»: a label naming the source
_SOURCE_LABEL = re.compile(r"^\s*(?:المصدر|مصدر الخبر|نقلا عن|نقلاً عن)\s*[:：]\s*(?P<name>\S.{0,80})$")
_DATE_LABEL = re.compile(r"\s+(?:التاريخ|تاريخ النشر|نشر في)\s*[:：].*$")
_SEPARATORS = "-–—/"
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 .&'-]{1,29}$")


@lru_cache(maxsize=1)
def _outlet_names() -> tuple[tuple[str, str], ...]:
    """(normalized form, name shown) of every name of data/outlets.json, longest first."""
    pairs = [(arabic.normalize(n), o["names"][0]) for o in data.load("outlets")["outlets"] for n in o["names"]]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _known_outlet_at(s: str) -> str | None:
    """The outlet of data/outlets.json that ``s`` begins with (a whole name), as it is shown."""
    norm = arabic.normalize(s.strip())
    for form, shown in _outlet_names():
        if norm.startswith(form) and (len(norm) == len(form) or not norm[len(form)].isalnum()):
            return shown
    return None


def _dateline_prefix(line: str) -> str | None:
    """The outlet named at the head of a paragraph: «هوى الشام| أعلن …», «دمشق-سانا …», «أنقرة
    (الأناضول) - …», «دمشق، سوريا (CNN) -- …», «موسكو/ سبوتنيك: …», «(الأناضول) - …»."""
    head = line[:100]
    m = re.match(r"^\s*(?P<name>[^|｜\n:]{2,30}?)\s*[|｜]", head)
    if m and len(m["name"].split()) <= 4 and not _is_city(m["name"]):
        return _clean_name(m["name"])
    m = re.match(r"^\s*\((?P<name>[^)]{2,30})\)", head)
    if m:
        return _known_outlet_at(m["name"]) or None
    cut = min((i for i in (head.find(c) for c in _SEPARATORS + "(") if i > 0), default=-1)
    if cut < 0:
        return None
    place = head[:cut].split("،")[0].split(",")[0]
    if not _is_city(place) or len(head[:cut].split()) > 4:
        return None
    rest = head[cut:]
    m = re.match(r"^\(\s*(?P<name>[^)]{2,30}?)\s*\)", rest)
    if m:
        name = m["name"]
        return _known_outlet_at(name) or (_clean_name(name) if _LATIN_NAME.match(name) else None)
    rest = rest.lstrip(_SEPARATORS + " ")
    known = _known_outlet_at(rest)
    if known:
        return known
    m = re.match(r"^(?P<name>[^\s:،,.]+(?:\s[^\s:،,.]+){0,2})\s*:", rest)
    if m and not _is_city(m["name"]):
        return _clean_name(m["name"])
    return None


def _source_label(line: str) -> str | None:
    m = _SOURCE_LABEL.match(line)
    if not m:
        return None
    name = m["name"].strip()
    p = re.match(r"^\((?P<inner>[^)]{2,60})\)", name)
    name = p["inner"] if p else _DATE_LABEL.sub("", name)
    parts = [x for x in re.split(r"\s*[–—\-/]\s*", name) if x.strip()]
    if len(parts) == 2 and _is_city(parts[0]) != _is_city(parts[1]):
        name = parts[1] if _is_city(parts[0]) else parts[0]
    name = _clean_name(name)
    return name if name and len(name.split()) <= 5 and not _is_city(name) else None


def find_outlet(text: str, paras: list[tuple[int, int]]) -> str | None:
    """The outlet where the text names it: a dateline at the top («أخبار الآن| دبي», «طهران – مدار
    اليوم», «دمشق-سانا», «(الأناضول)», «أنقرة/ الأناضول - …»), a source label («المصدر: وكالة
    سبوتنيك») or a credit («… وصل نسخة منه إلى "أورينت نت"»)."""
    for i, (s, e) in enumerate(paras[:6]):
        line = text[s:e]
        label = _source_label(line)
        if label:
            return label
        if i < 3:
            found = _dateline_prefix(line)
            if found:
                return found
        if len(line.split(None, 10)) > 10:  # more than ten words (the split stops at the eleventh)
            continue
        m = _DATELINE_BAR.match(line)
        if m and not _is_city(m["outlet"]):
            return _clean_name(m["outlet"])
        m = _DATELINE_DASH.match(line)
        if m:
            if _is_city(m["a"]) and not _is_city(m["b"]):
                return _clean_name(m["b"])
            if _is_city(m["b"]) and not _is_city(m["a"]):
                return _clean_name(m["a"])
    body = text[paras[0][0]:paras[-1][1]] if paras else ""
    # a credit names the outlet between quote marks: without one of them there is none
    m = _credit().search(body) if ('"' in body or "«" in body or "“" in body) else None
    if m:
        return _clean_name(m["name"])
    return None


def find_title(text: str, paras: list[tuple[int, int]], date_spans: list[tuple[int, int]]) -> str | None:
    """The headline: among the first three lines of the body, the first short one (2 to 20 words,
    no closing full stop) that is not a dateline or a date line. None when the text has none."""
    for s, e in paras[:3]:
        line = text[s:e].strip()
        if any(ds < e and s < de for ds, de in date_spans):
            continue
        if _DATELINE_BAR.match(line) or (_DATELINE_DASH.match(line) and len(line.split()) <= 6):
            continue
        if _SOURCE_LABEL.match(line):
            continue
        if 2 <= len(line.split()) <= 20 and not line.endswith((".", "։")):
            return line
    return None


# --- the whole analysis --------------------------------------------------------------------------


def analyze(doc) -> Analysis:
    """Derive everything stored about ``doc`` (an ``astana_cli.store.Document``)."""
    from .extract import quotes as quotes_mod
    from .extract import rounds as rounds_mod
    from .text import dates

    text = doc.text
    a = Analysis()
    lines = arabic.paragraphs(text)
    line_norms = [arabic.normalize(text[s:e]) for s, e in lines]
    paras = _body_paragraphs(text, lines, line_norms)
    line_runs = [arabic.letter_runs(n) for n in line_norms]
    a.source = doc.source or find_outlet(text, paras)

    head = text[: paras[min(len(paras), 4) - 1][1]] if paras else ""
    if head:
        _share_head_runs(text, len(head), lines, line_runs)
    stated = dates.publication_date(head) if head else None
    date_spans = [(stated[1], stated[2])] if stated else []
    a.title = doc.title or find_title(text, paras, date_spans)

    published = None
    if doc.published:
        published = _iso_date(doc.published)
    if published is None and stated:
        published = stated[0]

    para_norm = dict(zip(lines, line_norms))
    for p, (ps, pe) in enumerate(paras):
        # A line without a deleted mark or an expanding ligature (``one_to_one``) whose form is as
        # long as itself (no run of white space collapsed: lines are trimmed) normalizes character
        # for character, white space to a space: the form of each of its sentences (trimmed too) is
        # the slice of the line's.
        whole: str | None = para_norm[(ps, pe)]
        if len(para_norm[(ps, pe)]) != pe - ps or not arabic.one_to_one(text[ps:pe]):
            whole = None
        for s, e in arabic.line_sentences(text, ps, pe):  # = arabic.sentences(text[ps:pe]), shifted
            st = text[s:e]
            a.sentences.append(Sentence(p, s, e, st, arabic.normalize(st) if whole is None else whole[s - ps:e - ps]))
    a.words = sum(_count_words(text[s:e]) for s, e in paras)

    # Rounds and quotes look at the body only: the page's tail belongs to other articles.
    body = _mask_outside(text, paras)
    kept = set(paras)  # the body is its lines parted by white space
    arabic.share_runs(body, frozenset().union(*(r for span, r in zip(lines, line_runs) if span in kept)))
    rr = rounds_mod.detect_rounds(body, published=published, title=a.title)
    if published is None and rr.published is not None:
        published = rr.published
        a.published_inferred = bool(rr.published_inferred)
    if published is None and rr.main:
        # no date stated and no day cue: the first day of the round it reports on, marked inferred
        from .extract.calendar import round_by_number

        r = round_by_number(rr.main[0])
        if r is not None:
            published, a.published_inferred = r.start, True
    a.published = published.isoformat() if published else None
    best: dict[int, rounds_mod.RoundHit] = {}
    for hit in rr.hits:
        if hit.round not in best or hit.confidence > best[hit.round].confidence:
            best[hit.round] = hit
    for role, numbers in (("main", rr.main), ("mentioned", rr.mentioned)):
        for n in numbers:
            h = best.get(n)
            if h:
                a.rounds.append(RoundRow(n, role, h.evidence, h.confidence, h.start, h.end))
            elif role == "main" and rr.main_evidence:  # inferred from other rounds and a weekday
                a.rounds.append(RoundRow(n, role, rr.main_evidence, 0.5, None, None))
            else:  # chosen by the calendar alone: say so
                a.rounds.append(RoundRow(n, role, _calendar_evidence(stated, published), 0.5, None, None))

    main_round = rr.main[0] if rr.main else None
    # a speaker named by title only is resolved at a date the article gives, not one inferred from
    # its round (a guess on a guess)
    for q in quotes_mod.extract_quotes(body, published=None if a.published_inferred else published):
        idx = _sentence_index(a.sentences, q.start)
        a.quotes.append(QuoteRow(idx, q.speaker, q.speaker_id, q.speaker_ar, q.text, q.kind,
                                 q.verb, _quote_round(a, idx, rr, main_round), q.start, q.end))
    a.mentions = quotes_mod.find_mentions(body)
    return a


def _calendar_evidence(stated, published) -> str:
    if published is None:
        return "the calendar"
    if stated:
        return f"the article's date, {published.isoformat()}, and the calendar"
    return f"the calendar, for talks the text places on {published.isoformat()}"


# «وكان X قد قال …»: the pluperfect reports what was said earlier, at the round its sentence names.
_PLUPERFECT = re.compile(r"(?:^|\s)و?(?:كان|كانت|كانوا)\s(?:\S+\s){0,6}?قد\s")


def _quote_round(a: Analysis, idx: int | None, rr, main_round: int | None) -> int | None:
    """A quote belongs to the round the article reports on, unless its sentence tells of something
    said earlier (pluperfect) at a round it names."""
    from .extract import rounds as rounds_mod

    if idx is not None and main_round is not None:
        s = a.sentences[idx]
        if _PLUPERFECT.search(s.norm):
            return rounds_mod.round_of_span(rr, s.start, s.end) or main_round
    if main_round is None and idx is not None:
        s = a.sentences[idx]
        return rounds_mod.round_of_span(rr, s.start, s.end)
    return main_round


def _count_words(line: str) -> int:
    """``len(arabic.WORD.findall(line))``: a piece between white space made only of letters and
    digits (``str.isalnum``, which is what [^\\W_] matches) is one word; the others are searched."""
    pieces = line.split()
    mixed = list(filterfalse(str.isalnum, pieces))
    return len(pieces) - len(mixed) + (len(arabic.WORD.findall(" ".join(mixed))) if mixed else 0)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _share_head_runs(text: str, head_len: int, lines: list[tuple[int, int]], line_runs: list[frozenset]) -> None:
    """Tell ``arabic.normalized_runs`` the letter runs of the head ``publication_date`` reads
    (``text[:head_len]`` cut to its first ``dates._HEAD_CHARS`` characters): those of the lines
    it holds, and of the part of the line it cuts (lines are parted by white space)."""
    from .text import dates

    cut = min(head_len, dates._HEAD_CHARS)
    found = [r for (s, e), r in zip(lines, line_runs) if e <= cut]
    found += [arabic.letter_runs(arabic.normalize(text[s:cut])) for s, e in lines if s < cut < e]
    arabic.share_runs(text[:cut], frozenset().union(*found))


def _mask_outside(text: str, paras: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``paras`` blanked to spaces and newlines: same length, so
    offsets found in it are offsets in the article."""
    out = []
    pos = 0
    for s, e in paras:
        out.append(_NOT_NEWLINE.sub(" ", text[pos:s]))
        out.append(text[s:e])
        pos = e
    out.append(_NOT_NEWLINE.sub(" ", text[pos:]))
    return "".join(out)


def _sentence_index(sentences: list[Sentence], offset: int) -> int | None:
    for i, s in enumerate(sentences):
        if s.start <= offset < s.end:
            return i
    return None


def _iso_date(value: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        from .text import dates

        found = dates.publication_date(str(value))
        return found[0] if found else None
