"""Paths -> decoded documents -> the store.

One module a kind of input: ``decode`` (bytes -> text, strictly: a file is decoded only when its
encoding is certain, so no article is ever stored as mojibake), ``html`` (a saved page -> its
article and metadata, through trafilatura), ``jsonl``, ``csv`` (a row an article), ``warc`` (web
archives: an HTML response record an article), ``copies`` (near copies of one story). Anything
unreadable is a failure with its reason, and the other files (and the other lines or records of the
same file) still go in.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..store import Document, Store
from .common import Failure, os_reason
from .decode import BadFile, decode

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | WARC_SUFFIXES
MAX_BYTES = 200 * 1024 * 1024


def kind_suffix(path: Path) -> str:
    """The suffix that says how ``path`` is read: ``.warc.gz`` for a compressed archive, else the
    last suffix, lower-cased."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()

__all__ = ["BadFile", "Failure", "Summary", "collect_files", "decode", "html_to_text", "ingest_paths",
           "read_documents"]


def html_to_text(markup: str) -> tuple[str, str | None]:
    """``(text, title)`` of an HTML page: its article's paragraphs, one a line, and headline."""
    from .html import html_to_text as convert

    return convert(markup)


# --- files to documents --------------------------------------------------------------------------


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    copies: int = 0  # texts already stored from another file: one more source of that article
    failed: list[Failure] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        """Count one ``Store.add_document`` outcome."""
        name = "copies" if outcome == "copy" else outcome
        setattr(self, name, getattr(self, name) + 1)


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
                    if name.startswith(".") or kind_suffix(f) not in SUFFIXES:
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
    """The documents in one file: one for a text or HTML file, one a line for JSONL, a row for
    CSV, an HTML page for a web archive. Problems are yielded as ``Failure`` (a bad line, row or
    record does not stop the ones after it)."""
    suffix = kind_suffix(path)
    if suffix in JSONL_SUFFIXES:
        from . import jsonl

        yield from jsonl.read(path)
        return
    if suffix in WARC_SUFFIXES:
        from . import warc

        yield from warc.read(path)
        return
    try:
        raw = read_bytes(path)
    except BadFile as e:
        yield Failure(str(path), str(e))
        return
    except OSError as e:
        yield Failure(str(path), os_reason(e))
        return
    if suffix in CSV_SUFFIXES:
        from . import csv

        yield from csv.read(path, raw)
        return
    key = str(path.resolve())
    try:
        if suffix in HTML_SUFFIXES:
            from . import html

            page = html.extract(html.decode_html(raw))
            yield Document(key, path.name, page.text, title=page.title, published=page.published,
                           url=page.url, source=page.outlet, format="html")
        else:
            yield Document(key, path.name, decode(raw), format=suffix.lstrip(".") or "txt")
    except BadFile as e:
        yield Failure(str(path), str(e))


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; ``BadFile`` when it is over ``MAX_BYTES``."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BadFile(f"file too large ({size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
    return path.read_bytes()


# Analysis (pure Python, the bulk of ingest time) runs in worker processes when there is enough to
# do, a chunk of articles per task; the main process reads files and writes the articles in input
# order, many per transaction (``Store.bulk``), each article whole or not at all.
PARALLEL_MIN_BYTES = 2 * 1024 * 1024
# articles per worker task, and tasks in flight per worker: enough that the workers go on while
# the main process commits (20,000 benchmark articles: 16 and 4 took 17.8 s, 64 and 8 16.4 s,
# no better with more; bench/README.md, issue 13)
CHUNK = 64
WINDOW_PER_WORKER = 8


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
    from ..analyze import analyze
    from ..store import storable

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
        summary.count(store.add_document(doc, analysis))

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
            assert pool is not None  # documents are chunked only when there are workers
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
                elif store.has_content(item):  # no analysis: unchanged, or one more source
                    summary.count(store.add_document(item))
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
        from .. import index

        # the search vocabulary is refreshed in bulk once per ingest, not per article
        index.refresh_vocab(store.conn, optimize=summary.added + summary.updated >= 1000)
    return summary
