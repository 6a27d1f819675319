"""Records -> a Rich table, JSON, JSONL or CSV. The only module that knows Rich.

Article text is data, never markup: every cell is a ``rich.text.Text`` (never parsed for
``[tags]``), control characters and ANSI escapes are shown as visible symbols, and bidi controls
are dropped from table cells so that nothing an article contains can change the terminal's state
or the table's layout. JSON, JSONL and CSV carry the text exactly as stored.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .text.arabic import BIDI_CONTROL

# C0 and C1 controls except tab/newline, DEL; shown as visible symbols in tables.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates: dropped from table cells (they reorder the terminal line).


def clean(value: Any, one_line: bool = True) -> str:
    """``value`` as inert display text."""
    s = "" if value is None else str(value)
    s = BIDI_CONTROL.sub("", s)
    s = _CONTROL.sub(lambda m: "␛" if m.group() == "\x1b" else "\ufffd", s)
    if one_line:
        s = re.sub(r"\s*[\r\n]+\s*", " ", s)
    return s


@dataclass
class Column:
    key: str
    header: str
    arabic: bool = False  # right-aligned, shaped in visual mode
    max_width: int | None = None
    min_width: int | None = None
    style: str | None = None
    ratio: int | None = None
    fmt: Callable[[Any, dict], Any] | None = None
    no_wrap: bool = False


def _jsonable(v: Any) -> Any:
    if isinstance(v, set):
        return sorted(v)
    return v


def _csv_cell(v: Any) -> str:
    """One CSV cell: none is empty, a boolean true/false, a list of plain values its items joined
    by ';', a list of records or a record JSON."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple, set)):
        if all(not isinstance(x, (dict, list)) for x in v):
            return ";".join(str(x) for x in (sorted(v) if isinstance(v, set) else v))
        return json.dumps(list(v), ensure_ascii=False)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def dump(records: Sequence[dict], fmt: str, out=None, bom: bool = False) -> None:
    """Write ``records`` as JSON, JSONL or CSV (logical order, exact text); a CSV begins with a
    UTF-8 byte order mark with ``bom`` (Excel then reads it as UTF-8)."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(list(records), ensure_ascii=False, indent=2, default=_jsonable) + "\n")
    elif fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False, default=_jsonable) + "\n")
    elif fmt == "csv":
        keys: list[str] = []
        for r in records:
            keys += [k for k in r if k not in keys]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(keys)
        for r in records:
            w.writerow([_csv_cell(r.get(k)) for k in keys])
        out.write(("\ufeff" if bom else "") + buf.getvalue())
    else:  # pragma: no cover - guarded by the CLI
        raise ValueError(f"unknown format {fmt}")


# --- the terminal --------------------------------------------------------------------------------


def console(stderr: bool = False):
    """A Rich console: colour only on a terminal and never with ``NO_COLOR``; width from the
    terminal (``COLUMNS`` when set)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, emoji=False, markup=False,
                   no_color="NO_COLOR" in os.environ, soft_wrap=False)


def rtl_mode(option: str | None) -> str:
    """``logical`` or ``visual``: see ``bidi.choose_mode`` for how ``auto`` decides."""
    from .bidi import choose_mode

    return choose_mode(option or os.environ.get("ASTANA_RTL") or "auto")


def table(records: Sequence[dict], columns: Sequence[Column], *, title: str | None = None,
          caption: str | None = None, rtl: str = "logical", con=None) -> None:
    """Print ``records`` as a Rich table: Arabic columns right-aligned, the others left-aligned;
    in ``visual`` mode every cell holding Arabic is shaped and reordered line by line."""
    rows = []
    for r in records:
        row = []
        for c in columns:
            v = c.fmt(r.get(c.key), r) if c.fmt else r.get(c.key)
            row.append(v if _is_text(v) else _Cell(clean(_plain(v)), rtl_column=c.arabic))
        rows.append(row)
    specs = [dict(header=c.header, justify="right" if c.arabic else "left", max_width=c.max_width,
                  min_width=c.min_width, style=c.style, ratio=c.ratio, no_wrap=c.no_wrap,
                  overflow="fold") for c in columns]
    _print_table(con or console(), specs, rows, rtl,
                 dict(title=title, caption=caption, show_lines=False, header_style="bold",
                      title_justify="left", caption_justify="left", expand=False))


