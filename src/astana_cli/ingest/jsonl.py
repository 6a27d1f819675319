"""JSONL: one article a line, an object with "text" and optional title/date/url/source."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..store import Document
from .common import Failure, open_stream, os_reason


def read(path: Path) -> Iterator[Document | Failure]:
    """JSONL is read a line at a time (UTF-8, as the format says; a BOM is allowed), so a file of
    any size streams through without being held in memory."""
    opened = open_stream(path)
    if isinstance(opened, Failure):
        yield opened
        return
    key, fh = opened
    seen_any = False
    with fh:
        try:
            for n, raw in enumerate(fh, 1):
                if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                seen_any = True
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    yield Failure(f"{path} line {n}", f"invalid UTF-8 at byte {e.start} of the line")
                    continue
                yield from _documents(path, key, [(n, line)])
        except OSError as e:
            yield Failure(str(path), os_reason(e))
            return
    if not seen_any:
        yield Failure(str(path), "empty file")


def _documents(path: Path, key: str, lines) -> Iterator[Document | Failure]:
    for n, line in lines:
        if not line.strip():
            continue
        where = f"{path} line {n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Failure(where, f"invalid JSON ({e.msg})")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            yield Failure(where, 'a JSONL line needs an object with a non-empty "text"')
            continue

        def opt(name: str) -> str | None:
            v = rec.get(name)
            return str(v).strip() or None if v is not None else None

        yield Document(f"{key}#{n}", f"{path.name}#{n}", rec["text"], title=opt("title"),
                       published=opt("date") or opt("published"), url=opt("url"),
                       source=opt("source"), format="jsonl")


