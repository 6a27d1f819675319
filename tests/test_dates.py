"""Arabic dates: both month families, pairs, qualifiers, relative words, Eastern digits."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astana_cli.text.dates import find_dates, publication_date, weekday_cues


def one(text, default=None):
    hits = find_dates(text, default)
    assert len(hits) == 1, hits
    h = hits[0]
    assert text[h.start:h.end] == h.evidence
    return h


@pytest.mark.parametrize("text,month", [
    ("وصل الوفد في كانون الثاني 2018", 1), ("وصل الوفد في كانون ثاني 2018", 1),
    ("وصل الوفد في شباط 2018", 2), ("وصل الوفد في آذار 2018", 3), ("وصل الوفد في نيسان 2018", 4),
    ("وصل الوفد في أيار 2018", 5), ("وصل الوفد في حزيران 2018", 6), ("وصل الوفد في تموز 2018", 7),
    ("وصل الوفد في آب 2018", 8), ("وصل الوفد في أيلول 2018", 9), ("وصل الوفد في تشرين الأول 2018", 10),
    ("وصل الوفد في تشرين الثاني 2018", 11), ("وصل الوفد في كانون الأول 2018", 12),
    ("وصل الوفد في يناير 2018", 1), ("وصل الوفد في فبراير 2018", 2), ("وصل الوفد في مارس 2018", 3),
    ("وصل الوفد في أبريل 2018", 4), ("وصل الوفد في ابريل 2018", 4), ("وصل الوفد في مايو 2018", 5),
    ("وصل الوفد في يونيو 2018", 6), ("وصل الوفد في يوليو 2018", 7), ("وصل الوفد في أغسطس 2018", 8),
    ("وصل الوفد في اغسطس 2018", 8), ("وصل الوفد في سبتمبر 2018", 9), ("وصل الوفد في أكتوبر 2018", 10),
    ("وصل الوفد في نوفمبر 2018", 11), ("وصل الوفد في ديسمبر 2018", 12),
])
def test_both_month_families(text, month):
    h = one(text)
    assert (h.year, h.month) == (2018, month)


def test_month_pairs_and_qualifiers():
    h = one("انتهى اللقاء في مطلع حزيران/يونيو 2019")
    assert (h.year, h.month, h.qualifier) == (2019, 6, "early")
    assert one("في منتصف تشرين الأول/أكتوبر").qualifier == "mid"
    assert one("في أواسط آذار (مارس)").qualifier == "mid"
    h = one("في أواخر تشرين الثاني/نوفمبر", 2018)
    assert (h.year, h.month, h.qualifier) == (2018, 11, "late")
    assert one("حتى نهاية كانون الأول", 2019).qualifier == "late"


def test_day_weekday_and_eastern_digits():
    h = one("عقد الاجتماع يوم الثلاثاء ١٤ أيار ٢٠١٩ في العاصمة")
    assert (h.year, h.month, h.day, h.weekday) == (2019, 5, 14, 1)
    h = one("يومي 3 و4 تموز/يوليو", 2020)
    assert (h.day, h.day_end, h.month) == (3, 4, 7)


def test_relative_words_count_from_the_default_date():
    ref = date(2018, 3, 10)
    assert one("في شباط الماضي", ref).year == 2018
    assert one("في نيسان الماضي", ref).year == 2017
    assert one("في نيسان المقبل", ref).year == 2018
    assert one("في شباط المقبل", ref).year == 2019
    h = one("في العاشر من الشهر الماضي", ref)
    assert (h.year, h.month, h.day) == (2018, 2, 10)
    h = one("قبل نهاية الشهر الجاري", ref)
    assert (h.year, h.month, h.qualifier) == (2018, 3, "late")
    assert one("في شهر كانون الأول الماضي", ref).year == 2017


def test_no_year_without_a_default():
    assert one("في أيلول الماضي").year is None


def test_iso_and_numeric_forms():
    assert one("نشر 2019-08-02").as_date() == date(2019, 8, 2)
    assert one("نشر 02/08/2019").as_date() == date(2019, 8, 2)


def test_words_that_are_not_months():
    assert find_dates("مارس الوفد ضغطا كبيرا على الحكومة") == []
    assert find_dates("قال أب لطفلين إن الحصار طويل") == []


def test_publication_date_from_a_header_line():
    text = "عنوان الخبر عن سوريا\nالأربعاء، 14 نوفمبر 2018 09:12 م\nقال مصدر إن المحادثات ستبدأ."
    d, s, e = publication_date(text)
    assert d == date(2018, 11, 14) and "14 نوفمبر 2018" in text[s:e]
    assert publication_date("تاريخ النشر: 2021-07-08\nنص الخبر")[0] == date(2021, 7, 8)
    assert publication_date("خبر\n08/07/2021\nنص")[0] == date(2021, 7, 8)


def test_a_date_inside_a_sentence_is_not_the_publication_date():
    assert publication_date("وأعلنت الوزارة أن الاجتماع سيعقد يوم 20 آذار الحالي في العاصمة.") is None
    assert publication_date("وأعلنت الوزارة أن الاجتماع عقد في 20 آذار 2019 في العاصمة.") is None


@pytest.mark.parametrize("gap", ["  ", "\n", " \t "])
def test_a_month_name_split_by_other_white_space_is_read(gap):
    """«تشرين  الثاني» with two spaces (or a line break) once raised a KeyError in analysis."""
    text = f"عقدت الجولة الثامنة يوم الخميس 21 كانون{gap}الأول 2017 في أستانة، وقبلها في 30 تشرين{gap}الأول الماضي"
    got = [(h.year, h.month, h.day) for h in find_dates(text)]
    assert got == [(2017, 12, 21), (None, 10, 30)]


def test_relative_words_are_the_listed_words_only():
    """The data file's "note" was once read letter by letter: single letters counted as «الماضي»."""
    from astana_cli.text.dates import _vocab

    rel = _vocab()["rel_of"]
    assert set(rel.values()) == {"past", "next", "current"}
    assert all(len(w) > 2 for w in rel)


