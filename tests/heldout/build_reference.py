import json
from pathlib import Path

C = Path(__file__).resolve().parent / 'corpus'
LAV="Alexander Lavrentiev"; DEM="Staffan de Mistura"; PED="Geir Pedersen"; JAA="Bashar al-Jaafari"
SOU="Ayman Sousan"; ALL="Mohammed Alloush"; ARI="Yahya al-Aridi"; TOM="Ahmad Tomeh"; BER="Ahmed Berri"
LAVR="Sergey Lavrov"; BOG="Mikhail Bogdanov"; JAB="Hossein Jaberi Ansari"; KHA="Ali Asghar Khaji"
ZAR="Mohammad Javad Zarif"; CAV="Mevlüt Çavuşoğlu"; ONA="Sedat Önal"; SAF="Ayman Safadi"; HAR="Nasr al-Hariri"
NAZ="Nursultan Nazarbayev"; TOK="Kassym-Jomart Tokayev"; ABD="Kairat Abdrakhmanov"; ATA="Beibut Atamkulov"
TIL="Mukhtar Tileuberdi"; SMA="Aibek Smadiyarov"; DUJ="Stéphane Dujarric"; TUM="Kanat Tumysh"
def q(s,k,*keys,opt=False):
    d={"speaker":s,"kind":k,"keys":list(keys)}
    if opt: d["optional"]=True
    return d
def t(s,why,*keys): return {"not_speaker":s,"keys":list(keys),"why":why}
A=[]
def art(f,pub,main,ment,quotes,mnq=(),traps=()):
    A.append({"file":f,"published":pub,"main_rounds":main,"mentioned_rounds":ment,"quotes":quotes,
              "mentioned_not_quoted":list(mnq),"traps":list(traps)})
