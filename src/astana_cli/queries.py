"""The read side: each command's final records as plain dicts, from an open ``Store``.

Everything here is what every output shows (the table, JSON, JSONL, CSV, and ``astana serve``):
the CLI only parses options and renders these records. Speaker and article references are
resolved here too, so ``--speaker`` and ``--article`` mean the same in every command.
"""
from __future__ import annotations

import datetime as _dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .errors import AstanaError, BadInput, NotFound
from .store import SENTENCE_TEXT, Store

# The fields of each command's records, in this order (JSON keys, CSV columns).
ARTICLE_FIELDS = ("id", "file", "title", "published", "published_inferred", "source", "outlet", "words",
                  "main_rounds", "mentioned_rounds", "url", "files", "group", "copies")
SHOW_FIELDS = ("id", "file", "title", "published", "published_inferred", "source", "outlet", "url", "words",
               "main_rounds", "mentioned_rounds", "sources", "group", "copies", "text")
ROUND_FIELDS = ("round", "start", "end", "venue", "venue_ar", "articles", "main", "mentioned", "quotes",
                "top_speakers")
QUOTE_FIELDS = ("file", "speaker", "speaker_ar", "kind", "verb", "text", "sentence", "round", "published",
                "start", "end", "outlet", "url", "files", "group")


def _short(text: str, most: int = 60) -> str:
    """``text`` cut for an error message."""
    return text if len(text) <= most else text[:most] + "…"


def parse_date(option: str, value: str | None) -> str | None:
    """``value`` checked as a YYYY-MM-DD date (``BadInput`` naming ``option`` otherwise)."""
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise BadInput(f"{option} takes a date as YYYY-MM-DD, not {_short(value)!r}") from None


def _rounds_by_article(store: Store, ids: str | None = None) -> dict[int, dict[str, list[int]]]:
    """Each article's main and mentioned rounds; of the articles in the JSON list ``ids`` only,
    when given."""
    out: dict[int, dict[str, list[int]]] = defaultdict(lambda: {"main": [], "mentioned": []})
    where, params = _of_articles(ids)
    for r in store.query(f"SELECT article_id, round, role FROM article_rounds {where}ORDER BY round", params):
        out[r["article_id"]][r["role"]].append(r["round"])
    return out


def _sources_by_article(store: Store, ids: str | None = None) -> dict[int, list[dict]]:
    """Each article's source files in order; of the articles in the JSON list ``ids`` only,
    when given."""
    out: dict[int, list[dict]] = defaultdict(list)
    where, params = _of_articles(ids)
    for r in store.query(f"SELECT article_id, path, file, url, outlet, title, published FROM sources {where}ORDER BY id",
                         params):
        out[r["article_id"]].append(r)
    return out


def _of_articles(ids: str | None) -> tuple[str, list]:
    """The WHERE clause (and its parameter) keeping the rows of the articles in the JSON list
    ``ids``; none when it is None."""
    return ("WHERE article_id IN (SELECT value FROM json_each(?)) ", [ids]) if ids is not None else ("", [])


def _group_sizes(store: Store, rows: list[dict] | None = None) -> Counter:
    """How many articles each group of near copies has; of the groups of the article ``rows``
    only, when given."""
    if rows is None:
        return Counter(r["copy_group"] for r in store.query("SELECT copy_group FROM articles"))
    groups = json.dumps(sorted({r["copy_group"] for r in rows if r["copy_group"] is not None}))
    return Counter({r["copy_group"]: r["n"] for r in store.query(
        "SELECT copy_group, COUNT(*) AS n FROM articles WHERE copy_group IN (SELECT value FROM json_each(?))"
        " GROUP BY copy_group", [groups])})


