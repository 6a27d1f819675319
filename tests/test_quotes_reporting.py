"""How real news reports speech: the shapes that real articles use and the team's first rules
missed. Every sentence is written for the test (other people, places and words than any article)."""
from __future__ import annotations

from datetime import date

from astana_cli.extract.quotes import extract_quotes


def said(text, published=None):
    """(speaker, first words of the quote) for every quote of ``text``."""
    return [(q.speaker, q.text) for q in extract_quotes(text, published)]


def who_said(text, words, published=None):
    """The speakers credited with a quote that holds ``words``."""
    return [q.speaker for q in extract_quotes(text, published) if words in q.text]


# --- a title refers to the person the article names with it ----------------------------------------

def test_bare_title_is_the_holder_the_article_names():
    text = ("التقى بيدرسون وفد المعارضة في جنيف أمس. "
            "وقال المبعوث الأممي إلى سوريا للصحفيين: \"نأمل أن تنعقد اللجنة قريبا\".")
    assert who_said(text, "نأمل أن تنعقد") == ["Geir Pedersen"]


def test_title_held_by_several_people_needs_a_name_in_the_article():
    # de Mistura, then Pedersen, held the title: without a name and a date nobody is credited
    text = "وقال المبعوث الأممي إلى سوريا للصحفيين: \"نأمل أن تنعقد اللجنة قريبا\"."
    assert who_said(text, "نأمل أن تنعقد") == ["UN special envoy for Syria"]


def test_shared_title_resolves_to_the_named_holder():
    text = ("وصل مساعد وزير الخارجية الإيراني للشؤون العربية والأفريقية، \"حسين جابري أنصاري\"، إلى العاصمة. "
            "وردا على سؤال، صرح مساعد وزير الخارجية الإيراني: إن الحوار هو الطريق الوحيد.")
    assert who_said(text, "الحوار هو الطريق") == ["Hossein Jaberi Ansari"]


# --- where the words start ---------------------------------------------------------------------------

def test_quotation_on_the_line_after_the_colon():
    text = "وقال لافروف للصحفيين بعد انتهاء الاجتماع في موسكو:\n\"اللقاء كان مثمرا. هناك خطوات إلى الأمام.\""
    assert who_said(text, "اللقاء كان مثمرا") == ["Sergey Lavrov"]


def test_participle_with_a_circumstance_before_the_colon():
    text = ("وقال بيسكوف إن الكرملين يتابع الوضع. وتابع قائلا، في رده على سؤال عن الجولة المقبلة: "
            "\"لا نستبق النتائج أبدا\".")
    qs = extract_quotes(text)
    last = [q for q in qs if "لا نستبق" in q.text]
    assert [q.speaker for q in last] == ["Dmitry Peskov"]
    assert last[0].text.startswith("لا نستبق"), last[0].text


def test_praise_of_something_is_not_a_quote():
    assert said("وأشاد لافروف بجهود الدول الضامنة في إدلب.") == []
    assert who_said("وأشاد لافروف بأن الاتفاق صامد.", "الاتفاق صامد") == ["Sergey Lavrov"]


# --- an office is not its head, and nobody speaks of himself in the third person --------------------

def test_an_office_speaks_not_the_person_it_serves():
    text = ("أعلن مكتب المبعوث الأممي إلى سوريا غير بيدرسون أن المبعوث سيزور دمشق الأسبوع المقبل. "
            "وأشار إلى أن المبعوث سيلتقي وزير الخارجية هناك.")
    assert said(text) == [("UN office", "المبعوث سيزور دمشق الأسبوع المقبل"),
                          ("UN office", "إلى أن المبعوث سيلتقي وزير الخارجية هناك")]


def test_continuation_is_not_the_person_the_words_are_about():
    text = ("قال بيدرسون إن اللجنة الدستورية ستجتمع. وأكدت الوزارة أن الجولة ستعقد في موعدها. "
            "ولفتت إلى أن بيدرسون سيحضر الجلسة الأولى.")
    assert who_said(text, "سيحضر الجلسة") == ["ministry"]


# --- words between the verb, the speaker and the content --------------------------------------------

def test_circumstance_between_speaker_and_verbal_noun():
    text = "وأعلن الجعفري، في ختام الجلسة المسائية، رفض الحكومة لأي وجود أجنبي غير شرعي."
    assert who_said(text, "رفض الحكومة") == ["Bashar al-Jaafari"]


