"""A saved news page -> its article: body, headline, publication date, outlet and address.

The body comes from trafilatura (a maintained extractor that tells an article from its menus,
tickers, related headlines and footers); it is imported here, only when an HTML page is read,
because its import costs about a quarter of a second. Nothing is ever fetched: trafilatura and
htmldate get the page already in memory.

The metadata is read by our own code first, where it does measurably better on real Arabic pages
(../shared/pages: trafilatura alone gets 10/14 titles, 11/14 dates, 9/14 outlets, 13/14 urls):

- title: the ``<h1>`` that is the page's headline (it equals og:title or ``<title>`` once the site
  name is cut off), since og:title and ``<title>`` often carry « - اسم الموقع » or lead with it;
- outlet: og:site_name when it is a name (not an address), else the site name that ``<title>``
  adds to the headline, else the publisher; in Arabic script where the page has that form;
- url: ``<link rel=canonical>``, then og:url, unless it points at a bare IP address;
- date: the publication date the page states in its metadata (JSON-LD, article:published_time,
  itemprop, ``<time>``), the local time where one stamp is in UTC and another in the outlet's own
  zone; else the date written beside the headline (our Arabic date reader knows «فيفري», «آب/
  اغسطس», Arabic-Indic digits); else htmldate's quick look (URL, page elements).
"""
from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass

from ..text.arabic import ARABIC_SCRIPT
from .decode import BadFile, decode

MIN_WORDS = 5


@dataclass
class Page:
    text: str
    title: str | None = None
    published: str | None = None  # ISO date
    outlet: str | None = None
    url: str | None = None


# --- charset -------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# labels that pages use for "Western" when their bytes are often UTF-8 in fact
_LATIN = {"iso8859-1", "latin-1", "ascii", "cp1252"}


def declared_charset(raw: bytes, header: str | None = None) -> str | None:
    """The Python codec the page declares: an HTTP ``Content-Type`` header's charset (a web archive
    keeps it), else ``<meta charset>`` or ``<meta http-equiv=Content-Type>`` in its first 4 KB.
    None when none is declared or the name is unknown."""
    names = []
    if header:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", header, re.I)
        if m:
            names.append(m.group(1))
    meta = _META_CHARSET.search(raw[:4096])
    if meta:
        names.append(meta.group(1).decode("ascii", "replace"))
    for name in names:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def decode_html(raw: bytes, header: str | None = None) -> str:
    """The text of a page: a BOM first, then the declared charset, then detection (``decode``).
    A page declared Latin-1/ASCII/Windows-1252 whose bytes are valid UTF-8 is read as UTF-8 (a
    common mislabel); bytes that do not fit their declared charset fall back to detection."""
    if raw.startswith(_BOMS):
        return decode(raw)
    charset = declared_charset(raw, header)
    if charset and charset not in ("utf-8",):
        if charset in _LATIN:
            try:
                return _check(raw.decode("utf-8"))
            except UnicodeDecodeError:
                pass
        try:
            return _check(raw.decode(charset))
        except (UnicodeDecodeError, LookupError):
            pass  # declared wrongly: detect
    return decode(raw)


def _check(text: str) -> str:
    if not text.strip():
        raise BadFile("empty file")
    return text


# --- the page ------------------------------------------------------------------------------------


