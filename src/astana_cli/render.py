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
from dataclasses import dataclass
from typing import Any

FORMATS = ("table", "json", "jsonl", "csv")

# C0 and C1 controls except tab/newline, DEL; shown as visible symbols in tables.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates: dropped from table cells (they reorder the terminal line).
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def clean(value: Any, one_line: bool = True) -> str:
    """``value`` as inert display text."""
    s = "" if value is None else str(value)
    s = _BIDI.sub("", s)
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
    if v is None:
        return ""
    if isinstance(v, (list, tuple, set)):
        if all(not isinstance(x, (dict, list)) for x in v):
            return ";".join(str(x) for x in (sorted(v) if isinstance(v, set) else v))
        return json.dumps(list(v), ensure_ascii=False)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def dump(records: Sequence[dict], fmt: str, out=None) -> None:
    """Write ``records`` as JSON, JSONL or CSV (logical order, exact text)."""
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
        out.write(buf.getvalue())
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
    """Print ``records`` as a Rich table."""
    from rich.table import Table
    from rich.text import Text

    from .bidi import visual_cell

    con = con or console()
    t = Table(title=title, caption=caption, show_lines=False, header_style="bold",
              title_justify="left", caption_justify="left", expand=False)
    for c in columns:
        t.add_column(c.header, justify="right" if c.arabic else "left", max_width=c.max_width,
                     min_width=c.min_width, style=c.style, ratio=c.ratio, no_wrap=c.no_wrap,
                     overflow="fold")
    widths = _plan_widths(records, columns, con.width) if rtl == "visual" else None
    for r in records:
        cells = []
        for i, c in enumerate(columns):
            v = c.fmt(r.get(c.key), r) if c.fmt else r.get(c.key)
            if isinstance(v, Text):
                cells.append(v)
                continue
            s = clean(_plain(v))
            if c.arabic and rtl == "visual":
                cells.append(Text(visual_cell(s, widths[i]) if widths else s))
            else:
                cells.append(Text(s))
        t.add_row(*cells)
    con.print(t)


def _plain(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    return str(v)


def _plan_widths(records: Sequence[dict], columns: Sequence[Column], total: int) -> list[int]:
    """Column widths for visual mode, where Arabic cells are wrapped by us (then reordered line by
    line) instead of by Rich: each column gets its natural width, the Arabic ones share the rest."""
    from rich.cells import cell_len

    natural = []
    for c in columns:
        longest = max([cell_len(c.header)] + [cell_len(clean(_plain(r.get(c.key)))) for r in records] or [1])
        natural.append(min(longest, c.max_width or longest))
    overhead = 3 * len(columns) + 1
    fixed = sum(w for w, c in zip(natural, columns) if not c.arabic)
    arabic = [i for i, c in enumerate(columns) if c.arabic]
    room = max(10 * max(len(arabic), 1), total - overhead - fixed)
    widths = list(natural)
    want = sum(natural[i] for i in arabic)
    if want > room and arabic:
        for i in arabic:
            widths[i] = max(8, room * natural[i] // want)
    return widths


def kv(pairs: Sequence[tuple[str, Any]], con=None, rtl: str = "logical") -> None:
    """A two-column key/value block (for ``show`` and ``rounds N``)."""
    from rich.table import Table
    from rich.text import Text

    from .bidi import visual_line

    con = con or console()
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold")
    t.add_column()
    for k, v in pairs:
        s = clean(_plain(v))
        t.add_row(Text(k), Text(visual_line(s) if rtl == "visual" else s))
    con.print(t)


def paragraphs(text: str, con=None, rtl: str = "logical") -> None:
    """Article text as written, paragraph by paragraph, inert."""
    from rich.text import Text

    from .bidi import visual_paragraph

    con = con or console()
    for para in text.splitlines():
        s = clean(para, one_line=False)
        if rtl == "visual":
            s = visual_paragraph(s, con.width)
        con.print(Text(s, justify="right" if rtl == "visual" else "left"))


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
    highlighted, and the words after, in Arabic reading order (right to left on screen)."""
    from rich.table import Table
    from rich.text import Text

    from .bidi import visual_line, wrap

    con = con or console()
    t = Table(show_lines=False, header_style="bold", expand=False)
    t.add_column("article", max_width=26, overflow="fold")
    t.add_column("round", no_wrap=True)
    t.add_column("date", no_wrap=True)
    t.add_column("score", justify="right", no_wrap=True)
    t.add_column("context", justify="right", ratio=1, overflow="fold")
    fixed = 26 + 5 + 10 + 5 + 3 * 5 + 1
    width = max(20, con.width - fixed)
    for r in records:
        left, match, right = (clean(r.get(k)) for k in ("left", "match", "right"))
        if rtl == "visual":
            cell = Text(justify="right")
            lines = wrap(" ".join(x for x in (left, f"\u2063{match}\u2063", right) if x), width)
            for i, line in enumerate(lines):
                shown = visual_line(line.replace("\u2063", ""))
                if "\u2063" in line:
                    vm = visual_line(match)
                    k = shown.find(vm)
                    if k >= 0:
                        cell.append(shown[:k])
                        cell.append(shown[k:k + len(vm)], style="bold reverse")
                        cell.append(shown[k + len(vm):])
                    else:
                        cell.append(shown)
                else:
                    cell.append(shown)
                if i < len(lines) - 1:
                    cell.append("\n")
        else:
            cell = Text(justify="right")
            if left:
                cell.append(left + " ")
            cell.append(match, style="bold reverse")
            if right:
                cell.append(" " + right)
        rnd = r.get("round")
        t.add_row(Text(clean(r.get("file"))), Text("" if rnd is None else str(rnd)),
                  Text(clean(r.get("published") or "")), Text(f"{r.get('score', 0):.0f}"), cell)
    con.print(t)
