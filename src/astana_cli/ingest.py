"""Paths -> decoded documents -> the store.

Reading is strict: a file is decoded only when its encoding is certain (a BOM, valid UTF-8, UTF-16
recognised by its zero bytes, or Windows-1256 that reads as Arabic), so no article is ever stored as
mojibake; anything else is a failure with its reason, and the other files still go in.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .store import Document, Store

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = 200 * 1024 * 1024


class BadFile(Exception):
    """A file (or a JSONL line) that cannot be read as an article; ``str()`` is the reason."""


# --- decoding ------------------------------------------------------------------------------------

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")


def decode(raw: bytes) -> str:
    """Text of ``raw``: UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without a BOM
    (told by its zero bytes) or Windows-1256; raises ``BadFile`` when none is certain."""
    if not raw.strip():
        raise BadFile("empty file")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                     (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return _check_text(raw.decode(enc))
            except UnicodeDecodeError as e:
                raise BadFile(f"invalid {enc.upper()} at byte {e.start}") from None
    if b"\x00" in raw:
        return _check_text(_utf16_without_bom(raw))
    try:
        return _check_text(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        if _looks_like_utf8(raw):
            where = "at its end (truncated file?)" if e.start >= len(raw) - 4 else f"at byte {e.start}"
            raise BadFile(f"invalid UTF-8 {where}") from None
    text = raw.decode("cp1256", errors="strict") if _decodes(raw, "cp1256") else None
    if text is not None and _mostly_arabic(text):
        return _check_text(text)
    raise BadFile("unknown encoding (not UTF-8, UTF-16 or Windows-1256 Arabic)")


def _decodes(raw: bytes, enc: str) -> bool:
    try:
        raw.decode(enc)
        return True
    except UnicodeDecodeError:
        return False


def _looks_like_utf8(raw: bytes) -> bool:
    """Most high bytes form valid UTF-8 sequences: a damaged UTF-8 file, not another encoding."""
    high = sum(1 for b in raw if b >= 0x80)
    if not high:
        return True
    good = len(re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", raw))
    return good * 2 >= high * 0.8


def _utf16_without_bom(raw: bytes) -> str:
    """UTF-16 text saved without a BOM: the byte order whose decoding reads as Arabic or Latin text."""
    best, best_score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plain_ratio(text)
        if score > best_score:
            best, best_score = text, score
    if best is None or best_score < 0.8:
        raise BadFile("binary file (contains zero bytes)")
    return best


_PLAIN = re.compile(r"[\u0600-\u06ff\u0750-\u077fA-Za-z0-9\s.,;:!?'\"()«»“”‘’\-–—/|%]")


def _plain_ratio(text: str) -> float:
    """The share of characters of ``text[:5000]`` that Arabic or Latin news text is made of."""
    sample = text[:5000]
    return len(_PLAIN.findall(sample)) / len(sample) if sample else 0.0


def _mostly_arabic(text: str) -> bool:
    letters = _LETTER.findall(text)
    return bool(letters) and sum(1 for c in letters if _ARABIC.match(c)) >= 0.5 * len(letters)


def _check_text(text: str) -> str:
    if not text.strip():
        raise BadFile("empty file")
    sample = text[:20000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v\x1b") or c == "\ufffd")
    if bad > max(8, len(sample) // 100):
        raise BadFile("binary file (control bytes)")
    if not _LETTER.search(sample):
        raise BadFile("no text in file")
    return text


# --- HTML ----------------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
              "svg", "button", "select", "template", "menu", "figure"}
_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section",
               "article", "blockquote", "pre", "td", "dd", "dt", "main"}
_FURNITURE_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|header|sidebar|side-bar|comment|comments|related|share|"
    r"social|breadcrumbs?|widget|advert|ads?|banner|popular|most-read|newsletter|subscribe|tags|"
    r"cookie|promo|recommend\w*)($|[\s_-])", re.I)
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "col", "embed"}


class _ArticleHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self.og_title: str | None = None
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")) in ("og:title", "twitter:title"):
            self.og_title = self.og_title or (attrs.get("content") or "").strip() or None
        if tag in _VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        furniture = tag in _SKIP_TAGS or bool(
            _FURNITURE_ATTR.search(" ".join(str(attrs.get(k) or "") for k in ("class", "id", "role"))))
        self._stack.append((tag, furniture))
        if furniture:
            self._skip_depth += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        # close up to the matching open tag (HTML in the wild leaves tags open)
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                for _, furniture in self._stack[i:]:
                    if furniture:
                        self._skip_depth -= 1
                del self._stack[i:]
                break
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
            return
        if self._skip_depth:
            return
        if self._in_h1:
            self.h1.append(data)
        self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """``(text, title)`` of an HTML page: the article's text, one paragraph a line, without
    scripts, navigation, headers, footers and widgets."""
    p = _ArticleHTML()
    p.feed(markup)
    p.close()
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in "".join(p.parts).split("\n")]
    text = "\n\n".join(ln for ln in lines if ln)
    title = ("".join(p.h1).strip() or p.og_title or _strip_site("".join(p.title).strip())) or None
    return text, title


def _strip_site(title: str) -> str:
    """«عنوان الخبر | اسم الموقع» -> «عنوان الخبر»."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    return max(parts, key=len) if len(parts) > 1 else title


