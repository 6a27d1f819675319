"""Build reference.json for blind set 3 (written without reading the tool's source).

Keys are exact substrings of the article text (checked below). Kinds: direct, indirect, mixed, headline.
"""
import json
import pathlib

C = pathlib.Path(__file__).parent / "corpus"
def q(s, kind, *keys, optional=False):
    d = {"speaker": s, "kind": kind, "keys": list(keys)}
    if optional: d["optional"] = True
    return d
def t(s, why, *keys): return {"not_speaker": s, "keys": list(keys), "why": why}
L = "Alexander Lavrentiev"; M = "Staffan de Mistura"; P = "Geir Pedersen"; J = "Bashar al-Jaafari"
S = "Ayman Sousan"; T = "Ahmad Tomeh"; AL = "Mohammed Alloush"; AR = "Yahya al-Aridi"; LV = "Sergey Lavrov"
JA = "Hossein Jaberi Ansari"; K = "Ali Asghar Khaji"; A = "Kairat Abdrakhmanov"; SM = "Aibek Smadiyarov"
C2 = "Mevlut Cavusoglu"; O = "Sedat Onal"
arts = [
 dict(file="001_sputnik_round1.txt", published="2017-01-24", main_rounds=[1], mentioned_rounds=[],
      main_rounds_evidence="ordinal: الجولة الأولى; dateline date 24 كانون الثاني 2017",
      quotes=[
   q(L, "mixed", "صامد رغم الخروقات"),                       # headline + body
   q(L, "mixed", "إنشاء آلية ثلاثية لمراقبة الهدنة"),          # مضيفاً أن
   q(L, "direct", "لسنا هنا لنكتب دستوراً لسوريا", "بل لنثبت الهدنة أولاً"),  # speaker inside
   q(AL, "indirect", "رفض المعارضة أي دور لإيران"),           # verbal noun object
   q(AL, "mixed", "طرف في الحرب وليست وسيطاً"),               # معتبراً أن
   q(AL, "direct", "لم نوقع على أي وثيقة", "ببيان يساوي بين الضحية والجلاد"),  # وتابع قائلاً + line break
   q(J, "mixed", "نجح في تثبيت وقف الأعمال"),
   q(J, "direct", "جاء إلى أستانا ليتحدث باسم", "ونحن لا نفاوض الإرهابيين"),
   q(M, "mixed", "تمهد أستانا لجولة جديدة من"),              # وكان X ... قد أعرب، خلال ...، عن
   q(A, "indirect", "استعداد بلاده لاستضافة جولات جديدة")],   # verbal noun object
  mentioned_not_quoted=[],
  traps=[t(AL, "Alloush is named inside al-Jaafari's quote", "جاء إلى أستانا ليتحدث باسم")]),
 dict(file="002_sana_round4.txt", published="2017-05-04", main_rounds=[4], mentioned_rounds=[3],
      main_rounds_evidence="digits: اجتماع أستانا 4; meeting dates 3 و4 أيار/مايو",
      quotes=[
   q(J, "headline", "مذكرة مناطق تخفيف التوتر مرهون"),
   q(J, "indirect", "دعم الحكومة السورية للمذكرة الروسية"),    # verbal noun object
   q(J, "mixed", "مرهون بالتزام الطرف التركي بضبط"),          # لافتاً إلى أن
   q(J, "direct", "تعاملت بإيجابية مع كل ما طرح", "لن نسمح بأن تتحول"),  # line break after colon
   q(J, "direct", "فالنظام التركي جزء من المشكلة", "عن نشر قوات تركية في هذه"),
   q(J, "mixed", "لم يوقع على المذكرة لأنها"),
   q(J, "mixed", "ستتعامل معها بما يخدم مصلحة"),              # مبيناً أن
   q(L, "mixed", "ستدخل حيز التنفيذ يوم السبت"),
   q(L, "mixed", "ستنجز خلال شهر من الآن"),                   # مشيراً إلى أن
   q(JA, "mixed", "ستكون ضامناً فاعلاً لتنفيذ المذكرة"),
   q(JA, "mixed", "تقف إلى جانب سورية حكومة")],               # title only: معاون وزير الخارجية الإيراني
  mentioned_not_quoted=[C2],
  traps=[t(C2, "named inside al-Jaafari's quote; says nothing himself")]),
 dict(file="003_enab_round7.txt", published="2017-10-31", main_rounds=[7], mentioned_rounds=[],
      main_rounds_evidence="publication date only: 31 تشرين الأول 2017 (الجولة الحالية)",
      quotes=[
   q(T, "mixed", "طرح ملف المعتقلين كأولوية"),
   q(T, "mixed", "وعد بتشكيل مجموعة عمل خاصة"),               # مضيفاً أن
   q(T, "direct", "لن نعود إلى أستانة إذا"),                   # speaker after
   q(AR, "mixed", "خيبة أمل من أداء الأمم"),                   # أعرب X، في ...، عن
   q(JA, "mixed", "مكمل لمسار أستانة وليس بديلاً"),
   q(JA, "direct", "المعارضة التي تراهن على الخارج", "أن تقرأ المتغيرات الميدانية جيداً")],  # title only + line break
  mentioned_not_quoted=[M],
  traps=[t(M, "name in scare quotes in the headline; says nothing"),
         t(M, "object of التقى (the delegation met him); Aridi speaks after the meeting", "خيبة أمل من أداء الأمم")]),
 dict(file="004_quds_round8.txt", published="2017-12-23", main_rounds=[8], mentioned_rounds=[],
      main_rounds_evidence="meeting dates only: يومي ٢١ و٢٢ كانون الأول/ديسمبر, dated ٢٣ كانون الأول ٢٠١٧",
      quotes=[
   q(L, "mixed", "سيعقد في نهاية كانون الثاني"),
   q(L, "mixed", "ستوجه إلى كل الأطراف دون"),                 # مضيفاً أن
   q(AR, "mixed", "قدم ورقة مفصلة حول المعتقلين", "تهرب من أي التزام مكتوب"),
   q(AR, "direct", "لن نذهب إلى سوتشي لنمنح"),
   q(J, "mixed", "غير جادة في الحوار وتتلقى"),                # attribution after: جاء ذلك على لسان
   q(J, "direct", "الطرف الآخر جاء إلى هنا"),
   q(A, "mixed", "تشكيل مجموعة عمل حول المعتقلين", optional=True)],  # text of the final statement he read
  mentioned_not_quoted=[M],
  traps=[t(M, "his office announces what the envoy will do", "يقدم إحاطة إلى مجلس الأمن")]),
 dict(file="005_youm7_round11.txt", published="2018-11-29", main_rounds=[11], mentioned_rounds=[],
      main_rounds_evidence="digits: أستانا 11",
      quotes=[
   q(M, "headline", "فشلنا فى تشكيل اللجنة الدستورية"),
   q(M, "mixed", "أسفه العميق لعدم تحقيق", "أى تقدم ملموس"),
   q(M, "mixed", "الفرصة ما زالت قائمة قبل", "لكن الوقت ينفد"),  # title only: المبعوث الأممى للصحفيين
   q(M, "direct", "نحن لا نريد لجنة بأى", "لجنة ذات مصداقية ومتوازنة"),  # speaker inside
   q(L, "mixed", "متفقة على ضرورة إطلاق عمل"),
   q(L, "mixed", "عرقلة التسوية عبر دعم الانفصاليين"),         # محملاً
   q(L, "direct", "ونأمل أن يواصل خلفه العمل", "بذل جهداً كبيراً"),  # وتابع قائلاً، في رده على سؤال
   q(A, "indirect", "تعقد الجولة المقبلة من المحادثات")],      # attribution after: وفق ما صرح به
  mentioned_not_quoted=[J, T],
  traps=[t(M, "named inside Lavrentiev's answer", "ونأمل أن يواصل خلفه العمل"),
         t(J, "heads the government delegation; says nothing"),
         t(T, "heads the opposition delegation; says nothing")]),
 dict(file="006_sputnik_round13.txt", published="2019-08-02", main_rounds=[13], mentioned_rounds=[],
      main_rounds_evidence="dateline/publication date only: نور سلطان، 2 آب/أغسطس 2019",
      quotes=[
   q(J, "mixed", "الوجود التركي في إدلب احتلال"),
   q(J, "mixed", "لن تقبل بتحويل نقاط المراقبة"),             # مشيراً إلى أن
   q(J, "direct", "مجرد غطاء لدعم جبهة النصرة"),              # وأضاف، ...: + line break
   q(P, "mixed", "تكون اللجنة الدستورية جاهزة للانطلاق"),     # أعرب X، الذي ...، عن
   q(P, "mixed", "الخلاف بات محصوراً في اسم"),                # title only
   q(L, "indirect", "ترحيب موسكو بإعلان دمشق وقف"),           # verbal noun object
   q(L, "direct", "الكرة الآن في ملعب أنقرة", "أن تفي بالتزاماتها بموجب")],  # وتابع قائلاً + line break
  mentioned_not_quoted=[C2],
  traps=[t(C2, "name in scare quotes in the headline; al-Jaafari speaks about him")]),
 dict(file="007_anadolu_nodate.txt", published=None, main_rounds=[], mentioned_rounds=[],
      main_rounds_evidence="none: no date, no round number; only «الجولة المقبلة»",
      quotes=[
   q(C2, "headline", "مسار أستانا حقق ما عجزت"),
   q(C2, "mixed", "حقق على الأرض ما عجزت عنه"),
   q(C2, "mixed", "نجحت في خفض العنف وإقامة"),
   q(C2, "direct", "لا يمكن الحديث عن حل سياسي"),             # speaker after
   q(C2, "mixed", "تنسق بشكل وثيق مع موسكو"),                 # مضيفاً أن
   q(C2, "direct", "الهجمات على المدنيين في إدلب"),
   q(C2, "mixed", "لن تسحب نقاط المراقبة من"),                # وكان X، أعلن، في وقت سابق، أن
   q(C2, "mixed", "الجولة المقبلة من اجتماعات أستانا"),       # title only: الوزير التركي
   q(C2, "mixed", "تحمل مسؤولياته تجاه ملايين النازحين")],    # داعياً
  mentioned_not_quoted=[LV, P],
  traps=[t(LV, "named inside Cavusoglu's quote", "الهجمات على المدنيين في إدلب"),
         t(P, "object of التقى; says nothing")]),
 dict(file="008_sana_round17.txt", published="2021-12-22", main_rounds=[17], mentioned_rounds=[16],
      main_rounds_evidence="ordinal: الجولة السابعة عشرة",
      quotes=[
   q(S, "headline", "لا حل في سورية مع بقاء"),
   q(S, "mixed", "غير شرعي ويجب أن ينتهي"),
   q(S, "mixed", "مطالبة بترجمة التزاماتها إلى أفعال"),
   q(S, "direct", "العقوبات الغربية الأحادية تستهدف لقمة"),
   q(L, "indirect", "انعقاد الجولة المقبلة من المحادثات"),     # verbal noun object
   q(L, "mixed", "ترفض أي محاولات لتسييس العمل"),             # مبيناً أن
   q(K, "mixed", "ستواصل دعم سورية في مواجهة"),
   q(K, "direct", "المنطقة لن تنعم بالاستقرار")],              # title only + line break
  mentioned_not_quoted=[P],
  traps=[t(P, "object of التقى; says nothing")]),
 dict(file="009_sputnik_round18.txt", published="2022-06-09", main_rounds=[18], mentioned_rounds=[17],
      main_rounds_evidence="«الجولة المقبلة» with meeting dates 15 و16 حزيران/يونيو, dated 9 حزيران 2022",
      quotes=[
   q(SM, "headline", "الاجتماع المقبل بصيغة أستانا", optional=True),  # headline attributed to «كازاخستان»
   q(SM, "mixed", "ستعقد في نور سلطان يومي"),
   q(SM, "mixed", "الدول الضامنة أكدت مشاركتها على"),         # وأضاف X، خلال ...، أن
   q(SM, "indirect", "مشاركة وفدي الحكومة السورية والمعارضة"),  # verbal noun object
   q(SM, "direct", "لم نتلق حتى الآن أي", "والتحضيرات تسير وفق الجدول"),  # speaker inside
   q(L, "mixed", "تعول على أن يخرج الاجتماع")],
  mentioned_not_quoted=[O],
  traps=[t(O, "the Turkish ministry announces that he will head the delegation", "سيترأس وفد بلاده إلى الاجتماع")]),
 dict(file="010_quds_round21.txt", published="2024-01-25", main_rounds=[21], mentioned_rounds=[20],
      main_rounds_evidence="digits: الجولة الـ21, «أستانا 21»",
      quotes=[
   q(AR, "direct", "لم نلمس أي إرادة لدى النظام", "والضامن الروسي ما زال يوفر"),  # line break after colon
   q(AR, "mixed", "غاب تماماً عن النقاشات الجدية"),
   q(AR, "mixed", "لا يتعدى تبادل الاتهامات وإعادة"),          # معتبراً أن
   q(S, "mixed", "بناءة وركزت على مكافحة الإرهاب"),
   q(S, "direct", "الاحتلال الأمريكي في شرق الفرات"),          # attribution after: وفق ما صرح به
   q(L, "mixed", "لا ترى بديلاً عن صيغة أستانا"),
   q(L, "mixed", "قد تعقد في النصف الثاني"),                   # لافتاً إلى أن
   q(L, "direct", "يعرف جيداً أن جنيف لم", "بعد العقوبات السويسرية على روسيا")],
  mentioned_not_quoted=[P],
  traps=[t(P, "named inside Lavrentiev's quote; says nothing")]),
 dict(file="011_enab_nodate.txt", published=None, main_rounds=[], mentioned_rounds=[],
      main_rounds_evidence="none: no date, no round number; only «الجولة المقبلة»",
      quotes=[
   q(LV, "mixed", "ما زالت الآلية الوحيدة الفعالة", "ستبحث في الجولة المقبلة الوضع"),  # attributed after: جاء ذلك على لسان
   q(LV, "direct", "من يراهن على إسقاط صيغة", "والغرب لم يقدم أي بديل"),
   q(AR, "headline", "مسار أستانا فقد مبرراته"),
   q(AR, "mixed", "محاولة لتسويق مسار فقد مبرراته"),
   q(AR, "direct", "أستانا لم تعد مساراً للحل", "بل صارت غطاء لتقاسم النفوذ"),  # speaker after
   q(AR, "mixed", "لم تحصل من أستانا إلا"),                    # مشيراً إلى أن
   q(AR, "direct", "لم يتحرك خطوة واحدة", "حتى ملف المعتقلين الذي وعد")],  # وتابع قائلاً
  mentioned_not_quoted=[],
  traps=[t(LV, "name in scare quotes in the headline; the headline words are al-Aridi's",
           "مسار أستانا فقد مبرراته", "محاولة لتسويق مسار فقد")]),
 dict(file="012_anadolu_round22.txt", published="2024-11-11", main_rounds=[22], mentioned_rounds=[21],
      main_rounds_evidence="ordinal: الجولة الثانية والعشرين; headline الـ٢٢ (Eastern digits)",
      quotes=[
   q(SM, "mixed", "يعقد على مدى يومين بمشاركة"),
   q(P, "mixed", "اتساع رقعة التصعيد الإقليمي"),              # أعرب X، خلال ...، عن
   q(P, "mixed", "استئناف عمل اللجنة الدستورية دون"),         # title only
   q(P, "mixed", "الجمود الحالي لا يخدم أحداً"),              # معتبراً أن
   q(L, "indirect", "رفض موسكو نقل اجتماعات اللجنة"),         # verbal noun object
   q(L, "mixed", "عواصم لا تتخذ مواقف معادية"),               # مقترحاً
   q(L, "mixed", "ستركز على الوضع الإنساني ومنع"),            # وكان X، قد صرح، يوم الأحد، ...
   q(S, "direct", "تواصل اعتداءاتها على الأراضي السورية")],
  mentioned_not_quoted=[],
  traps=[]),
]
named = [L, M, P, J, S, T, AL, AR, LV, JA, K, A, SM, C2, O]
speakers = {"Lavrentiev": L, "de Mistura": M, "Pedersen": P, "Jaafari": J, "Sousan": S, "Tomeh": T,
            "Alloush": AL, "Aridi": AR, "Lavrov": LV, "Jaberi Ansari": JA, "Khaji": K, "Abdrakhmanov": A,
            "Smadiyarov": SM, "Cavusoglu": C2, "Onal": O}
