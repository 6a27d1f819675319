"""Round detection over short sentences written for these tests, and the corpus reference."""
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from astana_cli.extract.rounds import detect_rounds, round_of_span

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "gold" / "corpus_reference.json"


def named(text, **kw):
    """The rounds found by number (ordinal or digit)."""
    return sorted({h.round for h in detect_rounds(text, **kw).hits if h.kind in ("ordinal", "digit")})


@pytest.mark.parametrize("text,n", [
    ("يلتقي الوفد في الجولة الأولى من المحادثات في العاصمة الكازاخية", 1),
    ("شارك النظام في الجولة الثانية من المفاوضات", 2),
    ("وانتهى الاجتماع الثالث في أستانا بلا نتيجة", 3),
    ("تستأنف مفاوضات أستانة العاشرة غدا", 10),
    ("تعقد الجولة الحادية عشرة من محادثات آستانة هذا الأسبوع", 11),
    ("انطلقت الجولة الثانية عشرة في نور سلطان", 12),
    ("أعلنت الخارجية موعد الاجتماع الرابع عشر حول سوريا", 14),
    ("ستكون الجولة العشرين الأخيرة في كازاخستان", 20),
    ("انطلقت الجولة الحادية والعشرين في أستانا", 21),
    ("بدأت اليوم الجولة الثانية والعشرين من محادثات صيغة أستانا", 22),
    ("وصل الوفد إلى أستانا 9 صباح اليوم", 9),
    ("وتتواصل أعمال أستانا-13 في العاصمة", 13),
    ("قال إن الجولة 20 ستعقد الشهر المقبل", 20),
    ("وتختتم أعمال الاجتماع الـ19 مساء اليوم", 19),
    ("وانطلق الاجتماع الـ ١٧ في العاصمة", 17),
    ("يبدأ اجتماع أستانا الدولي السابع حول سوريا", 7),
    ("تنطلق جولة محادثات أستانة ١٥ في سوتشي", 15),
    ("وهذه الجولة من محادثات الأستانة هي الحادية عشرة منذ انطلاق المسار", 11),
])
def test_numbered_rounds(text, n):
    assert named(text) == [n]


@pytest.mark.parametrize("text", [
    "اتفقت الدول الضامنة في محادثات أستانا على 4 مناطق لخفض التصعيد",
    "يضم وفد المعارضة إلى مفاوضات أستانة 20 شخصا",
    "دعت موسكو إلى مؤتمر يجمع 30 قوة سياسية سورية",
    "يجتمع الخبراء يومي 1 و2 آذار قبل محادثات أستانا",
    "وكانت المفاوضات قد استمرت 3 أيام في أستانا",
    "عقدت جلسات أستانا يومي السابع والثامن من الشهر",
    "واختتمت مفاوضات أستانا في الخامس من الشهر الماضي",
    "انطلقت الجولة الثامنة من مفاوضات جنيف برعاية الأمم المتحدة",
    "وتبدأ الجولة الرابعة للجنة الدستورية في جنيف",
    "وتنعقد في جنيف الجولة السادسة من المحادثات السورية",
    "استقبل الرئيس نور سلطان نزارباييف الوفود في القصر",
    "وكان الاجتماع الأول من نوعه بين الوزيرين",
])
def test_not_rounds(text):
    assert named(text) == []


def test_other_process_rounds_are_not_mentioned():
    r = detect_rounds("وتأتي محادثات أستانا بعد فشل آخر جولة مفاوضات في جنيف", published=date(2017, 12, 21))
    assert r.main == [8] and r.mentioned == []


def test_an_article_dated_on_a_round_is_about_it():
    r = detect_rounds("بدأت في العاصمة الكازاخية محادثات أستانا حول سوريا بمشاركة الدول الضامنة.",
                      published=date(2018, 11, 28))
    assert r.main == [11] and not r.published_inferred


def test_the_city_name_does_not_decide_the_round():
    # «نور سلطان» written after the city became Astana again: the date decides (round 20)
    r = detect_rounds("انطلقت اليوم في نور سلطان محادثات جديدة حول سوريا.", published=date(2023, 6, 20))
    assert r.main == [20]
    r = detect_rounds("انطلقت اليوم في أستانة محادثات جديدة حول سوريا.", published=date(2019, 4, 25))
    assert r.main == [12]


def test_relative_rounds_resolve_against_the_main_round():
    text = ("بدأت اليوم الجولة التاسعة من محادثات أستانا. وكانت الجولة الماضية قد انتهت دون نتائج، "
            "على أن تعقد الجولة المقبلة في سوتشي.")
    r = detect_rounds(text, published=date(2018, 5, 14))
    assert r.main == [9]
    assert set(r.mentioned) == {8, 10}
    rel = {h.evidence: h.round for h in r.hits if h.kind == "relative"}
    assert rel["الجولة الماضية"] == 8 and rel["الجولة المقبلة"] == 10


def test_last_round_before_noun_is_the_previous_round():
    r = detect_rounds("وكانت آخر جولة من محادثات أستانا قد عقدت قبل أشهر. وتبدأ الجولة السادسة عشرة اليوم.")
    assert r.main == [16] and 15 in r.mentioned


