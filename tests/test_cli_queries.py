"""`astana rounds`, `quotes`, `speakers` and `search` through the CLI, as a researcher uses them."""
import json

import pytest

from conftest import as_json


def test_rounds_lists_each_round_with_its_articles_and_roles(corpus):
    records = as_json(corpus("rounds", "--format", "json"))
    by_round = {r["round"]: r for r in records}
    assert [r["round"] for r in records] == sorted(by_round)
    eighth = by_round[8]
    assert (eighth["start"], eighth["end"], eighth["venue"]) == ("2017-12-21", "2017-12-22", "Astana")
    assert {(a["file"], a["role"]) for a in eighth["articles"]} == {("002_1f11db680a8bc5e4.txt", "main")}
    assert all(a["evidence"] for r in records for a in r["articles"] if a["role"] == "main")


def test_rounds_all_is_the_whole_calendar(corpus):
    records = as_json(corpus("rounds", "--all", "--format", "json"))
    assert [r["round"] for r in records] == list(range(1, 23))
    venues = {r["round"]: r["venue"] for r in records}
    assert venues[10] == venues[15] == "Sochi" and venues[13] == "Nur-Sultan" and venues[21] == "Astana"


def test_one_round_shows_its_quotes(corpus):
    detail = as_json(corpus("rounds", "2", "--format", "json"))[0]
    assert detail["round"] == 2
    assert any(q["speaker"] == "Alexander Lavrentiev" for q in detail["quotes_list"])
    assert corpus("rounds", "23").exit_code == 1


@pytest.mark.parametrize("name", ["Lavrentiev", "lavrentyev", "LAVRENTIEV", "لافرنتييف", "لافرينتيف"])
def test_a_speaker_in_any_script_or_spelling(corpus, name):
    quotes = as_json(corpus("quotes", "--speaker", name, "--format", "json"))
    assert quotes and {q["speaker"] for q in quotes} == {"Alexander Lavrentiev"}
    assert {"file", "speaker", "speaker_ar", "kind", "text", "sentence", "round", "start", "end"} <= set(quotes[0])


def test_quote_offsets_point_at_the_words_in_the_article(corpus):
    quotes = as_json(corpus("quotes", "--speaker", "de Mistura", "--format", "json"))
    for q in quotes:
        text = json.loads(corpus("show", q["file"], "--format", "json").stdout)[0]["text"]
        assert text[q["start"]:q["end"]] == q["text"]


def test_filters_narrow_the_quotes(corpus):
    every = as_json(corpus("quotes", "--format", "json"))
    direct = as_json(corpus("quotes", "--kind", "direct", "--format", "json"))
    assert direct and {q["kind"] for q in direct} == {"direct"} and len(direct) < len(every)
    second = as_json(corpus("quotes", "--round", "2", "--format", "json"))
    assert second and {q["round"] for q in second} == {2}
    one = as_json(corpus("quotes", "--article", "004_6617070030061a61.txt", "--format", "json"))
    assert {q["file"] for q in one} == {"004_6617070030061a61.txt"}
    hope = as_json(corpus("quotes", "--contains", "نأمل", "--format", "json"))
    assert hope and all("نأمل" in q["text"] or "نأمل" in q["sentence"] for q in hope)
    assert len(hope) < len(every)


def test_a_person_mentioned_but_never_quoted_is_said_so(corpus):
    r = corpus("quotes", "--speaker", "Alloush")
    assert r.exit_code == 0
    assert "Mohammed Alloush is never quoted" in r.stderr
    assert "محمد علوش" in r.stdout


def test_unknown_and_ambiguous_speakers_list_candidates(corpus):
    r = corpus("quotes", "--speaker", "Lavrentiv Alexandr")
    assert r.exit_code == 0  # close enough to one person
    r = corpus("quotes", "--speaker", "Ahmad")
    assert r.exit_code == 1 and "Ahmad Berri" in r.stderr and "Ahmad Tomeh" in r.stderr
    r = corpus("quotes", "--speaker", "Zzyzx")
    assert r.exit_code == 1 and "no speaker matches" in r.stderr


def test_speakers_counts_quotes_and_mentions(corpus):
    records = {r["speaker"]: r for r in as_json(corpus("speakers", "--format", "json"))}
    assert records["Alexander Lavrentiev"]["quotes"] > 0 and records["Alexander Lavrentiev"]["known"]
    assert records["Mohammed Alloush"]["quotes"] == 0 and records["Mohammed Alloush"]["mentions"] >= 1
    assert records["Mohammed Alloush"]["files"] == ["004_6617070030061a61.txt"]


def test_search_speaker_filter_keeps_to_that_speakers_quotes(corpus):
    hits = as_json(corpus("search", "أستانا", "--speaker", "Lavrentiev", "--format", "json"))
    assert hits
    quotes = as_json(corpus("quotes", "--speaker", "Lavrentiev", "--format", "json"))
    spans = {(q["file"], q["start"], q["end"]) for q in quotes}
    for h in hits:
        assert any(f == h["file"] and s <= h["start"] and h["end"] <= e for f, s, e in spans)


def test_search_inside_a_speakers_quotes_finds_the_words_there_not_elsewhere_in_the_sentence(corpus):
    # the sentence names «مفاوضات» before the quote too; only the occurrence inside the quote counts
    hits = as_json(corpus("search", "المفاوضات", "--speaker", "de Mistura", "--format", "json"))
    assert hits
    quotes = as_json(corpus("quotes", "--speaker", "de Mistura", "--format", "json"))
    for h in hits:
        assert any(q["file"] == h["file"] and q["start"] <= h["start"] < h["end"] <= q["end"] for q in quotes)
        text = json.loads(corpus("show", h["file"], "--format", "json").stdout)[0]["text"]
        assert text[h["start"]:h["end"]] == h["match"]