def test_several_circumstances_and_a_name_in_apposition_before_the_object():
    text = ("فيما أعرب وزير الخارجية التركي، مولود جاويش أوغلو، أثناء لقائه المبعوث الأممي، غير بيدرسون، "
            "في أنقرة، عن ارتياح بلاده لسير المشاورات.")
    assert who_said(text, "ارتياح بلاده") == ["Mevlüt Çavuşoğlu"]


def test_place_phrase_without_comma_before_the_object():
    text = "وأعرب بيدرسون في مؤتمر صحفي عقده في جنيف، عن أمله في عقد الجولة المقبلة قريبا."
    assert who_said(text, "أمله في عقد") == ["Geir Pedersen"]


def test_semicolon_inside_the_speaker_phrase():
    text = "وأوضح لافرنتييف، في كلمته أمام المشاركين في العاصمة؛ لبحث ملف المعتقلين، أن العمل سيستمر."
    assert who_said(text, "العمل سيستمر") == ["Alexander Lavrentiev"]


def test_a_name_in_quotation_marks_is_the_speaker_not_a_quote():
    text = ("وكان “العريضي” قد أدلى بتصريحات صحفية أكد فيها رفض الوفد للورقة المطروحة. "
            "وقال: “لن نوقع على شيء لا يخدم السوريين”.")
    assert [s for s, _ in said(text)] == ["Yahya al-Aridi", "Yahya al-Aridi"]


def test_speech_after_a_title_and_a_comma():
    text = "وأضاف وزير الخارجية الروسي، الدول الضامنة ستواصل التنسيق في إدلب."
    assert who_said(text, "الدول الضامنة ستواصل", date(2019, 5, 1)) == ["Sergey Lavrov"]


def test_kana_subject_comma_verb_comma_time_then_an():
    text = "وكان وزير الخارجية الإيراني محمد جواد ظريف، أكد، يوم السبت، أن طهران ستشارك في الاجتماع."
    assert who_said(text, "طهران ستشارك") == ["Mohammad Javad Zarif"]


def test_a_verb_followed_by_a_comma_is_read():
    assert who_said("قال بيسكوف، يوم الاثنين، إن الكرملين يرحب بالاتفاق.", "الكرملين يرحب") == ["Dmitry Peskov"]


def test_attribution_phrase_then_haythu_qala():
    text = ("جاء ذلك على لسان المتحدثة باسم الخارجية الروسية، ماريا زاخاروفا، في حديثها للصحفيين مساء أمس، "
            "حيث قالت: إن “الحل السياسي هو المخرج الوحيد″.")
    assert who_said(text, "الحل السياسي هو المخرج") == ["Maria Zakharova"]


def test_scare_quotes_inside_the_speaker_phrase_and_a_longer_title():
    text = ("أكد رئيس وفد المعارضة السورية في مباحثات \"أستانة\"، أحمد طعمة، مشاركة المعارضة في "
            "\"الجولة 14\" من المحادثات.")
    assert who_said(text, "مشاركة المعارضة") == ["Ahmad Tomeh"]


def test_attributed_to_with_the_reason_after_ila():
    text = ("وقال العريضي إن الوفد لن يحضر. وعزا المتحدث باسم وفد المعارضة السورية السبب في المقاطعة "
            "إلى \"استمرار القصف على المدن\".")
    assert who_said(text, "استمرار القصف") == ["Yahya al-Aridi"]


def test_claim_then_wa_dhalika_wifqan_lima_sarraha_bihi():
    text = ("سيترأس نائب وزير الخارجية الوفد إلى الاجتماع المقبل، وذلك وفقاً لما صرح به الممثل الرسمي "
            "لوزارة خارجية كازاخستان.")
    assert who_said(text, "سيترأس نائب وزير الخارجية", date(2022, 11, 21)) == ["Aibek Smadiyarov"]
    # in a year when the gazetteer knows no holder of the title, only the title is credited
    assert who_said(text, "سيترأس نائب وزير الخارجية", date(2015, 3, 1)) == ["Kazakh foreign ministry spokesman"]


def test_quotation_before_qala_with_the_narrator_after_the_speaker():
    text = "«لن نتخلى عن الحل السياسي»، قال لافرنتييف للصحفيين في فندق \"النجمة\" حيث تعقد الجلسات."
    assert who_said(text, "لن نتخلى") == ["Alexander Lavrentiev"]


def test_bare_definite_title_continues_the_person_just_quoted():
    text = ("أعلن المتحدث باسم الكرملين دميتري بيسكوف الاثنين، أن الرئيس لم يقرر بعد. "
            "وقال المتحدث للصحفيين “ننتظر نتائج المشاورات”.")
    assert who_said(text, "ننتظر نتائج") == ["Dmitry Peskov"]
    # a bare title after someone else's words is only a label
    text = "قال لافروف إن الاجتماع مفيد. وقال المتحدث للصحفيين “ننتظر نتائج المشاورات”."
    assert who_said(text, "ننتظر نتائج") == ["spokesman"]


