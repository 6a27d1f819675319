"""Which rounds of the Astana talks an article is about (main) and which it only mentions.

Signals, each a ``RoundHit`` with the phrase as written:

- ``ordinal`` / ``digit``: a number attached to talk vocabulary or to the venue: «الجولة السادسة»,
  «اجتماع أستانا السادس», «الاجتماع الـ22», «أستانا-14», «هذه الجولة ... هي الثامنة»;
- ``date``: a date near talk vocabulary that falls on a round in the calendar («16 شباط»,
  «أواخر تشرين الأول/أكتوبر», «في أيار/مايو الماضي»);
- ``relative``: «الجولة الماضية / المقبلة / الأخيرة», «آخر جولة», resolved against the main round.

Not rounds: counts («20 شخصا»), days («في الخامس من الشهر الماضي»), rounds of other tracks
(Geneva, the Constitutional Committee) and «نور سلطان نزارباييف» (a person).

The main round is the best-scored candidate, from evidence in the text only: the article's date
on or up to a week before a round's days, the title (not a photo caption or a lead-in ending in a
colon), the tense around a named round (present «بدأت اليوم», a report «اختتمت أمس», «في ختام»;
an earlier round «وكانت ... قد عقدت», «بيان أستانا 1»), the one round a text names, the rounds its
dates point to («يومي 28 و29 تشرين الثاني», «23 من هذا الشهر»), the next round's date («الجولة
المقبلة ... في تموز») pointing to the round before it when the text tells of a round held now.
An undated article is tried against every round of the calendar; a weekday cue («اليوم الخميس»)
only breaks ties between rounds the other evidence allows, and gives the article a date when it
pins its day (``published_inferred``). Weak or tied evidence: no main round. A main round no words
name gets the evidence that placed it (``main_evidence``).
Vocabulary: data/round_terms.json; calendar: data/rounds.json.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache

from ..data import load
from ..text import arabic, dates
from ..text.dates import DateHit, WeekdayCue
from . import calendar


@dataclass(frozen=True)
class RoundHit:
    round: int
    start: int
    end: int
    evidence: str
    confidence: float
    kind: str  # ordinal | digit | relative | date | venue
    tense: str | None = None  # current | report | past | None: what the words around it say


@dataclass
class ArticleRounds:
    main: list[int]
    mentioned: list[int]
    hits: list[RoundHit] = field(default_factory=list)
    published: date | None = None
    published_inferred: bool = False
    main_evidence: str | None = None  # why the main round, when no words of the text name it


# --- vocabulary ----------------------------------------------------------------------------------


def _weekdays_with_article() -> list[str]:
    """The weekday names of data/dates.json that carry the article («الخميس»)."""
    return [w for ws in load("dates")["weekdays"].values() for w in ws if arabic.normalize(w).startswith("ال")]


@lru_cache(maxsize=1)
def _vocab() -> dict:
    t = load("round_terms")
    norm = arabic.normalize
    alt = dates._alt
    ord_re = dates.ordinals()[0].pattern.replace("(?<!\\w)", "", 1)
    clitic = r"(?<!\w)(?:[وف])?(?:[بلك])?(?:ال|ل)?"
    nouns = alt({w for w in t["round_nouns"]["words"]})
    talk = alt(t["talk_nouns"])
    not_person = alt(t["venues"]["not_the_city_after"]["words"])
    astana = rf"{clitic}(?:{alt(t['venues']['astana'])}|{alt(t['venues']['nur_sultan'])}(?!\s*(?:{not_person})))(?!\w)"
    venue = rf"(?:{astana}|{clitic}(?:{alt(t['venues']['sochi'])})(?!\w))"
    noun = rf"{clitic}(?:{nouns})(?!\w)"
    plurals = alt(t["round_nouns_plural"]["words"])
    filler = rf"(?:{alt(t['filler_words']['words'])})(?!\w)"
    slot = rf"(?:{filler}|{venue}|{noun}|من)"
    rel = t["relative"]
    e = t["earlier"]
    rel_nouns = alt(rel["nouns"]["words"])
    rel_of = {norm(w): k for k in ("past", "next", "current") for w in rel[k]}
    venue_forms = {norm(w) for k in ("astana", "nur_sultan", "sochi") for w in t["venues"][k]} | {norm("وكالات")}
    elsewhere = [c for c in load("places")["cities"] if arabic.normalize(c) not in venue_forms]  # cities not a venue
    number = (rf"(?:رقم\s+)?(?:(?P<dig>(?:ال\s*)?\d{{1,2}})(?![\d/:.,]\d|\d)|(?P<ord>{ord_re}))")
    return {
        "noun_anchor": re.compile(rf"{nouns}|{plurals}|{alt(t['venues']['astana'])}|{alt(t['venues']['nur_sultan'])}"),
        "rel_anchor": re.compile(rf"{alt(rel['nouns']['words'])}|{alt(rel['last_before_noun'])}"),
        "this_anchor": re.compile(r"هذه"),
        "numbered": re.compile(rf"(?P<head>{noun}|(?P<pl>{clitic}(?:{plurals})(?!\w))|{astana})(?:\s+{slot}){{0,3}}?\s*[-–(]?\s*{number}"),
        # «الأولى والثانية», «الثالثة والرابعة والخامسة», «4 و5»: the next item of a coordinated list
        "coord": re.compile(rf"(?:\s*[،,]\s*و?|\s+و)\s*(?:(?P<dig>(?:ال\s*)?\d{{1,2}})(?![\d/:.,]\d|\d)|(?P<ord>{ord_re}))"),
        "this_is": re.compile(rf"(?<!\w)و?هذه\s+(?:ال)?(?:{nouns})(?:\s+\S+){{0,6}}?\s+(?:هي|وهي|تعد|تعتبر)\s+(?P<ord>{ord_re})"),
        # «اجتماع حول سوريا، هو العشرون»: a meeting said to be the n-th
        "is_nth": re.compile(rf"{clitic}(?:{nouns})ا?(?!\w)(?:\s+\S+){{0,5}}?\s*[،,]?\s+و?(?:هو|هي)\s+(?=ال)(?P<ord>{ord_re})"),
        "is_anchor": re.compile(r"(?<!\w)و?(?:هو|هي)(?!\w)"),
        # «أول محادثات مباشرة» in Astana: the first round
        "first": re.compile(rf"(?<!\w)(?:[وف])?(?:[بل])?(?:{alt(t['first_round']['first'])})\s+(?:{alt(t['first_round']['nouns'])})(?!\w)"),
        "first_anchor": re.compile(alt(t['first_round']['first'])),
        "relative": re.compile(rf"(?P<head>{clitic}(?:{rel_nouns}))(?:\s+(?:{filler}|{venue}))?\s+(?P<rel>{alt(rel_of)})(?!\w)"
                               rf"|(?<!\w)و?(?P<last>{alt(rel['last_before_noun'])})\s+(?:{alt(rel['nouns']['after_last'])})(?!\w)"),
        "astana": re.compile(rf"{astana}|(?:{alt(t['process_names'])})|(?:{alt(t['astana_context']['kazakh'])})"),
        "round_word": re.compile(rf"{clitic}(?:{nouns}|{plurals}|{rel_nouns})(?!\w)"),
        "held_now": re.compile(rf"(?<!\w)(?:[وف])?(?:ب|ل)?(?:{alt(t['held_now']['words'])})(?!\w)"
                               rf"(?:\s+\S+){{0,3}}?\s+(?:{noun}|{astana}|{clitic}(?:{talk})(?!\w))"
                               rf"|{clitic}(?:{talk})(?!\w)\s+(?:\S+\s+){{0,2}}?(?:{alt(t['held_now']['words'])})(?!\w)"),
        # «اجتماع في طهران يومي 1 و2 آب»: a date of a meeting held in another city
        "elsewhere": re.compile(rf"(?<!\w)(?:في|ب)\s*(?:{alt(elsewhere)})(?!\w)"),
        "not_live": re.compile(rf"(?<!\w)(?:[وف])?(?:{alt(t['live_cue']['not_with'])})(?!\w)"),
        "product_before": re.compile(rf"(?<!\w)(?:[وف])?(?:[بلك])?(?:ال)?(?:{alt(t['round_products']['words'])})\s+$"),
        "opening": re.compile(rf"(?<!\w)(?:[وف])?س?(?:{alt(t['opening_words']['words'])})(?!\w)"),
        "recalled": re.compile(rf"(?<!\w)و?(?:{alt(t['held_now']['recalled_after'])})\s*$"),
        "past_after": re.compile(rf"(?:\s+(?:{filler}|{venue}))?\s+(?:{alt(rel['past'])})(?!\w)"),
        "context": re.compile(rf"{astana}|{clitic}(?:{talk})(?!\w)|(?:{alt(t['astana_context']['words'])})"),
        "other": re.compile(rf"(?:{alt(t['other_processes']['words'])})"),
        "not_after": re.compile(rf"\s*(?:{alt(t['not_a_round_after']['words'])}|{dates._vocab()['months']})(?!\w)"),
        "day_before": re.compile(rf"(?<!\w)(?:{alt(t['day_words']['before'])})\s*$"),
        "counted": {norm(w) for w in t["counted_nouns"]["words"]},
        "rel_of": rel_of,
        "current": {norm(w) for w in t["tense"]["current"]},
        "past": {norm(w) for w in t["tense"]["past"]},
        "report": {norm(w) for w in t["tense"]["report"]},
        "start_today": re.compile(alt(t["start_today"]["start"])),
        "end_today": re.compile(alt(t["start_today"]["end"])),
        "earlier": re.compile(rf"(?<!\w)(?:{alt(e['yesterday'])}|(?:{alt(e['units'] + _weekdays_with_article())})"
                              rf"\s+(?:\w+\s+)?(?:{alt(e['past'])}))(?!\w)"),
        "bound": re.compile(r"[.!?؟؛;\n]"),
        "word": re.compile(r"\w+"),
        # Exact prefilters (``arabic.run_starts``, ``dates.literals``): a pattern whose every match
        # opens with a word behind ``clitic`` (followed by (?!\w) or white space) can only match
        # where a letter run is that word's first run with a clitic; a pattern with no bound on its
        # words needs one of their literals.
        "numbered_runs": arabic.run_starts(_forms(t["round_nouns"]["words"], t["round_nouns_plural"]["words"],
                                                  t["venues"]["astana"], t["venues"]["nur_sultan"]), _CLITICS),
        "this_runs": frozenset({"هذه", "وهذه"}),
        "relative_runs": _union(arabic.run_starts(_forms(rel["nouns"]["words"]), _CLITICS),
                                arabic.run_starts(_forms(rel["last_before_noun"]), ("", "و"))),
        "astana_keys": dates.literals([*t["venues"]["astana"], *t["venues"]["nur_sultan"], *t["process_names"],
                                       *t["astana_context"]["kazakh"]]),
        "start_today_keys": dates.literals(t["start_today"]["start"]),
    }


# Every way the ``clitic`` of ``_vocab`` can open a word: (?:[وف])?(?:[بلك])?(?:ال|ل)?
_CLITICS = tuple(a + b + c for a in ("", "و", "ف") for b in ("", "ب", "ل", "ك") for c in ("", "ال", "ل"))


def _forms(*lists) -> list[str]:
    """The normalized forms ``dates._alt`` makes of word lists (an empty form included)."""
    return [arabic.normalize(w) for ws in lists for w in ws if w.strip()]


def _union(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    return None if a is None or b is None else a | b


# --- reading the text ----------------------------------------------------------------------------


@dataclass
class _Reading:
    """Everything read from one text, before any date is known. The fold and the two whole-text
    flags are worked out when first asked for (most texts never need them)."""

    text: str
    explicit: list[RoundHit]
    relative: list[tuple[str, int, int, str, bool]]  # direction, start, end, evidence, earlier view
    dates: list[tuple[DateHit, str | None]]  # date near talk vocabulary, tense
    cues: list[WeekdayCue]
    stated: date | None = None  # the publication date the text states (a header line)
    folded: arabic.Folded | None = None  # the fold, when the reading made it
    opening: frozenset = frozenset()  # starts of the dates that follow «تبدأ / انطلاق ...»
    live: tuple[bool, ...] = ()  # per cue: its sentence tells of Astana talks on that day

    @cached_property
    def f(self) -> arabic.Folded:
        return self.folded or arabic.fold(self.text)

    @cached_property
    def about_astana(self) -> bool:
        v, t = _vocab(), self.f.norm
        return (dates.has_any(t, v["astana_keys"]) and bool(v["astana"].search(t))) or bool(self.explicit)

    @cached_property
    def held_now(self) -> bool:
        """The text tells of a round being held or just held («اختتام محادثات أستانا», «انطلقت
        اليوم الجولة»): then a «next round» date is the round after the article's."""
        v, t = _vocab(), self.f.norm
        for m in v["held_now"].finditer(t):
            if v["recalled"].search(t, max(0, m.start() - 12), m.start()) or v["past_after"].match(t, m.end()):
                continue  # «بعد انتهاء الجولة», «اختتام الجولة الماضية»: an earlier round recalled
            return True
        return (any(h.tense == "report" for h in self.explicit)
                or (dates.has_any(t, v["start_today_keys"]) and bool(v["start_today"].search(t)))
                or bool(v["end_today"].search(t)))

    @cached_property
    def any_current(self) -> bool:
        v, t = _vocab(), self.f.norm
        return ((dates.has_any(t, v["start_today_keys"]) and bool(v["start_today"].search(t)))
                or any(h.tense == "current" for h in self.explicit))


