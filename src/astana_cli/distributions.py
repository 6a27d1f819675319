"""Distributions: how the hits of a search, or the quotes, spread over rounds, months, years,
outlets or speakers.

A bucket holds articles: a round the articles linked to it (reporting on it or naming it, as
``--round`` filters; for quotes, also those with a quote of that round); a month or a year the articles
published then; an outlet its articles; a speaker the articles quoting them. An article may be in
several round buckets, so the hits of the buckets can add up to more than the hits. Each record
gives the hits in the bucket, the articles among them with a hit, all the bucket's articles, and the
share (articles with a hit / all articles of the bucket). Rounds come in calendar order, all of
them (a round without articles is a zero, not a gap); months and years in time order, the undated
last; outlets (articles without one last, bucket None) and speakers by their number of articles.

Hits are ``(article_id, keys)`` pairs: ``keys`` the buckets of that one hit (a quote's round, the
speaker of the quote a sentence is in), or None for the buckets of its article.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .errors import BadInput
from .store import Store

BY = ("round", "month", "year", "outlet", "speaker")
UNDATED = "undated"


def _check(by: str) -> None:
    if by not in BY:
        raise BadInput(f"a distribution is by {', '.join(BY)}, not {by!r}")


def buckets(store: Store, by: str, quote_rounds: bool = False) -> list[dict]:
    """Every bucket of ``by`` in order: ``{"key", "label", "articles": set of article ids}`` (and a
    round's ``start``, ``end``, ``venue``); with ``quote_rounds`` a round also holds the articles
    with a quote of that round."""
    _check(by)
    if by == "round":
        members: dict = defaultdict(set)
        for r in store.query("SELECT round, article_id FROM article_rounds" + (
                " UNION SELECT round, article_id FROM quotes WHERE round IS NOT NULL" if quote_rounds else "")):
            members[r["round"]].add(r["article_id"])
        return [{"key": r["round"], "label": str(r["round"]), "start": r["start"], "end": r["end"],
                 "venue": r["city"], "articles": members.get(r["round"], set())}
                for r in store.query('SELECT round, start, "end", city FROM rounds ORDER BY start, round')]
    if by in ("month", "year"):
        size = 7 if by == "month" else 4
        members = defaultdict(set)
        for r in store.query("SELECT id, published FROM articles"):
            p = r["published"] or ""
            members[p[:size] if len(p) >= size else UNDATED].add(r["id"])
        keys = sorted(k for k in members if k != UNDATED) + ([UNDATED] if UNDATED in members else [])
        return [{"key": k, "label": k, "articles": members[k]} for k in keys]
    if by == "outlet":
        members = defaultdict(set)
        for r in store.query("SELECT id, source FROM articles"):
            members[r["source"] or None].add(r["id"])
        order = sorted(members, key=lambda k: (k is None, -len(members[k]), k or ""))
        return [{"key": k, "label": k or "(no outlet)", "articles": members[k]} for k in order]
    members = defaultdict(set)
    names: dict[str, str] = {}
    for r in store.query("SELECT speaker_id, speaker, article_id FROM quotes"):
        key = speaker_key(r)
        members[key].add(r["article_id"])
        names.setdefault(key, r["speaker"])
    order = sorted(members, key=lambda k: (-len(members[k]), names[k] or ""))
    return [{"key": k, "label": names[k] or k, "articles": members[k]} for k in order]


def speaker_key(quote: dict) -> str:
    """A quote's speaker as a bucket: the person's id, else the label the corpus gives."""
    return quote["speaker_id"] or quote["speaker"]


def distribute(store: Store, by: str, hits: Iterable[tuple[int, Iterable | None]],
               quote_rounds: bool = False) -> list[dict]:
    """One record a bucket of ``by`` (see the module docstring): ``by``, ``bucket`` (its key),
    ``label``, ``hits``, ``articles`` (with a hit), ``of`` (all the bucket's articles), ``share``.
    Speakers without a hit are left out (a corpus quotes hundreds); every other bucket is kept."""
    all_buckets = buckets(store, by, quote_rounds)
    of_article: dict[int, list] = defaultdict(list)
    for b in all_buckets:
        for a in b["articles"]:
            of_article[a].append(b["key"])
    n_hits: dict = defaultdict(int)
    with_hit: dict = defaultdict(set)
    for article_id, keys in hits:
        for k in (of_article.get(article_id, []) if keys is None else keys):
            n_hits[k] += 1
            with_hit[k].add(article_id)
    out = []
    for b in all_buckets:
        k, of = b["key"], len(b["articles"])
        n = len(with_hit.get(k, ()))
        if by == "speaker" and not n_hits.get(k):
            continue
        record = {"by": by, "bucket": k, "label": b["label"]}
        record.update({x: b[x] for x in ("start", "end", "venue") if x in b})
        record.update({"hits": n_hits.get(k, 0), "articles": n, "of": of,
                       "share": round(n / of, 4) if of else 0.0})
        out.append(record)
    return out


def search_hits(store: Store, query: str, by: str, **options) -> list[tuple[int, list | None]]:
    """The hits of ``queries.search(query, **options)``, every one of them (no limit), as
    ``(article_id, keys)``. By speaker, a hit is in a speaker's bucket when ``search --speaker``
    finds it there: the query matches inside that speaker's quotes (each speaker quoted in an
    article with a hit is searched so)."""
    from . import queries

    options = dict(options, limit=10**9)
    page = queries.search(store, query, by="count", **options)
    if by != "speaker":
        return [(r["article_id"], None) for r in page.records for _ in range(r["count"])]
    candidates: dict[str | None, queries.Speaker] = {}
    if options.get("speaker"):
        chosen = queries.resolve_speaker(store, options.pop("speaker"))
        candidates[chosen.key] = chosen
    else:
        ids = sorted({r["article_id"] for r in page.records})
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for q in store.query("SELECT DISTINCT speaker_id, speaker FROM quotes WHERE article_id IN "
                                 f"({','.join('?' * len(chunk))}) ORDER BY speaker_id, speaker", chunk):
                key = speaker_key(q)
                candidates.setdefault(key, queries.Speaker([q["speaker_id"]] if q["speaker_id"] else [],
                                                           None if q["speaker_id"] else q["speaker"]))
    out: list[tuple[int, list | None]] = []
    for label, who in candidates.items():
        inside = queries.search(store, query, by="count", **dict(options, speaker=who))
        out += [(r["article_id"], [label]) for r in inside.records for _ in range(r["count"])]
    return out


def quote_hits(quotes: Iterable[dict], by: str) -> list[tuple[int, list | None]]:
    """Quote rows (``queries.quote_rows``) as hits: by round a quote is in its own round (none
    when the quote has none; distribute them with ``quote_rounds``), by speaker its speaker's
    bucket, otherwise its article's."""
    _check(by)
    if by == "round":
        return [(q["article_id"], [q["round"]] if q["round"] is not None else []) for q in quotes]
    if by == "speaker":
        return [(q["article_id"], [speaker_key(q)]) for q in quotes]
    return [(q["article_id"], None) for q in quotes]


def versus(first: list[dict], second: list[dict]) -> list[dict]:
    """Two distributions over the same buckets as one: the second's counts as ``versus_hits``,
    ``versus_articles``, ``versus_share``."""
    other = {r["bucket"]: r for r in second}
    out = []
    for r in first:
        o = other.get(r["bucket"], {})
        out.append(dict(r, versus_hits=o.get("hits", 0), versus_articles=o.get("articles", 0),
                        versus_share=o.get("share", 0.0)))
    return out
