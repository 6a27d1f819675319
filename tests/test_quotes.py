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
REFERENCE = ROOT / "tests" / "gold" / "corpus_reference.json"
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


# --- patterns found on held-out articles (the sentences are invented: other people, other words) ------

def _who(text, published=None):
    return [(q.speaker, q.text) for q in quotes(text, published)]


def test_bare_title_refers_back_to_the_last_holder_named():
    text = ("التقى وزير الخارجية التركي مولود جاويش أوغلو نظيره الإيراني في أنقرة.\n"
            "وأكد الوزير التركي مجددا أن بلاده متمسكة بالحل السياسي.")
    q = quotes(text)[-1]
    assert q.speaker == "Mevlüt Çavuşoğlu" and q.text.startswith("بلاده") and q.verb == "وأكد"
    assert quotes("وأكد الوزير التركي أن بلاده متمسكة بالحل السياسي.") == []  # nobody named before


@pytest.mark.parametrize("text, who, words", [
    ("أما المتحدث باسم الكرملين ديمتري بيسكوف، فقد رد على سؤال الصحفيين بالقول: «لا تعليق لدينا على هذه التقارير».",
     "Dmitry Peskov", "لا تعليق لدينا"),
    ("أما زاخاروفا فقد اكتفت بالقول للصحفيين إن «الحوار مستمر».", "Maria Zakharova", "الحوار مستمر"),
])
def test_reply_and_merely_said(text, who, words):
    q = one(text)
    assert q.speaker == who and q.text.startswith(words)


def test_described_it_as():
    assert ("Mikhail Bogdanov", "بناءة ومفيدة") in _who('وأشاد بوغدانوف بنتائج اللقاء، ووصفها بأنها "بناءة ومفيدة".')
    assert _who("وجاء في وصفه للوضع أنه صعب.") == []  # «في وصفه»: a noun


def test_but_she_warned_continues_the_speaker_never_a_preposition():
    q = one('ورحبت زاخاروفا بالبيان، لكنها حذرت من أن "التصعيد قد يعود".')
    assert q.speaker == "Maria Zakharova" and "التصعيد قد يعود" in q.text
    assert _who('وحذر من أن "الوضع خطير".') == []  # no one to continue: no quote, never «من»


@pytest.mark.parametrize("text, who, words", [
    ("وستعقد الجولة المقبلة في طهران مطلع الربيع، وفق ما أعلنه خاجي.", "Ali Asghar Khaji", "وستعقد الجولة المقبلة"),
    ("«الهدنة صامدة في معظم المناطق»، بحسب ما صرح به بوغدانوف للصحفيين.", "Mikhail Bogdanov", "الهدنة صامدة"),
    ("وتراجعت حدة القصف في ريف حماة، بحسب بيسكوف.", "Dmitry Peskov", "وتراجعت حدة القصف"),
    ("وسيحضر الاجتماع مراقبون من الأردن، حسبما قال أونال.", "Sedat Önal", "وسيحضر الاجتماع"),
])
def test_attribution_after_the_claim(text, who, words):
    q = one(text)
    assert q.speaker == who and q.text.startswith(words)


def test_attribution_after_the_claim_needs_a_speaker():
    assert quotes("وقد تأجل الاجتماع، بحسب ما أعلن سابقا.") == []


def test_split_quotation_both_halves():
    assert _who("«الحوار هو الطريق الوحيد»، يقول المقداد، «ولا بديل عنه».") == [
        ("Faisal Mekdad", "الحوار هو الطريق الوحيد"), ("Faisal Mekdad", "ولا بديل عنه")]


def test_pointed_out_without_subject_continues():
    qs = quotes("وقال المقداد إن المحادثات كانت صريحة.\nوأشار إلى أنه سيزور موسكو قريبا.")
    assert [q.speaker for q in qs] == ["Faisal Mekdad", "Faisal Mekdad"]
    assert quotes("وقالت زاخاروفا إن الحوار مستمر.\nلكنها أشارت إلى أن موسكو قلقة.")[-1].speaker == "Maria Zakharova"