# --- files to documents --------------------------------------------------------------------------


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[Failure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.failed)


def collect_files(paths: Iterable[str | os.PathLike], failures: list[Failure]) -> list[Path]:
    """The article files under ``paths`` (directories recursively, in name order), each once.
    A missing path, a symlink loop or an unreadable directory is a failure, not an exception."""
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        try:
            real = os.path.realpath(p)
        except OSError as e:  # pragma: no cover - realpath rarely fails
            failures.append(Failure(str(p), e.strerror or str(e)))
            return
        if real not in seen:
            seen.add(real)
            out.append(p)

    for given in paths:
        p = Path(given)
        if p.is_dir():
            def onerror(e: OSError) -> None:
                failures.append(Failure(str(e.filename or p), f"cannot read directory: {e.strerror}"))

            for root, dirs, files in os.walk(p, onerror=onerror, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if name.startswith(".") or f.suffix.lower() not in SUFFIXES:
                        continue
                    if f.is_symlink() and not f.exists():
                        failures.append(Failure(str(f), "broken or looping symbolic link"))
                        continue
                    add(f)
        elif p.exists():
            add(p)
        elif p.is_symlink():
            failures.append(Failure(str(p), "broken or looping symbolic link"))
        else:
            failures.append(Failure(str(p), "no such file or directory"))
    return out


def read_documents(path: Path) -> Iterator[Document | Failure]:
    """The documents in one file: one for a text or HTML file, one a line for JSONL. Problems are
    yielded as ``Failure`` (a bad JSONL line does not stop the lines after it)."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_stream(path)
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadFile(f"file too large ({size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        raw = path.read_bytes()
    except BadFile as e:
        yield Failure(str(path), str(e))
        return
    except OSError as e:
        yield Failure(str(path), _os_reason(e))
        return
    key = str(path.resolve())
    try:
        text = decode(raw)
    except BadFile as e:
        yield Failure(str(path), str(e))
        return
    if suffix in HTML_SUFFIXES:
        body, title = html_to_text(text)
        if not body.strip():
            yield Failure(str(path), "no article text in the HTML page")
            return
        yield Document(key, path.name, body, title=title, format="html")
    else:
        yield Document(key, path.name, text, format=suffix.lstrip(".") or "txt")


def _jsonl_stream(path: Path) -> Iterator[Document | Failure]:
    """JSONL is read a line at a time (UTF-8, as the format says; a BOM is allowed), so a file of
    any size streams through without being held in memory."""
    try:
        key = str(path.resolve())
        fh = open(path, "rb")
    except OSError as e:
        yield Failure(str(path), _os_reason(e))
        return
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
                yield from _jsonl_documents(path, key, [(n, line)])
        except OSError as e:
            yield Failure(str(path), _os_reason(e))
            return
    if not seen_any:
        yield Failure(str(path), "empty file")


def _jsonl_documents(path: Path, key: str, lines) -> Iterator[Document | Failure]:
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


def _os_reason(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, FileNotFoundError):
        return "the file vanished before it could be read"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return e.strerror or str(e)


# Analysis (pure Python, the bulk of ingest time) runs in worker processes when there is enough to
# do, a chunk of articles per task; the main process reads files and writes the articles in input
# order, many per transaction (``Store.bulk``), each article whole or not at all.
PARALLEL_MIN_BYTES = 2 * 1024 * 1024
CHUNK = 16  # articles per worker task: one round trip per article cost more than a small analysis
WINDOW_PER_WORKER = 4  # chunks in flight per worker


def _workers(files: list[Path]) -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cpus < 2 or os.environ.get("ASTANA_WORKERS") == "1":
        return 0
    total = 0
    for f in files:
        try:
            total += f.stat().st_size
        except OSError:
            continue
        if total >= PARALLEL_MIN_BYTES:
            return min(cpus, int(os.environ.get("ASTANA_WORKERS") or 4))
    return 0


def _die_with_parent(parent: int) -> None:
    """In a worker: exit as soon as the ingest process is gone (killed with SIGKILL, its workers
    would otherwise wait on their queue for ever)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _analyze(doc: Document):
    """The storable analysis of ``doc``, or a ``Failure`` if the analysis raised: a bug met on
    one article is reported with it and the ingest goes on (the fuzz tests look for such bugs)."""
    from .analyze import analyze
    from .store import storable

    try:
        return storable(analyze(doc))
    except Exception as e:  # noqa: BLE001 - any bug: report the article, keep the others
        return Failure(doc.path, f"could not be analysed ({type(e).__name__}: {e}); please report it")


def _analyze_chunk(docs: list[Document]) -> list:
    return [_analyze(d) for d in docs]


def _stream(files: list[Path]):
    """Documents and failures of ``files`` in order, each file's path after its documents."""
    for path in files:
        yield from read_documents(path)
        yield path


def ingest_paths(store: Store, paths: Iterable[str | os.PathLike],
                 progress: Callable[[Path], None] | None = None,
                 files: list[Path] | None = None, summary: Summary | None = None) -> Summary:
    """Ingest every article under ``paths`` into ``store``; each article lands whole or not at all
    (many per transaction: ``Store.bulk``). ``progress`` is called after each file. Returns the
    counts and the failures."""
    from collections import deque

    summary = summary or Summary()
    if files is None:
        files = collect_files(paths, summary.failed)
    workers = _workers(files)
    pool = None
    if workers:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(workers, initializer=_die_with_parent, initargs=(os.getpid(),))
    # in input order: (documents, future of their analyses, files finished after them), or a
    # finished file's path
    pending: deque = deque()
    chunk: list[Document] = []
    after: list[Path] = []  # files whose last documents are in ``chunk``

    def add(doc: Document, analysis=None) -> None:
        if analysis is None:
            analysis = _analyze(doc)
        if isinstance(analysis, Failure):
            summary.failed.append(analysis)
            return
        outcome = store.add_document(doc, analysis)
        setattr(summary, outcome, getattr(summary, outcome) + 1)

    def settle(entry) -> None:
        if isinstance(entry, Path):
            if progress:
                progress(entry)
            return
        docs, fut, done = entry
        for doc, analysis in zip(docs, fut.result()):
            add(doc, analysis)
        for path in done:
            settle(path)

    def submit() -> None:
        if chunk:
            pending.append((chunk[:], pool.submit(_analyze_chunk, chunk[:]), after[:]))
            chunk.clear()
            after.clear()
        while len(pending) > workers * WINDOW_PER_WORKER:
            settle(pending.popleft())

    try:
        with store.bulk():
            for item in _stream(files):
                if isinstance(item, Failure):
                    summary.failed.append(item)
                elif isinstance(item, Path):
                    if chunk:
                        after.append(item)
                    elif pool:
                        pending.append(item)
                    elif progress:
                        progress(item)
                elif store.has_content(item):
                    summary.unchanged += 1
                elif pool:
                    chunk.append(item)
                    if len(chunk) >= CHUNK:
                        submit()
                else:
                    add(item)
            if pool:
                submit()
            while pending:
                settle(pending.popleft())
    finally:
        if pool:
            pool.shutdown(wait=not pending, cancel_futures=True)
    if summary.added or summary.updated:
        from . import search

        # the search vocabulary is refreshed in bulk once per ingest, not per article
        search.refresh_vocab(store.conn, optimize=summary.added + summary.updated >= 1000)
    return summary
