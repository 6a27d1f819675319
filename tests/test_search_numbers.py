"""Numbers and names in search queries (issue 13, item 4): ordinals in words and digits are one
token, a number matches that number only, a person's name finds their other spellings, --expand
widens a concept inside a longer phrase. Every sentence here is written for the test."""
from __future__ import annotations

import pytest

from astana_cli import index, search
from astana_cli.text import arabic, numbers
from astana_cli.text.names import transliterations
from test_search import add, make_db


@pytest.fixture
def small(tmp_path):
    return make_db(tmp_path / "small.db")


def terms(text: str) -> str:
    return search.terms(arabic.normalize(text))


def found(db, query: str, **kw) -> set[str]:
    return {h.file for h in search.search(db, query, limit=1000, **kw).hits}


# --- ordinals and digits are one token ------------------------------------------------------------


@pytest.mark.parametrize("written, folded", [
    ("الجولة السادسة عشرة", "جوله 16"),
    ("الجولة الـ16", "جوله 16"),
    ("الجولة ١٦", "جوله 16"),
    ("في الجولة الحادية عشر", "في جوله 11"),
    ("الاجتماع الثاني والعشرين", "اجتماع 22"),
    ("الاجتماع الثاني و العشرين", "اجتماع 22"),
    ("أستانا العاشرة", "استانا 10"),
    ("للمرة الأولى", "مره 1"),
    ("يومي 3 و4 أيار", "يومي 3 4 ايار"),
    ("عشر سنوات", "عشر سنوات"),  # a cardinal alone stays a word
])
def test_terms_write_a_number_one_way(written, folded):
    assert terms(written) == folded


def test_fold_keeps_the_words_of_each_number():
    stems = [arabic.strip_clitics(w) for _, _, w in arabic.words(arabic.normalize("الجولة الثالثة عشرة اليوم"))]
    assert numbers.fold(stems) == [("جوله", 0, 1), ("13", 1, 3), ("يوم", 3, 4)]


@pytest.mark.parametrize("query", ["الجولة السادسة عشرة", "الجولة 16", "الجولة الـ16", "الجولة السادسة عشر"])
def test_a_round_in_words_or_digits_finds_both(small, query):
    add(small, "وتنطلق الجولة 16 من المحادثات يوم الأربعاء.", "digits.txt")
    add(small, "وأعلنت الخارجية أن الجولة الـ16 ستبحث ملف المعتقلين.", "article.txt")
    add(small, "وشارك الوفد في الجولة السادسة عشرة بوفد موسع.", "words.txt")
    add(small, "وشارك الوفد في الجولة السادسة بوفد موسع.", "six.txt")
    assert found(small, query) == {"digits.txt", "article.txt", "words.txt"}


def test_the_match_shown_is_the_number_as_written(small):
    text = "وقال إن الجولة الخامسة عشرة ستعقد في آذار."
    add(small, text, "a.txt")
    [hit] = search.search(small, "الجولة 15").hits
    assert hit.match == "الجولة الخامسة عشرة"
    assert text[hit.start:hit.end] == hit.match


# --- a number matches that number only --------------------------------------------------------------


def test_a_query_with_a_number_matches_that_number_only(small):
    add(small, "وصدر البيان الختامي لأستانة 18 بعد يومين.", "eighteen.txt")
    add(small, "وصدر البيان الختامي لأستانا 15 بعد يومين.", "fifteen.txt")
    add(small, "وقال في أستانا إن الوفد سيبقى 18 ساعة إضافية ثم يغادر العاصمة إلى موسكو.", "far.txt")
    got = search.search(small, "أستانا 18", limit=1000)
    assert {h.file for h in got.hits} == {"eighteen.txt"}
    assert got.hits[0].match == "لأستانة 18"
    assert found(small, "أستانا 15") == {"fifteen.txt"}


def test_score_of_a_number_query(small):
    q = terms("أستانا 18")
    assert search.score(q, terms("بيان أستانا 18 الختامي")) == 100
    assert search.score(q, terms("بيان أستانا 15 الختامي")) == 0
    # the number is near the other words or nowhere: «18» far off does not make «أستانا» a match
    assert search.score(q, terms("في أستانا قال الوفد إنه سيبقى في العاصمة الكازاخية 18 ساعة")) < 80


def test_every_number_of_the_query_must_be_there(small):
    add(small, "وتعقد المحادثات في أستانا يومي 3 و4 أيار المقبل.", "both.txt")
    add(small, "وتعقد المحادثات في أستانا يومي 3 و5 أيار المقبل.", "other.txt")
    assert found(small, "في أستانا يومي 3 و4 أيار") == {"both.txt"}


def test_a_number_in_words_weighs_like_a_word(small):
    # «التاسع» written «9» is one letter: the words between the query's words must not weigh more
    add(small, "أكدت الخارجية عقد الاجتماع الدولي التاسع رفيع المستوى حول سوريا الشهر المقبل.", "a.txt")
    assert found(small, "الاجتماع الدولي التاسع حول سوريا") == {"a.txt"}
    assert found(small, "الاجتماع الدولي 9 حول سوريا") == {"a.txt"}