@pytest.mark.parametrize("text, who", [
    ("ونقلت وكالة «تاس» عن نائب وزير الخارجية الروسي ميخائيل بوغدانوف قوله إن الاتصالات مستمرة مع أنقرة.",
     "Mikhail Bogdanov"),
    ("ونقلت صحيفة «الثورة» عن رئيس وفد «الحكومة السورية» بشار الجعفري قوله إن الوفد لن يقبل بأي شروط مسبقة.",
     "Bashar al-Jaafari"),
])
def test_quoted_from_a_person_by_an_outlet(text, who):
    q = one(text)
    assert q.speaker == who and q.text.startswith(("الاتصالات", "الوفد"))


def test_unseen_spelling_and_unknown_person():
    assert one("وقال ميخائيل بغدانوف إن موسكو ترحب بالمبادرة.").speaker == "Mikhail Bogdanov"
    q = one("وقال نائب وزير الخارجية الروسي سيرغي ريابكوف إن الاتفاق صامد.")
    assert (q.speaker, q.speaker_ar, q.speaker_id) == ("سيرغي ريابكوف", "سيرغي ريابكوف", None)
    q = one("قال وزير الخارجية الكازاخي يرلان كارين إن بلاده مستعدة لاستضافة الجولة.", date(2023, 5, 1))
    assert q.speaker == "يرلان كارين"  # a name after the title wins over the holder of the year
    q = one("وقال وزير الخارجية الروسي بكل وضوح إن موسكو لن تتراجع.", date(2020, 1, 1))
    assert q.speaker == "Sergey Lavrov"  # «بكل وضوح» is not a name


def test_new_subject_takes_the_participles():
    text = ("وقال لافروف إن الحوار مستمر.\nأما وزير الخارجية التركي مولود جاويش أوغلو فقد حمّل الحكومة السورية "
            "المسؤولية، معتبرا أن \"الوضع لا يحتمل\"، ومشيرا إلى أن أنقرة سترد.")
    assert [q.speaker for q in quotes(text)] == ["Sergey Lavrov", "Mevlüt Çavuşoğlu", "Mevlüt Çavuşoğlu"]


def test_relative_clause_speaker_is_the_antecedent():
    qs = quotes("وقال لافروف إن الحوار مستمر.\nوالتقى الوفد وزير الخارجية الإيراني محمد جواد ظريف، "
                "الذي قال للصحفيين إن طهران تدعم التهدئة.")
    assert qs[-1].speaker == "Mohammad Javad Zarif"
    qs = quotes("وقال لافروف إن الحوار مستمر.\nوتلا مندوب الخارجية التركية البيان المشترك، الذي أشار إلى أن "
                "الدول الضامنة ستواصل التنسيق.")
    assert qs[-1].speaker == "joint statement"
    qs = quotes("وقال لافروف إن الحوار مستمر.\nوانتهى الاجتماع الطويل، الذي قال إن الأجواء كانت إيجابية.")
    assert [q.speaker for q in qs] == ["Sergey Lavrov"]  # no antecedent that speaks: never the last speaker


def test_was_and_past_verb_without_qad():
    q = one("وكان المتحدث باسم الكرملين ديمتري بيسكوف أكد صباح اليوم أن الرئيس سيتابع النتائج.")
    assert q.speaker == "Dmitry Peskov" and q.text.startswith("الرئيس")
    qs = quotes("وقال لافروف إن الحوار مستمر.\nوأعلن أمس أن الجولة المقبلة ستعقد في الخريف.")
    assert [q.speaker for q in qs] == ["Sergey Lavrov", "Sergey Lavrov"]  # «أمس» is never a speaker


def test_continuation_in_the_same_sentence_keeps_its_speaker():
    qs = quotes("وقال ظريف إن الحل سياسي.\nغير أن نائب وزير الخارجية الروسي ميخائيل بوغدانوف اعتبر أن "
                "«المهمة لم تنته»، وقال لوكالة «تاس» إن الاتصالات ستتواصل.")
    assert [q.speaker for q in qs] == ["Mohammad Javad Zarif", "Mikhail Bogdanov", "Mikhail Bogdanov"]