art("001_enab_astana3_boycott.txt","2017-03-15",[3],[1,2,4],[
 q(LAV,"direct","غياب المعارضة المسلحة لا يعني فشل العملية"),
 q(LAV,"indirect","الدول الضامنة اتفقت على عقد الاجتماع المقبل"),
 q(JAA,"mixed","تتحمل المسؤولية الكاملة عن غياب الفصائل"),
 q(JAA,"mixed","لم تلتزم بتعهداتها كدولة ضامنة"),
 q(BER,"mixed","لن تذهب إلى أستانة لالتقاط الصور"),
 q(BER,"mixed","بقيت حبرًا على ورق"),
 q("final statement","mixed","التزام الدول الضامنة بسيادة سوريا ووحدة أراضيها"),
 q(ABD,"mixed","التزام الدول الضامنة بسيادة سوريا ووحدة أراضيها",opt=True),
 q(ABD,"indirect","اتفقت على تشكيل مجموعة عمل ثلاثية"),
 q("Kazakh foreign ministry source","mixed","لا تتدخل في جدول الأعمال"),
],[DEM,NAZ],[
 t(DEM,"de Mistura did not attend; he says nothing in this article"),
 t(NAZ,"Nazarbayev only receives the delegations (and 'نور سلطان' here is his name, not the city)"),
])
art("002_aljazeera_deescalation_memo.txt",None,[4],[3],[
 q("opposition delegation member","direct","إيران دولة قاتلة ولا يمكن أن تكون ضامنة"),
 q(ALL,"mixed","لا تقبل بأي دور لإيران","لم يُستشر في خرائط المناطق الأربع"),
 q(ALL,"mixed","روسيا تتحدث عن وقف إطلاق النار بينما طائراتها تقصف المدن"),
 q(LAV,"mixed","خطوة مهمة نحو تثبيت الهدنة"),
 q(LAV,"indirect","ستكون مغلقة أمام الطيران الحربي"),
 q(JAB,"direct","من يرفض دور إيران يرفض الحل السياسي"),
 q(DEM,"mixed","خطوة في الاتجاه الصحيح"),
 q(DEM,"mixed","العبرة في التطبيق على الأرض"),
 q(CAV,"mixed","مع روسيا على مراقبة منطقة إدلب"),
 q(CAV,"indirect","أن يشكل الاتفاق أرضية لمفاوضات جنيف"),
 q("Kremlin","indirect","بحث الاتفاق هاتفيا مع نظيره التركي"),
],[LAVR],[
 t(LAVR,"Lavrov only makes a phone call"),
 t(ALL,"an unnamed delegate shouts this; Alloush speaks in the next paragraph","إيران دولة قاتلة ولا يمكن أن تكون ضامنة"),
])
art("003_rt_astana7_sochi_congress.txt","2017-10-31",[7],[6,8],[
 q("final statement","indirect","دعا إلى الإفراج عن المحتجزين"),
 q(LAV,"indirect","موسكو دعت ممثلي 33 حزبا"),
 q(LAV,"direct","لا نريد أن يكون المؤتمر بديلا عن جنيف"),
 q(JAA,"mixed","لم تتلق أي دعوة رسمية حتى الآن"),
 q(JAA,"mixed","غير شرعي ويجب أن ينتهي فورا"),
 q(JAB,"mixed","مدخلا لبناء الثقة","كان بنّاء"),
 q(ABD,"indirect","استعداد بلاده لاستضافة الجولة الثامنة"),
 q(NAZ,"mixed","ستبقى منصة مفتوحة لكل من يريد السلام"),
 q("opposition delegation source","mixed","ستدرس الدعوة إلى سوتشي","يعيد تأهيل النظام"),
 q(LAV,"indirect","يشارك المبعوث الأممي ستافان دى ميستورا في مؤتمر سوتشي"),
],[DEM],[
 t(DEM,"Lavrentiev confirms that de Mistura will attend","يشارك المبعوث الأممي ستافان دى ميستورا"),
])
art("004_orient_astana9_tomeh.txt","2018-05-15",[9],[8,10],[
 q("opposition","mixed","روسيا لم تلتزم بضماناتها",opt=True),
 q(TOM,"direct","الضامن الروسي لم يلتزم بأي من تعهداته"),
 q(TOM,"mixed","ضمانات مكتوبة"),
 q(TOM,"mixed","ما زالت ملتزمة بها"),
 q(JAA,"mixed","الوجود التركي في عفرين"),
 q(JAA,"direct","أستانا نجحت في ما فشلت فيه جنيف"),
 q(JAA,"mixed","استعادة الغوطة انتصار على الإرهاب"),
 q(ABD,"indirect","الجولة المقبلة ستُعقد في سوتشي"),
 q(LAV,"mixed","العمل مستمر"),
],[ALL],[
 t(ALL,"Alloush is named inside Tomeh's quote","ما زالت ملتزمة بها"),
])
art("005_sputnik_astana10_sochi.txt","2018-07-31",[10],[],[
 q(LAV,"direct","إدلب لن تكون غوطة ثانية"),
 q(LAV,"mixed","ليس مطروحاً حالياً"),
 q(LAV,"mixed","للقضاء على جبهة النصرة"),
 q(DEM,"mixed","اللجنة الدستورية يجب أن ترى النور"),
 q(DEM,"indirect","سيلتقي ممثلي الدول الضامنة في جنيف"),
 q(JAB,"direct","تبادل المحتجزين هو الاختبار الحقيقي"),
 q(JAA,"mixed","ستستعيد كل شبر من الأراضي السورية"),
 q(JAA,"mixed","الوجود الأمريكي في شرق الفرات"),
 q(TOM,"mixed","أي مصالحات على طريقة درعا"),
 q(TOM,"indirect","إشراك الأمم المتحدة في ملف المعتقلين",opt=True),
 q(LAVR,"direct","عودة اللاجئين السوريين يجب أن تكون أولوية"),
])
art("006_asharq_astana11_demistura.txt","2018-11-30",[11],[10],[
 q(DEM,"mixed","يأسف بشدة","أي تقدم ملموس"),
 q(DEM,"direct","هذه هي آخر مرة أشارك فيها"),
 q(LAV,"mixed","العمل على اللجنة لم يتوقف"),
 q(LAV,"mixed","الاستعجال قد يقتل اللجنة","لا تستعجل"),
 q(ZAR,"mixed","سيجتمعون مع دي ميستورا في جنيف","لوضع اللمسات الأخيرة"),
 q(BOG,"mixed","لا بديل عن مسار آستانة","خلافات روسية - تركية حول إدلب"),
 q(ARI,"mixed","يراهن على الوقت","لم تمارس ضغطاً حقيقياً"),
 q("Kazakh foreign ministry","indirect","الجولة المقبلة ستعقد في شباط/فبراير 2019"),
 q("final statement","mixed","تعزيز آليات منطقة إدلب"),
],[],[
 t(DEM,"Zarif says the ministers will meet de Mistura","لوضع اللمسات الأخيرة"),
])
art("007_anadolu_nursultan12.txt","2019-04-26",[12],[11,13],[
 q(ONA,"direct","الهدوء في إدلب يجب أن يستمر"),
 q(PED,"mixed","تشكيل اللجنة الدستورية في أقرب وقت ممكن"),
 q(PED,"mixed","الخلاف لا يزال قائماً على ستة أسماء"),
 q(LAV,"direct","لم نتمكن من الانتهاء من قائمة المجتمع المدني","لكننا قريبون جداً"),
 q(ATA,"indirect","الجولة المقبلة ستعقد مطلع آب"),
 q(ATA,"mixed","اتفقت على دعوة العراق ولبنان"),
 q(JAB,"mixed","انسحاب القوات الأمريكية من شرق الفرات"),
 q(HAR,"direct","النظام وحلفاءه يعطّلون اللجنة الدستورية"),
 q(HAR,"mixed","تحمل مسؤولياتها"),
],[NAZ],[
 t(NAZ,"the capital is renamed in his honour; he says nothing"),
])
art("008_sana_nursultan14_jaafari.txt","2019-12-11",[14],[13,15],[
 q(JAA,"mixed","احتلال وسنتعامل معه على هذا الأساس",opt=True),
 q(JAA,"mixed","احتلال غير شرعي وسنتعامل معه"),
 q(JAA,"direct","الدولة السورية ماضية في تحرير كل شبر"),
 q(JAA,"mixed","النظام التركي يستثمر في الإرهاب"),
 q(JAA,"indirect","قدّم ورقة"),
 q("final statement","mixed","الالتزام القوي بسيادة الجمهورية العربية السورية"),
 q(TIL,"mixed","الالتزام القوي بسيادة الجمهورية العربية السورية",opt=True),
 q(TIL,"indirect","الاجتماع المقبل سيعقد في آذار 2020"),
 q(KHA,"mixed","إيران ستواصل دعم سورية في مكافحة الإرهاب"),
],[PED],[
 t(PED,"al-Jaafari meets Pedersen; Pedersen says nothing"),
])
art("009_syriatv_sochi15.txt","2021-02-17",[15],[14],[
 q("opposition","mixed","المعارضة تطالب موسكو بالضغط على النظام",opt=True),
 q(TOM,"mixed","طالب الجانب الروسي بالضغط على النظام"),
 q(TOM,"direct","لا يمكن أن نبقى ندور في حلقة مفرغة"),
 q(LAV,"mixed","لا ينبغي فرض جداول زمنية مصطنعة"),
 q(LAV,"indirect","موسكو تريد أن تنعقد الجولة السادسة"),
 q(PED,"mixed","مخيبة للآمال"),
 q(PED,"mixed","لا يمكن الاستمرار على هذا النحو"),
 q(SOU,"mixed","بعض الأطراف تحاول تحويل اللجنة الدستورية"),
 q(KHA,"mixed","لتقديم كل ما يلزم"),
 q("Turkish foreign ministry","indirect","رحّبت فيه باستمرار التهدئة"),
],[],[
 t(PED,"Pedersen is the object of Lavrentiev's blame","لا ينبغي فرض جداول زمنية مصطنعة"),
])
art("010_alwatan_nursultan16.txt",None,[16],[15],[
 q(SOU,"direct","لن نقبل بأي مسار يمس سيادة سورية"),
 q(SOU,"direct","المجموعات الانفصالية في الشمال الشرقي"),
 q(LAV,"mixed","النتائج أهم من المواعيد","عقد جولة جديدة للجنة الدستورية في جنيف"),
 q(LAV,"mixed","يجب أن تتحول تدريجياً إلى آلية عبر خطوط التماس"),
 q(SMA,"indirect","وفوداً من 8 دول ومنظمات ستشارك"),
 q(TOM,"indirect","طالب بتمديد آلية المساعدات عبر معبر باب الهوى"),
],[PED],[
 t(PED,"Pedersen attends and meets, explicitly without statements"),
])
art("011_aljazeera_astana17.txt","2021-12-22",[17],[16,18],[
 q(LAV,"mixed","عملية عسكرية واسعة في إدلب غير واردة حاليا"),
 q(LAV,"mixed","تراقب الوضع عن كثب","تنتظر من أنقرة الوفاء بالتزاماتها"),
 q(ONA,"mixed","لن تسمح بإقامة ممر إرهابي"),
 q(TOM,"mixed","لم تحمل جديدا"),
 q(TOM,"mixed","ما زال يراوح مكانه منذ سنوات"),
 q(KHA,"mixed","طهران تدعو إلى رفع العقوبات أحادية الجانب","لأنها تعاقب الشعب السوري"),
 q(SOU,"mixed","الاحتلالين التركي والأمريكي هما السبب الرئيسي"),
 q("final statement","mixed","ترفض جميع محاولات خلق حقائق جديدة"),
],[JAA],[
 t(JAA,"al-Jaafari is mentioned as former head, appointed deputy minister"),
])
art("012_youm7_astana18.txt","2022-06-16",[18],[17,19],[
 q(LAV,"mixed","تبذل كل الجهود لمنع عملية عسكرية تركية"),
 q(LAV,"mixed","مثل هذه العملية ستؤدى الى تصعيد خطير"),
 q(DUJ,"mixed","شارك فى الاجتماعات واطلع الضامنين"),
 q(PED,"mixed","الحل العسكرى ليس خيارا"),
 q(PED,"mixed","ضبط النفس"),
 q(SMA,"indirect","الجولة المقبلة ستعقد قبل نهاية العام الجارى"),
 q(SMA,"mixed","مستعدة دائما لاستضافة الاجتماعات"),
 q(SOU,"mixed","اى عدوان تركى جديد سيواجه بالرد المناسب"),
],[],[
 t(PED,"Dujarric speaks about Pedersen's participation","شارك فى الاجتماعات واطلع الضامنين"),
])
art("013_rt_astana19_renamed.txt","2022-11-23",[19],[18,20],[
 q(LAV,"mixed","ستكون خطوة غير مثمرة"),
 q(LAV,"direct","نأمل أن يتم التوصل إلى حل وسط مع الأتراك"),
 q(TOK,"mixed","ستبقى منصة محايدة للحوار"),
 q(TOK,"mixed","عودة اللاجئين السوريين إلى ديارهم"),
 q(TIL,"indirect","الجولة المقبلة ستعقد في النصف الأول من العام المقبل"),
 q(BOG,"indirect","التحضير جارٍ لعقد لقاء بين وزيري الدفاع"),
])
art("014_skynews_astana20_last.txt","2023-06-21",[20],[19,21],[
 q("Kazakhstan","indirect","هذه الجولة ستكون الأخيرة التي تستضيفها"),
 q(TUM,"mixed","مسار أستانا أنجز مهمته بنجاح"),
 q(TUM,"mixed","الأهداف التي وُضعت عند إطلاق المسار"),
 q(LAV,"mixed","لم تُبلّغ مسبقاً"),
 q(LAV,"direct","سنبحث مع شركائنا مكاناً آخر"),
 q(SAF,"mixed","الأردن يدعم كل جهد يفضي إلى حل سياسي"),
 q(SAF,"mixed","لن تقبل باستمرار تهريب المخدرات"),
 q(SOU,"mixed","مسار أستانا حقق ما لم تحققه أي منصة أخرى"),
 q("opposition delegation source","mixed","كان مفاجئاً للجميع"),
],[CAV],[
 t(CAV,"Çavuşoğlu only met al-Miqdad"),
])
art("015_enab_astana22.txt","2024-11-12",[22],[21,20],[
 q(LAV,"mixed","قلقة للغاية"),
 q(LAV,"direct","لا أحد يريد أن تنجر سوريا إلى حرب إقليمية"),
 q(PED,"mixed","حماية سوريا من التصعيد الإقليمي"),
 q(PED,"mixed","الوقت حان لاستئناف عمل اللجنة الدستورية"),
 q(SOU,"mixed","العدوان الإسرائيلي المتواصل يشكل انتهاكاً صارخاً","اتخاذ موقف واضح منه"),
 q(TOM,"direct","لم نحصل على أي شيء في ملف المعتقلين"),
 q(TOM,"indirect","سلّم الجانب الروسي قائمة بأسماء 1200 معتقل"),
 q("Kazakh foreign ministry","indirect","لم تحدد بعد موعد الجولة المقبلة"),
],[JAA],[
 t(JAA,"al-Jaafari is mentioned in his new post as ambassador"),
])
ALLF=[a["file"] for a in A]
def F(*ns): return [f for f in ALLF if int(f[:3]) in ns]
search=[
 {"query":"أستانة","must_find":ALLF,"note":"أستانة / أستانا / استانا / آستانة (006) in every article"},
 {"query":"نورسلطان","must_find":F(7,8,10,11,12,13),"may_find":F(1,3),"note":"city written نور سلطان (two words) and نورسلطان (010); 001/003 only have the president's name"},
 {"query":"لافرينتييف","must_find":F(1,2,3,4,5,6,7,9,10,11,12,13,14,15),"must_not_find":F(8),"note":"لافرنتييف / لافرينتيف / لافرنتيف / لافرينتييف"},
 {"query":"بيدرسن","must_find":F(7,8,9,10,12,15),"must_not_find":F(1,2,3,4,5,6),"note":"بيدرسن / بيدرسون; 012 writes جير بيدرسون"},
 {"query":"دي مستورا","must_find":F(1,2,3,5,6),"must_not_find":F(15),"note":"دي مستورا / دي ميستورا / دى ميستورا"},
 {"query":"اللجنة الدستورية","must_find":F(5,6,7,9,10,12,15),"may_find":F(8),"must_not_find":F(1,2),"note":"008 has the synonym لجنة مناقشة الدستور"},
 {"query":"جاويش اوغلو","must_find":F(2,14),"must_not_find":F(1),"note":"typed without hamza"},
 {"query":"تلوبردي","must_find":F(8,13),"note":"013 spells تليوبيردي"},
 {"query":"وقف اطلاق النار","must_find":F(1,2),"must_not_find":F(15),"note":"typed without hamza"},
]
named=sorted({x for a in A for qq in a["quotes"] for x in [qq["speaker"]] if x[0].isupper() and " " in x and x not in ("Kazakh foreign ministry","Kazakh foreign ministry source","Turkish foreign ministry")} | {tt["not_speaker"] for a in A for tt in a["traps"]})
ref={"about":"Held-out reference (mentioned_rounds include the next round when the article announces 'the next round/meeting'): 15 hand-written articles imitating real outlets (2017-2024), annotated in the format of /work/shared/gold/corpus_reference.json. 'keys' are exact substrings of the article; 'traps' are passages where a named person is mentioned but is NOT the speaker (empty keys: any quote credited to them in that file).",
 "articles":A,"search":search,
 "speakers":{"Lavrentiev":LAV,"de Mistura":DEM,"Pedersen":PED,"al-Jaafari":JAA,"Sousan":SOU,"Tomeh":TOM,"Alloush":ALL},
 "named_speakers":named,
 # the bars set for unseen real articles (the scorer's defaults are stricter)
 "floors":{"quote_precision":0.90,"quote_recall":0.80}}
# validate
bad=0
for a in A:
    txt=(C/a["file"]).read_text(encoding="utf-8")
    for qq in a["quotes"]+a["traps"]:
        for k in qq["keys"]:
            if k not in txt: print("KEY NOT FOUND",a["file"],k); bad+=1
for s in search:
    for f in s.get("must_find",[])+s.get("must_not_find",[]):
        assert (C/f).exists(),f
print("named:",named)
(Path(__file__).resolve().parent / 'reference.json').write_text(json.dumps(ref,ensure_ascii=False,indent=1),encoding="utf-8")
print("bad",bad, "quotes",sum(len(a["quotes"]) for a in A),"traps",sum(len(a["traps"]) for a in A))