def provenance(store: Store, ids=None) -> dict[int, dict]:
    """For each article id (of ``ids`` only, when given: a page of hits or quotes reads what it
    shows, not the whole corpus): its outlet, url, source files, and its group of near copies
    (the id of the group's first article, and how many articles the group has)."""
    wanted = json.dumps(sorted(set(ids))) if ids is not None else None
    sources = _sources_by_article(store, wanted)
    if wanted is None:
        rows = store.query("SELECT id, source, url, copy_group FROM articles")
        sizes = _group_sizes(store)
    else:
        rows = store.query("SELECT id, source, url, copy_group FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                           [wanted])
        sizes = _group_sizes(store, rows)
    out = {}
    for r in rows:
        srcs = sources.get(r["id"], [])
        out[r["id"]] = {"outlet": r["source"], "url": r["url"] or next((x["url"] for x in srcs if x["url"]), None),
                        "files": [x["file"] for x in srcs],
                        "urls": [x["url"] for x in srcs if x["url"]],
                        "group": r["copy_group"], "copies": sizes.get(r["copy_group"], 1)}
    return out


def articles(store: Store, round: int | None = None, source: str | None = None, since: str | None = None,
             until: str | None = None) -> list[dict]:
    """One record a source file: the article's id (the same for two files of one text), file,
    title, published, outlet (``source``), url, words, main and mentioned rounds, every file of the
    article, and its group of near copies (``group``: the id of the group's first article;
    ``copies``: how many articles the group has)."""
    columns = "id, file, title, published, published_inferred, source, url, words, copy_group"
    order = "ORDER BY COALESCE(published, '9999'), file, id"
    # a round or dates narrow the articles in SQL first (the checks below stay the definition:
    # a date is a source file's, else its article's); an outlet is matched only below
    narrow: list[str] = []
    params: list = []
    if round is not None:
        narrow.append("SELECT article_id AS id FROM article_rounds WHERE round = ?")
        params.append(round)
    for bound, op in ((since, ">="), (until, "<=")):
        if bound is not None:
            narrow.append("SELECT a.id AS id FROM articles a LEFT JOIN sources s ON s.article_id = a.id"
                          f" WHERE substr(COALESCE(s.published, a.published), 1, 10) {op} ?")
            params.append(bound)
    if not narrow:
        rounds, sources, sizes = _rounds_by_article(store), _sources_by_article(store), _group_sizes(store)
        rows = store.query(f"SELECT {columns} FROM articles {order}")
    else:  # those articles only: read them, not the whole corpus
        ids = json.dumps([r["id"] for r in store.query(" INTERSECT ".join(narrow), params)])
        rounds, sources = _rounds_by_article(store, ids), _sources_by_article(store, ids)
        rows = store.query(f"SELECT {columns} FROM articles WHERE id IN (SELECT value FROM json_each(?)) {order}", [ids])
        sizes = _group_sizes(store, rows)
    out = []
    for r in rows:
        rr = rounds.get(r["id"], {"main": [], "mentioned": []})
        if round is not None and round not in rr["main"] + rr["mentioned"]:
            continue
        srcs = sources.get(r["id"]) or [{"file": r["file"], "url": r["url"], "outlet": None, "title": None,
                                         "published": None}]
        for src in srcs:
            outlet = src["outlet"] or r["source"]
            published = src["published"] or r["published"]
            if source is not None and _outlet_key(outlet) != _outlet_key(source):
                continue
            if since is not None and not (published and published[:10] >= since):
                continue
            if until is not None and not (published and published[:10] <= until):
                continue
            out.append({"id": r["id"], "file": src["file"], "title": src["title"] or r["title"],
                        "published": src["published"] or r["published"],
                        "published_inferred": bool(r["published_inferred"]) and not src["published"],
                        "source": outlet, "outlet": outlet, "words": r["words"],
                        "main_rounds": rr["main"], "mentioned_rounds": rr["mentioned"],
                        "url": src["url"] or (r["url"] if src["file"] == r["file"] else None),
                        "files": [x["file"] for x in srcs], "group": r["copy_group"],
                        "copies": sizes.get(r["copy_group"], 1)})
    return out


def _outlet_key(name: str | None) -> str:
    from .text.arabic import normalize

    return normalize(name or "").casefold()


def article(store: Store, ref: str) -> dict:
    """``astana show``'s record: the article ``ref`` names, with its text (see ``find_article``)."""
    art = find_article(store, ref)
    return {k: art.get(k) for k in SHOW_FIELDS}


def find_article(store: Store, ref: str) -> dict:
    """The article named by ``ref``: its id, a file name or path of any of its sources;
    ``NotFound`` otherwise. ``file``, ``url`` and the metadata are that source's when a file is
    named; ``sources`` lists them all."""
    ref = str(ref).strip()
    rows: list[dict] = []
    via = None
    number = ref.isdecimal() and len(ref) < 19  # int() fails on «²», SQLite on more than 64 bits
    # «004» is first the start of a file name (004_….txt), as ids are never written with zeros
    padded = number and len(ref) > 1 and ref.startswith("0")
    if number and not padded:
        rows = store.query("SELECT * FROM articles WHERE id = ?", [int(ref)])
    if not rows:
        found = store.query("SELECT * FROM sources WHERE file = ? OR path = ? ORDER BY id", [ref, ref])
        if not found:
            found = store.query("SELECT * FROM sources WHERE file LIKE ? ESCAPE '\\' ORDER BY id",
                                [_like_prefix(ref)])
        via = found[0] if found else None
        rows = [dict(a, file=f["file"]) for f in found
                for a in store.query("SELECT * FROM articles WHERE id = ?", [f["article_id"]])]
        if len({r["id"] for r in rows}) == 1:
            rows = rows[:1]
        if not rows and padded:
            rows = store.query("SELECT * FROM articles WHERE id = ?", [int(ref)])
    if not rows:
        raise NotFound(f"no article {ref!r} in the database (see `astana articles`)")
    if len(rows) > 1:
        names = ", ".join(f"{r['id']} ({r['file']})" for r in rows[:5])
        raise NotFound(f"{ref!r} names {len(rows)} articles: {names}; give an id")
    art = rows[0]
    rr = _rounds_by_article(store).get(art["id"], {"main": [], "mentioned": []})
    art["main_rounds"], art["mentioned_rounds"] = rr["main"], rr["mentioned"]
    art["published_inferred"] = bool(art["published_inferred"])
    art["sources"] = [{"file": s["file"], "path": s["path"], "url": s["url"], "outlet": s["outlet"] or art["source"]}
                      for s in store.query("SELECT * FROM sources WHERE article_id = ? ORDER BY id", [art["id"]])]
    if via is not None:
        art["file"], art["path"] = via["file"], via["path"]
        art["url"] = via["url"]
        art["title"] = via["title"] or art["title"]
        if via["published"]:
            art["published"], art["published_inferred"] = via["published"], False
        art["source"] = via["outlet"] or art["source"]
    art["outlet"] = art["source"]
    art["files"] = [s["file"] for s in art["sources"]]
    art["group"] = art.get("copy_group")
    art["copies"] = [r["id"] for r in store.query(
        "SELECT id FROM articles WHERE copy_group = ? AND id != ? ORDER BY id", [art["copy_group"], art["id"]])]
    return art


def _like_prefix(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# --- rounds --------------------------------------------------------------------------------------


def _once_per_group(rows: list[dict]) -> list[dict]:
    """``rows`` (quotes with ``copy_group``, ``speaker_id``, ``speaker``, ``text``) with each quote
    once per group of near copies: the first of the same speaker and the same words (normalized)."""
    from .text.arabic import normalize

    seen: set = set()
    out = []
    for r in rows:
        key = (r["copy_group"], r["speaker_id"] or r["speaker"], normalize(r["text"] or ""))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def rounds(store: Store, all: bool = False, top_speakers: int = 3, all_copies: bool = False) -> list[dict]:
    """A record a round present in the corpus (every round of the calendar with ``all``). A quote
    that near copies of one story repeat counts once, unless ``all_copies``; ``ROUND_FIELDS``."""
    cal = store.query('SELECT round, start, "end", city, city_ar FROM rounds ORDER BY round')
    links = store.query(
        "SELECT ar.round, ar.role, ar.evidence, a.file, a.id AS article_id, a.published "
        "FROM article_rounds ar JOIN articles a ON a.id = ar.article_id "
        "ORDER BY ar.round, ar.role, a.published, a.file")
    by_round: dict[int, list[dict]] = defaultdict(list)
    for link in links:
        by_round[link["round"]].append(link)
    quotes = store.query("SELECT q.round, q.speaker, q.speaker_id, q.text, a.copy_group FROM quotes q "
                         "JOIN articles a ON a.id = q.article_id WHERE q.round IS NOT NULL "
                         "ORDER BY COALESCE(a.published, '9999'), a.file, q.start")
    if not all_copies:
        quotes = _once_per_group(quotes)
    qcount: Counter = Counter(q["round"] for q in quotes)
    speakers: dict[int, Counter] = defaultdict(Counter)
    for q in quotes:
        speakers[q["round"]][(q["speaker_id"] is None, q["speaker"])] += 1
    out = []
    for r in cal:
        arts = by_round.get(r["round"], [])
        if not arts and not all:
            continue
        out.append({
            "round": r["round"], "start": r["start"], "end": r["end"], "venue": r["city"],
            "venue_ar": r["city_ar"],
            "articles": [{"file": a["file"], "id": a["article_id"], "role": a["role"],
                          "evidence": a["evidence"]} for a in arts],
            "main": sum(1 for a in arts if a["role"] == "main"),
            "mentioned": sum(1 for a in arts if a["role"] == "mentioned"),
            "quotes": qcount.get(r["round"], 0),
            # the people named (known to the gazetteer), by number of quotes; never a label such as
            # «statement», «sources» or «agency» (see ``speakers`` for those)
            "top_speakers": [name for (unnamed, name), _n in sorted(
                speakers[r["round"]].items(), key=lambda kv: (-kv[1], kv[0][1])) if not unnamed][:top_speakers],
        })
    return out


def round_detail(store: Store, number: int, all_copies: bool = False) -> dict:
    """One round: its calendar facts, its articles with evidence, and its quotes."""
    for r in rounds(store, all=True, top_speakers=10, all_copies=all_copies):
        if r["round"] == number:
            r["quotes_list"] = quotes(store, round=number, all_copies=all_copies)
            return r
    raise NotFound(f"no round {number}: the Astana calendar has rounds 1 to "
                   f"{store.query('SELECT MAX(round) AS m FROM rounds')[0]['m']}")


# --- quotes and speakers -------------------------------------------------------------------------


@dataclass
class Speaker:
    """What ``--speaker`` named: known people (``ids``) or a label as the corpus has it."""

    ids: list[str] = field(default_factory=list)
    label: str | None = None
    names: list[str] = field(default_factory=list)

    @property
    def key(self) -> str | None:
        """The one value ``search(speaker=…)`` takes: the person's id, else the label."""
        return self.ids[0] if self.ids else self.label


# A gazetteer match at or above SURE names the person; candidates within CLOSE points of the best
# (and at least LIKELY) make the name ambiguous; HINT and LABEL_HINT are the floors of "did you mean".
SURE, CLOSE, LIKELY, HINT, LABEL_HINT = 85, 3, 80, 50, 70


def resolve_speaker(store: Store, name: str) -> Speaker:
    """The speaker ``name`` means: a known person (any script, any spelling), or a label as the
    corpus has it; ``BadInput``/``NotFound`` (listing close candidates) otherwise."""
    from rapidfuzz import fuzz, process

    from .extract.speakers import Gazetteer
    from .text.arabic import name_key

    if not name or not name.strip():
        raise BadInput("--speaker needs a name", 1)
    gaz = Gazetteer.load()
    found = gaz.resolve(name)
    if found:
        best, score = found[0]
        close = [p for p, s in found if s >= score - CLOSE and s >= LIKELY]
        if score >= SURE and len(close) <= 1:
            return Speaker([best.id], None, [best.name])
        if score >= SURE and len({p.id for p in close}) > 1:
            names = "; ".join(f"{p.name}" for p in close[:6])
            raise BadInput(f"--speaker {_short(name)!r} is ambiguous: {names}", 1)
    labels = [r["speaker"] for r in store.query("SELECT DISTINCT speaker FROM quotes WHERE speaker_id IS NULL")]
    labels += [r["speaker_ar"] for r in store.query(
        "SELECT DISTINCT speaker_ar FROM quotes WHERE speaker_id IS NULL AND speaker_ar IS NOT NULL")]
    norm_labels = {name_key(x): x for x in labels if x}
    key = name_key(name)
    if key in norm_labels:
        return Speaker([], norm_labels[key], [norm_labels[key]])
    candidates = [p.name for p, s in (found or [])[:5] if s >= HINT]
    candidates += [norm_labels[m[0]] for m in process.extract(key, list(norm_labels), scorer=fuzz.WRatio, limit=3)
                   if m[1] >= LABEL_HINT]
    hint = f"; did you mean: {', '.join(dict.fromkeys(candidates))}?" if candidates else "; see `astana speakers`"
    raise NotFound(f"no speaker matches {_short(name)!r}{hint}")


def quotes(store: Store, *, speaker: Speaker | None = None, round: int | None = None, kind: str | None = None,
           article: str | None = None, contains: str | None = None, limit: int | None = None,
           all_copies: bool = False) -> list[dict]:
    """Quote records (``QUOTE_FIELDS``), in article date order, filtered as asked, each with where
    it was read (outlet, url, the article's files, its group of near copies). A quote that near
    copies of one story repeat is given once (from the first copy), unless ``all_copies``."""
    return [{k: r[k] for k in QUOTE_FIELDS}
            for r in quote_rows(store, speaker=speaker, round=round, kind=kind, article=article,
                                contains=contains, limit=limit, all_copies=all_copies)]


def quote_rows(store: Store, *, speaker: Speaker | None = None, round: int | None = None, kind: str | None = None,
               article: str | None = None, contains: str | None = None, limit: int | None = None,
               all_copies: bool = False) -> list[dict]:
    """``quotes`` with the ids too (``speaker_id``, ``article_id``) and ``copies``."""
    speaker_ids = speaker.ids if speaker else None
    speaker_label = speaker.label if speaker else None
    if limit is not None and limit < 0:
        raise AstanaError(f"the limit must be 0 (no limit) or more, not {limit}", 2)
    if round is not None and not -2**63 <= round < 2**63:
        return []  # no round that SQLite could even store
    where: list[str] = []
    params: list[str | int] = []
    if speaker_ids:
        where.append(f"q.speaker_id IN ({','.join('?' * len(speaker_ids))})")
        params += speaker_ids
    if speaker_label:
        where.append("(q.speaker = ? OR q.speaker_ar = ?)")
        params += [speaker_label, speaker_label]
    if round is not None:
        where.append("q.round = ?")
        params.append(round)
    if kind:
        where.append("q.kind = ?")
        params.append(kind)
    if article is not None:
        where.append("q.article_id = ?")
        params.append(find_article(store, article)["id"])
    sql = ("SELECT q.*, a.file, a.published, a.title, a.copy_group, " + SENTENCE_TEXT + " AS sentence FROM quotes q "
           "JOIN articles a ON a.id = q.article_id LEFT JOIN sentences s ON s.id = q.sentence_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY COALESCE(a.published, '9999'), a.file, q.start")
    rows = store.query(sql, params)
    if contains:
        from .text.arabic import normalize

        needle = normalize(contains)
        rows = [r for r in rows if needle in normalize(r["text"] or "")
                or needle in normalize(r["sentence"] or "")]
    if not all_copies:
        rows = _once_per_group(rows)
    where_from = provenance(store, [r["article_id"] for r in rows]) if rows else {}
    out = []
    for r in rows:
        p = where_from.get(r["article_id"], {})
        out.append({"file": r["file"], "speaker": r["speaker"], "speaker_ar": r["speaker_ar"],
                    "speaker_id": r["speaker_id"], "kind": r["kind"], "verb": r["verb"], "text": r["text"],
                    "sentence": r["sentence"], "round": r["round"], "published": r["published"],
                    "start": r["start"], "end": r["end"], "article_id": r["article_id"],
                    "outlet": p.get("outlet"), "url": p.get("url"), "files": p.get("files", [r["file"]]),
                    "group": p.get("group"), "copies": p.get("copies", 1)})
    return out[:limit] if limit else out


def mentions(store: Store, person_ids: list[str]) -> list[dict]:
    """Where the given people are named: file, the sentence, offsets."""
    if not person_ids:
        return []
    return store.query(
        "SELECT a.file, a.published, m.person_id, m.text AS name, m.start, m.\"end\", "
        "(SELECT " + SENTENCE_TEXT + " FROM sentences s WHERE s.article_id = m.article_id AND s.start <= m.start "
        " AND m.start < s.\"end\" LIMIT 1) AS sentence "
        "FROM mentions m JOIN articles a ON a.id = m.article_id "
        f"WHERE m.person_id IN ({','.join('?' * len(person_ids))}) "
        "ORDER BY COALESCE(a.published, '9999'), a.file, m.start", person_ids)


# ``speakers``' kinds: a person the gazetteer knows by name, or a speaker the article gives no name
# (a source, a statement, a ministry, a delegation, a title without the name)
NAMED, UNNAMED = "named", "unnamed"


def speakers(store: Store, all_copies: bool = False) -> list[dict]:
    """Every speaker: known people of the gazetteer that the corpus quotes or mentions (``kind``
    named), then the organisations and anonymous sources (``kind`` unnamed), with quote and
    mention counts and rounds. A quote that
    near copies of one story repeat counts once, unless ``all_copies``."""
    from .extract.speakers import Gazetteer

    gaz = Gazetteer.load()
    q = store.query("SELECT q.speaker, q.speaker_id, q.speaker_ar, q.round, q.text, a.file, a.copy_group "
                    "FROM quotes q JOIN articles a ON a.id = q.article_id "
                    "ORDER BY COALESCE(a.published, '9999'), a.file, q.start")
    if not all_copies:
        q = _once_per_group(q)
    m = store.query("SELECT m.person_id, a.file FROM mentions m JOIN articles a ON a.id = m.article_id")
    mention_n: Counter = Counter(r["person_id"] for r in m)
    stats: dict[tuple, dict] = {}

    def entry(key, speaker=None, speaker_ar=None) -> dict:
        return stats.setdefault(key, {"quotes": 0, "rounds": set(), "files": set(),
                                      "speaker_ar": speaker_ar, "speaker": speaker})

    for r in q:
        key = ("id", r["speaker_id"]) if r["speaker_id"] else ("label", r["speaker"])
        s = entry(key, r["speaker"], r["speaker_ar"])
        s["quotes"] += 1
        s["files"].add(r["file"])
        if r["round"] is not None:
            s["rounds"].add(r["round"])
    for r in m:
        entry(("id", r["person_id"]))["files"].add(r["file"])
    out = []
    for (kind, key), s in stats.items():
        person = gaz.get(key) if kind == "id" else None
        role = _role_of(person)
        out.append({
            "speaker": person.name if person else s["speaker"],
            "speaker_id": key if kind == "id" else None,
            "speaker_ar": (person.names_ar[0] if person and person.names_ar else s["speaker_ar"]),
            "role": role, "affiliation": getattr(person, "affiliation", None) if person else None,
            "quotes": s["quotes"], "mentions": mention_n.get(key, 0) if kind == "id" else 0,
            "rounds": sorted(s["rounds"]), "known": person is not None, "files": sorted(s["files"]),
            "kind": NAMED if person is not None else UNNAMED,
        })
    out.sort(key=lambda r: (not r["known"], -r["quotes"], -r["mentions"], r["speaker"] or ""))
    return out


def _role_of(person) -> str | None:
    if not person or not person.roles:
        return None
    role = person.roles[-1]
    return role.title_en or role.title_ar


# --- search --------------------------------------------------------------------------------------


@dataclass
class SearchPage:
    """A search's records (hits, or articles with ``by="article"``) and the totals of every match."""

    records: list[dict]
    total_sentences: int
    total_articles: int


def search_query(query: str | None) -> str:
    """The query a search was given, or ``BadInput`` when there is none."""
    if query is None or not query.strip():
        raise BadInput("search needs a query, e.g. astana search 'خفض التصعيد'")
    return query


def search(store: Store, query: str | None, *, speaker: str | Speaker | None = None, article: str | None = None,
           since: str | None = None, until: str | None = None, by: str = "sentence", **options) -> SearchPage:
    """``astana search``'s records: ``search.search`` with ``--speaker`` (a name, or a resolved
    ``Speaker``) and ``--article`` resolved as ``quotes`` resolves them, dates checked, each hit
    with where it was read (outlet, url, files, group). ``options`` go to ``search.search`` (min_score, exact, limit, context, round,
    source, expand)."""
    from . import search as search_mod

    query = search_query(query)
    since, until = parse_date("--since", since), parse_date("--until", until)
    who: str | None
    if isinstance(speaker, Speaker):
        who = speaker.key
    else:
        who = resolve_speaker(store, speaker).key if speaker else None
    article_id = find_article(store, article)["id"] if article is not None else None
    try:
        result = search_mod.search(store.conn, query, speaker=who, article=article_id, since=since,
                                   until=until, by=by, **options)
    except ValueError as e:  # search.QueryError
        raise BadInput(f"bad query: {e}") from None
    if by == "count":  # a distribution's counts: no hit, no provenance
        return SearchPage([{"article_id": a, "count": n} for a, n in sorted(result.per_article.items())],
                          result.total_sentences, result.total_articles)
    records = [h.as_record() for h in result.hits]
    where_from = provenance(store, [r["article_id"] for r in records]) if records else {}
    for r in records:
        p = where_from.get(r["article_id"], {})
        r.update({k: p.get(k) for k in ("outlet", "url", "files", "group")})
    return SearchPage(records, result.total_sentences, result.total_articles)