def test_weekday_cues():
    cues = weekday_cues("وتنطلق المحادثات اليوم الاثنين بعد وصول الوفود أمس الأحد")
    assert [(c.weekday, c.offset) for c in cues] == [(0, 0), (6, -1)]


CHARS = list("ابتثجحخدذرزسشصضطظعغفقكلمنهوىيءآأإةؤئ ٠١٢٣٤٥٦٧٨٩0123456789/-،.\n:ـًٌٍَُِّْ")
PIECES = ["كانون الثاني", "أيار", "مايو", "الماضي", "أواخر", "الخميس", "يوم", " 16 ", "2017", "الشهر", "من"]
ARABIC = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=CHARS, max_size=10)), max_size=40).map(" ".join)


@given(ARABIC, st.sampled_from([None, 2018, date(2019, 6, 1)]))
def test_find_dates_never_raises_and_offsets_stay_inside(text, default):
    for h in find_dates(text, default):
        assert 0 <= h.start <= h.end <= len(text)
        assert text[h.start:h.end] == h.evidence
    publication_date(text)


@pytest.mark.parametrize("text,day", [
    ("عنوان الخبر\nالجمعة - 22 شهر ربيع الأول 1440 هـ - 30 نوفمبر 2018 مـ\nنص الخبر", date(2018, 11, 30)),
    ("عنوان الخبر\nالأحد 7 رمضان 1440 هـ الموافق 12 مايو 2019 م\nنص الخبر", date(2019, 5, 12)),
    ("عنوان الخبر\n30 نوفمبر 2018 م - 22 ربيع الآخر 1440 هـ\nنص الخبر", date(2018, 11, 30)),
    ("عنوان الخبر\nالثلاثاء 3 ذو القعدة 1440 هـ - 6 يوليو 2019\nنص الخبر", date(2019, 7, 6)),
    ("عنوان الخبر\nنشر في: 2019/04/25\nنص الخبر", date(2019, 4, 25)),
    ("تاريخ النشر: ٢٥-٠٤-٢٠١٩\nنص الخبر", date(2019, 4, 25)),
    ("عنوان الخبر\n25.04.2019\nنص الخبر", date(2019, 4, 25)),
    ("عنوان الخبر\nالخميس 25 أبريل 2019 - 11:30\nنص الخبر", date(2019, 4, 25)),
    ("عنوان الخبر\nنشر في 04/25/2019\nنص الخبر", date(2019, 4, 25)),
])
def test_publication_date_header_forms(text, day):
    assert publication_date(text)[0] == day


def test_relative_publication_forms_are_ignored():
    assert publication_date("عنوان الخبر\nمنذ 3 ساعات\nوقال إن الاجتماع عقد في 20 آذار 2019 في العاصمة.") is None
    assert publication_date("عنوان الخبر\nمنذ يومين\nنص الخبر") is None


def test_hijri_months_are_not_dates():
    assert find_dates("وصل الوفد في 22 ربيع الأول 1440 هـ") == []
    assert find_dates("قبل حلول شهر رمضان") == []


@pytest.mark.parametrize("text,ymd", [
    ("وصل الوفد في 04 May 2017 إلى العاصمة", (2017, 5, 4)),
    ("وصل الوفد في 17 January 2017 إلى العاصمة", (2017, 1, 17)),
    ("وصل الوفد في 9 Sept 2018 إلى العاصمة", (2018, 9, 9)),
])
def test_english_month_names_in_arabic_text(text, ymd):
    h = one(text)
    assert (h.year, h.month, h.day) == ymd


def test_an_english_word_may_is_no_month_alone():
    assert find_dates("He said they may come") == []


def test_a_date_line_with_a_label_a_time_and_a_dash():
    text = "رمز الخبر: 1234\nتأريخ النشر: 17:09 - 04 May 2017\nقال الوزير إن المحادثات مستمرة."
    assert publication_date(text)[0] == date(2017, 5, 4)
    # the minutes of a time are no day: «17:09 - 04» is not the 9th to the 4th
    h = one("نشر في 10:30 - 12 شباط 2019")
    assert (h.day, h.day_end) == (12, None)


def test_days_with_the_article_and_a_pair_of_month_names():
    h = one("يعقد الاجتماع في الـ20 والـ21 حزيران يونيو الجاري")
    assert (h.month, h.day, h.day_end, h.relative) == (6, 20, 21, "current")
    h = one("وعقدت الجولة يومي الـ22 والـ23 تشرين الثاني نوفمبر 2022")
    assert (h.year, h.month, h.day, h.day_end) == (2022, 11, 22, 23)


@pytest.mark.parametrize("text,day,rel", [
    ("وتبدأ المحادثات في 23 من هذا الشهر", 23, "current"),
    ("وأعلن في 17 من الشهر الجاري أنه سيتنحى", 17, "current"),
    ("وكان اللقاء في 5 من الشهر الماضي", 5, "past"),
])
def test_a_day_of_this_or_last_month(text, day, rel):
    h = one(text)
    assert (h.month, h.day, h.relative) == (0, day, rel)