def test_reported_clause_stays_inside_the_quote():
    q = one("وقال رئيس الوفد الإيراني علي أصغر خاجي إن المفاوضات \"تتقدم\"، وإن الوفد طالب الجانب التركي بتسريع الانسحاب.")
    assert q.speaker == "Ali Asghar Khaji" and q.text.endswith("بتسريع الانسحاب")
    # a person's words quoted in turn are still his
    assert ("Bashar al-Assad", "الحل في سوريا سياسي") in _who("أفادت وكالة سانا أن الرئيس بشار الأسد قال إن الحل في سوريا سياسي.")


def test_no_junk_speakers():
    junk = {"من", "إلى", "الى", "في", "على", "عن"}
    for text in ("المعارضة تطالب روسيا بالضغط على دمشق لوقف القصف \"فورا\"",
                 "وصدر عنها بيان ختامي دعا إلى الإفراج عن المحتجزين.",
                 "وأكد البيان الذي صاغه فيه المشاركون أن الهدنة صامدة."):
        for q in quotes(text):
            assert q.speaker_ar not in junk, (q.speaker_ar, text)
            assert not any(w.startswith("بال") for w in q.speaker_ar.split()), (q.speaker_ar, text)
            assert len(q.speaker_ar.split()) < 6


# --- impersonal and passive verbs, subjects carried over, new verbs, titles of unknown people ---------

@pytest.mark.parametrize("text", [
    "وقال لافروف إن الحوار مفيد. وكان بيدرسون قد زار دمشق الأسبوع الماضي، في جولة لم يُكشف عن نتائجها.",
    "وقال لافروف إن الحوار مفيد. ويُذكر أن الاجتماع السابق انعقد في طهران.",
    "وقال لافروف إن الحوار مفيد. يذكر أن الاجتماع السابق انعقد في طهران.",
    "وقال لافروف إن الحوار مفيد. ويشار إلى أن الاجتماع السابق انعقد في طهران.",
    "وقال لافروف إن الحوار مفيد. وأُعلن أن الاجتماع السابق انعقد في طهران.",
    "وقال لافروف إن الحوار مفيد. ومن المقرر أن يعلن بيدرسون أن الموعد تأجل.",
    "وقال لافروف إن الحوار مفيد. ومن المتوقع أن يؤكد بيدرسون أن اللجنة ستجتمع.",
    "وقال لافروف إن الحوار مفيد. ولم يكشف بيدرسون عن موعد الاجتماع المقبل.",
])
def test_impersonal_and_passive_verbs_are_nobody_s_words(text):
    assert [q.speaker for q in quotes(text)] == ["Sergey Lavrov"]


def test_active_form_four_with_a_damma_is_still_speech():
    assert speakers("يُعلن لافروف أن الاجتماع انتهى.") == ["Sergey Lavrov"]


@pytest.mark.parametrize("text, who", [
    ("وترأس وزير الخارجية الإيراني محمد جواد ظريف الجلسة المسائية، ثم أكد أمام المراسلين أن بلاده تدعم الحل.",
     "Mohammad Javad Zarif"),
    ("واستقبل المبعوث الأممي غير بيدرسن الوفود بكلمة قصيرة شكر فيها المضيفين، وقال إن الحوار ضروري.",
     "Geir Pedersen"),
    ("وافتتح وزير الخارجية الكازاخي كايرت عبد الرحمانوف الاجتماع، وقال إن بلاده محايدة.", "Kairat Abdrakhmanov"),
])
def test_subject_of_a_non_speech_clause_carries_over(text, who):
    assert speakers(text) == [who]


def test_unresolved_subject_never_goes_to_the_previous_speaker():
    text = "وقال لافروف إن الحوار مفيد. وقرأ نائب الوزير سامي ناصيف الوثيقة، ثم أعلن أن الاجتماع القادم في طهران."
    assert "Sergey Lavrov" not in [q.speaker for q in quotes(text) if "طهران" in q.text]