def _is_text(v: Any) -> bool:
    from rich.text import Text

    return isinstance(v, Text)


@dataclass
class _Cell:
    """A table cell of plain text with optional styled spans (``(start, end, style)``)."""

    text: str
    styles: list = field(default_factory=list)
    rtl_column: bool = False


def _print_table(con, specs: list[dict], rows: list[list], rtl: str, table_kw: dict,
                 grid: bool = False) -> None:
    """Lay the table out once with the logical text, as Rich would, then fix every column to that
    width and pre-wrap each cell holding Arabic to it (reordering each line in visual mode). Rich
    never wraps those cells again (they are ``no_wrap`` and fit), so visual lines are reordered
    exactly once, the frame is the same in both modes, and nothing is cut inside a letter."""
    from rich.table import Table
    from rich.text import Text

    def make() -> Table:
        t = Table.grid(padding=(0, 2)) if grid else Table(**table_kw)
        for spec in specs:
            spec = dict(spec)
            t.add_column(spec.pop("header", ""), **spec)
        return t

    probe = make()
    for row in rows:
        probe.add_row(*[c if isinstance(c, Text) else _logical_text(c) for c in row])
    t = make()
    widths = _column_widths(probe, con)
    padding = _paddings(t)
    if widths is not None and padding is not None and len(widths) == len(t.columns):
        for col, w, pad in zip(t.columns, widths, padding):
            col.width = max(1, w - pad)
            col.min_width = col.max_width = None
    for row in rows:
        cells = []
        for i, c in enumerate(row):
            if isinstance(c, Text):
                cells.append(c)
            elif bidi_cell(c.text) and widths is not None and (width := t.columns[i].width) is not None:
                cells.append(_rtl_text(c, width, rtl, t.columns[i].justify))
            else:
                cells.append(_logical_text(c))
        t.add_row(*cells)
    con.print(t)


def bidi_cell(s: str) -> bool:
    from .bidi import has_rtl

    return has_rtl(s)


def _logical_text(c: _Cell):
    from rich.text import Text

    t = Text(c.text)
    for s, e, st in c.styles:
        t.stylize(st, s, e)
    return t


def _rtl_text(c: _Cell, width: int, rtl: str, justify):
    """A cell holding Arabic: wrapped to ``width`` on the logical text, then (visual mode) each
    line shaped and reordered, the styles following their letters."""
    from rich.text import Text

    from .bidi import paragraph_dir, visual_runs, wrap_spans

    base = "R" if c.rtl_column else paragraph_dir(c.text)
    out = Text(justify=justify, no_wrap=True, overflow="crop")
    spans = wrap_spans(c.text, width)
    for n, (s, e) in enumerate(spans):
        line = c.text[s:e]
        styles = [(max(a, s) - s, min(b, e) - s, st) for a, b, st in c.styles if a < e and b > s]
        if rtl == "visual":
            for piece, st in visual_runs(line, styles, base):
                out.append(piece, style=st or "")
        else:
            k = 0
            for a, b, st in sorted(styles):
                out.append(line[k:a])
                out.append(line[a:b], style=st)
                k = b
            out.append(line[k:])
        if n < len(spans) - 1:
            out.append("\n")
    return out


# Fixed column widths need two of Rich's private Table methods (present in Rich 13 to 15). They are
# reached only through these two functions; on a Rich that lacks them or changed their signatures
# the cells are left to Rich's own wrapping, which is right in logical mode (tests/test_render.py).

