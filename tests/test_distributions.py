"""Distributions: `astana search Q --by round|month|year|outlet|speaker` and `astana quotes --by …`."""
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest

from astana_cli import distributions, queries
from astana_cli.store import Store
from astana_cli.text.arabic import normalize
from conftest import as_json

QUERY = normalize("خفض التصعيد")
OTHER = normalize("وقف إطلاق النار")


@pytest.fixture
def store(corpus_db):
    s = Store(corpus_db, create=False)
    yield s
    s.close()


def test_by_round_equals_a_brute_force_count_over_the_same_rows(corpus, store):
    rows = as_json(corpus("search", QUERY, "--by", "round", "--format", "json"))
    # every matching sentence, and the rounds each article is linked to, counted by hand
    hits = queries.search(store, QUERY, limit=10**9).records
    linked = defaultdict(set)
    for r in store.query("SELECT round, article_id FROM article_rounds"):
        linked[r["round"]].add(r["article_id"])
    assert hits and sum(r["hits"] for r in rows) > 0
    for row in rows:
        mine = [h for h in hits if h["article_id"] in linked[row["bucket"]]]
        with_hit = {h["article_id"] for h in mine}
        assert (row["hits"], row["articles"], row["of"]) == (len(mine), len(with_hit), len(linked[row["bucket"]]))
        assert row["share"] == (round(len(with_hit) / len(linked[row["bucket"]]), 4) if linked[row["bucket"]] else 0)
        # and the same as filtering the search by that round
        one = queries.search(store, QUERY, round=row["bucket"], limit=10**9)
        assert (row["hits"], row["articles"]) == (one.total_sentences, one.total_articles)


@pytest.mark.parametrize("query", [QUERY, OTHER, normalize("لافرنتييف"), normalize("أستانا")])
def test_counts_per_article_are_the_article_hits_counts(store, query):
    """A distribution reads each article's number of hits only (by="count"): the same numbers and
    totals as the hits by article, without reading or aligning a hit."""
    counts = queries.search(store, query, by="count", limit=10**9)
    articles = queries.search(store, query, by="article", limit=10**9)
    assert counts.records and {r["article_id"]: r["count"] for r in counts.records} == \
        {r["article_id"]: r["count"] for r in articles.records}
    assert (counts.total_sentences, counts.total_articles) == (articles.total_sentences, articles.total_articles)


def test_rounds_come_in_calendar_order_with_their_dates_empty_ones_as_zero(corpus, store):
    rows = as_json(corpus("search", QUERY, "--by", "round", "--format", "json"))
    calendar = store.query('SELECT round, start, "end" FROM rounds ORDER BY start')
    assert [(r["bucket"], r["start"], r["end"]) for r in rows] == [(c["round"], c["start"], c["end"]) for c in calendar]
    assert [r["bucket"] for r in rows] == list(range(1, 23))
    assert any(r["hits"] == 0 and r["of"] == 0 for r in rows)


def test_the_table_has_a_row_and_a_bar_per_round(corpus):
    result = corpus("search", QUERY, "--by", "round")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(lines) == 22
    assert any("█" in line for line in lines) and any("0 of 0" in line for line in lines)


def test_months_and_years_in_time_order_cover_every_article(corpus, store):
    n_articles = store.query("SELECT COUNT(*) AS n FROM articles")[0]["n"]
    for by in ("month", "year"):
        rows = as_json(corpus("search", QUERY, "--by", by, "--format", "json"))
        dated = [r["bucket"] for r in rows if r["bucket"] != distributions.UNDATED]
        assert dated == sorted(dated) and len(set(dated)) == len(dated)
        assert sum(r["of"] for r in rows) == n_articles
        assert sum(r["hits"] for r in rows) == queries.search(store, QUERY, limit=1).total_sentences


def test_by_outlet_counts_each_outlets_articles(corpus, store):
    rows = as_json(corpus("search", OTHER, "--by", "outlet", "--format", "json"))
    for row in rows:
        if row["bucket"]:
            one = queries.search(store, OTHER, source=row["bucket"], limit=1)
            assert (row["hits"], row["articles"]) == (one.total_sentences, one.total_articles)


