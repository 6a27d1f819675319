"""The ``astana`` command: a thin layer that parses arguments, calls the library, renders records.

Heavy modules (sqlite-utils, rapidfuzz, Rich tables, the extraction rules) are imported inside the
commands that need them, so ``astana --help`` starts fast.
"""
from __future__ import annotations

import errno
import functools
import inspect
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer
from typer.core import TyperGroup

from . import __version__, completion

# Typer vendors its own click: its ClickException is the one Typer's main shows and exits with.
if TYPE_CHECKING:
    from click import ClickException
else:
    ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class UserError(ClickException):
    """A library error (``errors.AstanaError``) as Typer shows it: ``astana: error: …``."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        # click declares exit_code on the class; each error here carries its own status
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file=None) -> None:
        _print_error(self.format_message(), file)


class AstanaGroup(TyperGroup):
    """The ``astana`` group: every command runs inside ``invoke``, so this is the one place where
    the library's errors become one line on stderr and an exit code: in a terminal, under
    ``CliRunner`` and through ``python -m astana_cli`` alike."""

    def invoke(self, ctx):
        from .errors import AstanaError

        try:
            return super().invoke(ctx)
        except AstanaError as e:
            raise UserError(str(e), e.exit_code) from None
        except KeyboardInterrupt:
            _print_error("interrupted")
            raise typer.Exit(130) from None
        except Exception as e:
            if _from_typer(e) or (isinstance(e, OSError) and e.errno == errno.EPIPE) \
                    or os.environ.get("ASTANA_DEBUG"):
                raise  # usage errors, exits, a closed pipe: Typer's own handling
            raise UserError(f"internal error: {type(e).__name__}: {e} (set ASTANA_DEBUG=1 for details)", 3) from e


def _from_typer(e: BaseException) -> bool:
    return isinstance(e, (ClickException, typer.Exit, typer.Abort)) \
        or type(e).__module__.split(".")[0] in ("typer", "click")


def _print_error(msg: str, file=None) -> None:
    from .render import clean

    (file or sys.stderr).write(f"astana: error: {clean(msg)}\n")


app = typer.Typer(
    cls=AstanaGroup,
    name="astana",
    help=(
        "Study the Astana peace talks on Syria (2017-2024) through Arabic news: which rounds the "
        "corpus covers, who said what, and fuzzy phrase search.\n\n"
        "Examples:\n\n"
        "  astana rounds\n\n"
        "  astana quotes --speaker Lavrentiev\n\n"
        "  astana quotes --speaker 'دي مستورا'\n\n"
        "  astana search 'خفض التصعيد'\n\n"
        "  astana ingest ~/articles/\n\n"
        "Arabic display: --rtl logical (as stored; bidi terminals, pipes, files), visual (shaped and "
        "reordered, for terminals without bidi) or auto (the default; see ASTANA_RTL).\n\n"
        "Shell completion of commands, options, speaker names and round numbers: run "
        "`astana --install-completion` once (bash, zsh, fish, PowerShell), then open a new shell."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class RTL(str, Enum):
    auto = "auto"
    logical = "logical"
    visual = "visual"


class State:
    db: Optional[str] = None
    rtl: Optional[str] = None
    bom: bool = False


state = State()

FORMAT_OPTION = typer.Option(Format.table, "--format", "-f", help="table, json, jsonl or csv. In CSV a list is "
                             "its items joined by ';' (a list of records: JSON), true/false for yes/no, an "
                             "empty cell for none.")
DB_HELP = "The database file (default: $ASTANA_DB, else a file in your data directory)."
RTL_HELP = ("Arabic display: logical (as stored, for bidi terminals and pipes), visual (shaped and "
            "reordered, for terminals without bidi) or auto.")


def _common(command):
    """Give ``command`` the options every command takes after its name as well as before it
    (``astana show 3 --rtl visual``, ``astana rounds --db talks.db``), and ``--bom`` with a format."""
    takes_format = "fmt" in inspect.signature(command).parameters
    extra = {
        "db": (Optional[str], typer.Option(None, "--db", help=DB_HELP, metavar="PATH")),
        "rtl": (Optional[RTL], typer.Option(None, "--rtl", help=RTL_HELP, show_default=False)),
    }
    if takes_format:
        extra["bom"] = (bool, typer.Option(False, "--bom", help="With --format csv: begin with a UTF-8 byte "
                                           "order mark, so that Excel reads the Arabic right."))

    @functools.wraps(command)
    def run(*args, db=None, rtl=None, bom=False, **kwargs):
        if db is not None:
            state.db = db
        if rtl is not None:
            state.rtl = rtl.value
        state.bom = state.bom or bom
        if state.bom and kwargs.get("fmt") not in (None, Format.csv):
            _fail("--bom goes with --format csv", 2)
        return command(*args, **kwargs)

    sig = inspect.signature(command)
    run.__signature__ = sig.replace(parameters=list(sig.parameters.values()) + [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind)
        for name, (kind, option) in extra.items()])
    run.__annotations__ = {**command.__annotations__, **{name: kind for name, (kind, _) in extra.items()}}
    return run
ALL_COPIES_OPTION = typer.Option(False, "--all-copies", help="Count a quote in every near copy of a story "
                                 "(by default once per group of copies: see `astana articles`).")


class QuotesBy(str, Enum):
    round = "round"
    month = "month"
    year = "year"
    outlet = "outlet"
    speaker = "speaker"


CHART_OPTION = typer.Option(None, "--chart", metavar="FILE.svg|FILE.png",
                            help="With --by round|month|year|outlet|speaker: also draw the distribution "
                                 "to this file (needs: pip install 'astana-cli[chart]').")


def _distribution(records: list[dict], fmt: Format, *, title: str, series: list[str], unit: str,
                  chart: Optional[str]) -> None:
    """A distribution as a table (one row a bucket, with a bar) or JSON/CSV, and as a chart."""
    from . import render

    if chart:
        from . import chart as chart_mod

        written = chart_mod.write(records, chart, title=title, series=series, unit=unit)
        render.message(f"chart written to {written}")
    if fmt != Format.table:
        _dump(records, fmt)
        return
    two = len(series) > 1
    most = max([r["hits"] for r in records] + [r.get("versus_hits", 0) for r in records] + [0])
    by = records[0]["by"] if records else ""
    columns = [render.Column("label", by, arabic=by == "outlet", max_width=30, no_wrap=by not in ("outlet", "speaker"))]
    if by == "round":
        columns.append(render.Column("start", "dates", fmt=lambda v, r: _date_range(r["start"], r["end"]), no_wrap=True))
    for prefix, tag in zip(("", "versus_"), ("A ", "B ") if two else ("",)):
        columns += [
            render.Column(f"{prefix}hits", f"{tag}{unit}", fmt=lambda v, r: str(v), no_wrap=True),
            render.Column(f"{prefix}articles", f"{tag}articles", no_wrap=True, fmt=lambda v, r: f"{v} of {r['of']}"),
            render.Column(f"{prefix}share", f"{tag}share", fmt=lambda v, r: f"{v:.0%}", no_wrap=True),
            render.Column(f"{prefix}hits", "", fmt=lambda v, r: render.bar(v, most, 10 if two else 16), no_wrap=True),
        ]
    if two:
        title = f"A: {series[0]}   B: {series[1]}   by {by}"
    render.table(records, columns, rtl=_rtl(), title=title,
                 caption="share: the bucket's articles with a hit / all its articles"
                         + ("; an article may be in several rounds" if by == "round" else ""))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"astana {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP, metavar="PATH"),
    rtl: RTL = typer.Option(RTL.auto, "--rtl", envvar="ASTANA_RTL", help=RTL_HELP),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    state.db = db
    state.rtl = rtl.value
    state.bom = False


# --- helpers -------------------------------------------------------------------------------------


def _db_path() -> Path:
    """The database to use. A path the user gave (``--db``, ``$ASTANA_DB``) must be in a folder
    that exists: a typo never creates a database somewhere else; the default folder is made."""
    from .config import resolve_db_path

    path = resolve_db_path(state.db)
    given = "--db" if state.db else "ASTANA_DB" if os.environ.get("ASTANA_DB") else None
    if given and not path.parent.is_dir():
        _fail(f"{given} {str(path)!r}: there is no folder {str(path.parent)!r} (create it first)")
    return path


def _open_for_reading():
    """The store for a reading command; built from the bundled corpus when there is none yet."""
    from .store import Store

    path = _db_path()
    if not path.exists() or path.stat().st_size == 0:
        _build_from_bundled(path)
    _say_if_waiting(path, write=False)
    return Store(path, create=False, on_upgrade=_say_upgrading(path))


def _say_if_waiting(path: Path, write: bool) -> None:
    """A line on stderr when another process holds the database: opening it will wait for it."""
    from .locks import is_locked
    from .render import message
    from .store import BUSY_TIMEOUT_MS

    if is_locked(path, write):
        message(f"astana: database {path} is in use by another process, waiting for it "
                f"(up to {BUSY_TIMEOUT_MS // 1000} s)")


def _say_upgrading(path: Path):
    """``Store``'s ``on_upgrade``: a line on stderr before a database of an older astana is
    migrated (once; rebuilding its search index takes tens of seconds at 100,000 articles)."""

    def say(old: int, new: int) -> None:
        from .render import message

        message(f"astana: upgrading database {path} from schema {old} to {new} (once; a large database takes a while)")

    return say


def _build_from_bundled(path: Path) -> None:
    from .config import bundled_corpus
    from .ingest import ingest_paths
    from .render import message
    from .store import Store

    corpus = bundled_corpus()
    message(f"astana: no database at {path} yet; building it from the bundled corpus ({corpus})")
    store = Store(path)
    try:
        ingest_paths(store, [corpus])
    finally:
        store.close()


def _rtl() -> str:
    from .render import rtl_mode

    return rtl_mode(state.rtl)


def _emit(records, fmt: Format, columns, **table_kw) -> None:
    from . import render

    if fmt == Format.table:
        render.table(records, columns, rtl=_rtl(), **table_kw)
    else:
        _dump(records, fmt)


def _dump(records, fmt: Format) -> None:
    from . import render

    render.dump(records, fmt.value, bom=state.bom)


def _fail(message: str, code: int = 1):
    from .errors import AstanaError

    raise AstanaError(message, code)


# --- ingest --------------------------------------------------------------------------------------


@app.command()
@_common
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files or directories (searched recursively): "
                                       ".txt/.md, .html/.htm, .jsonl, .csv, .warc/.warc.gz.", show_default=False),
) -> None:
    """Add articles to the database (again is harmless: unchanged content is skipped).

    Examples:

      astana ingest corpus/

      astana ingest ~/news/orient/ ~/news/enab-baladi.jsonl

      astana ingest monitoring-export.csv crawl.warc.gz

      astana --db talks.db ingest 'مقالات أستانا/'
    """
    from . import render
    from .ingest import Summary, collect_files, ingest_paths
    from .store import Store

    summary = Summary()
    files = collect_files([str(p) for p in paths], summary.failed)
    path = _db_path()
    _say_if_waiting(path, write=True)
    store = Store(path, on_upgrade=_say_upgrading(path))
    if store.readonly:
        _fail(f"database {store.path} is read-only: cannot ingest into it")
    con = render.console(stderr=True)
    interrupted = False
    try:
        if len(files) > 5 and con.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                          TimeRemainingColumn(), console=con, transient=True) as bar:
                task = bar.add_task("ingest", total=len(files))
                ingest_paths(store, [], progress=lambda _p: bar.advance(task), files=files,
                             summary=summary)
        else:
            ingest_paths(store, [], files=files, summary=summary)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        store.close()
    for f in summary.failed:
        render.message(f"failed: {f.path}: {f.reason}")
    render.message(f"{summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged, "
                   f"{len(summary.failed)} failed"
                   + (f"; {summary.copies} already stored from another file, kept as another source"
                      if summary.copies else "")
                   + (" (interrupted)" if interrupted else ""))
    if interrupted:
        raise typer.Exit(130)
    if summary.failed:
        raise typer.Exit(1)


# --- articles and show ---------------------------------------------------------------------------


@app.command()
@_common
def articles(
    round: Optional[int] = typer.Option(None, "--round", "-r", min=1, max=999, help="Only articles about or mentioning round N.",
                                        autocompletion=completion.rounds),
    source: Optional[str] = typer.Option(None, "--source", help="Only articles of this outlet."),
    since: Optional[str] = typer.Option(None, "--since", help="Only articles published on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Only articles published on or before this date (YYYY-MM-DD)."),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """List the articles: id, file, title, date, outlet, words, rounds.

    Examples:

      astana articles

      astana articles --round 6 --format json

      astana articles --source 'أورينت نت' --since 2017-06-01 --until 2017-12-31

      astana articles --format csv | grep 'خفض التصعيد'
    """
    from . import queries
    from .render import Column

    since, until = queries.parse_date("--since", since), queries.parse_date("--until", until)
    store = _open_for_reading()
    records = queries.articles(store, round=round, source=source, since=since, until=until)
    _emit(records, fmt, [
        Column("id", "id"), Column("file", "file", max_width=28),
        Column("title", "title", arabic=True, ratio=3),
        Column("published", "date", fmt=lambda v, r: f"{v}~" if v and r["published_inferred"] else v, no_wrap=True),
        Column("source", "outlet", arabic=True, max_width=18),
        Column("words", "words"),
        Column("main_rounds", "rounds", fmt=_rounds_cell),
        Column("group", "copies", fmt=_copies_cell, no_wrap=True),
    ], caption=_articles_caption(records))


def _copies_cell(v, r) -> str:
    """«2 files» for one text read from two files; «≈ 3» for a near copy of article 3's story."""
    parts = []
    if len(r.get("files") or []) > 1:
        parts.append(f"{len(r['files'])} files")
    if r.get("copies", 1) > 1:
        parts.append(f"≈ {r['group']}" if r["group"] != r["id"] else f"{r['copies'] - 1} near cop"
                     + ("y" if r["copies"] == 2 else "ies"))
    return ", ".join(parts)