search = [
 {"query": "لافرنتييف", "must_find": ["001_sputnik_round1.txt", "002_sana_round4.txt", "004_quds_round8.txt", "005_youm7_round11.txt",
   "006_sputnik_round13.txt", "008_sana_round17.txt", "009_sputnik_round18.txt", "010_quds_round21.txt", "012_anadolu_round22.txt"],
  "must_not_find": ["003_enab_round7.txt", "007_anadolu_nodate.txt", "011_enab_nodate.txt"],
  "note": "spellings لافرنتييف / لافرنتيف (006) / لافرينتيف (004) / لافرينتييف (009)"},
 {"query": "دي ميستورا", "must_find": ["001_sputnik_round1.txt", "003_enab_round7.txt", "004_quds_round8.txt", "005_youm7_round11.txt"],
  "must_not_find": ["010_quds_round21.txt", "012_anadolu_round22.txt"], "note": "005 writes دى ميستورا"},
 {"query": "الجعفري", "must_find": ["001_sputnik_round1.txt", "002_sana_round4.txt", "004_quds_round8.txt", "005_youm7_round11.txt", "006_sputnik_round13.txt"],
  "must_not_find": ["008_sana_round17.txt", "010_quds_round21.txt", "012_anadolu_round22.txt"], "note": "005 writes الجعفرى"},
 {"query": "بيدرسون", "must_find": ["006_sputnik_round13.txt", "007_anadolu_nodate.txt", "008_sana_round17.txt", "010_quds_round21.txt", "012_anadolu_round22.txt"],
  "must_not_find": ["001_sputnik_round1.txt", "004_quds_round8.txt"], "note": "006 writes بيدرسن"},
 {"query": "ادلب", "must_find": ["003_enab_round7.txt", "005_youm7_round11.txt", "006_sputnik_round13.txt", "007_anadolu_nodate.txt", "011_enab_nodate.txt"],
  "must_not_find": ["001_sputnik_round1.txt", "010_quds_round21.txt"], "note": "typed without hamza; texts have إدلب"},
]
ref = {"about": "Blind measurement set 3, written without reading the tool's source. Keys are exact substrings of the text. "
                "007 and 011 give no evidence of their round (main_rounds [], main_rounds_evidence 'none: ...'); published is null there.",
       "articles": arts, "search": search, "speakers": speakers, "named_speakers": named,
       "floors": {"quote_precision": 0.90, "quote_recall": 0.80}}
bad = 0
for a in arts:
    txt = (C / a["file"]).read_text(encoding="utf-8")
    for x in a["quotes"] + a["traps"]:
        for k in x["keys"]:
            if k not in txt: print("MISSING KEY", a["file"], k); bad += 1
        if "speaker" in x and x["speaker"] not in named: print("UNNAMED SPEAKER", x["speaker"])
    for n in a["mentioned_not_quoted"]: assert n in named, n
for s in search:
    for f in s["must_find"] + s.get("must_not_find", []) + s.get("may_find", []):
        assert (C / f).exists(), f
print("articles", len(arts), "quotes", sum(len(a["quotes"]) for a in arts), "bad", bad)
(C.parent / "reference.json").write_text(json.dumps(ref, ensure_ascii=False, indent=1), encoding="utf-8")
