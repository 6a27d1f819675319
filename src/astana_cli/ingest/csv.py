"""CSV: a spreadsheet or media-monitoring export, one article a row.

The header row names the columns; one holds the text (``text``, ``body``, ``content``, ``article``,
«النص», «المحتوى»), and ``title``, ``date``, ``url`` and ``source`` (the outlet) may be there too,
under the names the exports use (case and spaces ignored). The delimiter (comma, semicolon, tab) is
told from the header line; the bytes are decoded as any text file (UTF-8 with or without BOM,
UTF-16, Windows-1256). A bad row fails alone, named by its row number as a spreadsheet counts rows
(the header is row 1).
"""
from __future__ import annotations

import csv as _csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..store import Document
from .common import Failure, os_reason
from .decode import BadFile, decode

COLUMNS = {
    "text": ("text", "body", "content", "article", "full text", "fulltext", "article text", "النص", "نص",
             "المحتوى", "نص الخبر", "المتن"),
    "title": ("title", "headline", "العنوان", "عنوان"),
    "date": ("date", "published", "publish date", "published at", "publication date", "pubdate", "التاريخ",
             "تاريخ النشر"),
    "url": ("url", "link", "address", "الرابط", "رابط"),
    "source": ("source", "outlet", "site", "media", "publisher", "newspaper", "المصدر", "الموقع", "الوسيلة"),
}
_FIELD_LIMIT = 64 * 1024 * 1024  # one article's text in one cell


def _column_key(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", (name or "").strip().lstrip("\ufeff")).casefold()


def read(path: Path, raw: bytes) -> Iterator[Document | Failure]:
    """The articles of the CSV file ``path`` whose bytes are ``raw``."""
    try:
        text = decode(raw)
    except BadFile as e:
        yield Failure(str(path), str(e))
        return
    key = str(path.resolve())
    head = text.split("\n", 1)[0]
    try:
        dialect = _csv.Sniffer().sniff(head, delimiters=",;\t|")
    except _csv.Error:
        dialect = _csv.excel
    _csv.field_size_limit(_FIELD_LIMIT)
    reader = _csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, _csv.Error) as e:
        yield Failure(str(path), f"no header row ({e})" if str(e) else "no header row")
        return
    where = {}
    for i, name in enumerate(header):
        k = _column_key(name)
        for field, names in COLUMNS.items():
            if k in names and field not in where:
                where[field] = i
    if "text" not in where:
        yield Failure(str(path), "a CSV file needs a header row with a text column (text, body or content; "
                                 f"this one has: {', '.join(h.strip() for h in header[:8]) or 'nothing'})")
        return
    row_no = 1
    while True:
        row_no = reader.line_num + 1  # the first line of the next record, as a spreadsheet numbers it
        try:
            row = next(reader)
        except StopIteration:
            break
        except _csv.Error as e:
            yield Failure(f"{path} row {row_no}", f"unreadable row ({e})")
            continue
        except OSError as e:  # pragma: no cover - the text is in memory
            yield Failure(str(path), os_reason(e))
            return
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header):
            yield Failure(f"{path} row {row_no}", f"the row has {len(row)} cells, the header {len(header)}")
            continue

        def cell(field: str) -> str | None:
            i = where.get(field)
            v = row[i].strip() if i is not None and i < len(row) else ""
            return v or None

        body = cell("text")
        if not body:
            yield Failure(f"{path} row {row_no}", f'empty text (column "{header[where["text"]].strip()}")')
            continue
        yield Document(f"{key}#{row_no}", f"{path.name}#{row_no}", body, title=cell("title"),
                       published=cell("date"), url=cell("url"), source=cell("source"), format="csv")
