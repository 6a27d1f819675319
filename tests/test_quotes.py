"""Quotes and their speakers. The sentences are invented for the tests (other people, verbs and
quote marks than the corpus); the last tests run the corpus against the reference annotation."""
from __future__ import annotations

import importlib.util
import json
import string
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astana_cli.extract.quotes import extract_quotes, find_mentions

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "gold" / "corpus_reference.json"
SCORER = ROOT.parent / "shared" / "tools" / "score_reference.py"


def quotes(text, published=None):
    return extract_quotes(text, published)


def one(text, published=None):
    qs = quotes(text, published)
    assert len(qs) == 1, [(q.speaker, q.text) for q in qs]
    return qs[0]


def speakers(text, published=None):
    return [q.speaker for q in quotes(text, published)]


# --- direct quotes in every quote style -------------------------------------------------------------

@pytest.mark.parametrize("text, who, words", [
    ('قال وزير الخارجية التركي مولود جاويش أوغلو "نحن ملتزمون بمسار أستانا".', "Mevlüt Çavuşoğlu", "نحن ملتزمون"),
    ("وقال بيدرسون: «اللجنة الدستورية ستجتمع الشهر المقبل».", "Geir Pedersen", "اللجنة الدستورية"),
    ("أكد ظريف “لا حل عسكريا للأزمة في سوريا”.", "Mohammad Javad Zarif", "لا حل عسكريا"),
    ("وقالت زاخاروفا ‘الغرب يعرقل التسوية السياسية’.", "Maria Zakharova", "الغرب يعرقل"),
    ("وأضاف لافروف „سنواصل العمل مع الشركاء في الصيغة“.", "Sergey Lavrov", "سنواصل العمل"),
    ("وقال سوسان ”الوجود الأجنبي غير الشرعي يجب أن ينتهي”.", "Ayman Sousan", "الوجود الأجنبي"),
    ('وقال الجعفري "وفد الحكومة جاء بنوايا إيجابية إلى هذه الجولة.', "Bashar al-Jaafari", "بنوايا إيجابية"),
])
def test_direct_quote_styles(text, who, words):
    q = one(text)
    assert (q.speaker, q.kind) == (who, "direct")
    assert words in q.text and q.speaker_id


def test_direct_speech_after_colon_and_after_speaker():
    q = one("وقال خاجي: نريد حلا سياسيا شاملا يحفظ وحدة سوريا.")
    assert (q.speaker, q.kind) == ("Ali Asghar Khaji", "direct") and q.text.startswith("نريد")
    q = one("وقال بيسكوف، نتابع الوضع في إدلب عن كثب ولا نرى بديلا عن الاتفاق.")
    assert (q.speaker, q.kind) == ("Dmitry Peskov", "direct") and q.text.startswith("نتابع")


def test_headline_name_colon():
    q = one("غوتيريش: الحل السياسي هو الطريق الوحيد لإنهاء معاناة السوريين")
    assert (q.speaker, q.kind) == ("António Guterres", "direct")
    assert quotes("سوتشي: اجتماع ثلاثي جديد حول إدلب") == []  # a place, not a speaker


# --- reported speech: every verb form, أن/إن, verbal nouns, mixed ------------------------------------

@pytest.mark.parametrize("text, who", [
    ("أوضح عبد اللهيان أن بلاده تدعم الحوار بين دمشق وأنقرة.", "Hossein Amir-Abdollahian"),
    ("اعتبر أردوغان أن المنطقة الآمنة ضرورية لعودة اللاجئين.", "Recep Tayyip Erdoğan"),
    ("ورأى البحرة أن النظام يماطل في أعمال اللجنة.", "Hadi al-Bahra"),
    ("ولفت العبدة إلى أن ملف المعتقلين أولوية للهيئة.", "Anas al-Abdah"),
    ("كشف أونال أن الاجتماع التقني سيعقد في أنقرة.", "Sedat Önal"),
    ("صرّح الصفدي بأن الأردن يدعم أي اتفاق يحفظ أمن الحدود.", "Ayman Safadi"),
    ("حذرت زاخاروفا من أن التصعيد في الشمال خطير جدا.", "Maria Zakharova"),
    ("نفى بيسكوف أن تكون موسكو قد تلقت طلبا بهذا الشأن.", "Dmitry Peskov"),
    ("وذكرت زاخاروفا أن الجولة المقبلة ستعقد في موعدها.", "Maria Zakharova"),
    ("يرى تيليوبيردي أن بلاده منصة محايدة للحوار.", "Mukhtar Tileuberdi"),
    ("وأفاد دوجاريك بأن الأمين العام يرحب بالبيان الختامي.", "Stéphane Dujarric"),
    ("وتابع باقري كني أن العقوبات تعرقل إعادة الإعمار.", "Ali Bagheri Kani"),
])
def test_reported_speech(text, who):
    q = one(text)
    assert (q.speaker, q.kind) == (who, "indirect")


