"""Normalization, clitics and sentences: the rules every other module relies on."""
from hypothesis import given
from hypothesis import strategies as st

from astana_cli.text.arabic import normalize, normalize_with_map, original_span, sentences, strip_clitics, words

ARABIC_HEAVY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(list(" \n\t.,،؛؟!:\"'«»“”„‘’()ـ٠١٢٣٤٥٦٧٨٩۰۱\u200b\u200c\u200d\u200e\u200f\u202b\u202c\u2067\u2069\ufeffﻻ")),
        st.characters(),
    ),
    max_size=300,
)


def test_spelling_variants_of_astana_fold_together():
    assert {normalize(w) for w in ["أستانة", "آستانة", "استانة", "إستانة"]} == {"استانه"}
    assert normalize("أستانا") == normalize("استانا")


def test_harakat_tatweel_and_controls_disappear():
    assert normalize("قَدَّمَ") == "قدم"
    assert normalize("الاجتماعـــات") == "الاجتماعات"
    assert normalize("دي\u200f ميستورا\u200b") == "دي ميستورا"


def test_yeh_teh_marbuta_persian_letters_and_digits():
    assert normalize("دى ميستورا") == "دي ميستورا"
    assert normalize("الجولة") == "الجوله"
    assert normalize("کی") == "كي"
    assert normalize("١٥ شباط ۲۰۱۷") == "15 شباط 2017"


def test_dagger_alef_becomes_alef():
    assert normalize("هٰذا") == "هاذا"


def test_white_space_folds():
    assert normalize("  وقف \n\t إطلاق   النار ") == "وقف اطلاق النار"


def test_map_points_back_to_the_original_spelling():
    text = "قال  لافرِينتييف: «نَأمل»"
    norm, offsets = normalize_with_map(text)
    a = norm.index("لافرينتييف")
    s, e = original_span(offsets, a, a + len("لافرينتييف"))
    assert text[s:e] == "لافرِينتييف"


def test_clitics_and_article_are_stripped_but_root_letters_stay():
    assert strip_clitics("وبالأستانة") == "استانه"
    assert strip_clitics("للمعارضة") == "معارضه"
    assert strip_clitics("والتصعيد") == "تصعيد"
    assert strip_clitics("وزير") == "وزير"
    assert strip_clitics("وقف") == "وقف"


def test_sentences_split_at_arabic_punctuation_but_not_inside_quotes():
    text = 'قال الوزير "نحن هنا. وسنبقى" ثم غادر. هل انتهى؟ نعم\nسطر ثان'
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ['قال الوزير "نحن هنا. وسنبقى" ثم غادر.', "هل انتهى؟", "نعم", "سطر ثان"]


def test_sentences_keep_decimal_numbers_whole():
    text = "بلغت النسبة 3.5 في المئة. وانتهى"
    assert [text[s:e] for s, e in sentences(text)] == ["بلغت النسبة 3.5 في المئة.", "وانتهى"]


def test_an_unbalanced_quote_does_not_swallow_the_line():
    text = "قال «نريد السلام. ثم غادر. وانتهى الاجتماع"
    assert len(sentences(text)) == 3


@given(ARABIC_HEAVY)
def test_normalize_is_idempotent_and_never_raises(s):
    n = normalize(s)
    assert normalize(n) == n


@given(ARABIC_HEAVY)
def test_map_agrees_with_normalize_and_stays_inside_the_text(s):
    norm, offsets = normalize_with_map(s)
    assert norm == normalize(s)
    assert len(offsets) == len(norm) + 1
    assert all(0 <= o <= len(s) for o in offsets)
    assert offsets == sorted(offsets)
    for i, ch in enumerate(norm):
        if ch != " ":
            assert normalize(s[offsets[i]]) != "" or ch in normalize(s[offsets[i]:offsets[i] + 2])


@given(ARABIC_HEAVY, st.integers(0, 300), st.integers(0, 300))
def test_any_normalized_span_maps_to_a_span_of_the_original(s, a, b):
    norm, offsets = normalize_with_map(s)
    a, b = sorted((min(a, len(norm)), min(b, len(norm))))
    start, end = original_span(offsets, a, b)
    assert 0 <= start <= end <= len(s)
    if b > a:
        assert normalize(s[start:end]).replace(" ", "") == norm[a:b].replace(" ", "") or norm[a:b].strip() == ""


@given(ARABIC_HEAVY)
def test_sentences_are_ordered_spans_inside_the_text(s):
    last = 0
    for start, end in sentences(s):
        assert last <= start < end <= len(s)
        last = end


@given(ARABIC_HEAVY)
def test_words_and_clitics_never_raise(s):
    for start, end, w in words(s):
        assert s[start:end] == w
        stem = strip_clitics(w)
        assert normalize(stem) == stem