def test_search_by_speaker_counts_hits_inside_that_speakers_quotes(corpus, store):
    astana = normalize("أستانا")
    rows = as_json(corpus("search", astana, "--by", "speaker", "--format", "json"))
    assert rows and all(r["hits"] > 0 for r in rows)
    for row in rows[:5]:
        one = queries.search(store, astana, speaker=row["label"], limit=10**9)
        assert row["articles"] == one.total_articles


def test_quotes_by_speaker_and_round_add_up_to_the_quotes(corpus):
    said = as_json(corpus("quotes", "--speaker", "Lavrentiev", "--format", "json"))
    by_round = as_json(corpus("quotes", "--speaker", "Lavrentiev", "--by", "round", "--format", "json"))
    assert sum(r["hits"] for r in by_round) == sum(1 for q in said if q["round"] is not None)
    for row in by_round:
        assert row["hits"] == sum(1 for q in said if q["round"] == row["bucket"])
        assert row["articles"] <= row["of"]
    by_speaker = as_json(corpus("quotes", "--speaker", "Lavrentiev", "--by", "speaker", "--format", "json"))
    assert [(r["label"], r["hits"]) for r in by_speaker] == [("Alexander Lavrentiev", len(said))]


def test_versus_puts_two_queries_side_by_side(corpus):
    both = as_json(corpus("search", QUERY, "--by", "round", "--versus", OTHER, "--format", "json"))
    first = as_json(corpus("search", QUERY, "--by", "round", "--format", "json"))
    second = as_json(corpus("search", OTHER, "--by", "round", "--format", "json"))
    assert [(r["hits"], r["versus_hits"], r["versus_articles"]) for r in both] == \
        [(a["hits"], b["hits"], b["articles"]) for a, b in zip(first, second)]


def test_csv_gives_the_same_rows(corpus):
    rows = as_json(corpus("search", QUERY, "--by", "year", "--format", "json"))
    csv_lines = corpus("search", QUERY, "--by", "year", "--format", "csv").stdout.splitlines()
    assert len(csv_lines) == len(rows) + 1 and csv_lines[0].startswith("by,bucket,label")


@pytest.mark.parametrize("args, message", [
    (["search", QUERY, "--versus", OTHER], "--versus and --chart need a distribution"),
    (["search", QUERY, "--by", "round", "--chart", "out.pdf"], "--chart writes .svg or .png"),
    (["search", QUERY, "--by", "round", "--chart", "/no/such/folder/out.svg"], "--chart: no folder"),
    (["quotes", "--chart", "x.svg"], "--chart needs a distribution"),
])
def test_bad_distribution_options_are_one_line(corpus, args, message):
    result = corpus(*args)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("astana: error: " + message)


def test_without_matplotlib_chart_says_how_to_get_it(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    result = corpus("search", QUERY, "--by", "round", "--chart", tmp_path / "r.svg")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == \
        "astana: error: --chart needs matplotlib: pip install 'astana-cli[chart]'"


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_chart_files_are_valid(corpus, tmp_path, suffix):
    pytest.importorskip("matplotlib", reason="the chart extra is not installed: pip install 'astana-cli[chart]'")
    path = tmp_path / f"rounds{suffix}"
    result = corpus("search", QUERY, "--by", "round", "--versus", OTHER, "--chart", path)
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width > 300 and height > 200
    else:
        root = ET.fromstring(data)
        assert root.tag.endswith("svg") and len(list(root.iter())) > 50


def test_chart_labels_are_shaped_only_for_a_matplotlib_that_does_not_shape():
    from astana_cli.chart import label

    word = normalize("التصعيد")
    shaped = label(word, shaping=False)
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)  # presentation forms
    assert shaped[0] == "\ufeaa"  # final dal first: visual order, left to right
    assert label(word, shaping=True) == word
    assert label("round 6", shaping=False) == "round 6"


def test_quotes_by_round_counts_articles_with_a_quote_of_that_round(store):
    rows = queries.quote_rows(store)
    dist = distributions.distribute(store, "round", distributions.quote_hits(rows, "round"), quote_rounds=True)
    assert sum(r["hits"] for r in dist) == sum(1 for q in rows if q["round"] is not None)
    assert all(r["articles"] <= r["of"] for r in dist)
