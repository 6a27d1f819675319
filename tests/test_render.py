"""render and bidi: wrapping before reordering, fixed frames, KWIC order, auto rule, exact dumps."""
from __future__ import annotations

import io
import json

import arabic_reshaper
import pytest
from bidi.algorithm import get_display
from rich.console import Console

from astana_cli import bidi, render

AR = "قال المبعوث الروسي إن مناطق خفض التصعيد في جنوب سورية ستشمل الولايات المتحدة والأردن"


def _con(width):
    return Console(file=io.StringIO(), width=width, color_system=None, highlight=False, markup=False,
                   emoji=False, soft_wrap=False)


def test_wrap_keeps_letters_with_their_marks():
    word = "بَيْتٌ" * 4
    lines = bidi.wrap(word, 5)
    assert "".join(lines) == word
    assert all(bidi.graphemes(ln)[0][0] not in "\u064b\u064c\u064e\u0652" for ln in lines)


def test_visual_cell_wraps_first_then_reorders():
    lines = bidi.visual_cell(AR, 20, "R").split("\n")
    logical = bidi.wrap(AR, 20)
    assert [get_display(arabic_reshaper.reshape(ln), base_dir="R") for ln in logical] == lines


def test_mirroring_of_guillemets():
    assert bidi.visual_line("«نص»", "R") == "«" + arabic_reshaper.reshape("نص")[::-1] + "»"


@pytest.mark.parametrize("width", [60, 80, 120])
def test_table_frame_same_in_both_modes(width):
    recs = [{"speaker": "Alexander Lavrentiev", "text": AR * 2}, {"speaker": "X", "text": AR[:30]}]
    cols = [render.Column("speaker", "speaker"), render.Column("text", "words", arabic=True, ratio=4)]
    out = {}
    for mode in ("logical", "visual"):
        con = _con(width)
        render.table(recs, cols, rtl=mode, con=con)
        out[mode] = con.file.getvalue().splitlines()
    assert len(out["logical"]) == len(out["visual"])
    for a, b in zip(out["logical"], out["visual"]):
        assert len(a) == len(b) <= width or a == b


def test_kwic_highlight_lands_on_the_match_in_visual_mode():
    con = Console(file=io.StringIO(), width=100, color_system="standard", force_terminal=True)
    render.kwic_table([{"file": "a.txt", "round": 5, "published": "2017-07-06", "score": 100,
                        "left": "قال إن", "match": "خفض التصعيد", "right": "مهم جدا"}], rtl="visual", con=con)
    out = con.file.getvalue()
    shown = get_display(arabic_reshaper.reshape("خفض التصعيد"), base_dir="R")
    assert "\x1b[1;7m" + shown in out  # bold reverse on exactly the match
    line = get_display(arabic_reshaper.reshape("قال إن خفض التصعيد مهم جدا"), base_dir="R")
    plain = Console(file=io.StringIO(), width=100, color_system=None)
    render.kwic_table([{"file": "a.txt", "round": 5, "published": "", "score": 100, "left": "قال إن",
                        "match": "خفض التصعيد", "right": "مهم جدا"}], rtl="visual", con=plain)
    assert line in plain.file.getvalue()  # before-words on the right, after-words on the left


def test_auto_rule():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert bidi.choose_mode("auto", io.StringIO(), {}) == "logical"
    assert bidi.choose_mode("auto", Tty(), {}) == "visual"
    assert bidi.choose_mode("auto", Tty(), {"KONSOLE_VERSION": "230800"}) == "logical"
    assert bidi.choose_mode("auto", Tty(), {"VTE_VERSION": "7600"}) == "logical"
    assert bidi.choose_mode("visual", io.StringIO(), {}) == "visual"


def test_dumps_are_logical_and_exact():
    recs = [{"text": "«" + AR + "»\u200f"}]
    for fmt in ("json", "jsonl"):
        buf = io.StringIO()
        render.dump(recs, fmt, out=buf)
        got = json.loads(buf.getvalue()) if fmt == "json" else [json.loads(buf.getvalue())]
        assert got == recs


def test_table_renders_on_a_rich_without_its_private_width_methods(monkeypatch):
    """render reaches two private Rich methods for fixed widths; a Rich without them (or with other
    signatures) gets None from both, and the table is left to Rich's own wrapping."""
    class OtherRich:
        columns = [object(), object()]

        def _get_padding_width(self):  # another signature
            return 1

    assert render._column_widths(OtherRich(), _con(80)) is None
    assert render._paddings(OtherRich()) is None
    monkeypatch.setattr(render, "_column_widths", lambda t, con: None)
    recs = [{"speaker": "Alexander Lavrentiev", "text": AR * 2}]
    cols = [render.Column("speaker", "speaker"), render.Column("text", "words", arabic=True, ratio=4)]
    con = _con(80)
    render.table(recs, cols, rtl="logical", con=con)
    lines = con.file.getvalue().splitlines()
    assert lines and all(len(ln) <= 80 for ln in lines)
    assert "Alexander" in con.file.getvalue()