def test_a_marked_name_ending_the_claim_is_not_the_quotation():
    text = ("سيترأس المبعوث الخاص للرئيس الروسي، ألكسندر لافرنتييف، الوفد في الاجتماع المقبل بصيغة \"أستانا\"، "
            "وذلك وفقا لما صرح به الممثل الرسمي لوزارة خارجية كازاخستان.")
    assert who_said(text, "سيترأس المبعوث الخاص", date(2022, 11, 21)) == ["Aibek Smadiyarov"]


# --- attribution and titles the article itself gives --------------------------------------------------

def test_jaa_dhalika_ala_lisan_credits_the_words_before():
    text = ("واعتبر وفد المعارضة أن النظام \"غير جاد في الحوار\". "
            "جاء ذلك على لسان رئيس الوفد، أحمد طعمة، في مؤتمر صحفي عقده في الفندق.")
    assert who_said(text, "غير جاد في الحوار") == ["Ahmad Tomeh"]


def test_jaa_dhalika_leaves_a_ministry_its_own_words_and_ignores_a_name_behind_a_preposition():
    text = ("أعلنت وزارة الخارجية الروسية أن الجولة ستعقد في موعدها. "
            "جاء ذلك على لسان المتحدثة باسم الوزارة، ماريا زاخاروفا، في مؤتمر صحفي.")
    assert who_said(text, "الجولة ستعقد") == ["Russian foreign ministry"]
    text = ("واعتبر وفد المعارضة أن النظام \"غير جاد في الحوار\". "
            "جاء ذلك خلال لقاء الوفد مع بيدرسون في الفندق.")
    assert "Geir Pedersen" not in who_said(text, "غير جاد في الحوار")


def test_a_title_the_article_gave_a_name_refers_back_to_it():
    text = ("قال رئيس الوفد الإيراني معاون وزير الخارجية حسين جابري أنصاري إن بلاده ستكون ضامنا. "
            "وأضاف معاون وزير الخارجية الإيراني أن طهران \"تقف إلى جانب سورية\".")
    assert who_said(text, "تقف إلى جانب") == ["Hossein Jaberi Ansari"]


def test_a_long_title_chain_then_the_name_right_before_an():
    text = ("أكد رئيس وفد الجمهورية العربية السورية إلى الجولة السابعة عشرة من محادثات صيغة أستانا معاون وزير "
            "الخارجية والمغتربين الدكتور أيمن سوسان أن \"الوجود الأجنبي غير شرعي\".")
    assert who_said(text, "الوجود الأجنبي", date(2021, 12, 22)) == ["Ayman Sousan"]
    # a name behind a preposition at the end of the speaker phrase is not the speaker
    text = "وقال رئيس الوفد في لقائه مع لافروف أن الاجتماع كان مثمرا."
    assert "Sergey Lavrov" not in who_said(text, "الاجتماع كان مثمرا")


def test_a_name_apposed_after_a_title_and_a_prepositional_phrase():
    text = ("اعتبر المتحدث السابق باسم وفد المعارضة إلى أستانا، يحيى العريضي، في حديث إلى الصحيفة، "
            "أن التصريحات \"محاولة للتسويق\".")
    assert who_said(text, "محاولة للتسويق") == ["Yahya al-Aridi"]


def test_doubled_single_marks_and_an_addressee_after_the_speaker():
    text = "‘‘لا استقرار قبل خروج القوات الأجنبية‘‘، وفق ما صرح به لافرنتييف لوكالة الأنباء الروسية."
    assert who_said(text, "لا استقرار قبل") == ["Alexander Lavrentiev"]
    text = "ومن المقرر أن تعقد الجولة المقبلة مطلع العام، وفق ما صرح به لافروف في ختام الاجتماعات."
    assert who_said(text, "تعقد الجولة المقبلة") == ["Sergey Lavrov"]


def test_headline_name_circumstance_colon_and_a_quoted_name_behind_a_preposition():
    assert said("دي ميستورا في آخر مشاركة له بأستانا: فشلنا في تشكيل اللجنة هذا العام") == [
        ("Staffan de Mistura", "فشلنا في تشكيل اللجنة هذا العام")]
    assert said('العريضي يرد على "لافروف": مسار أستانا فقد مبرراته') == [
        ("Yahya al-Aridi", "مسار أستانا فقد مبرراته")]
