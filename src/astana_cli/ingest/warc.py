"""Web archives (.warc, .warc.gz): each HTML response record is an article.

Read through warcio, a record at a time (an archive of any size streams through). A record that is
a 2xx response (or a resource) of an HTML page goes through ``html.extract`` with the charset its
HTTP header declares; its target URI is its url and its capture date (WARC-Date) its date when the
page states none. Other records (requests, metadata, images, redirects) are not articles and are
passed over. A record without article text fails alone, named by its number in the archive; a
damaged archive fails from the damaged record on, and what was read before it is kept.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..store import Document
from .common import Failure, open_stream
from .decode import BadFile

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}


def read(path: Path) -> Iterator[Document | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from . import html

    opened = open_stream(path)
    if isinstance(opened, Failure):
        yield opened
        return
    key, fh = opened
    n = 0
    pages = 0
    with fh:
        try:
            for record in ArchiveIterator(fh):
                n += 1
                if record.rec_type not in _TYPES:  # a header cut short or garbled
                    yield Failure(f"{path} record {n}", f"damaged record (WARC-Type {record.rec_type!r})")
                    continue
                doc = _page(record)
                if doc is None:
                    continue
                pages += 1
                uri, captured, content_type, payload = doc
                where = f"{path} record {n}"
                try:
                    page = html.extract(html.decode_html(payload, header=content_type), url=uri)
                except BadFile as e:
                    yield Failure(where, f"{e} ({uri})" if uri else str(e))
                    continue
                yield Document(f"{key}#{n}", f"{path.name}#{n}", page.text, title=page.title,
                               published=page.published or captured, url=page.url or uri,
                               source=page.outlet, format="warc")
        except ArchiveLoadFailed as e:
            yield Failure(f"{path} record {n + 1}", f"not a readable WARC record ({_first_line(e)})")
            return
        except (OSError, EOFError, ValueError) as e:
            yield Failure(f"{path} record {n + 1}", f"damaged archive ({_first_line(e) or type(e).__name__})")
            return
    if n == 0:
        yield Failure(str(path), "empty archive")
    elif pages == 0:
        yield Failure(str(path), f"no HTML page among its {n} records")


def _page(record) -> tuple[str | None, str | None, str, bytes] | None:
    """``(target URI, capture day, content type, body)`` of a record holding an HTML page."""
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    return uri, date, content_type, record.content_stream().read()


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else ""