def _column_widths(t, con) -> list[int] | None:
    """The column widths (padding included) Rich gives ``t`` on ``con``; None if this Rich has no
    such method."""
    try:
        options = con.options
        widths = t._calculate_column_widths(con, options.update_width(options.max_width - t._extra_width))
    except (AttributeError, TypeError):  # pragma: no cover - a Rich without these internals
        return None
    return [int(w) for w in widths] if isinstance(widths, list) else None


def _paddings(t) -> list[int] | None:
    """The horizontal padding of each column of ``t``; None if this Rich cannot tell."""
    try:
        return [int(t._get_padding_width(i)) for i in range(len(t.columns))]
    except (AttributeError, TypeError):  # pragma: no cover
        return None


def _plain(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    return str(v)


def kv(pairs: Sequence[tuple[str, Any]], con=None, rtl: str = "logical") -> None:
    """A two-column key/value block (for ``show`` and ``rounds N``)."""
    rows = [[_Cell(k), _Cell(clean(_plain(v)))] for k, v in pairs]
    specs: list[dict] = [dict(style="bold", no_wrap=True), dict(overflow="fold")]
    _print_table(con or console(), specs, rows, rtl, {}, grid=True)


def paragraphs(text: str, con=None, rtl: str = "logical") -> None:
    """Article text as written, paragraph by paragraph, inert; in visual mode each paragraph is
    wrapped to the terminal, each line reordered and the block right-aligned when it is Arabic."""
    from rich.text import Text

    from .bidi import has_rtl, paragraph_dir, visual_cell

    con = con or console()
    for para in text.splitlines():
        s = clean(para, one_line=False)
        if rtl == "visual" and has_rtl(s):
            base = paragraph_dir(s)
            con.print(Text(visual_cell(s, con.width, base), no_wrap=True, overflow="crop",
                           justify="right" if base == "R" else "left"))
        else:
            con.print(Text(s))


def message(text: str, style: str | None = None) -> None:
    """A line for the user on stderr (not part of the data on stdout)."""
    from rich.text import Text

    console(stderr=True).print(Text(clean(text, one_line=False), style=style or ""))


def bar(n: int, most: int, width: int = 12) -> str:
    """A small bar of ``n`` out of ``most``, in eighths of a cell."""
    if most <= 0 or n <= 0:
        return ""
    blocks = " ▏▎▍▌▋▊▉█"
    eighths = max(1, round(n / most * width * 8))
    return "█" * (eighths // 8) + (blocks[eighths % 8] if eighths % 8 else "")


def kwic_table(records: Sequence[dict], *, rtl: str = "logical", con=None) -> None:
    """Search hits as keyword in context: one cell holding the words before the match, the match
    highlighted, and the words after, in Arabic reading order: the words before the match are to
    its right on screen and the words after to its left, in both modes (a bidi terminal places
    them so in logical mode; visual mode reorders each wrapped line so)."""
    rows = []
    for r in records:
        left, match, right = (clean(r.get(k)) for k in ("left", "match", "right"))
        text = " ".join(x for x in (left, match, right) if x)
        a = len(left) + 1 if left else 0
        cell = _Cell(text, [(a, a + len(match), "bold reverse")] if match else [], rtl_column=True)
        rnd = r.get("round")
        rows.append([_Cell(clean(r.get("file"))), _Cell("" if rnd is None else str(rnd)),
                     _Cell(clean(r.get("published") or "")), _Cell(f"{r.get('score', 0):.0f}"), cell])
    specs = [dict(header="article", max_width=26, overflow="fold"),
             dict(header="round", no_wrap=True), dict(header="date", no_wrap=True),
             dict(header="score", justify="right", no_wrap=True),
             dict(header="context", justify="right", ratio=1, overflow="fold")]
    _print_table(con or console(), specs, rows, rtl,
                 dict(show_lines=False, header_style="bold", expand=False))
