"""Arabic in the terminal: the ``logical`` and ``visual`` display modes.

``logical`` prints text as stored: right for terminals that lay out bidirectional text themselves
(Konsole, mlterm, macOS Terminal, mintty, GNOME Terminal and other VTE >= 0.76 terminals), for
pipes and for files. ``visual`` shapes the letters (arabic-reshaper) and reorders each displayed line
(python-bidi, the full Unicode bidi algorithm with mirroring of brackets and guillemets) for
terminals that do not (Windows Terminal, iTerm2, kitty, alacritty, xterm, the Linux console; tmux and
screen pass text through and so show what the terminal around them shows).

Text is wrapped to the column width *first*, on logical text, and each line is reordered after, so
a wrapped cell reads top to bottom and each line right to left. Both modes wrap the same way, so a
table has the same frame in either; a line in visual mode is exactly
``bidi.algorithm.get_display(arabic_reshaper.reshape(line), base_dir=D)`` of the corresponding line in
logical mode, where ``D`` is the direction of the whole paragraph (its first strong character; always
right to left in the Arabic columns). Visual text is for the screen only: JSON, JSONL and CSV are
always logical, never shaped.

``auto`` rule (``--rtl auto``, the default, or ``ASTANA_RTL=auto``):

1. standard output is not a terminal (a pipe, a file) -> ``logical``;
2. the terminal announces that it does bidi: ``KONSOLE_VERSION`` or ``MLTERM`` is set,
   ``TERM_PROGRAM`` is ``Apple_Terminal`` or ``mintty``, or ``VTE_VERSION`` >= 7600 -> ``logical``;
3. any other terminal -> ``visual``.

When the guess is wrong for your terminal, set ``ASTANA_RTL=logical`` or ``ASTANA_RTL=visual``.
"""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Mapping

MODES = ("auto", "logical", "visual")

# Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, ... and the Arabic
# presentation forms): a cell without any is printed as it is in both modes.
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_WORD = re.compile(r"\S+")
# Characters that never start a terminal cell of their own: combining marks, joiners.
_JOINERS = {"\u200c", "\u200d", "\u034f"}


def terminal_does_bidi(env: Mapping[str, str] | None = None) -> bool:
    """True when the terminal announces that it lays out bidirectional text itself."""
    env = os.environ if env is None else env
    if env.get("KONSOLE_VERSION") or env.get("MLTERM"):
        return True
    if env.get("TERM_PROGRAM") in ("Apple_Terminal", "mintty"):
        return True
    try:
        return int(env.get("VTE_VERSION", "0")) >= 7600
    except ValueError:
        return False


def choose_mode(option: str | None, stream=None, env: dict | None = None) -> str:
    """``logical`` or ``visual`` for ``option`` (auto | logical | visual), by the rule above."""
    option = (option or "auto").strip().lower()
    if option in ("logical", "visual"):
        return option
    stream = stream or sys.stdout
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        return "logical"
    return "logical" if terminal_does_bidi(env) else "visual"


def has_rtl(text: str) -> bool:
    return bool(text) and _RTL.search(text) is not None


