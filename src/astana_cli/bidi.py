"""Arabic for terminals that do no bidirectional layout.

``logical`` prints text as stored: right for terminals that do bidi themselves (Konsole, mlterm,
macOS Terminal, mintty, recent VTE), for pipes and for files. ``visual`` shapes the letters
(arabic-reshaper) and reorders each displayed line (python-bidi) for terminals that do not
(Windows Terminal, iTerm2, kitty, alacritty, xterm; tmux passes text through). Text is wrapped to
the column width *first* and each line reordered after, so a wrapped cell reads top to bottom.
Visual text is for the screen only: JSON, JSONL and CSV are always logical.

``auto`` rule: not a terminal -> logical; a terminal that announces bidi support (``KONSOLE_VERSION``,
``MLTERM``, ``TERM_PROGRAM`` = Apple_Terminal or mintty, ``VTE_VERSION`` >= 7600) -> logical; any
other terminal -> visual.
"""
from __future__ import annotations

import os
import sys

MODES = ("auto", "logical", "visual")


def terminal_does_bidi(env: dict | None = None) -> bool:
    env = os.environ if env is None else env
    if env.get("KONSOLE_VERSION") or env.get("MLTERM"):
        return True
    if env.get("TERM_PROGRAM") in ("Apple_Terminal", "mintty"):
        return True
    try:
        return int(env.get("VTE_VERSION", "0")) >= 7600
    except ValueError:
        return False


def choose_mode(option: str, stream=None, env: dict | None = None) -> str:
    """``logical`` or ``visual`` for ``option`` (auto | logical | visual)."""
    option = (option or "auto").lower()
    if option in ("logical", "visual"):
        return option
    stream = stream or sys.stdout
    if not getattr(stream, "isatty", lambda: False)():
        return "logical"
    return "logical" if terminal_does_bidi(env) else "visual"


def visual_line(text: str) -> str:
    """One display line in visual order with shaped letters (python-bidi + arabic-reshaper)."""
    if not text or not any("\u0600" <= c <= "\u06ff" for c in text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped at word boundaries to lines of at most ``width`` terminal cells."""
    from rich.cells import cell_len

    width = max(1, width)
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cell_len(word) > width:  # a word longer than the column: fold it
            if line:
                lines.append(line)
                line = ""
            cut = width
            while cut > 1 and cell_len(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def visual_cell(text: str, width: int) -> str:
    """A table cell for a non-bidi terminal: wrapped to ``width``, each line reordered."""
    return "\n".join(visual_line(ln) for ln in wrap(text, width))


def visual_paragraph(text: str, width: int) -> str:
    return visual_cell(text, width)
