"""Arabic dates in news text: «الخميس، 21 ديسمبر 2017», «أواخر تشرين الأول/أكتوبر», «في أيار/مايو
الماضي», «يوم 16 شباط الحالي», «في الخامس من الشهر الماضي», «2017-12-21», «21/12/2017».

- ``find_dates(text, default)`` -> every date with its span, as written (``DateHit``); the missing
  year (and a relative month such as «الشهر الماضي») is resolved against ``default`` (a date or a
  year) when given, otherwise left ``None``.
- ``publication_date(text)`` -> ``(date, start, end)``: the full date the article states as its own
  (a header or date line), never a date inside a sentence.
- ``weekday_cues(text)`` -> «اليوم الخميس» / «أمس الأربعاء»: which weekday the article's today is.

Words (months of both families, weekdays, qualifiers, relative words) live in data/dates.json.
Matching runs on the normalized text (``arabic.normalize``) through ``arabic.fold``, which keeps a
cheap way back to the original offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from ..data import load
from . import arabic

# --- vocabulary ----------------------------------------------------------------------------------


def _key(matched: str) -> str:
    """A matched form as the word lists spell it: ``_alt`` lets a space match any run of white
    space («تشرين  الثاني», a line break inside a name)."""
    return " ".join(matched.split()) if matched else matched


def _alt(words) -> str:
    """A regex alternation of normalized ``words``, longest first, spaces matching any run."""
    forms = sorted({arabic.normalize(w) for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(f).replace("\\ ", r"\s+") for f in forms)


def literals(words) -> tuple[str, ...]:
    """Strings one of which every match of ``_alt(words)`` contains: pieces of the forms' words (in
    the pattern the words of a form are joined by any white space, but each is written out), few
    and long: each time the piece of four letters or more (or a whole shorter word) found in the
    most forms not yet covered, the longest among equals."""
    forms = [arabic.normalize(w).split(" ") for w in words if w.strip()]
    if not forms or any(f == [""] for f in forms):
        return ("",)  # an empty alternation or form: the pattern matches anywhere
    pieces = {w[i:j] for f in forms for w in f for i in range(len(w))
              for j in range(i + min(4, len(w)), len(w) + 1)}
    keys: list[str] = []
    left = forms
    while left:
        best = max(sorted(pieces), key=lambda k: (sum(any(k in w for w in f) for f in left), len(k)))
        keys.append(best)
        left = [f for f in left if not any(best in w for w in f)]
    return tuple(keys)


def has_any(text: str, keys: tuple[str, ...]) -> bool:
    """True when ``text`` contains one of ``keys`` (``literals``): a substring search is far cheaper
    than the patterns these keys stand guard for."""
    for k in keys:
        if k in text:
            return True
    return False


@lru_cache(maxsize=1)
def _vocab() -> dict:
    d = load("dates")
    month_of = {arabic.normalize(w): int(m) for m, ws in d["months"].items() for w in ws}
    weekday_of = {arabic.normalize(w): int(k) for k, ws in d["weekdays"].items() for w in ws}
    qual_of = {arabic.normalize(w): q for q, ws in d["qualifiers"].items() for w in ws}
    # (the "note" beside the word lists is prose, not a list of words)
    rel_of = {arabic.normalize(w): r for r, ws in d["relative"].items() if isinstance(ws, list) for w in ws}
    return {
        "month_of": month_of, "weekday_of": weekday_of, "qual_of": qual_of, "rel_of": rel_of,
        "ambiguous": {arabic.normalize(w) for w in d["ambiguous_months"]["words"]},
        "months": _alt(month_of), "weekdays": _alt(weekday_of), "quals": _alt(qual_of),
        "rels": _alt(rel_of), "labels": _alt(d["publication_labels"]),
        "hijri": _alt(d["hijri_months"]["words"]),
    }


@lru_cache(maxsize=1)
def ordinals() -> tuple[re.Pattern, dict]:
    """``(pattern, words)``: a regex for an Arabic ordinal 1-39 in words, masculine or feminine,
    with or without the article («السادسة», «الحادية عشرة», «الثاني والعشرين»), and the value of
    each normalized word. ``ordinal_value(match)`` reads a match."""
    o = load("round_terms")["ordinals"]
    norm = arabic.normalize
    alone = {norm(w): int(n) for n, ws in o["standalone"].items() for w in ws}
    unit = {norm(w): int(n) for n, ws in o["compound_units"].items() for w in ws}
    tens = {norm(w): int(n) for n, ws in o["tens"].items() for w in ws}
    teens = {norm(w) for w in o["teens"]}
    words = {"alone": alone, "unit": unit, "tens": tens, "teens": teens}

    def bare(ws):  # words without their article; the pattern adds an optional one
        return _alt({w[2:] if w.startswith("ال") and len(w) > 4 else w for w in ws})

    pat = (rf"(?:ال)?(?P<ou>{bare(set(unit) | set(alone))})"
           rf"(?:\s+(?:ال)?(?P<oteen>{bare(teens)})|\s+و\s*(?:ال)?(?P<otens>{bare(tens)}))?(?!\w)"
           rf"|(?:ال)?(?P<otens2>{bare(tens)})(?!\w)")
    return re.compile(rf"(?<!\w)(?:{pat})"), words


class Groups(Protocol):
    """What ``ordinal_value`` reads of a match: its groups by name."""

    def group(self, name: str, /) -> Any: ...


def ordinal_value(m: Groups) -> int | None:
    """The number an ``ordinals()`` match stands for, None when the words do not make one."""
    _, w = ordinals()

    def look(table, g):
        g = g or ""
        return table.get(g) or table.get("ال" + g)

    if m.group("otens2"):
        return look(w["tens"], m.group("otens2"))
    u = m.group("ou")
    if m.group("oteen"):
        n = look(w["unit"], u)
        return n + 10 if n and n < 10 else None
    if m.group("otens"):
        n, t = look(w["unit"], u), look(w["tens"], m.group("otens"))
        return n + t if n and t else None
    return look(w["alone"], u)


# --- date hits -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateHit:
    """A date as written. ``month`` 0 means «الشهر الماضي»-style, ``month_offset`` months from the
    default date; ``relative`` is past/next/current (الماضي / المقبل / الجاري)."""

    start: int
    end: int
    evidence: str
    year: int | None
    month: int
    day: int | None
    qualifier: str | None = None  # early | mid | late
    weekday: int | None = None  # 0 = Monday, as date.weekday()
    relative: str | None = None
    month_offset: int | None = None
    explicit_year: bool = False
    day_end: int | None = None  # «يومي 15 و16»: the second day

    def as_date(self) -> date | None:
        """The day, when year, month and day are all known (and valid)."""
        if self.year and self.month and self.day:
            try:
                return date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None


# «اليوم الخميس», «أمس الأربعاء» …: the words before the weekday of a «cue» (normalized)
_CUE_RELS = ("اليوم", "امس", "يوم امس", "غدا", "صباح اليوم", "مساء اليوم", "صباح امس", "مساء امس")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    v = _vocab()
    ordp = ordinals()[0].pattern.replace("?P<", "?P<d_")  # day ordinals: «الخامس من الشهر»
    wd = rf"(?:(?:يوم\s+)?(?P<wd>{v['weekdays']})\s*[،,]?\s*)?"
    qual = rf"(?:(?P<q>{v['quals']})\s+(?:(?:ال)?شهر\s+)?)?"
    # «يومي الـ22 والـ23»: the article before a day's digits; «17:09 - 04 May»: no day after a colon
    day = (rf"(?:(?:(?:يوم|يومي)\s+)?(?:ال\s*)?(?<![:\d])(?P<d>\d{{1,2}})(?!\d)"
           rf"(?:\s*(?:و|-|–|الي|حتي)\s*(?:ال\s*)?(?P<d2>\d{{1,2}}))?"
           rf"\s*(?:من\s+)?|(?P<od>{ordp})\s+من\s+)?")
    mon = (rf"(?P<mw>(?:ال)?شهر\s+)?(?P<m>{v['months']})(?!\w)"
           rf"(?:(?:\s*(?:/|\\|\(|-|–|او)\s*|\s+)(?P<m2>{v['months']})(?!\w)(?:\s*\))?)?")  # «حزيران يونيو» too
    year = r"(?:\s*[،,]?\s*(?:(?:عام|سنه|العام)\s*)?(?P<y>(?:19|20)\d\d)(?!\d))?"
    rel = rf"(?:\s+(?P<rel>{v['rels']})(?!\w))?"
    named = re.compile(rf"(?<!\w){wd}{qual}{day}{mon}{year}{rel}")
    # «في الخامس من الشهر الماضي», «في 23 من هذا الشهر», «أواخر الشهر المقبل»
    relmonth = re.compile(rf"(?<!\w)(?:(?P<q>{v['quals']})\s+)?(?:(?:(?P<od>{ordp})|(?P<dd>\d{{1,2}}))\s+من\s+)?"
                          rf"(?:(?:ال)?شهر\s+(?P<rel>{v['rels']})|(?P<this>هذا)\s+الشهر)(?!\w)")
    iso = re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d/.-])")
    dmy = re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>(?:19|20)\d\d)(?!\d)")
    cue_rels = "|".join(r.replace(" ", r"\s+") for r in _CUE_RELS)
    cue = re.compile(rf"(?<!\w)(?P<rel>{cue_rels})\s*[،,]?\s*(?P<wd>{v['weekdays']})(?!\w)")
    month_anchor = re.compile(rf"{v['months']}")
    month_word = re.compile(r"شهر")
    return {"named": named, "relmonth": relmonth, "month_anchor": month_anchor, "month_word": month_word,
            "iso": iso, "dmy": dmy, "cue": cue}


_DIGIT = re.compile(r"\d")  # «iso» and «dmy» are made of digits
# «relmonth»: «الشهر» or «شهر» after white space or at the match's start, white space after it
_RELMONTH_RUNS = frozenset({"شهر", "الشهر"})


def may_hold_dates(text: str) -> bool:
    """False when ``find_dates`` surely finds nothing in ``text``: no digit (normalizing maps digits to
    digits and nothing else to one) and no letter run that a month or «الشهر» needs."""
    found = arabic.normalized_runs(text)
    return bool(_DIGIT.search(text)) or arabic.may_match(_month_runs(), found) or arabic.may_match(_RELMONTH_RUNS, found)


@lru_cache(maxsize=1)
def _month_runs() -> frozenset[str] | None:
    """The letter runs where the month of a «named» date can start. Its ``m`` group is preceded by
    the start, white space, punctuation or a digit (then it opens a letter run), or by the weekday
    itself when nothing parts them («الخميسشباط»: the weekday's last run and the month's first); it
    is followed by (?!\\w) or, for «كانون الثاني», a space: the run ends with the month's first run.
    None when some form would not fit this reasoning (no prefilter)."""
    v = _vocab()  # the words of the patterns' alternations (``_alt``)
    starts = arabic.run_starts(w for w in v["month_of"] if w.strip())
    if starts is None:
        return None
    out = set(starts)
    for w in (w for w in v["weekday_of"] if w.strip()):
        tail = re.search(r"[^\W\d_]+$", w)
        if tail:
            out.update(tail.group() + m for m in starts)
    return frozenset(out)


@lru_cache(maxsize=1)
def _cue_runs() -> frozenset[str] | None:
    """The letter runs where the weekday of a «cue» can start: its ``wd`` group is followed by
    (?!\\w) and preceded by white space, a comma or, with nothing between, the last word of the
    «اليوم / أمس …» before it («اليومالخميس»)."""
    starts = arabic.run_starts(w for w in _vocab()["weekday_of"] if w.strip())
    if starts is None:
        return None
    tails = {r.split(" ")[-1] for r in _CUE_RELS}
    return starts | {t + w for t in tails for w in starts}


_WORD_START = re.compile(r"(?<!\w)\w")


def anchored(pattern: re.Pattern, anchor: re.Pattern, t: str, back: int = 60):
    """Matches of ``pattern`` that cover a match of ``anchor`` (a plain word list, which ``re``
    scans fast), trying word starts up to ``back`` characters before it, farthest first. Much
    faster than ``pattern.finditer`` when the pattern opens with optional words."""
    end = -1
    for a in anchor.finditer(t):
        if a.start() < end:
            continue
        lo = max(0, a.start() - back, end)
        for w in list(_WORD_START.finditer(t, lo, a.start() + 1))[-6:]:
            m = pattern.match(t, w.start())
            if m and m.end() > a.start():
                end = m.end()
                yield m
                break


def _day_ordinal(m: re.Match) -> int | None:
    """The value of the ``d_``-prefixed ordinal groups of a date match."""
    class _M:  # ordinal_value reads groups by their plain names
        def group(self, name):
            return m.group("d_" + name)
    return ordinal_value(_M())


def find_dates_folded(f: arabic.Folded) -> list[DateHit]:
    """Every date of a folded text, unresolved (the year only when written). Offsets: original."""
    v, p = _vocab(), _patterns()
    t = f.norm
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def add(a, b, **kw):
        if any(a < e and s < b for s, e in taken):
            return
        taken.append((a, b))
        s, e = f.span(a, b)
        hits.append(DateHit(s, e, f.original[s:e], **kw))

    for name in ("iso", "dmy") if _DIGIT.search(t) else ():
        for m in p[name].finditer(t):
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if name == "dmy" and mo > 12 and 1 <= d <= 12:
                mo, d = d, mo  # «04/25/2019»: month first, the only way it reads
            if 1 <= mo <= 12 and 1 <= d <= 31:
                add(m.start(), m.end(), year=y, month=mo, day=d, explicit_year=True)
    found = arabic.normalized_runs(f.original)  # the letter runs of ``t``
    for m in anchored(p["named"], p["month_anchor"], t, 40) if arabic.may_match(_month_runs(), found) else ():
        month = v["month_of"][_key(m["m"])]
        if m["m2"] and v["month_of"][_key(m["m2"])] != month:
            continue  # «أيار/حزيران»: two different months, not a date we can read
        day = int(m["d"]) if m["d"] else (_day_ordinal(m) if m["od"] else None)
        if day is not None and not 1 <= day <= 31:
            day = None
        context = day or m["y"] or m["m2"] or m["q"] or m["rel"] or m["mw"]
        if _key(m["m"]) in v["ambiguous"] and not context:
            continue
        if not context and not re.search(r"(?:^|\s)(?:في|خلال|منذ|حتي|مطلع|قبل|بعد)\s*$", t[max(0, m.start() - 8):m.start()]):
            continue  # a bare month name needs a preposition before it: «في أيار»
        add(m.start(), m.end(), year=int(m["y"]) if m["y"] else None, month=month, day=day,
            day_end=int(m["d2"]) if m["d2"] and day else None,
            qualifier=v["qual_of"].get(_key(m["q"])) if m["q"] else None,
            weekday=v["weekday_of"].get(_key(m["wd"])) if m["wd"] and day else None,
            relative=v["rel_of"].get(_key(m["rel"])) if m["rel"] else None, explicit_year=bool(m["y"]))
    for m in anchored(p["relmonth"], p["month_word"], t, 40) if arabic.may_match(_RELMONTH_RUNS, found) else ():
        rel = "current" if m["this"] else v["rel_of"].get(_key(m["rel"]))
        day = _day_ordinal(m) if m["od"] else int(m["dd"]) if m["dd"] else None
        if day is not None and not 1 <= day <= 31:
            day = None
        add(m.start(), m.end(), year=None, month=0, day=day,
            qualifier=v["qual_of"].get(_key(m["q"])) if m["q"] else None, relative=rel,
            month_offset={"past": -1, "next": 1}.get(rel, 0))
    hits.sort(key=lambda h: h.start)
    return hits


def resolve_ymd(hit: DateHit, default: date | int | None) -> tuple[int | None, int, int | None]:
    """``(year, month, day)`` of ``hit`` resolved as ``resolve`` does, without building a hit."""
    if default is None or (hit.year and hit.month):
        return hit.year, hit.month, hit.day
    if isinstance(default, int):
        return (default if hit.month else None), hit.month, hit.day
    if hit.month == 0:
        k = default.year * 12 + default.month - 1 + (hit.month_offset or 0)
        return k // 12, k % 12 + 1, hit.day
    year, dm, dd = default.year, default.month, default.day
    same_month_or_later = hit.month > dm or (hit.month == dm and (hit.day is None or hit.day >= dd))
    same_month_or_earlier = hit.month < dm or (hit.month == dm and (hit.day is None or hit.day <= dd))
    if hit.relative == "past" and same_month_or_later:
        year -= 1  # «أيار الماضي» written in May (or before): last year's May
    elif hit.relative == "next" and same_month_or_earlier:
        year += 1
    elif hit.relative is None and hit.month > dm + 2:
        year -= 1  # «في أيار» in a February article is last May, not one to come
    return year, hit.month, hit.day


def resolve(hit: DateHit, default: date | int | None) -> DateHit:
    """``hit`` with its year (and month, for «الشهر الماضي») filled from ``default``: a date
    (relative words count from it) or a year. Unchanged when it cannot be resolved."""
    y, m, _ = resolve_ymd(hit, default)
    return hit if (y, m) == (hit.year, hit.month) else replace(hit, year=y, month=m)


def find_dates(text: str, default_year: date | int | None = None) -> list[DateHit]:
    """Every date in ``text`` (offsets into ``text``), years resolved from ``default_year`` (a year
    or a reference date for «الماضي / المقبل / الجاري») when the text leaves them out."""
    return [resolve(h, default_year) for h in find_dates_folded(arabic.fold(text))]


# --- today's weekday -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekdayCue:
    """«اليوم الخميس» (offset 0), «أمس الأربعاء» (-1), «غدا الجمعة» (+1): the article's today is
    ``weekday - offset``."""

    start: int
    end: int
    weekday: int
    offset: int


def may_hold_cues(text: str) -> bool:
    """False when ``weekday_cues`` surely finds nothing in ``text`` (see ``_cue_runs``)."""
    return arabic.may_match(_cue_runs(), arabic.normalized_runs(text))


def weekday_cues_folded(f: arabic.Folded) -> list[WeekdayCue]:
    v = _vocab()
    out: list[WeekdayCue] = []
    if not may_hold_cues(f.original):
        return out
    for m in _patterns()["cue"].finditer(f.norm):
        off = -1 if "امس" in m["rel"] else (1 if m["rel"] == "غدا" else 0)
        s, e = f.span(m.start(), m.end())
        out.append(WeekdayCue(s, e, v["weekday_of"][_key(m["wd"])], off))
    return out


def weekday_cues(text: str) -> list[WeekdayCue]:
    return weekday_cues_folded(arabic.fold(text))


# --- the article's own date ----------------------------------------------------------------------

_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|am|pm|gmt)?", re.I)
_HEAD_CHARS = 1500
_TIME_DASH = re.compile(r"(?:\s*(?:\d{1,2}:\d{2}(?::\d{2})?|[-–—|]))+\s*$")


def publication_date(text: str) -> tuple[date, int, int] | None:
    """``(date, start, end)`` of the full date the article states as its own: a date line in the
    first lines («الخميس، 21 ديسمبر 2017 10:57 ص», «2017-12-21», «21/12/2017»), a dateline
    («دمشق - 21 ديسمبر 2017») or a date after a label («نشر في ...»). None otherwise; a date inside
    a sentence («... يوم 16 شباط الحالي») is not one."""
    head = text[:_HEAD_CHARS]
    if not may_hold_dates(head):
        return None  # no date at all
    return _publication_from(head, find_dates_folded(arabic.fold(head)))


@lru_cache(maxsize=1)
def _header_patterns() -> tuple[re.Pattern, re.Pattern]:
    v = _vocab()
    labels = re.compile(rf"(?:{v['labels']})\s*[:：]?\s*$")
    # «22 شهر ربيع الأول 1440 هـ»: a Hijri date beside the Gregorian one, and the era letters
    hijri = re.compile(rf"(?<!\w)(?:\d{{1,2}}\s+)?(?:(?:ال)?شهر\s+)?(?:{v['hijri']})(?!\w)(?:\s*\d{{3,4}})?"
                       rf"(?:\s*ه(?!\w))?|(?<=\d)\s*(?:ه|م)(?!\w)|(?<!\w)(?:ه|م)(?!\w)")
    return labels, hijri


def publication_from_hits(text: str, hits: list[DateHit]) -> tuple[date, int, int] | None:
    """``publication_date(text)`` from the dates already found in ``text`` (``find_dates_folded``
    of the whole text): no second fold, no second pass."""
    return _publication_from(text[:_HEAD_CHARS], hits)


def _publication_from(head: str, hits: list[DateHit]) -> tuple[date, int, int] | None:
    """The publication date among ``hits`` (dates of ``head``, original offsets)."""
    labels, hijri = _header_patterns()
    for h in hits:
        if h.end > len(head):
            break
        d = h.as_date()
        if d is None or not h.explicit_year:
            continue
        line_start = head.rfind("\n", 0, h.start) + 1
        line_end = head.find("\n", h.end)
        line_end = len(head) if line_end < 0 else line_end
        if head[:line_start].count("\n") > 12:
            break
        before = arabic.normalize(head[line_start:h.start])
        # «تاريخ النشر: 17:09 - 04 May 2017»: a time and a dash between the label and the date
        if labels.search(before) or labels.search(_TIME_DASH.sub("", before)):
            return d, h.start, h.end
        after = hijri.sub(" ", arabic.normalize(_TIME.sub(" ", head[h.end:line_end])))
        rest = arabic.words(hijri.sub(" ", re.sub(r"\|.*", "", before))) + arabic.words(after)
        if len(rest) <= 3 and not re.search(r"(?:^|\s)(?:في|منذ|يوم)\s*$", before):
            return d, h.start, h.end
    return None