def test_verbal_noun_and_preposition_objects():
    q = one("أعلن توكاييف استعداد بلاده لاستضافة جولة جديدة من المحادثات.")
    assert q.speaker == "Kassym-Jomart Tokayev" and q.text.startswith("استعداد")
    q = one("شدد المقداد على أهمية انسحاب القوات الأجنبية من الأراضي السورية.")
    assert q.speaker == "Faisal Mekdad" and q.text.startswith("على أهمية")
    q = one("دعا غوتيريش إلى وقف فوري لإطلاق النار في شمال غرب سوريا.")
    assert q.speaker == "António Guterres"


def test_mixed_quote():
    q = one('وقال بيدرسون إن المحادثات كانت "بناءة ومفيدة" رغم الخلافات.')
    assert (q.speaker, q.kind) == ("Geir Pedersen", "mixed")


def test_participles_continue_the_speaker():
    qs = quotes('وقال لافروف إن الاتفاق ما زال صامدا، مشيراً إلى أن "الجماعات المتشددة تخرقه يوميا".')
    assert [q.speaker for q in qs] == ["Sergey Lavrov", "Sergey Lavrov"]
    assert "تخرقه" in qs[1].text
    qs = quotes("أكد خاجي أن طهران ستواصل دعم المسار، معتبراً أن البديل هو الفوضى، ومشدداً على دور الأمم المتحدة.")
    assert set(q.speaker for q in qs) == {"Ali Asghar Khaji"} and len(qs) == 3
    assert quotes("شهدت الجولة تطورا لافتا في مواقف الوفود.") == []  # an adjective, no speaker


# --- who speaks: apposition, titles, continuations ----------------------------------------------

def test_title_in_apposition():
    q = one("وقال رئيس الوفد الإيراني، علي أصغر خاجي، إن طهران تدعم وحدة الأراضي السورية.")
    assert q.speaker == "Ali Asghar Khaji" and q.speaker_ar == "علي أصغر خاجي"


def test_title_alone_resolves_by_date_only_with_one_holder():
    text = "قال المبعوث الأممي إلى سوريا إن اللجنة الدستورية ستنعقد قريبا."
    assert one(text, date(2017, 5, 1)).speaker == "Staffan de Mistura"
    assert one(text, date(2021, 5, 1)).speaker == "Geir Pedersen"
    q = one(text)  # no date: two holders, no person
    assert q.speaker_id is None and q.speaker == "UN special envoy for Syria"
    assert one("قال وزير الخارجية الروسي إن موسكو تدعم الاتفاق.", date(2019, 4, 25)).speaker == "Sergey Lavrov"
    # two foreign ministers of Iran held office in 2021: no person
    assert one("قال وزير الخارجية الإيراني إن الجولة مهمة.", date(2021, 7, 1)).speaker_id is None


def test_title_named_earlier_in_the_article():
    text = ("التقى نائب وزير الخارجية الروسي ميخائيل بوغدانوف السفير السوري في موسكو. "
            "وأكد نائب وزير الخارجية الروسي أن بلاده تدعم استئناف الحوار.")
    assert speakers(text) == ["Mikhail Bogdanov"]
    # a title several people hold at once is never resolved by date alone
    q = one("وأكد نائب وزير الخارجية الروسي أن بلاده تدعم استئناف الحوار.", date(2018, 1, 1))
    assert q.speaker_id is None and "deputy" in q.speaker


def test_after_a_sentence_naming_the_subject():
    q = one("التقى بوتين نظيره التركي رجب طيب أردوغان في سوتشي، أعلن على إثرها أن الاتفاق صامد.")
    assert q.speaker == "Vladimir Putin"