def extract(markup: str, url: str | None = None) -> Page:
    """The article of the page ``markup``; ``url``: where it was captured (a fallback address).
    Raises ``BadFile`` when the page holds no article text."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:
        raise BadFile("not an HTML page")
    meta = _Meta(tree)
    doc = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=True, with_metadata=True,
        favor_precision=True,  # menus kept out of small pages too; the same bodies on the sample pages
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = _paragraphs(getattr(doc, "text", None) or "") if doc is not None else ""
    if text:
        text = _with_lead(meta, text)
    if len(re.findall(r"[^\W\d_]{2,}", text)) < MIN_WORDS:  # a menu word or two is no article
        raise BadFile("no article text in the HTML page")
    outlet = meta.outlet() or _name(getattr(doc, "sitename", None))
    title = meta.title(outlet) or getattr(doc, "title", None)
    published = meta.date() or meta.stated_date(title) or _htmldate(tree)
    page_url = meta.url() or _good_url(url) or _good_url(getattr(doc, "url", None))
    return Page(text, _clean(title), published, _clean(outlet), page_url)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """``(text, title)`` of an HTML page (the article's paragraphs, one a line)."""
    page = extract(markup)
    return page.text, page.title


def _paragraphs(text: str) -> str:
    """The page's paragraphs, one a line, up to its comment section (a disclaimer or the rules
    for comments after the article: ``analyze.is_comment_policy``)."""
    from ..analyze import is_comment_policy
    from ..text.arabic import normalize

    lines = [ln for ln in (re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")) if ln]
    end = next((i for i, ln in enumerate(lines) if i and is_comment_policy(normalize(ln))), len(lines))
    return "\n\n".join(lines[:end])


def _clean(s: str | None) -> str | None:
    s = re.sub(r"\s+", " ", s or "").strip()
    return s or None


_WS = re.compile(r"\s+")


def _key(s: str | None) -> str:
    """What two page strings are compared on: normalized Arabic, case folded, spaces collapsed."""
    from ..text import arabic

    return _WS.sub(" ", arabic.normalize(s or "")).strip().casefold()


_ADDRESS = re.compile(r"^\s*(?:https?://|www\.)|\.(?:com|net|org|tv|ae|sa|eg|tn|lb|sy|ru)/?\s*$", re.I)
_IP_HOST = re.compile(r"^https?://\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:/|$)")


def _name(s: str | None) -> str | None:
    """``s`` when it is a name: letters in it, not a web address."""
    s = _clean(s)
    if not s or _ADDRESS.search(s) or not re.search(r"[^\W\d_]", s) or len(s) > 60:
        return None
    return s


def _good_url(u: str | None) -> str | None:
    u = (u or "").strip()
    if not re.match(r"^https?://[^\s/]+", u) or _IP_HOST.match(u):
        return None
    return u


# a separator between a headline and its site's name in <title>
_SEPARATOR = re.compile(r"\s+[|｜\-–—:«»·•]+\s+|\s*[|｜]\s*")


class _Meta:
    """What the page says about itself: its meta tags, links, JSON-LD, ``<title>`` and ``<h1>``s."""

    def __init__(self, tree) -> None:
        self.tree = tree
        self.meta: dict[str, list[str]] = {}
        for el in tree.iter("meta"):
            content = el.get("content")
            if content is None:
                continue
            for attr in ("property", "name", "itemprop"):
                key = (el.get(attr) or "").strip().lower()
                if key:
                    self.meta.setdefault(key, []).append(content.strip())
        self.canonical = [el.get("href") for el in tree.iter("link")
                          if "canonical" in (el.get("rel") or "").lower().split() and el.get("href")]
        self.ld: list[dict] = []
        for el in tree.iter("script"):
            if (el.get("type") or "").lower().strip() == "application/ld+json" and el.text:
                try:
                    self._add_ld(json.loads(el.text))
                except ValueError:
                    continue
        titles = [t.text_content() for t in tree.iter("title")]
        self.page_title = _clean(titles[0]) if titles else None
        self.h1 = [(el, t) for el in tree.iter("h1") if (t := _clean(el.text_content()))]

    def _add_ld(self, obj) -> None:
        if isinstance(obj, list):
            for o in obj:
                self._add_ld(o)
        elif isinstance(obj, dict):
            self.ld.append(obj)
            if "@graph" in obj:
                self._add_ld(obj["@graph"])

    def first(self, *keys: str) -> list[str]:
        return [v for k in keys for v in self.meta.get(k, []) if v]

    def ld_values(self, key: str) -> list:
        return [o[key] for o in self.ld if o.get(key)]

    # -- outlet --------------------------------------------------------------------------------
    def outlet(self) -> str | None:
        found = [*self.first("og:site_name"), *self._title_affixes()]
        for pub in self.ld_values("publisher"):
            for p in pub if isinstance(pub, list) else [pub]:
                name = p.get("name") if isinstance(p, dict) else p
                if name:
                    found.append(name)
        found += [el.get("content") for el in self.tree.iter("meta")
                  if (el.get("itemprop") or "").lower() == "publisher" and el.get("content")]
        found += self.first("application-name", "twitter:site")
        names = [n for n in (_name(x) if isinstance(x, str) else None for x in found) if n]
        names = [n.lstrip("@") for n in names]
        return next((n for n in names if ARABIC_SCRIPT.search(n)), names[0] if names else None)

    def _title_affixes(self) -> list[str]:
        """The site name ``<title>`` or og:title add to the headline («العنوان - الموقع»)."""
        out = []
        heads = [_key(t) for _, t in self.h1]
        for raw in [self.page_title, *self.first("og:title", "twitter:title")]:
            if not raw:
                continue
            parts = _SEPARATOR.split(raw)
            if len(parts) < 2:
                continue
            for part, rest in ((parts[-1], parts[:-1]), (parts[0], parts[1:])):
                rest_key = _key(" ".join(rest))
                if len(part.split()) <= 5 and any(rest_key == h or (h and h in rest_key) for h in heads):
                    out.append(part)
        return out

    # -- title ---------------------------------------------------------------------------------
    def title(self, outlet: str | None) -> str | None:
        raw = [*self.first("og:title", "twitter:title"),
               *[h for h in self.ld_values("headline") if isinstance(h, str)],
               *([self.page_title] if self.page_title else [])]
        cut = [self._cut_site(t, outlet) for t in raw]
        keys = {_key(t) for t in raw + cut if t}
        for _, h in self.h1:
            if _key(h) in keys:
                return h
        for t, c in zip(raw, cut):
            if c != t:
                return c
        # no title names its site: a headline-long <h1> (not a logo), else the longest part of
        # the first title («العنوان | الموقع» -> «العنوان»)
        long_h1 = [h for _, h in self.h1 if len(h.split()) >= 3]
        if long_h1:
            return long_h1[0]
        if not raw:
            return self.h1[0][1] if self.h1 else None
        return max(_SEPARATOR.split(raw[0]), key=len).strip() or raw[0]

    def _cut_site(self, title: str, outlet: str | None) -> str:
        parts = _SEPARATOR.split(title.strip())
        if len(parts) < 2:
            return _clean(title) or title
        site = {_key(outlet)} if outlet else set()
        site |= {_key(n) for n in self.first("og:site_name")}
        site.discard("")

        def is_site(p: str) -> bool:
            k = _key(p)
            return bool(k) and (k in site or any(s in k or k in s for s in site) or bool(_ADDRESS.search(p)))

        while len(parts) > 1 and is_site(parts[-1]):
            parts.pop()
        while len(parts) > 1 and is_site(parts[0]):
            parts.pop(0)
        if len(parts) == len(_SEPARATOR.split(title.strip())):
            return _clean(title) or title
        # put the headline back together as written (its own separators kept)
        first, last = parts[0], parts[-1]
        start = title.find(first)
        end = title.rfind(last) + len(last)
        return _clean(title[start:end]) or title

    # -- url -----------------------------------------------------------------------------------
    def url(self) -> str | None:
        for u in [*self.canonical, *self.first("og:url")]:
            if _good_url(u):
                return u.strip()
        return None

    # -- dates ---------------------------------------------------------------------------------
    _DATE_KEYS = ("article:published_time", "og:article:published_time", "og:published_time",
                  "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
                  "article.published", "dc.date.issued", "dcterms.issued", "parsely-pub-date",
                  "sailthru.date", "date")

    def date(self) -> str | None:
        """The publication date the metadata states; where one stamp is in UTC and another in a
        zone of its own, the local one (the day as the outlet printed it)."""
        stamps = [v for o in self.ld if isinstance(o, dict)
                  for v in [o.get("datePublished"), o.get("dateCreated")] if isinstance(v, str)]
        stamps += self.first(*self._DATE_KEYS)
        stamps += [el.get("datetime") for el in self.tree.iter("time")
                   if el.get("datetime") and (el.get("pubdate") is not None
                                              or (el.get("itemprop") or "").lower() == "datepublished")]
        found = [d for d in (_stamp(s) for s in stamps) if d]
        if not found:
            return None
        local = [d for d, zone in found if zone == "local"]
        return local[0] if local else found[0][0]

    def stated_date(self, title: str | None) -> str | None:
        """The date written beside the headline: in the page's visible lines from three before
        the headline's ``<h1>`` to ten after it."""
        from ..text import dates

        el = next((e for e, t in self.h1 if title and _key(t) == _key(title)), None)
        if el is None and self.h1:
            el = self.h1[0][0]
        if el is None:
            return None
        text, at = _visible_text(self.tree, el)
        before = [ln.strip() for ln in text[:at].split("\n") if ln.strip()][-3:]
        after = [ln.strip() for ln in text[at:].split("\n") if ln.strip()][:10]
        # «… آخر تحديث 02:21 (GMT+0400)»: the zone is no word of the line
        window = _ZONE.sub(" ", "\n".join(before + after))
        found = dates.publication_date(window)
        return found[0].isoformat() if found else None


_ZONE = re.compile(r"\(?\s*(?:GMT|UTC)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)?", re.I)
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?")


def _stamp(value: str) -> tuple[str, str] | None:
    """``(ISO date, zone)`` of a stated time stamp: zone "utc", "local" (another offset) or ""."""
    m = _ISO.match(value)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if not (1 <= mo <= 12 and 1 <= d <= 31 and 1990 <= y <= 2100):
            return None
        zone = m[6] or ""
        kind = "utc" if zone in ("Z", "+00:00", "+0000", "-00:00") else ("local" if zone else "")
        return f"{y:04d}-{mo:02d}-{d:02d}", kind
    from ..text import dates

    found = dates.publication_date(value)
    return (found[0].isoformat(), "") if found else None


_INVISIBLE = {"script", "style", "noscript", "template", "head", "title"}


def _visible_text(tree, mark) -> tuple[str, int]:
    """The page's visible text, and the offset in it where element ``mark`` begins."""
    parts: list[str] = []
    size = 0
    at = 0

    def walk(el) -> None:
        nonlocal size, at
        tag = el.tag if isinstance(el.tag, str) else ""
        if el is mark:
            at = size
        if tag.lower() not in _INVISIBLE and isinstance(el.tag, str):
            if el.text:
                parts.append(el.text)
                size += len(el.text)
            for child in el:
                walk(child)
            parts.append("\n")
            size += 1
        if el.tail:
            parts.append(el.tail)
            size += len(el.tail)

    walk(tree)
    return "".join(parts), at


def _with_lead(meta: _Meta, text: str) -> str:
    """``text`` with the article's lead put back when the extractor dropped it: a paragraph of the
    page that begins with the page's own description (og:description), stands before the body,
    and is not in the body."""
    descs = meta.first("og:description", "description", "twitter:description")
    if not descs:
        return text
    desc = _key(re.sub(r"(\.\.\.|…)\s*$", "", descs[0]))
    if len(desc) < 40 or desc[:60] in _key(text):
        return text
    first_body = _key(text.split("\n\n", 1)[0])[:40]
    for el in meta.tree.iter("p", "div"):
        if el.tag == "div" and len(el):
            if any(isinstance(c.tag, str) and c.tag in ("p", "div") for c in el):
                continue
        t = _clean(el.text_content())
        if t and _key(t).startswith(desc[:60]) and first_body not in _key(t):
            return t + "\n\n" + text
    return text


def _htmldate(tree) -> str | None:
    """htmldate's quick look (no extensive search: that one reads every date on the page and took
    2 s on one of the sample pages); never fetches anything, the tree is given."""
    try:
        from htmldate import find_date

        d = find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a date finder's bug must not lose the article
        return None
    return d or None