def _articles_caption(records) -> Optional[str]:
    notes = []
    if any(r.get("published_inferred") for r in records):
        notes.append("~ date inferred from the article's round")
    if any(len(r.get("files") or []) > 1 or r.get("copies", 1) > 1 for r in records):
        notes.append("copies: files holding the same text (one article); ≈ N: a near copy of article N's story")
    return "; ".join(notes) or None


def _rounds_cell(v, r) -> str:
    main = ",".join(str(x) for x in r.get("main_rounds") or [])
    mentioned = ",".join(str(x) for x in r.get("mentioned_rounds") or [])
    return main + (f" (+{mentioned})" if mentioned else "")


@app.command()
@_common
def show(
    article: str = typer.Argument(..., help="An article id or file name.", show_default=False),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Show one article: its metadata, then its text as written.

    Examples:

      astana show 3

      astana show 004_6617070030061a61.txt

      astana --rtl visual show 'مقال أستانة.txt'
    """
    from . import queries, render

    store = _open_for_reading()
    art = queries.article(store, article)
    if fmt != Format.table:
        _dump([art], fmt)
        return
    rtl = _rtl()
    con = render.console()
    render.kv([("id", art["id"]), ("file", art["file"]), ("title", art["title"]),
               ("date", (art["published"] or "") + (" (inferred)" if art["published_inferred"] else "")),
               ("outlet", art["source"]), ("url", art["url"]), ("words", art["words"]),
               ("rounds", _rounds_cell(None, art))]
              + [("also from", f"{s['file']}" + (f" ({s['url']})" if s["url"] else ""))
                 for s in art["sources"] if s["file"] != art["file"]]
              + ([("near copies", ", ".join(str(i) for i in art["copies"]))] if art["copies"] else []),
              con=con, rtl=rtl)
    con.rule()
    render.paragraphs(art["text"], con=con, rtl=rtl)


# --- rounds --------------------------------------------------------------------------------------


@app.command()
@_common
def rounds(
    number: Optional[int] = typer.Argument(None, help="One round: its facts, articles and quotes.", show_default=False,
                                           autocompletion=completion.rounds),
    all: bool = typer.Option(False, "--all", "-a", help="Every round of the calendar, not only those in the corpus."),
    all_copies: bool = ALL_COPIES_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Which negotiation rounds the corpus covers, with their articles and quotes.

    Examples:

      astana rounds

      astana rounds --all

      astana rounds 6

      astana rounds --format json

      astana rounds 6 --format json | grep 'الجولة السادسة'
    """
    from . import queries, render
    from .render import Column

    store = _open_for_reading()
    if number is not None:
        detail = queries.round_detail(store, number, all_copies=all_copies)
        if fmt != Format.table:
            _dump([detail], fmt)
            return
        _show_round(detail)
        return
    records = queries.rounds(store, all=all, all_copies=all_copies)
    if fmt != Format.table:
        _dump(records, fmt)
        return
    most = max([r["main"] + r["mentioned"] for r in records] or [0])
    if not records:
        render.message("no round is named in the corpus yet (astana rounds --all lists the calendar)")
    _emit(records, fmt, [
        Column("round", "round", no_wrap=True),
        Column("start", "dates", fmt=lambda v, r: _date_range(r["start"], r["end"]), no_wrap=True),
        Column("venue", "venue", max_width=10),
        Column("main", "articles", fmt=lambda v, r: f"{r['main']} + {r['mentioned']}", no_wrap=True),
        Column("quotes", "quotes", fmt=lambda v, r: str(v), no_wrap=True),
        Column("top_speakers", "most quoted", ratio=1, min_width=11, fmt=lambda v, r: ", ".join(v[:2])),
        Column("main", "coverage", fmt=lambda v, r: render.bar(r["main"] + r["mentioned"], most, 8), no_wrap=True),
    ], title="Rounds of the Astana process in the corpus" if not all else "The Astana calendar",
       caption="articles: main + mentioned (an article reporting on the round + one that only names it)")


def _date_range(start: str, end: str) -> str:
    """«2017-01-23/24», «2018-11-28/29», or both dates in full when the months differ."""
    if start[:8] == end[:8]:
        return f"{start}/{end[8:]}"
    return f"{start}/{end[5:]}" if start[:4] == end[:4] else f"{start}/{end}"


def _show_round(d: dict) -> None:
    from . import render
    from .render import Column

    rtl = _rtl()
    con = render.console()
    render.kv([("round", d["round"]), ("dates", f"{d['start']} – {d['end']}"),
               ("venue", f"{d['venue']} ({d['venue_ar']})"),
               ("articles", f"{d['main']} main, {d['mentioned']} mentioned"),
               ("quotes", d["quotes"])], con=con, rtl=rtl)
    if d["articles"]:
        render.table(d["articles"], [Column("file", "file"), Column("role", "role"),
                                     Column("evidence", "evidence", arabic=True)],
                     title="Articles", rtl=rtl, con=con)
    if d["quotes_list"]:
        render.table(d["quotes_list"], _quote_columns(), title="Quotes", rtl=rtl, con=con)


# --- quotes and speakers -------------------------------------------------------------------------


class Kind(str, Enum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


def _quote_columns():
    from .render import Column

    return [
        Column("speaker", "speaker", max_width=24),
        Column("round", "round"),
        Column("published", "date", no_wrap=True),
        Column("file", "article", max_width=26),
        Column("text", "words", arabic=True, ratio=4,
               fmt=lambda v, r: f"«{v}»" if r.get("kind") == "direct" else v),
    ]


@app.command()
@_common
def quotes(
    speaker: Optional[str] = typer.Option(None, "--speaker", "-s", help="A person, in Latin or Arabic script, any spelling.",
                                          autocompletion=completion.speakers),
    round: Optional[int] = typer.Option(None, "--round", "-r", min=1, max=999, help="Only quotes of round N.",
                                        autocompletion=completion.rounds),
    kind: Optional[Kind] = typer.Option(None, "--kind", "-k", help="direct, indirect or mixed."),
    article: Optional[str] = typer.Option(None, "--article", help="An article id or file name."),
    contains: Optional[str] = typer.Option(None, "--contains", "-c", help="Only quotes containing this text."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most N quotes."),
    by: Optional[QuotesBy] = typer.Option(None, "--by", help="A distribution of the quotes: round, month, "
                                          "year, outlet or speaker (quotes and articles per bucket)."),
    chart: Optional[str] = CHART_OPTION,
    all_copies: bool = ALL_COPIES_OPTION,
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Who said what: direct and reported speech with speaker, round, date and article.

    Examples:

      astana quotes --speaker Lavrentiev

      astana quotes --speaker 'دي مستورا' --format json

      astana quotes --round 6 --kind direct

      astana quotes --speaker Lavrentiev --by round --chart lavrentiev.png
    """
    from . import queries, render

    store = _open_for_reading()
    who = queries.resolve_speaker(store, speaker) if speaker is not None else None
    if by is not None:
        from . import distributions

        if chart:
            from .chart import check_path

            check_path(chart)
        rows = queries.quote_rows(store, speaker=who, round=round, kind=kind.value if kind else None,
                                  article=article, contains=contains, limit=limit, all_copies=all_copies)
        records = distributions.distribute(store, by.value, distributions.quote_hits(rows, by.value), quote_rounds=True)
        name = " / ".join(who.names) if who else "quotes"
        _distribution(records, fmt, title=f"{name} by {by.value}", series=[name], unit="quotes", chart=chart)
        return
    if chart:
        _fail("--chart needs a distribution: --by round, month, year, outlet or speaker", 2)
    records = queries.quotes(store, speaker=who, round=round, kind=kind.value if kind else None,
                             article=article, contains=contains, limit=limit, all_copies=all_copies)
    if fmt != Format.table:
        _dump(records, fmt)
        return
    if not records and who and who.ids:
        where = queries.mentions(store, who.ids)
        names = " / ".join(who.names)
        if where:
            render.message(f"{names} is never quoted in the corpus, but is mentioned {len(where)} time(s):")
            _emit(where, fmt, [render.Column("file", "article"), render.Column("published", "date"),
                               render.Column("sentence", "mentioned in", arabic=True)])
        else:
            render.message(f"{names}: no quotes and no mentions in the corpus")
        return
    if not records:
        render.message("no quotes match")
        return
    _emit(records, fmt, _quote_columns(), caption=f"{len(records)} quote(s)")


@app.command()
@_common
def speakers(all_copies: bool = ALL_COPIES_OPTION, fmt: Format = FORMAT_OPTION) -> None:
    """Every speaker with role, affiliation, quote and mention counts, and rounds: the people named
    first, then the unnamed sources (statements, sources, ministries, titles without a name).

    Examples:

      astana speakers

      astana speakers --format csv

      astana speakers --format csv | grep 'لافرينتييف'
    """
    from . import queries
    from .render import Column

    store = _open_for_reading()
    records = queries.speakers(store, all_copies=all_copies)
    if fmt != Format.table:
        _dump(records, fmt)
        return
    named = [r for r in records if r["kind"] == queries.NAMED]
    unnamed = [r for r in records if r["kind"] != queries.NAMED]
    if named:
        _emit(named, fmt, [
            Column("speaker", "speaker", max_width=30), Column("speaker_ar", "Arabic", arabic=True, max_width=24),
            Column("role", "role", max_width=30), Column("affiliation", "affiliation", max_width=20),
            Column("quotes", "quotes", fmt=lambda v, r: str(v)), Column("mentions", "mentions", fmt=lambda v, r: str(v)),
            Column("rounds", "rounds"),
        ], title="People named")
    if unnamed:
        _emit(unnamed, fmt, [
            Column("speaker", "unnamed source", max_width=40), Column("speaker_ar", "Arabic", arabic=True, max_width=30),
            Column("quotes", "quotes", fmt=lambda v, r: str(v)), Column("rounds", "rounds"),
        ], title="Unnamed sources (statements, sources, institutions, titles without a name)")


# --- search --------------------------------------------------------------------------------------


class By(str, Enum):
    sentence = "sentence"
    article = "article"
    round = "round"
    month = "month"
    year = "year"
    outlet = "outlet"
    speaker = "speaker"


@app.command()
@_common
def search(
    query: Optional[str] = typer.Argument(None, help="Words or a phrase, any spelling.", show_default=False),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="0-100; lower finds more distant spellings."),
    exact: bool = typer.Option(False, "--exact", help="Only the literal normalized phrase."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="At most N hits."),
    context: int = typer.Option(8, "--context", min=0, max=200, help="Words of context on each side."),
    round: Optional[int] = typer.Option(None, "--round", "-r", min=1, max=999, help="Only articles about or mentioning round N.",
                                        autocompletion=completion.rounds),
    source: Optional[str] = typer.Option(None, "--source", help="Only articles of this outlet."),
    since: Optional[str] = typer.Option(None, "--since", help="Only articles published on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Only articles published on or before this date (YYYY-MM-DD)."),
    speaker: Optional[str] = typer.Option(None, "--speaker", "-s", help="Only inside this speaker's quotes.",
                                          autocompletion=completion.speakers),
    article: Optional[str] = typer.Option(None, "--article", help="Only this article (id or file name)."),
    expand: bool = typer.Option(False, "--expand", "-x", help="Widen the query through the concept lexicon."),
    by: By = typer.Option(By.sentence, "--by", help="sentence (each hit), article (a count per article), or a "
                          "distribution: round, month, year, outlet, speaker (hits and articles per bucket)."),
    versus: Optional[str] = typer.Option(None, "--versus", help="With a distribution: a second query, "
                                         "counted over the same buckets, side by side.", metavar="QUERY"),
    chart: Optional[str] = CHART_OPTION,
    concepts: bool = typer.Option(False, "--concepts", help="List the concept lexicon and exit."),
    fmt: Format = FORMAT_OPTION,
) -> None:
    """Fuzzy phrase search that survives Arabic spelling variation, as keyword in context.

    Examples:

      astana search 'خفض التصعيد'

      astana search 'المفاوضات' --speaker 'de Mistura'

      astana search 'وقف اطلاق النار' --expand --round 2

      astana search 'استانة' --by article --format json

      astana search 'خفض التصعيد' --by round --versus 'وقف إطلاق النار' --chart rounds.svg
    """
    from . import distributions, queries, render
    from . import search as search_mod

    if concepts:
        records = search_mod.concepts()
        _emit(records, fmt, [render.Column("concept", "concept"),
                             render.Column("variants", "variants", arabic=True)])
        return
    store = _open_for_reading()
    if by.value in distributions.BY:
        query = queries.search_query(query)
        options = dict(min_score=min_score, exact=exact, round=round, source=source, since=since,
                       until=until, speaker=speaker, article=article, expand=expand)
        if chart:
            from .chart import check_path

            check_path(chart)
        records = distributions.distribute(store, by.value, distributions.search_hits(store, query, by.value, **options))
        series = [query]
        if versus is not None:
            second = distributions.distribute(store, by.value,
                                              distributions.search_hits(store, versus, by.value, **options))
            records, series = distributions.versus(records, second), [query, versus]
        _distribution(records, fmt, title=" / ".join(series) + f" by {by.value}", series=series,
                      unit="hits", chart=chart)
        return
    if versus is not None or chart:
        _fail("--versus and --chart need a distribution: --by round, month, year, outlet or speaker", 2)
    page = queries.search(store, query, min_score=min_score, exact=exact, limit=limit, context=context,
                          round=round, source=source, since=since, until=until, speaker=speaker,
                          article=article, expand=expand, by=by.value)
    records = page.records
    if fmt != Format.table:
        _dump(records, fmt)
        return
    render.message(f"{page.total_sentences} matching sentence(s) in {page.total_articles} article(s)"
                   + (f"; showing {len(records)}" if len(records) < page.total_sentences else ""))
    if not records:
        return
    if by == By.article:
        _emit(records, fmt, [render.Column("file", "article"), render.Column("round", "round"),
                             render.Column("published", "date"), render.Column("count", "hits"),
                             render.Column("title", "title", arabic=True)])
        return
    from .render import kwic_table

    kwic_table(records, rtl=_rtl())


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on (127.0.0.1: this "
                             "machine only; 0.0.0.0 opens the database to the network)."),
    port: int = typer.Option(8001, "--port", min=1, max=65535, help="The port to listen on."),
) -> None:
    """Browse the database in datasette, read-only: quotes, sentences, articles, rounds, people,
    and search in any spelling (needs the extra: pip install 'astana-cli[web]')."""
    from .render import message
    from .serve import site

    site.require_datasette()
    _open_for_reading().close()
    site.prepare(_db_path())
    message(f"astana: serving {_db_path()} read-only at {site.url(host, port)} (Ctrl-C to stop)")
    site.serve(_db_path(), host=host, port=port)


def main() -> None:
    """Entry point (``astana`` and ``python -m astana_cli``); errors: see ``AstanaGroup``."""
    app()