def test_dates_near_talk_words_point_to_rounds():
    r = detect_rounds("وكانت محادثات أستانا في أواخر تشرين الأول/أكتوبر قد فشلت. وتنطلق الجولة الثامنة اليوم.",
                      published=date(2017, 12, 21))
    assert r.main == [8] and r.mentioned == [7]
    r = detect_rounds("وتوصلت الدول الضامنة في محادثات أستانا في أيار/مايو الماضي إلى اتفاق.",
                      published=date(2017, 7, 5))
    assert 4 in r.mentioned + r.main


def test_undated_article_announcing_the_next_round():
    text = ("تستعد الأطراف لجولة جديدة من محادثات أستانا. وكانت الجولة الرابعة قد اختتمت الشهر الماضي، "
            "وستبدأ الجولة الخامسة المقررة في العاصمة الكازاخية بعد أسابيع.")
    r = detect_rounds(text)
    assert r.main == [5] and r.mentioned == [4]
    assert r.published is None and not r.published_inferred


def test_undated_article_with_weekday_gets_an_inferred_date():
    # round 13 was Thursday-Friday 1-2 Aug 2019, round 14 Tuesday-Wednesday 10-11 Dec 2019
    text = "تنطلق اليوم الخميس في العاصمة الكازاخية الجولة الثالثة عشرة من محادثات أستانا حول سوريا."
    r = detect_rounds(text)
    assert r.main == [13] and r.published == date(2019, 8, 1)
    text = "تنطلق اليوم الثلاثاء في العاصمة الكازاخية الجولة الرابعة عشرة من محادثات أستانا."
    r = detect_rounds(text)
    assert r.main == [14] and r.published == date(2019, 12, 10) and r.published_inferred


def test_undated_article_day_and_weekday_choose_the_year():
    text = ("تستضيف العاصمة الكازاخية اليوم الخميس اجتماعات جديدة حول سوريا. "
            "وقالت الخارجية إن الاجتماع سيعقد يوم الخميس 16 شباط بحضور الوفود، بعد المحادثات التي جرت في كانون الثاني الماضي.")
    r = detect_rounds(text)
    assert r.main == [2] and r.mentioned == [1]
    assert r.published == date(2017, 2, 16) and r.published_inferred


def test_title_names_the_main_round():
    r = detect_rounds("قال المبعوث إن الجولة الخامسة كانت مفيدة.", title="انطلاق الجولة السابعة من محادثات أستانا")
    assert r.main == [7]


def test_round_of_span():
    text = "بدأت الجولة العاشرة من محادثات أستانا. وقال المتحدث إن الوفود وصلت."
    r = detect_rounds(text, published=date(2018, 7, 30))
    first = text.index(".") + 1
    assert round_of_span(r, 0, first) == 10
    assert round_of_span(r, first, len(text)) is None


def test_offsets_are_original_even_with_harakat():
    text = "وَبَدَأَتْ اليومَ الجولةُ السّادسةُ مِنْ محادثاتِ أستانة"
    h = [h for h in detect_rounds(text).hits if h.kind == "ordinal"][0]
    assert text[h.start:h.end] == h.evidence and "السّادسةُ" in h.evidence


@pytest.mark.skipif(not REFERENCE.exists(), reason="no shared reference")
def test_corpus_matches_the_reference():
    from astana_cli.text.dates import publication_date

    ref = json.loads(REFERENCE.read_text(encoding="utf-8"))
    for art in ref["articles"]:
        path = ROOT / "corpus" / art["file"]
        if not path.exists():
            continue
        r = detect_rounds(path.read_text(encoding="utf-8"))
        assert r.main == art["main_rounds"], art["file"]
        assert set(art["mentioned_rounds"]) <= set(r.mentioned), art["file"]
        assert set(r.mentioned) == set(art["mentioned_rounds"]), art["file"]
        if art["published"]:
            assert r.published == date.fromisoformat(art["published"]), art["file"]


WORDS = ["الجولة", "السادسة", "أستانا", "الاجتماع", "الـ", "22", "١٥", "جنيف", "الماضية", "المقبلة",
         "اليوم", "الخميس", "16", "شباط", "أيار/مايو", "الماضي", "نور سلطان", "نزارباييف", "هي", "هذه",
         "محادثات", "من", "في", "-", "،", ".", "\n", "ّ", "ـ", "الحادية", "عشرة", "والعشرين"]
ARABIC = st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet="ابتجدهوزحطيكلمنسعفصقرشتثخذضظغءآأإةىئ ٠١٩0 ", max_size=8)),
                  max_size=60).map(" ".join)


@given(ARABIC, st.sampled_from([None, date(2017, 9, 14), date(2022, 1, 1)]))
def test_detect_rounds_never_raises_and_offsets_stay_inside(text, published):
    r = detect_rounds(text, published=published, title=text[:40])
    for h in r.hits:
        assert 0 <= h.start <= h.end <= len(text)
        assert text[h.start:h.end] == h.evidence
        assert 1 <= h.round <= 22
    assert not set(r.main) & set(r.mentioned)
