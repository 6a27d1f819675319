"""Fuzzy phrase search over the stored sentences, index-backed, with a graded score 0-100.

How a query is answered
-----------------------
1. The query and every sentence go through ``arabic.normalize`` and then ``arabic.strip_clitics``
   word by word: the *terms* of a text are its clitic-stripped normalized words joined by spaces
   («ولخفض التصعيد» -> «لخفض تصعيد»). The store keeps each sentence's terms (``sentences.terms``,
   computed at ingest, in the workers) and the index holds them: its vocabulary is stems.
2. The score of a sentence is ``score``: ``partial`` = ``rapidfuzz.fuzz.partial_ratio(" query
   terms ", " sentence terms ")`` (the best window of the query's length, 0-100) when the sentence
   is at least as long as the query; a shorter sentence can only match as a whole, by
   ``fuzz.ratio`` (so a fragment such as «اار» does not score 80 against «وقف اطلاق النار»).
   Where ``partial`` >= 60 (``WINDOW_GATE``) the score is max(partial, window): ``window`` is the
   best ``fuzz.ratio`` of the padded query against a run of k-1, k or k+1 consecutive sentence
   words (k = query words), padded, 1 to 1.25 times as long as the padded query; it finds names written
   with inserted letters, which fit no window of the query's own length («تلوبردي» scores 90 on
   «تليوبيردي», ``partial_ratio`` 71). ``brute_force`` and the benchmark apply this very function
   (``score_many``: rapidfuzz ``process.extract`` in C, then the gated sentences' windows in one
   more ``process.extract``) to every sentence; it is the reference the index path is tested
   against. ``score_many`` skips work that cannot change the result: partial scores under the
   level that any window reaching the cutoff implies (65 at 80), windows of sentences whose upper
   bound (``partial_ratio`` of the query padded to the longest window) stays under the cutoff, and,
   with a page, the windows of hits that cannot reach the page (their score is then a lower bound).
3. Candidates come from the index, never from a scan, and are all rescored with that function.
   The padded query of length L may be an indel distance 2 L (1 - t) from a window of its length
   (0.4 L at t = 0.80); against a longer word window w the ratio allows d - (1 - t)(|w| - L) <=
   2 L (1 - t). Each query word i costs c_i in a sentence, counted in half indels
   (``SCALE``): the indel distance to the nearest stem there less (1 - t) per letter that stem is
   longer (``_word_cost``, rounded down, so that the sum stays a bound; the query's first word may
   also be the end of a longer word, its last word the start of one, at distance + 1), so a match
   has sum(c_i) <= ``budget``. Per word, its spellings are listed by cost level, cheapest first,
   up to the level past ``MAX_STEMS`` of them (cached in an LRU per database state): the spelling
   index (``astana_cli.spellindex``: the vocabulary by length, with bitmaps of the stems holding
   each letter and of where it stands in their first and last four places) names the stems a
   level can hold (a stem of length n at distance d keeps all of the word's letters but x = (d -
   n + m) / 2, its first and last kept letters near its ends) before any is read, and rapidfuzz
   computes their distances in C (1,000 spellings a word; a query no plan can narrow down with
   them is listed further, to 4,000; a query of several words lists 100, then 300, and goes on
   only while the best plan costs more than 150 ms by the model, each listing going on where the
   last stopped). A cap_i keeps each word's spellings under 100, 300, 1,000 or
   4,000, whichever
   makes the cheapest plan by a cost model (terms, rows read, candidates expected with the words
   taken as independent), and a word with no spelling within cap_i costs at least cap_i + 1.
   ``_plan`` turns that into one FTS5
   expression, rarest word first: the word at level c AND a cover of the other words within
   budget - c, OR it is absent and the others cover budget - cap_i - 1 (levels with the same
   remainder merged). A short word like «نار» thus only narrows AND-ed with the others instead of
   adding thousands of sentences to a union. One ``SELECT rowid ... MATCH`` (a plan that is an OR
   of terms only, as a one-word query's, is read term by term where FTS5's OR, which steps every
   term for each row, would cost more: ``plan.sentences_holding``), then one query for the
   candidates' terms, scored in C; the text of a hit is read only for the ``limit`` shown. Two or
   three words may also be written as one («نورسلطان»): ``_add_joined`` looks the joined forms up
   too, and scores only candidates the query itself did not score.
4. A one-word query of Arabic letters does not score the sentences it is sure of
   (``_sure_terms``): those holding a word whose stem is the query's stem score 100 by definition,
   and those holding a listed spelling whose ``_sure_bound`` (a lower bound of the score of any
   sentence holding that word, from its LCS with the query) reaches the threshold are hits. They
   are counted in SQL (COUNT and COUNT DISTINCT article over their ids, with the filters), and
   only the first ``limit`` of the score-100 ones are read, in rank order (article, index); the
   candidates outside them are scored as above. When the score-100 sentences do not fill the page
   (or by article, which needs every hit's article), only those are left unscored. Totals stay
   exact (checked against scoring everything in tests/test_search.py and the benchmark).

5. Numbers and names (issue 13). ``terms`` writes a number one way: an ordinal in words and
   digits behind a clitic become digits (``text.numbers``: «الجولة السادسة عشرة», «الجولة الـ16»
   and «الجولة 16» are all «جوله 16»; migration m005 refolds stored terms). A query holding numbers
   matches only text where they stand: it is scored on the parts of the sentence around its first
   number (``_around_numbers``: the words within the longest window scored, holding the other
   numbers too), a number filled out to the weight of a four-letter word (``_widen_numbers``), and
   in the plan a number is one spelling and required. A query naming a gazetteer person
   (data/speakers.json) is also searched as their other spellings and, for full names, as those
   spellings through Latin letters and back where the corpus has them (``_name_variants``,
   ``text.names``: «أحمد طعمة» / «أحمد توما»); ``brute_force`` does the same. With ``expand``, a
   concept named inside a longer query is widened in place (``_expansions``).

Why (measured on this machine, 2 cores; bench/bench_search.py, N = 10,000 unless said)
-------------------------------------------------------------------------------------
- The first version (one OR of every word's spellings when no word was "required", Python
  strip_clitics over thousands of vocabulary words per query, vocabulary written per article):
  median 345 ms, p95 935 ms; «وقف اطلاق النار» 1.2 s; ingest 14x the bare baseline.
- A union of one spelling set per word, thresholds by knapsack, whole-word costs: median 101 ms,
  p95 257 ms, recall 0.985; with any part of a longer word allowed for the edge words: recall
  0.996 but 2,000-8,000 candidates, median 239 ms, p95 1.38 s.
- This version (AND/OR plan, edge words as suffix/prefix only, lean rows, regex terms, C scoring):
  100-800 candidates for the phrase queries (single-word queries: as many as their hits, up to
  4,500 for «ادلب»), recall 10980/10995 = 0.9986 against brute force at 80, 27x faster than brute
  force (median); median 94 ms, p95 203 ms warm, 279 / 790 ms on a query's first run (expansions
  not cached), measured while a 100k ingest and other engineers' tests ran (load average 5.8 on 2
  cores: brute force took 2.5 s per query instead of 0.47 s unloaded, so these are ~4-5x slower
  than on an idle machine). The remaining cost: scoring every candidate of frequent single-word
  matches (linear in the hits), and the first-run spelling look-up of short words.
- Word window, sure sentences counted in SQL, covering-index look-ups (A/B with the previous version
  back to back, load ~1): N=10,000 median 32 vs 26 ms, p95 80 vs 87 ms, first run 81 vs 76 ms
  (p95 183 vs 231); N=100,000 median 227 vs 211 ms, p95 647 vs 864 ms, first run 639 vs 709 ms.
  «ادلب» at 100k: 766 -> 377 ms. The window costs ~4-6x the partial scoring of a gated candidate;
  recall 11090/11120 = 0.9973 (the window reaches hits no per-word cost bound admits: a word split
  in two, both ends changed). See bench/README.md.
- The vocabulary (now the spelling index) is filled in bulk from ``fts5vocab`` by ``refresh_vocab`` (about 2 s at N=10,000,
  with 'optimize'), after an ingest or lazily by the first search that finds it stale (the FTS5
  structure record, which changes on every write, is kept in ``search_meta``); nothing per article.
- Terms stored and indexed instead of the normalized text (N=100,000): the database 2.2 -> 1.18 GB,
  the vocabulary 1.37 M -> 937 k words, the plan's cap chosen by cost: median 227 -> 110 ms, p95
  647 -> 309 ms, first run median 639 -> 414 ms; with the skipped partial scores and the faster
  ingest: median 94 ms, p95 240 ms, first run median 315 ms, recall 108317/108734 = 0.9962, 80x
  faster than brute force, peak RSS 158 MB (bench/README.md has the steps and the output).
- The spelling index (issue 13; bench/README.md, fifth session) replaced ranges of the vocabulary
  on a word's first and last letters (one letter for words of four letters or fewer: 20,000-30,000
  stems a range at N=100,000, 85-340 ms a short word on a first run) with bitmaps of where letters
  stand by length: 14-73 ms a short word, every spelling of it found; with 1,000 spellings listed
  instead of 3,000, the first run on a fresh connection went from 250 to 193 ms (median, 0.69x
  per query), recall 0.9984 -> 0.9987. A whole CLI search at 100k also read every article's
  provenance (0.9 s of 1.0 s): now the page's only.
- A word-level FTS5 table over ``sentences.terms`` is the index sqlite-utils would make
  (``sentences_fts``, external content, delete/update triggers; new rows indexed in bulk by
  ``index_new``) less what no search asks for (``index.FTS_OPTIONS``, m011: no positions, no
  column sizes, the terms split at their spaces only): datasette and ``sqlite-utils search`` use
  it as it is (terms, prefixes and boolean queries; a quoted phrase is refused: ``--exact``
  checks the phrase in the text), at about a third of a trigram index's build time and disk.
  A trigram index was not tried: at 80 the q-gram lemma gives no bound for short queries (a
  15-letter query may be 6 indels away, which can touch every trigram).

Modules
-------
``tokens`` (the terms of a text, the words of a query; the one clitic regex), ``scoring`` (the score:
pure string functions), ``spellings`` (a word's spellings in the vocabulary, by cost level),
``plan`` (the AND/OR plan, its cost model, the candidates' ids), ``engine`` (``search``,
``brute_force``), ``kwic`` (a hit's match, context and round), ``variants`` (concepts, a person's
other spellings), ``rows`` (the named rows and results). The index itself (its DDL, ``index_new``,
``refresh_vocab``, the refolds) is kept by the store: ``astana_cli.index``; ``refresh_vocab(conn,
optimize=True)`` runs once after ``ingest_paths``, ``index_new`` before each commit.

The names below are loaded on first use (PEP 562), so that the store can import ``terms`` alone
and ``astana search`` loads only what a search needs.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "search": "engine", "brute_force": "engine", "_sure_terms": "engine",
    "score": "scoring", "score_many": "scoring", "DEFAULT_MIN_SCORE": "scoring",
    "_sure_bound": "scoring", "WINDOW_GATE": "scoring",
    "terms": "tokens", "MAX_QUERY_CHARS": "tokens", "MAX_QUERY_WORDS": "tokens",
    "Hit": "rows", "ArticleHit": "rows", "SearchResult": "rows", "QueryError": "rows",
    "concepts": "variants", "_expansions": "variants", "_name_variants": "variants",
}

__all__ = ["search", "brute_force", "score", "score_many", "terms", "concepts", "Hit", "ArticleHit",
           "SearchResult", "QueryError", "DEFAULT_MIN_SCORE"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted([*globals(), *_EXPORTS])