def test_continuations_follow_the_last_speaker_of_the_same_gender():
    text = ("وقال لافروف إن الضامنين متفقون على الخطوط العامة. وأضاف أن الخلاف ما زال قائما حول إدلب. "
            "وأكد أنه سيلتقي نظيره التركي قريبا.")
    assert speakers(text) == ["Sergey Lavrov"] * 3
    text = ("وقال متحدث باسم وزارة الخارجية الكازاخستانية إن الوفود وصلت إلى العاصمة. "
            "وأعلنت وزارة الخارجية الكازاخستانية أن الجولة ستبدأ غدا. "
            "وأضافت أن المبعوث الأممي غير بيدرسون سيشارك في الجلسة الختامية.")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Kazakh foreign ministry spokesman", "Kazakh foreign ministry",
                                       "Kazakh foreign ministry"]
    # a feminine verb never continues a man
    assert speakers("وقال لافروف إن الاتفاق صامد. وأكدت أن الحوار مستمر.") == ["Sergey Lavrov"]


def test_subject_before_the_verb():
    assert speakers("وكان لافروف قد أكد أن الضامنين سيجتمعون قريبا.") == ["Sergey Lavrov"]
    q = one("غير أن وزارة الخارجية التركية قالت إن المنطقة العازلة ضرورية.")
    assert q.speaker == "Turkish foreign ministry" and q.speaker_id is None


def test_quoted_from_another_outlet():
    q = one("ونقلت وكالة تاس عن بوغدانوف قوله إن الجولة المقبلة ستعقد في أستانا.")
    assert q.speaker == "Mikhail Bogdanov" and "الجولة المقبلة" in q.text


# --- organisations and anonymous sources ------------------------------------------------------------

@pytest.mark.parametrize("text, label", [
    ("وقال مصدر دبلوماسي روسي إن الجولة قد تتأجل.", "Russian diplomatic source"),
    ("وذكرت مصادر مطلعة أن الوفود ستلتقي مساء.", "informed sources"),
    ("وقال مسؤولون أتراك إن نقاط المراقبة باقية.", "Turkish officials"),
    ("وأفاد البيان بأن الضامنين يرفضون الأجندات الانفصالية.", "statement"),
    ("وقالت إيران إن وجودها في سوريا شرعي.", "Iran"),
    ("وقال متحدث باسم وزارة الخارجية الإيرانية إن الاجتماع كان مثمرا.", "Iranian foreign ministry spokesman"),
])
def test_organisations_and_anonymous_sources(text, label):
    q = one(text)
    assert q.speaker == label and q.speaker_id is None


def test_unknown_person_keeps_the_arabic_phrase():
    q = one("وقال الخبير العسكري أحمد حمادة إن الاتفاق هش.")
    assert q.speaker_id is None and "حمادة" in q.speaker


def test_source_words_are_the_speaker_even_with_a_name_after_them():
    q = one("وقال مسؤول روسي رافق لافروف إن الزيارة ناجحة.")
    assert q.speaker_id is None and q.speaker.startswith("مسؤول")
    assert one("وقال مسؤول روسي إن الزيارة ناجحة.").speaker == "Russian official"
    assert one("وقال مصدر مقرب من لافروف إن الوزير غاضب.").speaker_id is None
    assert one("وقال المتحدث باسم الكرملين ديمتري بيسكوف إن الرئيس سيشارك.").speaker == "Dmitry Peskov"


def test_quote_before_the_verb_and_according_to():
    q = one("«الاتفاق صامد رغم الخروقات»، قال لافروف للصحفيين.")
    assert (q.speaker, q.kind, q.text) == ("Sergey Lavrov", "direct", "الاتفاق صامد رغم الخروقات")
    assert one("وبحسب زاخاروفا، فإن الحوار مستمر.").speaker == "Maria Zakharova"


def test_participle_after_the_speaker_carries_the_content():
    q = one("وقال بيدرسون معلقا: لا بديل عن الحوار السوري.")
    assert (q.speaker, q.kind) == ("Geir Pedersen", "direct") and q.text.startswith("لا بديل")


def test_subject_of_a_sentence_without_reporting_verb():
    text = "وتطرق ظريف إلى الوضع في إدلب. وقال إن الإرهابيين يستغلون الهدنة."
    assert speakers(text) == ["Mohammad Javad Zarif"]


# --- traps: mentions are not speakers ---------------------------------------------------------------

def test_person_named_inside_the_quote_is_not_the_speaker():
    q = one('وقال العريضي "نحن نثق بقيادة نصر الحريري للوفد في هذه المرحلة".')
    assert q.speaker == "Yahya al-Aridi"


