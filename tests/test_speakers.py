"""The speaker gazetteer: data integrity, fuzzy resolution, names and titles in text."""
from __future__ import annotations

import pytest

from astana_cli.data import load
from astana_cli.extract.speakers import Gazetteer
from astana_cli.text.arabic import normalize

REQUIRED = [
    "Alexander Lavrentiev", "Staffan de Mistura", "Geir Pedersen", "Ramzy Ezzeldin Ramzy", "Mohammed Alloush",
    "Yahya al-Aridi", "Ahmad Tomeh", "Ahmad Berri", "Bashar al-Jaafari", "Ayman Sousan", "Sergey Lavrov",
    "Mikhail Bogdanov", "Sergei Shoigu", "Vladimir Putin", "Hossein Jaberi Ansari", "Ali Asghar Khaji",
    "Mohammad Javad Zarif", "Mevlüt Çavuşoğlu", "Sedat Önal", "Recep Tayyip Erdoğan", "Ayman Safadi", "Nasr al-Hariri",
    "Nursultan Nazarbayev", "Kassym-Jomart Tokayev", "Kairat Abdrakhmanov", "Beibut Atamkulov", "Mukhtar Tileuberdi",
    "Aibek Smadiyarov", "Stéphane Dujarric", "Ali Bagheri Kani", "António Guterres", "Hossein Amir-Abdollahian",
    "Faisal Mekdad", "Walid Muallem", "Bashar al-Assad", "Hadi al-Bahra", "Anas al-Abdah", "Maria Zakharova",
    "Dmitry Peskov",
]


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def test_data_is_complete_and_sourced(gaz):
    people = load("speakers")["people"]
    assert len({p["id"] for p in people}) == len(people)
    assert set(REQUIRED) <= {p["name"] for p in people}
    for p in people:
        assert p["source"] and p["gender"] in ("m", "f") and p["names_ar"] and p["affiliation"], p["id"]
        for r in p["roles"]:
            assert r["title_ar"] and r["title_en"] and (r["to"] is None or r["from"] <= r["to"]), p["id"]
    # one spelling never names two people
    spellings = [normalize(n) for p in people for n in p["names_ar"]]
    assert len(spellings) == len(set(spellings))


@pytest.mark.parametrize("query, pid", [
    ("Lavrentiev", "lavrentiev"), ("lavrentyev", "lavrentiev"), ("LAVRENTEV", "lavrentiev"),
    ("لافرنتييف", "lavrentiev"), ("لافرينتيف", "lavrentiev"), ("ألكسندر لافرينتييف", "lavrentiev"),
    ("de Mistura", "de_mistura"), ("Staffan de mistura", "de_mistura"), ("دي مستورا", "de_mistura"),
    ("دى ميستورا", "de_mistura"), ("cavusoglu", "cavusoglu"), ("Çavuşoğlu", "cavusoglu"), ("جاويش أوغلو", "cavusoglu"),
    ("Jaafari", "jaafari"), ("الجعفرى", "jaafari"), ("Tokaev", "tokayev"), ("Peskov", "peskov"),
])
def test_resolve_any_spelling(gaz, query, pid):
    found = gaz.resolve(query)
    assert found and found[0][0].id == pid, found[:3]
    assert found == sorted(found, key=lambda c: -c[1])


def test_resolve_unknown_or_empty(gaz):
    assert gaz.resolve("") == []
    assert all(score < 90 for _, score in gaz.resolve("Zbigniew Brzezinski"))


def test_find_names_in_text(gaz):
    text = "وأكد ولافرنتييف أن ... واستقبل دى ميستورا الوفد، ثم تحدث سيرغي لافروف."
    found = [(text[s:e], p.id) for s, e, p in gaz.find_names(text)]
    assert found == [("لافرنتييف", "lavrentiev"), ("دى ميستورا", "de_mistura"), ("سيرغي لافروف", "lavrov")]


def test_ordinary_words_are_not_names(gaz):
    # «رمزي» (symbolic) and «بري» are words; only the full names are listed
    assert gaz.find_names("وجود رمزي للقوات في البر والبحر") == []


def test_title_holders_by_year(gaz):
    assert [p.id for p in gaz.title_holders("رئيس كازاخستان", 2017)] == ["nazarbayev"]
    assert {p.id for p in gaz.title_holders("رئيس كازاخستان", 2019)} == {"nazarbayev", "tokayev"}
    assert [p.id for p in gaz.title_holders("المبعوث الأممي إلى سوريا", 2020)] == ["pedersen"]
    assert gaz.title_holders("نائب وزير الخارجية الروسي", 2017) == []  # shared title


@pytest.mark.parametrize("words, pid", [
    (["ميخائيل", "بغدانوف"], "bogdanov"),  # a spelling the data lacks
    (["بغدانوف"], "bogdanov"),
    (["ايبك", "سماديياروف"], "smadiyarov"),
    (["أيبك", "سمادياروف"], "smadiyarov"),
    (["تلوبيردي"], "tileuberdi"),
    (["سيرجى", "لافروف"], "lavrov"),
])
def test_fuzzy_person_resolves_unseen_spellings(gaz, words, pid):
    p = gaz.fuzzy_person(words)
    assert p is not None and p.id == pid


@pytest.mark.parametrize("words", [
    ["سيرغي", "ريابكوف"],  # another person: the surname anchor fails
    ["الاجتماع"], ["موسكو"], ["المشاركون"], [], ["وهو", "ما"],
])
def test_fuzzy_person_rejects_other_words(gaz, words):
    assert gaz.fuzzy_person(words) is None


def test_kazakh_officials_are_known(gaz):
    people = {p.name: p for p in gaz.people}
    for name in ("Kanat Tumysh", "Yerzhan Ashikbayev", "Aibek Smadiyarov"):
        assert name in people and people[name].source
    assert [p.id for _, _, p in gaz.find_names("قال كانات توميش وأيبك سماديياروف")] == ["tumysh", "smadiyarov"]
    assert gaz.title_holders("نائب وزير الخارجية الكازاخي", 2023) == []  # shared: never by date alone


def test_a_full_name_matches_with_or_without_the_article_on_the_surname():
    gaz = Gazetteer.load()
    assert [p.id for _, _, p in gaz.find_names("التقى بشار جعفري الوفد")] == ["jaafari"]
    assert [p.id for _, _, p in gaz.find_names("وقال أحمد الطعمة إن")] == ["tomeh"]
    # a bare surname without its article is not a name («جعفري» is also an adjective)
    assert gaz.find_names("المذهب الجعفري") and not gaz.find_names("فقه جعفري")
