"""The one text API (text/arabic.py): the fold and its offsets, terms and clitics, name keys, the
character sets. Every other module calls these; here they are pinned down."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from astana_cli.text import arabic, numbers
from astana_cli.text.arabic import (
    BIDI_CONTROLS,
    WORD,
    fold,
    name_key,
    normalize,
    proclitic_readings,
    stems,
    strip_clitics,
    terms,
    title_stem,
    without_conjunction,
)

# Letters that make clitics, a few others, digits, marks, a ligature and punctuation: words behind
# every prefix the rules know, of every length around their limits.
CLITIC_TEXT = st.text(alphabet=st.sampled_from(list("وفبلكال" + "ازيرسمنه" + "ةأى" + "16" + "ـَ" + "ﻻ" + " ،.-_«")),
                      max_size=60)


def _rules(word: str) -> str:
    """The clitic rules written out one by one (the definition ``strip_clitics`` is checked against)."""
    w = normalize(word)
    stem = w
    if stem[:1] in "وف" and (stem[1:3] in ("ال", "لل") or stem[1:2] in "بلك" and stem[1:2] and stem[2:4] == "ال"
                             or len(stem) >= 5):
        stem = stem[1:]
    if stem.startswith("لل") and len(stem) >= 5:
        return stem[2:]
    if stem[:1] and stem[:1] in "بلك" and stem[1:3] == "ال" and len(stem) >= 6:
        stem = stem[1:]
    if stem.startswith("ال") and len(stem) >= 5:
        stem = stem[2:]
    return stem if len(stem) >= 3 else w


@given(CLITIC_TEXT)
def test_strip_clitics_follows_the_rules_word_by_word(text):
    for w in WORD.findall(normalize(text)):
        assert strip_clitics(w) == _rules(w), w


@given(CLITIC_TEXT)
def test_terms_are_the_stripped_words_with_numbers_folded(text):
    norm = normalize(text)
    stripped = [strip_clitics(w) for w in WORD.findall(norm)]
    assert stems(norm) == " ".join(stripped)
    folded = " ".join(w for w, _, _ in numbers.fold(stripped)) if stripped else ""
    assert terms(norm) == (folded if numbers.may_fold(stripped, " ".join(stripped)) else " ".join(stripped))


def test_terms_examples():
    assert terms(normalize("وبالأستانة، للمعارضة والتصعيد")) == "استانه معارضه تصعيد"
    assert terms(normalize("الجولة السادسة عشرة")) == terms(normalize("الجولة الـ16")) == "جوله 16"
    assert terms("") == ""


def test_the_rules_keep_root_letters():
    assert [strip_clitics(w) for w in ("وزير", "وقف", "بحث", "لقاء")] == ["وزير", "وقف", "بحث", "لقاء"]
    assert strip_clitics("وفرنسا") == "فرنسا"  # a و before four letters goes


def test_proclitic_readings_and_title_stem():
    assert proclitic_readings(normalize("والوزير")) == ("الوزير", "وزير")
    assert proclitic_readings("وزير") == ("زير",) and proclitic_readings("وقف") == ()
    assert without_conjunction("وقال") == "قال" and without_conjunction("وقف") is None
    assert without_conjunction("قال") is None
    assert title_stem(normalize("الكازاخية")) == "كازاخ"
    assert title_stem(normalize("والروسي")) == "روس"


ANY_TEXT = st.text(alphabet=st.one_of(st.sampled_from(list("قَدَّمَ ال\u200fـﻻأ \n\t\u202b")), st.characters()),
                   max_size=80)


@given(ANY_TEXT)
def test_fold_maps_every_folded_character_back(text):
    f = fold(text)
    assert f.norm == arabic.map_chars(text)
    assert normalize(text) == arabic.collapse(f.norm)
    last = -1
    for i, ch in enumerate(f.norm):
        p = f.pos(i)
        assert last <= p < len(text)
        assert ch in (text[p] if text[p].isspace() else normalize(text[p]))
        assert f.index_of(p) <= i  # the first folded character of its original character
        last = p
    s, e = f.span(0, len(f.norm))
    assert 0 <= s <= e <= len(text)


def test_fold_offsets_with_marks_and_a_ligature():
    text = "قَالَ ﻻ"
    f = fold(text)
    assert f.norm == "قال لا"
    assert f.evidence(0, 3) == "قَالَ"
    assert f.index_of(text.index("ﻻ")) == f.norm.index("لا")
    assert f.evidence(4, 6) == "ﻻ"


def test_name_key_compares_spellings_of_a_name():
    assert name_key("Lavrentiev") == name_key("LAVRENTIEV") == "lavrentiev"
    assert name_key("Mevlüt Çavuşoğlu") == "mevlut cavusoglu"
    assert name_key("Al-Jaafari") == "al jaafari"
    assert name_key("دي ميستورا") == name_key("دي  مِيستورا") == normalize("دي ميستورا")
    assert name_key("") == ""


def test_bidi_controls_are_the_ones_normalize_deletes():
    assert set(BIDI_CONTROLS) == set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert normalize("a" + BIDI_CONTROLS + "b") == "ab"
    assert arabic.BIDI_CONTROL.sub("", "\u202bنص\u202c") == "نص"
    assert re.fullmatch(f"[{arabic.ARABIC_BLOCK}]+", "نص")


def test_search_and_the_store_use_the_one_terms_function():
    """What the index holds and what a query is scored with are ``arabic.terms``, not a copy."""
    from astana_cli import search
    from astana_cli.search import tokens

    assert tokens.terms is arabic.terms and search.terms is arabic.terms