def paragraph_dir(text: str) -> str:
    """``"R"`` or ``"L"``: the direction of the first strong character (UAX #9 P2-P3), L if none."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return "L"


# --- shaping and reordering ----------------------------------------------------------------------


def shape(text: str) -> str:
    """Contextual letter forms (arabic-reshaper)."""
    if not has_rtl(text):
        return text
    import arabic_reshaper

    return arabic_reshaper.reshape(text)


def reorder(text: str, base_dir: str | None = None) -> tuple[str, list[int]]:
    """``(display, order)``: ``text`` in visual order by python-bidi's Unicode bidi algorithm
    (rules L1-L4: reordering and mirroring), and for each displayed character the index of the
    character of ``text`` it shows."""
    from bidi import algorithm as alg

    storage = alg.get_empty_storage()
    level = alg.get_base_level(text) if base_dir is None else alg.PARAGRAPH_LEVELS[base_dir]
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    alg.get_embedding_levels(text, storage)
    for i, ch in enumerate(storage["chars"]):
        ch["astana_index"] = i
    alg.explicit_embed_and_overrides(storage)
    alg.resolve_weak_types(storage, False)
    alg.resolve_neutral_types(storage, False)
    alg.resolve_implicit_levels(storage, False)
    alg.reorder_resolved_levels(storage, False)
    alg.apply_mirroring(storage, False)
    chars = storage["chars"]
    return "".join(c["ch"] for c in chars), [c["astana_index"] for c in chars]


def display(text: str, base_dir: str | None = None) -> str:
    """The reference visual form of one line: ``get_display(reshape(text), base_dir)``."""
    if not has_rtl(text):
        return text
    from bidi.algorithm import get_display

    return get_display(shape(text), base_dir=base_dir)


def visual_line(text: str, base_dir: str | None = None) -> str:
    """One display line in visual order with shaped letters."""
    if not has_rtl(text):
        return text
    return reorder(shape(text), base_dir)[0]


def visual_runs(text: str, styles: list[tuple[int, int, str]], base_dir: str | None = None
                ) -> list[tuple[str, str | None]]:
    """One display line as ``[(text, style)]`` in screen order: ``visual_line(text)`` with the
    ``styles`` (``(start, end, style)`` over ``text``) carried to where their letters land."""
    if not has_rtl(text):
        return _runs(text, [_style_at(styles, i) for i in range(len(text))])
    shaped = shape(text)
    # where each logical position lands in the shaped text (ligatures make it shorter)
    cuts = sorted({0, len(text)} | {b for s, e, _ in styles for b in (s, e) if 0 <= b <= len(text)})
    where = {b: min(len(shaped), len(shape(text[:b]))) for b in cuts}
    where[0], where[len(text)] = 0, len(shaped)
    shaped_styles = [(where[s], where[e], st) for s, e, st in styles if s in where and e in where]
    shown, order = reorder(shaped, base_dir)
    return _runs(shown, [_style_at(shaped_styles, i) for i in order])


def _style_at(styles, i: int) -> str | None:
    for s, e, st in styles:
        if s <= i < e:
            return st
    return None


def _runs(text: str, per_char: list) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for ch, st in zip(text, per_char):
        if out and out[-1][1] == st:
            out[-1] = (out[-1][0] + ch, st)
        else:
            out.append((ch, st))
    return out


# --- wrapping ------------------------------------------------------------------------------------


def graphemes(text: str) -> list[str]:
    """``text`` as the units a terminal draws: a letter with its combining marks and joiners."""
    out: list[str] = []
    for ch in text:
        if out and (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me")
                    or ch in _JOINERS or out[-1][-1] in _JOINERS):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """``text`` wrapped at spaces to lines of at most ``width`` terminal cells, as ``(start, end)``
    offsets into ``text``. A word wider than the line is folded between letters, never inside a
    letter (a base letter keeps its marks)."""
    from rich.cells import cell_len

    width = max(1, width)
    lines: list[tuple[int, int]] = []
    start: int | None = None
    end = 0  # read only while ``start`` is set
    for m in _WORD.finditer(text):
        ws, we = m.span()
        if cell_len(text[ws:we]) > width:  # fold a word longer than the line
            if start is not None:
                lines.append((start, end))
                start = None
            pos = ws
            for g in graphemes(text[ws:we]):
                if start is not None and cell_len(text[start:pos + len(g)]) > width:
                    lines.append((start, pos))
                    start = None
                if start is None:
                    start = pos
                pos += len(g)
            end = we
            continue
        if start is not None and cell_len(text[start:we]) <= width:
            end = we
        else:
            if start is not None:
                lines.append((start, end))
            start, end = ws, we
    if start is not None:
        lines.append((start, end))
    return lines or [(0, 0)]


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped at word boundaries to lines of at most ``width`` terminal cells."""
    return [text[s:e] for s, e in wrap_spans(text, width)]


def visual_cell(text: str, width: int, base_dir: str | None = None) -> str:
    """A block of text for a non-bidi terminal: wrapped to ``width`` first, each line reordered."""
    base_dir = base_dir or paragraph_dir(text)
    return "\n".join(visual_line(ln, base_dir) for ln in wrap(text, width))
