import json
import pathlib

C = pathlib.Path(__file__).parent / "corpus"
def q(s, kind, *keys, optional=False):
    d = {"speaker": s, "kind": kind, "keys": list(keys)}
    if optional: d["optional"] = True
    return d
def t(s, why, *keys): return {"not_speaker": s, "keys": list(keys), "why": why}
L="Alexander Lavrentiev"; J="Bashar al-Jaafari"; T="Ahmad Tomeh"; P="Geir Pedersen"; N="Nursultan Nazarbayev"; M="Staffan de Mistura"
A="Kairat Abdrakhmanov"; S="Ayman Sousan"; K="Ali Asghar Khaji"; O="Sedat Onal"
arts = [
 dict(file="001_enab_round2.txt", published="2017-02-16", main_rounds=[2], mentioned_rounds=[1], quotes=[
   q("Mohammed Alloush","mixed","الوفد لن يناقش أي ملف سياسي"),
   q("Mohammed Alloush","direct","قصف الطيران لم يتوقف يوماً"),
   q("Mohammed Alloush","indirect","الفصائل قدمت ورقة تتضمن خرائط","مطالب بإلزام النظام"),
   q(L,"mixed","تسير في الاتجاه الصحيح","موسكو تعمل على إنشاء مجموعة عمل ثلاثية"),
   q(L,"direct","نحن لا نستطيع أن نضمن كل شيء"),
   q("opposition delegation source","mixed","توتراً واضحاً"),
   q("opposition delegation source","indirect","لم تتضح ملامحه"),
   q("Anuar Zhainakov","mixed","لا تتدخل في مضمون النقاشات","دورها يقتصر على تأمين مكان الاجتماعات")],
  mentioned_not_quoted=["Osama Abu Zeid", M],
  traps=[t(L,"Lavrentiev is named inside Alloush's quote","قصف الطيران لم يتوقف يوماً"),
         t("Osama Abu Zeid","appointed, says nothing"),
         t(M,"only mentioned as sponsor of Geneva")]),
 dict(file="002_alain_round3.txt", published="2017-03-14", main_rounds=[3], mentioned_rounds=[2], quotes=[
   q("Osama Abu Zeid","mixed","لن يحضر الجولة الحالية","لم ينفذ على الأرض"),
   q("Osama Abu Zeid","mixed","روسيا لم تلتزم بوعودها"),
   q(J,"direct","النظام التركي هو الذي يتحمل مسؤولية"),
   q(J,"headline","والجعفري: تركيا تتحمل المسؤولية"),
   q(J,"direct","إن تركيا تنتهك سيادة سوريا","لن تقبل بأي دور تركي"),
   q(J,"mixed","كازاخستان وفرت كل الظروف"),
   q(A,"mixed","الباب لا يزال مفتوحا"),
   q(A,"indirect","اليوم الثاني من الاجتماعات سيخصص"),
   q("Russian diplomatic sources","mixed","تواصل الاتصالات مع الفصائل"),
   q("Turkish foreign ministry","mixed","وفدها الفني سيبقى في أستانا"),
   q(M,"indirect","التوصل إلى جدول أعمال من أربع",optional=True)],
  mentioned_not_quoted=[N],
  traps=[t(N,"praised by al-Jaafari; the quote is al-Jaafari's","كازاخستان وفرت كل الظروف"),
         t(N,"receives the delegations, says nothing","الوفود المشاركة في قصر"),
         t(M,"a meeting, not a statement","التقى دي ميستورا في جنيف")]),
 dict(file="003_sana_round6.txt", published="2017-09-15", main_rounds=[6], mentioned_rounds=[5,7], quotes=[
   q(J,"mixed","حقق نتائج إيجابية","كخطوة مؤقتة هدفها حقن دماء السوريين"),
   q(J,"direct","أي وجود عسكري أجنبي على الأراضي السورية"),
   q(J,"direct","ستواصل مكافحة الإرهاب حتى تحرير"),
   q(J,"mixed","لم يلتزم حتى اليوم بضبط حدوده"),
   q(J,"indirect","عن شكره للرئيس الكازاخستاني",optional=True),
   q(L,"mixed","اتفقت على نشر مراقبين في منطقة إدلب","سيحدد في اجتماعات فنية لاحقة"),
   q(L,"direct","لقد أنجزنا الوثائق الخاصة بالمناطق الأربع"),
   q("Hossein Jaberi Ansari","mixed","ملتزمة بدعم الحكومة الشرعية"),
   q(A,"indirect","الاجتماع المقبل سيعقد في نهاية تشرين الأول",optional=True)],
  mentioned_not_quoted=[N, M],
  traps=[t(N,"thanked by al-Jaafari, says nothing"),
         t(M,"observer who met al-Jaafari, says nothing")]),
 dict(file="004_anadolu_round9.txt", published="2018-05-15", main_rounds=[9], mentioned_rounds=[8], quotes=[
   q(O,"mixed","الدول الضامنة متفقة على الحفاظ"),
   q(O,"mixed","وتعمل على رصد أي انتهاك"),
   q(O,"mixed","لن تسمح بتكرار سيناريو الغوطة"),
   q(T,"direct","المعارضة جاءت إلى أستانة من أجل حماية المدنيين"),
   q(T,"mixed","جريمة حرب موصوفة"),
   q(T,"indirect","سلّم الضامنين قائمة"),
   q(L,"mixed","تأمل في عقد مؤتمر الحوار الوطني"),
   q(L,"indirect","الجولة المقبلة ستعقد في مدينة سوتشي"),
   q("Turkish diplomatic sources","mixed","آخر التطورات المتعلقة بتشكيل اللجنة الدستورية"),
   q("opposition sources","mixed","نقاشاً حاداً"),
   q(A,"mixed","أهمية إجراءات بناء الثقة",optional=True),
   q(A,"direct","إن كازاخستان مستعدة لاستضافة")],
  mentioned_not_quoted=[M],
  traps=[t(M,"Onal met de Mistura; the sources report it","آخر التطورات المتعلقة بتشكيل اللجنة الدستورية"),
         t(M,"a meeting, not a statement","التقى أونال بالمبعوث")]),
 dict(file="005_asharq_round12.txt", published="2019-04-26", main_rounds=[12], mentioned_rounds=[11], quotes=[
   q(P,"direct","لم نصل بعد إلى النقطة"),
   q(P,"mixed","ستة أسماء من قائمة المجتمع المدني","تسوية هذه المسألة خلال الأسابيع المقبلة"),
   q(L,"mixed","تضع شروطاً إضافية"),
   q(L,"mixed","لا ترى ضرورة لشن عملية عسكرية","لن يبقوا هناك إلى الأبد"),
   q(K,"mixed","وجود القوات الأميركية شرق الفرات"),
   q("Western diplomatic source","mixed","يتقاسمون النفوذ"),
   q(T,"direct","ناقشنا ملف المعتقلين مطولاً"),
   q("Kassym-Jomart Tokayev","indirect","إطلاق اسم سلفه على العاصمة",optional=True),
   q("European diplomats","mixed","الرهان الوحيد")],
  mentioned_not_quoted=[N],
  traps=[t(N,"the city is named after him; he says nothing"),
         t("Kassym-Jomart Tokayev","not speaker of Pedersen's quote","لم نصل بعد إلى النقطة")]),
 dict(file="006_rt_round14.txt", published="2019-12-11", main_rounds=[14], mentioned_rounds=[13], quotes=[
   q(L,"mixed","ركزت على الوضع في شمال شرق سوريا"),
   q(L,"headline","في نورسلطان ناقشت الوضع شرق الفرات"),
   q(L,"direct","نحن قلقون من تزايد الهجمات"),
   q(L,"mixed","لا تعتزم إرسال قواتها","الجيش السوري قادر على حل"),
   q(L,"mixed","لم تكن ناجحة بالشكل المطلوب"),
   q(J,"mixed","الاحتلال التركي والأمريكي"),
   q(J,"direct","لا يمكن لأحد أن يفرض على السوريين دستورا"),
   q(J,"mixed","تمارس التتريك"),
   q(P,"mixed","سيواصل العمل مع الرئيسين المشاركين"),
   q("Kazakh foreign ministry","indirect","الجولة المقبلة ستعقد في الفترة بين")],
  mentioned_not_quoted=[O, N],
  traps=[t(O,"object of bilateral talks"), t(N,"city named after him")]),
 dict(file="007_syriatv_round17.txt", published="2021-12-22", main_rounds=[17], mentioned_rounds=[16], quotes=[
   q(T,"mixed","النظام يتعمد تعطيل عمل اللجنة الدستورية"),
   q(T,"mixed","الضغط الجدي على النظام","ملف المعتقلين هو الاختبار الحقيقي"),
   q(T,"direct","بحثنا مع الوفد التركي الهجمات الأخيرة"),
   q(S,"mixed","المجموعات الإرهابية في إدلب تواصل"),
   q(L,"mixed","عقد الجولة المقبلة من أعمال اللجنة الدستورية"),
   q(L,"direct","الأهم أن تتوقف الأطراف عن تبادل الاتهامات"),
   q(P,"indirect","وانتهت بخلافات",optional=True),
   q("opposition delegation sources","mixed","رفض أي إشارة إلى الانسحاب"),
   q("Aibek Smadiyarov","mixed","الجولة المقبلة ستعقد في النصف الأول","سيحدد عبر القنوات الدبلوماسية"),
   q("opponents","mixed","غطاء لتقاسم النفوذ")],
  mentioned_not_quoted=[M, K],
  traps=[t(M,"replaced by Pedersen; says nothing"),
         t(K,"head of the Iranian side named in a relative clause; the sources speak","رفض أي إشارة إلى الانسحاب"),
         t(P,"explicitly made no statement","دون أن يدلي بتصريحات")]),
 dict(file="008_watan_round20.txt", published="2023-06-22", main_rounds=[20], mentioned_rounds=[19], quotes=[
   q("Kanat Tumysh","mixed","الأخيرة","صيغة أستانا أنجزت مهمتها"),
   q(S,"mixed","أي حديث عن تطبيع العلاقات مع تركيا"),
   q(S,"direct","لا يمكن أن نقبل بأن يبقى المحتل"),
   q(S,"mixed","إلى الاجتماع الرباعي لنواب وزراء"),
   q(L,"mixed","فوجئت","لم يتم التشاور معنا مسبقاً"),
   q(L,"mixed","الاجتماع المقبل قد يعقد في مكان آخر","لن تنتهي بانتهاء الاستضافة"),
   q(K,"mixed","ستواصل دعم الجهود الرامية"),
   q("diplomatic sources","mixed","أبدى مرونة"),
   q("diplomatic sources","indirect","اتفقت على متابعة إعداد"),
   q("final statement of round 19","mixed","تهيئة الظروف لعودة اللاجئين")],
  mentioned_not_quoted=["Burak Akcapar", P, N],
  traps=[t("Burak Akcapar","the sources speak about his delegation","أبدى مرونة"),
         t(P,"attended only"), t(N,"former name of the capital")]),
]
named = ["Alexander Lavrentiev","Staffan de Mistura","Mohammed Alloush","Sergey Lavrov","Mikhail Bogdanov","Hossein Jaberi Ansari","Yahya al-Aridi",
         J,N,"Osama Abu Zeid",A,O,T,P,K,S,"Kanat Tumysh","Anuar Zhainakov","Aibek Smadiyarov","Kassym-Jomart Tokayev","Burak Akcapar"]
