"""The reporting lexicon (``data/reporting.json``), normalized once, and the word tests on it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict

from astana_cli.data import load
from astana_cli.text.arabic import LETTERS, normalize, proclitic_readings, without_conjunction


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


class _Shared(TypedDict):
    """The fields of ``VerbForm`` that every form of one lexicon verb shares."""

    lemma: str
    speech: bool
    objects: tuple[str, ...]
    masdar_object: bool
    via: str | None
    weak: bool
    after_claim: bool
    u_passive: bool


GENDER = {"3ms": "m", "3fs": "f", "3mp": "p", "3md": "p", "3fd": "p", "3fp": "p",
           "ms": "m", "fs": "f", "mp": "p"}


class Lexicon:
    def __init__(self, d: dict):
        n = normalize
        self.verbs: dict[str, VerbForm] = {}
        for v in d["verbs"]:
            common = _Shared(lemma=n(v["lemma"]), speech=bool(v.get("speech")),
                             objects=tuple(n(o) for o in v.get("objects", ())),
                             masdar_object=bool(v.get("masdar_object")), via=n(v["via"]) if v.get("via") else None,
                             weak=bool(v.get("weak")), after_claim=bool(v.get("after_claim")),
                             u_passive=bool(v.get("u_passive")))
            for key, forms in v["forms"].items():
                if key.replace("pres_", "").startswith("1"):
                    continue  # «نرى، نؤكد»: the speaker's own words, never a report of someone else
                g = GENDER.get(key.replace("pres_", ""))
                for f in forms:
                    self.verbs.setdefault(n(f), VerbForm(gender=g, participle=False, present=key.startswith("pres_"),
                                                         **common))
            for key, forms in v.get("participles", {}).items():
                for f in forms:
                    self.verbs.setdefault(n(f), VerbForm(gender=GENDER.get(key), participle=True, **common))
        self.masdar = {n(m) for v in d["verbs"] for m in v.get("masdar", ())}
        words = lambda key: {n(w) for w in d[key]}  # noqa: E731
        self.comp = words("complementizers")
        self.not_after = words("not_after")
        self.blockers = words("blockers")
        self.object_verbs = words("object_verbs")
        self.prepositions = words("prepositions")
        self.fillers = words("fillers")
        self.circumstance = noted(d, "circumstance_openers")  # «، في ختام الاجتماع،»
        self.circumstance_in_it = {n(w) for w in d["circumstance_openers"]["in_it"]}  # «أكد فيها المشاركة»
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
        self.attribution_openers = tuple(sorted(words("attribution_openers"), key=len, reverse=True))
        self.occupations = {w for o in d["occupations"] for w in n(o).split()}
        self.anaphora = [tuple(n(p).split()) for p in d["anaphora"]]
        self.heads = {n(a): h for h in d["heads"] for a in h["ar"]}
        self.modifiers = {n(k): v for k, v in d["modifiers"].items()}
        self.countries = {v for v in self.modifiers.values() if v[:1].isupper()}
        # a reporting word right after these is a noun («في وصفه»), never the verb
        self.noun_before = {w for w in self.prepositions if len(w) > 1} - self.relatives - noted(d, "counterparts")
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
        if f is None and (bare := without_conjunction(word)):
            f = self.verbs.get(bare)
        return f


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return Lexicon(load("reporting"))


def noted(d: dict, key: str) -> set[str]:
    """The normalized words of the noted list ``d[key]`` (``{"note": …, "words": […]}``)."""
    return {normalize(w) for w in d[key]["words"]}


# Word lists compared with normalized tokens: normalized like the text («إلى» is «الي»).
ILA = normalize("إلى")
_R = load("reporting")
GENERIC_HEADS = noted(_R, "generic_heads")  # «المسؤول التركي»: a holder of any title with the adjective
TITLE_LINKS = noted(_R, "title_links")  # words of a title that say nothing of its holder
TITLE_FIRST = noted(_R, "title_first")  # a clause subject that is a title
AMMA = noted(_R, "topic_markers")  # «أما X ف…»: a topic, the subject of the clause after ف


def look(word: str, table) -> str | None:
    """``word`` or its form without a leading و/ف and/or the article ال (``arabic.proclitic_readings``),
    whichever ``table`` has."""
    if not word:
        return None
    if word in table:
        return word
    return next((f for f in proclitic_readings(word) if f in table), None)


def agrees(verb_gender: str | None, speaker_gender: str | None) -> bool:
    """Does a verb form agree with a speaker? Unknown on either side agrees."""
    if verb_gender is None or speaker_gender is None:
        return True
    return verb_gender == speaker_gender