@pytest.mark.parametrize("text, who, words", [
    ("وكان بيدرسون قد أبلغ الدبلوماسيين بأن الجولة فشلت.", "Geir Pedersen", "الجولة فشلت"),
    ("وأبلغ لافروف نظيره أن موسكو لن تنسحب.", "Sergey Lavrov", "موسكو لن تنسحب"),
    ('كتب ظريف في تغريدة على "إكس" أن المسار ما زال حيا.', "Mohammad Javad Zarif", "المسار ما زال حيا"),
    ("وكتب بيدرسون على حسابه في تويتر: «الحل سياسي».", "Geir Pedersen", "الحل سياسي"),
    ("وغرّد ظريف قائلا إن التعاون مستمر.", "Mohammad Javad Zarif", "التعاون مستمر"),
    ("وكان لافروف قد فاجأ المراسلين بإعلانه أن الاتفاق جاهز.", "Sergey Lavrov", "الاتفاق جاهز"),
    ("وختم بيدرسون المؤتمر بتأكيده أن اللجنة ستجتمع.", "Geir Pedersen", "اللجنة ستجتمع"),
])
def test_more_speech_verbs_and_verbal_nouns(text, who, words):
    q = [q for q in quotes(text) if words in q.text]
    assert q and q[0].speaker == who


@pytest.mark.parametrize("text, who", [
    ("«الحل في جنيف وحدها»، هذا ما قاله غير بيدرسون، المبعوث الأممي، مضيفا أن الأطراف مستعدة.", "Geir Pedersen"),
    ("«لن نقبل بأي تقسيم»، بهذه العبارة لخّص سيرغي لافروف موقف بلاده، مضيفا أن الحوار مستمر.", "Sergey Lavrov"),
])
def test_quote_first_speaker_after_and_his_participle(text, who):
    qs = quotes(text)
    assert [q.speaker for q in qs] == [who, who]
    assert qs[0].kind == "direct" and qs[1].verb.startswith("مضيف")


def test_subject_inside_a_genitive_phrase_before_haythu():
    text = ("وقال دي ميستورا إن الجولة انتهت. وجاء ذلك بعد جولة وزير الخارجية الروسي سيرغي لافروف في الخليج، "
            "حيث أعلن أن بلاده تدعم الحل.")
    assert [q.speaker for q in quotes(text) if "تدعم" in q.text] == ["Sergey Lavrov"]
    # no one in the phrase: nobody, never the last speaker
    assert not [q for q in quotes("وقال دي ميستورا إن الجولة انتهت. وعقد الاجتماع في الفندق، حيث أعلن أن الوفود وصلت.")
                if "وصلت" in q.text]


def test_surname_with_or_without_the_article():
    assert speakers("وقال رئيس الوفد فيصل مقداد إن الموقف ثابت.") == ["Faisal Mekdad"]


@pytest.mark.parametrize("text, name", [
    ("وقال المحلل السياسي سامر خليل إن الضامنين متفقون.", "سامر خليل"),
    ("بدوره، قال الكاتب والباحث نادر يوسف لإذاعة محلية إن المسار انتهى.", "نادر يوسف"),
    ("وقالت هند عيسى، الرئيسة المشتركة لمجلس محلي، إن الحل بعيد.", "هند عيسى"),
    ("وقال الناشط الحقوقي رامي داود إن المعتقلين منسيون.", "رامي داود"),
])
def test_unknown_people_with_an_occupational_title(text, name):
    q = one(text)
    assert q.speaker == name and q.speaker_ar == name and q.speaker_id is None


def test_continuation_goes_to_the_titled_unknown_person():
    text = "وقال لافروف إن الحوار مفيد. وقالت هند عيسى، الرئيسة المشتركة لمجلس محلي، إن الحل بعيد، وتابعت: «لا أمل»."
    assert [q.speaker for q in quotes(text)] == ["Sergey Lavrov", "هند عيسى", "هند عيسى"]
    text = "وقال لافروف إن الحوار مفيد. وقال الباحث سامر خليل إن الضامنين متفقون، وتابع: «لا أمل»."
    assert [q.speaker for q in quotes(text)] == ["Sergey Lavrov", "سامر خليل", "سامر خليل"]


# --- unknown names after a title, bare titles referring back, «أما X، فرأى» ----------------------------

def test_unknown_name_between_commas_after_title_is_the_speaker():
    qs = quotes("قال المتحدث باسم وفد العشائر، محمود أبو سالم، إن العشائر \"تدعم الحل\".\n\n"
                "وأضاف أبو سالم أن \"الحل بات قريبا\".")
    assert [q.speaker for q in qs] == ["محمود أبو سالم", "محمود أبو سالم"]
    qs = quotes("قال المتحدث باسم الخارجية الأردنية، سمير حدادين، إن بلاده \"تدعم الحل\".\n\n"
                "وأكد حدادين أن \"الحوار مستمر\".")
    assert [q.speaker for q in qs] == ["سمير حدادين", "سمير حدادين"]