def test_number_queries_agree_with_brute_force(small):
    texts = ["الجولة 16 من المحادثات", "الجولة السادسة عشرة", "جولة 61 أخرى", "الجولة 1 والجولة 6",
             "الجولة الـ16 في أستانا", "الجولات 16 و17", "السادسة عشرة", "جوله16", "ستة عشر وفدا"]
    for i, t in enumerate(texts):
        add(small, t + ".", f"{i}.txt")
    index.refresh_vocab(small.conn)
    for query in ("الجولة 16", "الجولة السادسة عشرة", "16", "الجولات 16 و17"):
        expect = search.brute_force(small, query)
        got = search.search(small, query, limit=1000)
        assert {h.sentence_id for h in got.hits} == set(expect), query
        assert got.total_sentences == len(expect)


def test_a_database_with_unfolded_terms_is_refolded(small):
    add(small, "وتنطلق الجولة السادسة عشرة غدا.", "a.txt")
    conn = small.conn
    with conn:  # as an older astana stored it
        conn.execute("UPDATE sentences SET terms = 'وتنطلق جوله سادسه عشره غدا'")
        index.drop_index(conn)
        index.create_index(conn)
    with conn:
        index.refold_terms(conn)
    assert conn.execute("SELECT terms FROM sentences").fetchone()[0] == "وتنطلق جوله 16 غدا"
    assert found(small, "الجولة 16") == {"a.txt"}


# --- a person's name finds their other spellings -------------------------------------------------------


def test_transliterations_of_a_name():
    spellings = transliterations(arabic.normalize("طعمة"))
    assert spellings[0] == "طعمه"
    assert {"توما", "تومه", "طعما"} <= set(spellings)
    assert "احمد" in transliterations("احمد")


def test_a_full_name_finds_its_spelling_through_latin_letters(small):
    add(small, "وترأس وفد المعارضة أحمد توما في الجلسة الأولى.", "latin.txt")
    add(small, "وقال أحمد طعمة إن الوفد سيحضر.", "gazetteer.txt")
    add(small, "وسيعقد مؤتمر توما الأكويني للفلسفة في روما.", "thomas.txt")
    add(small, "ونفذت الخطة بصورة تامة.", "ordinary.txt")
    got = search.search(small, "أحمد طعمة", limit=1000)
    assert {h.file for h in got.hits} == {"latin.txt", "gazetteer.txt"}
    latin = next(h for h in got.hits if h.file == "latin.txt")
    assert (latin.match, latin.concept) == ("أحمد توما", "tomeh")
    # the surname alone finds the person's spellings, but a transliteration only as a full name
    assert found(small, "طعمة") == {"latin.txt", "gazetteer.txt"}


def test_a_name_inside_a_phrase_is_widened_there(small):
    add(small, "وقال رئيس الوفد أحمد توما إن الجولة صعبة.", "a.txt")
    assert "a.txt" in found(small, "رئيس الوفد أحمد طعمة")


# --- --expand widens a concept inside a longer phrase ------------------------------------------------


def test_expand_widens_a_concept_inside_a_phrase(small):
    add(small, "وتقع المدينة ضمن اتفاق خفض التصعيد في الشمال.", "a.txt")
    add(small, "وتحدث عن مناطق خفض التصعيد في الجنوب.", "zones.txt")
    assert found(small, "اتفاق خفض التوتر") == set()
    got = search.search(small, "اتفاق خفض التوتر", expand=True, limit=1000)
    assert "a.txt" in {h.file for h in got.hits}
    hit = next(h for h in got.hits if h.file == "a.txt")
    assert (hit.concept, hit.variant, hit.score) == ("de-escalation", "اتفاق خفض التصعيد", 100.0)


def test_expansions_keep_the_other_words_as_written():
    got = search._expansions("اتفاق خفض التوتر")
    assert ("de-escalation", "اتفاق خفض التوتر") in got  # the query itself, as one of the variants
    assert ("de-escalation", "اتفاق خفض التصعيد") in got
    assert ("de-escalation", "اتفاق تخفيف التوتر") in got
    assert all(v.startswith("اتفاق ") for _, v in got)


def test_a_number_is_never_looked_up_joined_to_its_neighbour(small, monkeypatch):
    """Two words written as one («نورسلطان») are looked up joined, but not a number and a word:
    a number is a term of its own and matches only where it stands, so «الجولة6» adds nothing,
    while the word's spellings would be scored in every sentence holding it."""
    from astana_cli.search import engine

    add(small, "انطلقت الجولة السادسة في أستانا. وانتهت الجولة الخامسة أمس.", "a.txt")
    add(small, "وصل الوفد إلى نور سلطان للمشاركة في الجولة.", "b.txt")
    index.refresh_vocab(small.conn)
    looked_up = []
    real = engine._matches
    monkeypatch.setattr(engine, "_matches", lambda conn, words, *a, **kw: looked_up.append(list(words)) or real(conn, words, *a, **kw))
    assert found(small, "الجولة السادسة") == {"a.txt"}
    assert all(len(w) == 2 for w in looked_up)  # the query itself only: no joined form
    looked_up.clear()
    assert found(small, "نورسلطان") == {"b.txt"}
    assert found(small, "نور سلطان") == {"b.txt"} and ["نورسلطان"] in looked_up
