"""The outlet a plain-text article states at its head (a dateline, a source label) or in a credit."""
import json

import pytest

from astana_cli.analyze import analyze
from astana_cli.store import Document

LEAD = "قال وزير الخارجية إن الجولة المقبلة من محادثات أستانا ستعقد في موعدها بعد التشاور مع الحلفاء."


def outlet(text: str):
    """The outlet ``analyze`` finds in an article that states none elsewhere."""
    return analyze(Document("/x/a.txt", "a.txt", text)).source


@pytest.mark.parametrize("text, expected", [
    (f"قناة الأخبار| دبي\n\n{LEAD}", "قناة الأخبار"),  # a bar dateline on its own line
    (f"شبكة الشام| {LEAD}", "شبكة الشام"),  # … or opening the first paragraph
    (f"دمشق-سانا\n\n{LEAD}", "سانا"),  # city-agency
    (f"دمشق-سانا {LEAD}", "سانا"),
    (f"أنقرة (الأناضول) - {LEAD}", "الأناضول"),  # the agency in parentheses after the city
    (f"(الأناضول) - {LEAD}", "الأناضول"),
    (f"موسكو/ سبوتنيك: {LEAD}", "سبوتنيك"),
    (f"دمشق، سوريا (CNN) -- {LEAD}", "CNN"),
    (f"طهران – مدار اليوم\n\n{LEAD}", "مدار اليوم"),
    (f"المفاوضات تستأنف\n\nالمصدر: وكالة سبوتنيك\n\n{LEAD}", "وكالة سبوتنيك"),
    (f"المصدر: (أبوظبي - صحيفة الخليج) التاريخ: 03 يونيو 2020\n\n{LEAD}", "صحيفة الخليج"),
    (f"{LEAD}\n\nوأكد الوفد في بيان وصل نسخة منه إلى \"شبكة المراقب\" أن الوفد سيحضر.", "شبكة المراقب"),
])
def test_the_outlet_stated_at_the_head(text, expected):
    assert outlet(text) == expected


@pytest.mark.parametrize("text", [
    f"أستانة: فشل المحادثات في تحديد مناطق خفض التصعيد\n\n{LEAD}",  # a headline with a colon
    f"دبي - الإمارات العربية المتحدة (فاطمة علي) {LEAD}",  # a reporter's name, not an outlet
    "قال الوزير إن دمشق - وهي العاصمة - تستضيف الاجتماع المقبل للدول الضامنة.",  # a dash in a sentence
    f"{LEAD}\n\nوأضاف أن الوفد الروسي (برئاسة لافرينتييف) وصل.",
])
def test_no_outlet_where_the_text_names_none(text):
    assert outlet(text) is None


def test_a_source_label_is_not_the_title():
    doc = Document("/x/a.txt", "a.txt", f"المصدر: وكالة سبوتنيك\n\nالمفاوضات تستأنف في أستانا\n\n{LEAD}")
    a = analyze(doc)
    assert a.source == "وكالة سبوتنيك" and a.title == "المفاوضات تستأنف في أستانا"


def test_the_outlet_is_listed_after_ingest(run, tmp_path):
    (tmp_path / "a.txt").write_text(f"الوفود تصل إلى أستانا\n\nدمشق-سانا\n\n{LEAD}", encoding="utf-8")
    assert run("ingest", tmp_path).exit_code == 0
    assert json.loads(run("articles", "--format", "json").stdout)[0]["outlet"] == "سانا"