def test_bare_title_resolves_to_the_person_named_with_it_earlier():
    q = quotes("التقى وزير الخارجية التركي مولود جاويش أوغلو نظيره في موسكو.\n\n"
               "وأشار المسؤول التركي إلى أن بلاده \"تدعم وقف النار\".")[-1]
    assert q.speaker == "Mevlüt Çavuşoğlu" and "تدعم وقف النار" in q.text
    q = quotes("وقال معاون وزير الخارجية أيمن سوسان إن اللقاء كان مثمرا.\n\n"
               "وشدّد معاون الوزير على أن دمشق \"ترحب بكل حوار جاد\".")[-1]
    assert q.speaker == "Ayman Sousan" and "ترحب بكل حوار" in q.text
    q = quotes("وقال رئيس الوفد الحكومي بشار الجعفري إن اللقاء كان صريحا.\n\n"
               "وأضاف رئيس الوفد: إن \"الحكومة ستواصل الحوار\".")[-1]
    assert q.speaker == "Bashar al-Jaafari" and "ستواصل الحوار" in q.text
    # nobody named with such a title: the label stays, or no quote at all
    assert speakers("وأشار المسؤول التركي إلى أن بلاده \"تدعم وقف النار\".") == ["Turkish official"]
    assert quotes("وأضاف رئيس الوفد: إن \"الحكومة ستواصل الحوار\".") == []


def test_bayyana_reports_but_the_preposition_does_not():
    qs = quotes("من جهته، بيّن وزير الخارجية الروسي سيرغي لافروف أن موسكو «ترحب» بالنتائج، "
                "قائلاً: «نحن مستعدون للتعاون».")
    assert [q.speaker for q in qs] == ["Sergey Lavrov", "Sergey Lavrov"] and qs[1].text.startswith("نحن")
    assert speakers("وبين لافروف أن الحل قريب.") == ["Sergey Lavrov"]
    q = one("قال ظريف إن الخلاف بين \"الطرفين\" كبير.")
    assert q.speaker == "Mohammad Javad Zarif" and "بين" in q.text


def test_amma_topic_with_unlisted_title_words_credits_its_name_never_the_previous_speaker():
    qs = quotes("قال لافروف إن الاجتماع مهم.\n\n"
                "أما كبير مساعدي وزير الخارجية الإيراني علي أصغر خاجي، فرأى أن «المسار مستمر».")
    assert [q.speaker for q in qs] == ["Sergey Lavrov", "Ali Asghar Khaji"]
    qs = quotes("قال لافروف إن الاجتماع مهم.\n\n"
                "أما كبير مستشاري الرئيس الأردني سامي الخطيب، فأكد أن «الحوار هو الطريق».")
    assert [q.speaker for q in qs] == ["Sergey Lavrov", "سامي الخطيب"]
    qs = quotes("قال لافروف إن الاجتماع مهم.\n\nأما هؤلاء جميعا، فقالوا إن «المسار مستمر».")
    assert [q.speaker for q in qs] == ["Sergey Lavrov"]  # no name in the topic: nobody, not Lavrov


def test_quotation_before_the_verb_with_a_remark_after_the_speaker():
    q = one('"لن نقبل بالتقسيم تحت أي ظرف"، أضاف ظريف، في إشارة إلى الخطط الأجنبية.')
    assert (q.speaker, q.kind) == ("Mohammad Javad Zarif", "direct") and q.text.startswith("لن نقبل")
    assert "إشارة" not in q.text


def test_statement_subject_with_a_long_relative_clause_is_not_the_last_person_named():
    qs = quotes("بدوره، أكد رئيس الوفد الإيراني علي أصغر خاجي أن طهران «ستدعم الحوار».\n\n"
                "وقالت مصادر إن الوفود اتفقت.\n\n"
                "وكان البيان الختامي للجولة الحادية عشرة، التي انعقدت في شهر أيار الماضي في المدينة، "
                "قد دعا إلى «إطلاق سراح المحتجزين».")
    assert [q.speaker for q in qs] == ["Ali Asghar Khaji", "sources", "final statement"]