@pytest.mark.parametrize("text", [
    "التقى لافروف ظريف في موسكو أمس.",
    "سيحضر بيدرسون الجلسة الافتتاحية صباح الغد.",
    "كلفت الهيئة أحمد طعمة برئاسة الوفد المفاوض.",
    "وسيلتقي غوتيريش وزير الخارجية التركي في نيويورك.",
])
def test_meetings_and_appointments_are_not_quotes(text):
    assert quotes(text) == []


def test_names_behind_a_preposition_or_a_relative_are_not_speakers():
    assert all(q.speaker != "Sergey Lavrov" for q in quotes("وقال في اتصال مع لافروف إن التعاون مستمر."))
    q = one("وأكد البيان الذي نشره مكتب بيدرسون أن الجولة انتهت.")
    assert q.speaker == "statement"


def test_future_attendance_reported_by_someone_else():
    text = "وقالت الخارجية الروسية إن غوتيريش سيشارك في القمة. وأضافت أن بيدرسون سيحضر أيضا."
    assert speakers(text) == ["Russian foreign ministry", "Russian foreign ministry"]


def test_find_mentions():
    ms = find_mentions("التقى لافروف دي مستورا، ثم اتصل ببوتين.")
    assert [m.person_id for m in ms] == ["lavrov", "de_mistura"]
    assert ms[1].text == "دي مستورا"


def test_offsets_point_into_the_text():
    text = "عنوان\n\nوقال لافروف إن «الاتفاق صامد» رغم الخروقات.\n"
    q = one(text)
    assert text[q.start:q.end] == q.text
    assert q.sentence_start <= q.start < q.end <= q.sentence_end


# --- robustness -------------------------------------------------------------------------------------

_PIECES = ["قال", "وقالت", "أكد", "مضيفاً", "أن", "إن", "لافروف", "دي مستورا", "وزارة", "مصدر", "رئيس الوفد الروسي",
           "«", "»", "“", "”", "„", "‘", "’", '"', ":", "،", ".", "؟", "\n", " ", "ـ", "\u200f", "َ", "1", "x"]
_text = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة " +
                                                              string.punctuation, max_size=6)),
                 max_size=60).map("".join)


@given(_text)
def test_extract_quotes_never_raises_and_offsets_stay_inside(text):
    for q in extract_quotes(text):
        assert 0 <= q.sentence_start <= q.start <= q.end <= q.sentence_end <= len(text)
        assert text[q.start:q.end] == q.text and q.kind in ("direct", "indirect", "mixed")


# --- the corpus against the reference, with the scorer's matching rule --------------------------------

@pytest.mark.skipif(not (REFERENCE.exists() and SCORER.exists()), reason="reference annotation not available")
def test_corpus_against_reference():
    spec = importlib.util.spec_from_file_location("score_reference", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    norm, surname = scorer.norm, scorer.surname
    ref = json.loads(REFERENCE.read_text(encoding="utf-8"))
    named = {surname(n) for n in ref["named_speakers"]}

    def matches(q, keys):
        return any(norm(k) in norm(q["text"]) or norm(k) in norm(q["sentence"]) for k in keys)

    for dated in (True, False):  # with the reference's dates, and with no date at all
        hit = total = good = credited = sprung = 0
        for art in ref["articles"]:
            text = (ROOT / "corpus" / art["file"]).read_text(encoding="utf-8")
            published = date.fromisoformat(art["published"]) if dated and art["published"] else None
            qs = [{"speaker": q.speaker, "text": q.text, "sentence": text[q.sentence_start:q.sentence_end]}
                  for q in extract_quotes(text, published)]
            for rq in art["quotes"]:
                if surname(rq["speaker"]) in named and not rq.get("optional"):
                    total += 1
                    hit += any(surname(q["speaker"]) == surname(rq["speaker"]) and matches(q, rq["keys"]) for q in qs)
            for q in qs:
                if surname(q["speaker"]) in named:
                    credited += 1
                    good += any(surname(rq["speaker"]) == surname(q["speaker"]) and matches(q, rq["keys"])
                                for rq in art["quotes"])
            for t in art.get("traps", []):
                sprung += any(surname(q["speaker"]) == surname(t["not_speaker"]) and (not t["keys"] or matches(q, t["keys"]))
                              for q in qs)
        assert credited and good / credited >= 0.95, (good, credited)
        assert hit / total >= 0.90, (hit, total)
        assert sprung == 0