speakers = {"Lavrentiev":L,"Jaafari":J,"Tohme":T,"Pedersen":P,"Nazarbayev":N,"Alloush":"Mohammed Alloush","Abu Zeid":"Osama Abu Zeid",
            "Abdrakhmanov":A,"Onal":O,"Khaji":K,"Sousan":S,"Tumysh":"Kanat Tumysh","de Mistura":M,"Jaberi Ansari":"Hossein Jaberi Ansari"}
search = [
 {"query":"لافرنتيف","must_find":["001_enab_round2.txt","003_sana_round6.txt","004_anadolu_round9.txt","005_asharq_round12.txt","006_rt_round14.txt","007_syriatv_round17.txt","008_watan_round20.txt"],
  "must_not_find":["002_alain_round3.txt"],"note":"spellings لافرنتييف / لافرينتييف / لافرنتيف / لافرينتيف"},
 {"query":"نور سلطان","must_find":["005_asharq_round12.txt","006_rt_round14.txt","007_syriatv_round17.txt"],
  "may_find":["002_alain_round3.txt","003_sana_round6.txt","008_watan_round20.txt"],"must_not_find":["001_enab_round2.txt","004_anadolu_round9.txt"],
  "note":"006 writes نورسلطان; 002/003/008 only have the person نور سلطان نزارباييف"},
 {"query":"الجعفري","must_find":["002_alain_round3.txt","003_sana_round6.txt","006_rt_round14.txt"],"must_not_find":["004_anadolu_round9.txt","007_syriatv_round17.txt"],
  "note":"002 also writes الجعفرى"},
 {"query":"بيدرسون","must_find":["005_asharq_round12.txt","006_rt_round14.txt","007_syriatv_round17.txt","008_watan_round20.txt"],"must_not_find":["001_enab_round2.txt"],
  "note":"spellings بيدرسن / بيدرسون"},
 {"query":"ادلب","must_find":["001_enab_round2.txt","003_sana_round6.txt","004_anadolu_round9.txt","005_asharq_round12.txt","006_rt_round14.txt","007_syriatv_round17.txt"],
  "note":"typed without hamza"},
]
ref = {"about":"Blind measurement set 2, written without reading the tool's source. Keys are exact substrings.","articles":arts,"search":search,
       "speakers":speakers,"named_speakers":named,"floors":{"quote_precision":0.90,"quote_recall":0.80}}
bad = 0
for a in arts:
    txt = (C/a["file"]).read_text(encoding="utf-8")
    for x in a["quotes"]+a["traps"]:
        for k in x["keys"]:
            if k not in txt: print("MISSING KEY", a["file"], k); bad += 1
for s in search:
    for f in s["must_find"]+s.get("must_not_find",[])+s.get("may_find",[]):
        assert (C/f).exists(), f
print("bad", bad)
(C.parent/"reference.json").write_text(json.dumps(ref, ensure_ascii=False, indent=1), encoding="utf-8")