def _sentence(r_bounds: list[int], n: int, pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(r_bounds, pos)
    return (r_bounds[i - 1] + 1 if i else 0), (r_bounds[i] if i < len(r_bounds) else n)


class _Spans:
    """Every match of one pattern over the whole text, found in one pass when first asked for; then
    the last match inside a range, or whether one is, by bisection. Asking per hit costs no rescan
    of the sentence (a 100,000-character line with hundreds of hits stays linear)."""

    def __init__(self, pattern: re.Pattern, t: str):
        self._p, self._t = pattern, t

    @cached_property
    def _all(self) -> tuple[list[int], list[int]]:
        spans = [m.span() for m in self._p.finditer(self._t)]
        return [s for s, _ in spans], [e for _, e in spans]  # both ascending: matches do not overlap

    def last(self, lo: int, hi: int) -> tuple[int, int] | None:
        """The last match inside ``[lo, hi)``, or None."""
        starts, ends = self._all
        i = bisect.bisect_right(ends, hi) - 1
        return (starts[i], ends[i]) if i >= 0 and starts[i] >= lo else None

    def any(self, lo: int, hi: int) -> bool:
        starts, ends = self._all
        i = bisect.bisect_left(starts, lo)
        return i < len(starts) and ends[i] <= hi


class _Markers:
    """The process markers, round words and context words of one text, each indexed once."""

    other: _Spans
    astana: _Spans
    round_word: _Spans
    context: _Spans
    earlier: _Spans

    def __init__(self, v: dict, t: str, bounds: list[int]):
        self.v, self.t, self.bounds = v, t, bounds
        for key in ("other", "astana", "round_word", "context", "earlier"):
            setattr(self, key, _Spans(v[key], t))


def _marker_says_other(m: _Markers, ss: int, se: int, a: int, b: int) -> bool | None:
    """Within the sentence ``[ss, se)``: True when the nearest process marker of ``[a, b)``, after
    it first, then before it, names another track; False when it names Astana; None: no marker."""
    v, t = m.v, m.t
    tail = t[b:min(se, b + 90)]
    o, s = v["other"].search(tail), v["astana"].search(tail)
    if o or s:
        return bool(o) and (not s or o.start() < s.start())
    o, s = m.other.last(ss, a), m.astana.last(ss, a)
    if o or s:
        return o is not None and (not s or o[1] > s[1])  # a (start, end) pair is never falsy
    return None


def _other_track(m: _Markers, ss: int, se: int, a: int, b: int) -> bool:
    """True when the round at ``[a, b)`` belongs to another track (Geneva, the Constitutional
    Committee ...) rather than Astana. The nearest process marker of its sentence decides («الجولة
    الثانية من اجتماعات لجنة مناقشة الدستور»); a sentence without one is read as going on from the
    previous sentence when that one talks of a round («... الجولة السادسة من اللجنة الدستورية.
    ووصف ... الجولة الخامسة بأنها مخيبة»): its last round word's track decides. Otherwise Astana."""
    own = _marker_says_other(m, ss, se, a, b)
    if own is not None:
        return own
    lo, hi = _previous_sentence(m.v, m.t, m.bounds, ss)
    last = m.round_word.last(lo, hi)
    return last is not None and bool(_marker_says_other(m, lo, hi, *last))


def _previous_sentence(v: dict, t: str, bounds: list[int], ss: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence before the one starting at ``ss`` (empty at the start)."""
    j = ss - 1
    while j > 0 and (t[j].isspace() or v["bound"].match(t, j)):
        j -= 1
    if j <= 0:
        return ss, ss
    return _sentence(bounds, len(t), j)[0], j + 1


def _tense(v: dict, t: str, ss: int, se: int, a: int, b: int, window: int = 45) -> str | None:
    """current / report / past / None: the tense word nearest to ``[a, b)`` within ``window``
    characters («وستبدأ الجولة الخامسة» current; «اختتمت أمس الجولة الخامسة», «في ختام الجولة
    الخامسة» report: the round the article tells of, just held; «وكانت الجولة الخامسة قد عقدت» past)."""
    best, best_gap = None, window + 1
    for lo, hi, before in ((max(ss, a - window), a, True), (b, min(se, b + window), False)):
        for m in v["word"].finditer(t, lo, hi):
            w = m.group()
            gap = a - m.end() if before else m.start() - b
            if gap >= best_gap:
                continue
            for form in (w, w[1:] if w[:1] in "وفس" else "", w[2:] if w[:2] in ("وس", "فس") else ""):
                kind = next((k for k in ("current", "report", "past") if form in v[k]), None)
                if kind:
                    best, best_gap = kind, gap
                    break
    return best


def _read(text: str) -> _Reading:
    """Read ``text`` once: one fold, one pass for dates (which also yields the stated publication
    date, so that its header line is no round date), cheap word-list anchors for the patterns.
    A text whose letter runs (and digits) show that no pattern can match is not even folded."""
    v = _vocab()
    found = arabic.normalized_runs(text)  # the letter runs of the fold
    if not (dates.may_hold_dates(text) or dates.may_hold_cues(text) or arabic.may_match(v["numbered_runs"], found)
            or arabic.may_match(v["this_runs"], found) or arabic.may_match(v["relative_runs"], found)):
        return _Reading(text, [], [], [], [])  # no date, no cue, no pattern below can match: nothing to read
    f = arabic.fold(text)
    t = f.norm
    n = len(t)
    bounds = [m.start() for m in v["bound"].finditer(t)]
    marks = _Markers(v, t, bounds)
    last = calendar.last_number()
    date_hits = dates.find_dates_folded(f)
    stated = dates.publication_from_hits(text, date_hits)
    skip = (stated[1], stated[2]) if stated else None
    date_spans = [(h.start, h.end) for h in date_hits]

    def in_date(a, b):
        s, e = f.span(a, b)
        return any(s < de and ds < e for ds, de in date_spans)

    def number_of(m) -> tuple[int | None, str, float]:
        """The round number a ``dig`` / ``ord`` match names, or None (a count, a day, a date)."""
        b = m.end()
        if m["dig"]:
            nxt = v["word"].match(t, b + 1) if b < n and t[b:b + 1].isspace() else None
            if nxt and nxt.group() in v["counted"]:
                return None, "", 0.0
            return int(re.sub(r"\D", "", m["dig"])), "digit", 0.85
        if v["not_after"].match(t, b) or v["day_before"].search(t, max(0, m.start("ord") - 8), m.start("ord")):
            return None, "", 0.0
        bare = t[m.start("ord"):m.start("ord") + 2] != "ال"
        if bare and v["astana"].fullmatch(m["head"]):
            return None, "", 0.0  # «في أستانا أول لقاء»: the first meeting in Astana, not a round
        conf = 0.7 if bare else 0.9
        return dates.ordinal_value(m), "ordinal", conf

    explicit: list[RoundHit] = []
    for m in dates.anchored(v["numbered"], v["noun_anchor"], t, 6) if arabic.may_match(v["numbered_runs"], found) else ():
        a = m.start()
        items = [(m.end(), *number_of(m))]
        nxt = v["coord"].match(t, m.end())
        while nxt:  # «الجولتين الأولى والثانية»: every round of the list
            items.append((nxt.end(), *number_of(nxt)))
            nxt = v["coord"].match(t, nxt.end())
        if m["pl"] and len(items) < 2:
            continue  # «الجولات الأولى»: the early rounds, no number
        ss, se = _sentence(bounds, n, a)
        for b, num, kind, conf in items:
            if not num or not 1 <= num <= last or in_date(a, b):
                continue
            if _other_track(marks, ss, se, a, b):
                continue
            s, e = f.span(a, b)
            tense = "past" if v["product_before"].search(t[max(ss, a - 25):a]) else _tense(v, t, ss, se, a, b)
            explicit.append(RoundHit(num, s, e, text[s:e], conf, kind, tense))
    for m in dates.anchored(v["this_is"], v["this_anchor"], t, 3) if arabic.may_match(v["this_runs"], found) else ():
        num = dates.ordinal_value(m)
        if num and 1 <= num <= last:
            s, e = f.span(m.start(), m.end())
            explicit.append(RoundHit(num, s, e, text[s:e], 0.95, "ordinal", "current"))

    for m in dates.anchored(v["is_nth"], v["is_anchor"], t, 80) if " هو " in t or " هي " in t or "وهو " in t or "وهي " in t else ():
        num = dates.ordinal_value(m)
        a, b = m.start(), m.end()
        ss, se = _sentence(bounds, n, a)
        if (num and 1 <= num <= last and not v["not_after"].match(t, b) and marks.astana.any(ss, se)
                and not _other_track(marks, ss, se, a, b)):
            s, e = f.span(a, b)
            explicit.append(RoundHit(num, s, e, text[s:e], 0.9, "ordinal", _tense(v, t, ss, se, a, b)))
    for m in v["first"].finditer(t) if v["first_anchor"].search(t) else ():
        a, b = m.start(), m.end()
        ss, se = _sentence(bounds, n, a)
        prev = _previous_sentence(v, t, bounds, ss)[0]
        if marks.astana.any(prev, se) and not _other_track(marks, ss, se, a, b):
            s, e = f.span(a, b)
            explicit.append(RoundHit(1, s, e, text[s:e], 0.85, "ordinal", _tense(v, t, ss, se, a, b)))

    relative, next_at = [], []  # next_at: where «الجولة المقبلة»-style words are (folded)
    for m in dates.anchored(v["relative"], v["rel_anchor"], t, 6) if arabic.may_match(v["relative_runs"], found) else ():
        a, b = m.start(), m.end()
        direction = "past" if m["last"] else v["rel_of"].get(m["rel"])
        ss, se = _sentence(bounds, n, a)
        if direction and not in_date(a, b) and not _other_track(marks, ss, se, a, b):
            s, e = f.span(a, b)
            earlier = marks.earlier.any(ss, a)  # «قالت يوم الأحد الماضي إن الاجتماع المقبل»
            relative.append((direction, s, e, text[s:e], earlier))
            if direction == "next" and not earlier:
                next_at.append(a)

    near, opening = [], set()
    for h in date_hits:
        if skip and h.start < skip[1] and skip[0] < h.end:
            continue
        fa = f.index_of(h.start)
        ss, se = _sentence(bounds, n, fa)
        prev = _previous_sentence(v, t, bounds, ss)[0]
        fb = f.index_of(h.end)
        if v["elsewhere"].search(t, max(ss, fa - 30), fa):
            continue
        if (marks.context.any(ss, se) or marks.context.any(prev, ss)) and not _other_track(marks, ss, se, fa, fb):
            after_next = any(ss <= x < fa for x in next_at)  # «الجولة المقبلة ستعقد في تموز»
            near.append((h, "next" if after_next else _tense(v, t, ss, se, fa, fb, window=max(45, fa - ss))))
            if v["opening"].search(t, max(ss, fa - 25), fa):
                opening.add(h.start)
    # the month of a «next round» date, named again elsewhere, is that round's again
    later = {(h.month, h.year) for h, tense in near if tense == "next"}
    near = [(h, "next" if (h.month, h.year) in later else tense) for h, tense in near]
    cues = dates.weekday_cues_folded(f)
    live = []  # «فشلت المحادثات في أستانا أمس الأربعاء»: the talks themselves are on that day
    for c in cues:
        fa, fb = f.index_of(c.start), f.index_of(c.end)
        ss, se = _sentence(bounds, n, fa)
        live.append(marks.astana.any(ss, se) and not v["not_live"].search(t, ss, se)
                    and not _other_track(marks, ss, se, fa, fb))
    return _Reading(text, explicit, relative, near, cues, stated[0] if stated else None, f,
                    live=tuple(live), opening=frozenset(opening))


def _is_headline(line: str) -> bool:
    """False for a first line that only looks like a title: a lead-in ending in a colon («وقال
    الوزير:»), or a photo caption dating its picture («الجولة الـ12 ... في نيسان عام 2019», a month
    and its year): what it names is no evidence of the article's own round."""
    line = line.strip()
    if line.endswith((":", "：")):
        return False
    return not any(h.month and h.explicit_year for h in dates.find_dates(line))


def _may_name_rounds(text: str) -> bool:
    """False when ``_read(text).explicit`` is surely empty: its hits come from «numbered» and
    «this_is» matches only."""
    v, found = _vocab(), arabic.normalized_runs(text)
    return arabic.may_match(v["numbered_runs"], found) or arabic.may_match(v["this_runs"], found)


# --- dates to rounds -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _round_of_ymd(y: int | None, m: int, d: int | None, d2: int | None, weekday: int | None) -> tuple[int, float] | None:
    """The round a date points to, with a confidence: the round held on that day (or on the
    second day of «يومي 15 و16»; less when the two days are not the round's own two), or the one
    round held in that month."""
    if not y or not m:
        return None
    if d:
        try:
            day = date(y, m, d)
        except ValueError:
            return None
        if weekday is not None and day.weekday() != weekday:
            return None  # «الخميس 16 شباط» in a year where the 16th is no Thursday
        r = calendar.round_on(day)
        if r is None and d2:
            try:
                r = calendar.round_on(date(y, m, d2))
            except ValueError:
                r = None
        if r and d2 and (r.start.day, r.end.day) != (d, d2) and r.start.month == r.end.month == m:
            return r.number, 0.5  # «يومي 16 و17 شباط»: one of the days only (round 2 was 15-16)
        return (r.number, 0.75) if r else None
    rs = calendar.rounds_in_month(y, m)
    return (rs[0].number, 0.6) if len(rs) == 1 else None


def _dated_rounds(reading: _Reading, anchor: date | None, pinned: bool = True, candidate: calendar.Round | None = None):
    """``(hit, round, confidence, tense)`` for each date near talk vocabulary that falls on a round,
    the missing years taken from ``anchor``. Unless the anchor is the article's real date
    (``pinned``), «الشهر الماضي»-style dates are left out: they count from a day we do not know;
    only a day of «this month» is tried against the ``candidate`` round the article may be of."""
    out = []
    for h, tense in reading.dates:
        if h.month == 0 and not pinned:
            if candidate and h.day and h.relative == "current" and h.month_offset == 0 and (h.start in reading.opening or h.day_end):
                # «ستبدأ في 23 من هذا الشهر» written at the time of round ``candidate``: its first
                # day when the talks begin then, any of its days otherwise
                days = {candidate.start.day} if h.start in reading.opening else {d.day for d in candidate.days()}
                if h.day in days:
                    out.append((h, candidate.number, 0.75, tense))
            continue
        y, m, d = dates.resolve_ymd(h, anchor)
        if (tense in ("current", "next") and anchor and y and m and not h.explicit_year and h.relative is None
                and (y, m, d or 28) < (anchor.year, anchor.month, anchor.day) and (y, m) != (anchor.year, anchor.month)):
            y += 1  # «من المقرر ... يومي 1 و2 آب»: a month already gone this year is next year's
        hit = _round_of_ymd(y, m, d, h.day_end, h.weekday)
        if hit:
            out.append((h, hit[0], hit[1], tense))
    return out


# --- choosing the main round ---------------------------------------------------------------------

_TENSE_WEIGHT = {"current": 2.0, "report": 1.5, "past": 0.5, None: 1.0}
_ONLY_ROUND = 0.7
_CUE_FITS = 0.4
_DAYS_BEFORE = 7  # an article on Astana dated this many days before a round is about it
_CUE_LIVE = 0.8  # the cue's sentence tells of the talks in Astana themselves


def _explicit_scores(reading: _Reading, title_rounds: set[int]) -> dict[int, float]:
    score: dict[int, float] = defaultdict(float)
    n = max(len(reading.text), 1)
    for h in reading.explicit:
        lead = 1.3 if h.start < n * 0.2 else 1.0
        score[h.round] += h.confidence * _TENSE_WEIGHT[h.tense] * lead
    for r in title_rounds:
        score[r] += 3.0
    told = {h.round for h in reading.explicit if h.tense != "past"} | title_rounds
    if len(told) == 1:  # the one round the text names, and not as an earlier one: its subject
        score[next(iter(told))] += _ONLY_ROUND
    if not score or all(h.tense == "past" for h in reading.explicit):
        # «جولة جديدة» after naming only past rounds: the next one
        if any(rel[0] in ("current", "next") for rel in reading.relative) and reading.explicit:
            score[max(h.round for h in reading.explicit) + 1] += 1.5
        elif reading.explicit and (reading.held_now or any(reading.live)):
            # «احترام بيان أستانا 1» said at talks held now: a later round, the next one at least
            score[max(h.round for h in reading.explicit) + 1] += 1.0
    return score


def _day_in(r: calendar.Round, cue: dates.WeekdayCue) -> date | None:
    """The article's today if ``cue`` fits round ``r`` («اليوم الخميس»: a Thursday of the talks)."""
    o = r.start.toordinal()
    while o <= r.end.toordinal():
        d = date.fromordinal(o)
        if d.weekday() == cue.weekday:
            return d - timedelta(days=cue.offset)
        o += 1
    return None


def _choose_dated(reading, explicit, published) -> tuple[int | None, float]:
    """Score of a round for a dated article, the sum of:

    - each explicit hit (``_explicit_scores``): confidence (0.9 «الجولة السادسة», 0.85 a digit,
      0.7 a bare ordinal) x tense (2 current, 0.5 past, 1 unknown) x 1.3 in the first fifth;
      3 for a round the title names;
    - each date near talk words falling on the round: 0.75 (a day) or 0.6 (a month) x 2 current /
      0.7 otherwise;
    - 3 when the article is about Astana and is dated within the round's days (3 before, 2 after),
      else 2 when it is dated up to 7 days before the round (10 when it speaks in the present).

    The best wins when it reaches 2 and leads the second by more than 0.25 (else no main round)."""
    score = defaultdict(float, explicit)
    for _, n, conf, tense in _dated_rounds(reading, published):
        if tense == "next" and reading.held_now:
            continue  # the round after the one the article tells of
        score[n] += conf * (2.0 if tense in ("current", "next") else 1.5 if tense == "report" else 0.7)
    if reading.about_astana:
        for r in calendar.load_calendar():
            if r.contains(published, 0) or (r.start - timedelta(days=3)) <= published <= (r.end + timedelta(days=2)):
                score[r.number] += 3.0
            elif r.start - timedelta(days=_DAYS_BEFORE) <= published < r.start:
                score[r.number] += 2.0  # the talks about to open: the article prepares them
            elif reading.any_current and r.start - timedelta(days=10) <= published < r.start:
                score[r.number] += 2.0
    return _best(score, 2.0)


def _choose_undated(reading, explicit) -> tuple[int | None, date | None]:
    """Try every round as the article's subject; keep the one its dates fit best.

    Candidates: the named rounds and the one after each (every round when none is named). A
    candidate scores its explicit score, plus for each date near talk words, resolved as if the
    article were written then: 0.75/0.6 x the tense weight (2 current, 1.5 report, 1 unknown, 0.5
    past) when it falls on the candidate, 0.7 on the round before, 0.3 on an earlier one, -0.5 on a
    later one; a date of «the next round» counts for the round before it (when the text tells of a
    round held now, else for its own round). A weekday cue («اليوم الخميس») that falls on one of
    the candidate's days adds 0.4 to a candidate with evidence of its own: it breaks ties, it never
    places an article by itself. The best wins at 1.5 with a lead above 0.25."""
    if not (explicit or reading.dates):
        return None, None
    score: dict[int, float] = defaultdict(float)
    today: dict[int, date] = {}
    candidates = calendar.load_calendar()
    if explicit:  # named rounds (and the one after them) are the only candidates
        wanted = set(explicit) | {n + 1 for n in explicit}
        candidates = [r for r in candidates if r.number in wanted]
    for r in candidates:
        s = explicit.get(r.number, 0.0)
        anchor, fits = r.start, 0.0
        for i, cue in enumerate(reading.cues[:3]):
            d = _day_in(r, cue)
            if d:
                anchor = today[r.number] = d
                fits = _CUE_LIVE if i < len(reading.live) and reading.live[i] else _CUE_FITS
                break
        for h, n, conf, tense in _dated_rounds(reading, anchor, pinned=r.number in today, candidate=r):
            if tense == "next" and reading.held_now:
                s += conf * 2.0 if n == r.number + 1 else -0.5 if n <= r.number else 0.0
            elif n == r.number:
                s += conf * _TENSE_WEIGHT["current" if tense == "next" else tense]
            elif h.month == 0 and fits:
                continue  # «الشهر الماضي» counted from the day the cue gives: the cue's own say
            elif n == r.number - 1:
                s += 0.7
            elif n < r.number:
                s += 0.3
            else:
                s -= 0.5
        if s > 0 and fits:
            s += fits
        if s > 0:
            score[r.number] = s
    best, _ = _best(score, 1.5)
    return best, today.get(best) if best else None


def _best(score: dict[int, float], floor: float) -> tuple[int | None, float]:
    ranked = sorted(score.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < floor:
        return None, 0.0
    if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - 0.25:
        return None, 0.0  # a tie: no main round rather than a guess
    return ranked[0]


# --- the whole article ---------------------------------------------------------------------------


def _round(main: int) -> calendar.Round:
    """The calendar's round ``main``: a main round always is one (``_choose_undated`` only tries
    rounds of the calendar; the one round past the last that ``_explicit_scores`` may score gets
    at most 1.5, under the 2.0 ``_choose_dated`` asks for)."""
    r = calendar.round_by_number(main)
    assert r is not None, main
    return r


def detect_rounds(text: str, published: date | None = None, title: str | None = None) -> ArticleRounds:
    """The rounds ``text`` is about (``main``) and those it mentions, with the evidence.
    ``published``: the article's date when known (else the date it states, else inferred)."""
    text = text or ""
    inferred = False
    reading = _read(text)
    if published is None:
        published = reading.stated
    title_rounds = ({h.round for h in _read(title).explicit}
                    if title and _may_name_rounds(title) and _is_headline(title) else set())
    explicit = _explicit_scores(reading, title_rounds)

    anchor: date | None
    if published is not None:
        main, _ = _choose_dated(reading, explicit, published)
        anchor = published
    else:
        main, anchor = _choose_undated(reading, explicit)
        if main and anchor is None:
            r = _round(main)
            t = reading.f.norm
            v = _vocab()
            if v["start_today"].search(t):
                anchor = r.start
            elif v["end_today"].search(t):
                anchor = r.end
        if anchor is not None:
            published, inferred = anchor, True
        elif main:
            anchor = _round(main).start  # for resolving dates only

    hits = list(reading.explicit)
    for h, n, conf, tense in _dated_rounds(reading, anchor, pinned=published is not None,
                                           candidate=calendar.round_by_number(main) if main else None):
        hits.append(RoundHit(n, h.start, h.end, h.evidence, conf, "date", tense))
    if main:
        hits += _resolve_relative(reading, main, published)
    hits.sort(key=lambda h: h.start)

    mains = [main] if main else []
    mentioned = []
    for h in hits:
        if h.round not in mains and h.round not in mentioned:
            mentioned.append(h.round)
    why = None
    if main and not any(h.round == main for h in hits):
        why = _inferred_evidence(reading, hits, main, title if main in title_rounds else None)
    return ArticleRounds(mains, mentioned, hits, published, inferred, why)


def _inferred_evidence(reading: _Reading, hits: list[RoundHit], main: int, title: str | None) -> str | None:
    """What placed the article on round ``main`` when no words of the text name it: the title, the
    next round's date, an earlier round, the weekday that fits (quoted as written)."""
    r = _round(main)
    parts = [f"the title «{title.strip()}»"] if title else []
    for h in hits:
        if h.round == main + 1 and h.tense == "next":
            parts.append(f"«{h.evidence}»: the next round, {h.round}")
        elif h.round < main and h.kind in ("ordinal", "digit", "date") and h.tense == "past":
            parts.append(f"«{h.evidence}»: an earlier round, {h.round}")
    for cue in reading.cues[:3]:
        if _day_in(r, cue):
            parts.append(f"«{reading.text[cue.start:cue.end]}»: a day of round {main}")
            break
    return "; ".join(parts) or None


def _resolve_relative(reading: _Reading, main: int, published: date | None) -> list[RoundHit]:
    """«الجولة الماضية» -> the round before the main one, «المقبلة» -> the next one (or the main
    one itself while it is still to come), «الجديدة / الحالية» -> the main one."""
    r = _round(main)
    out = []
    for direction, s, e, ev, earlier in reading.relative:
        if direction == "past":
            n = main - 1 if published is None or published <= r.end + timedelta(days=3) else main
        elif direction == "next":  # the main round while it is still to come, else the one after
            n = main if published is None or published < r.start or earlier else main + 1
        else:
            n = main
        if calendar.round_by_number(n):
            out.append(RoundHit(n, s, e, ev, 0.6, "relative", direction))
    return out


def round_of_span(result: ArticleRounds, start: int, end: int) -> int | None:
    """The round named inside ``[start, end)`` (a sentence), the most confident hit; else None."""
    inside = [h for h in result.hits if start <= h.start and h.end <= end]
    return max(inside, key=lambda h: h.confidence).round if inside else None
