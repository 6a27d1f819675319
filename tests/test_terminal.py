"""The real ``astana`` in a terminal (tmux), seen on the screen, in both Arabic display modes.

For ``rounds``, ``quotes --speaker Lavrentiev`` and ``search "خفض التصعيد"`` at 80 and 120 columns:
the table frame is intact (every frame line has the same display width and the borders line up),
no Arabic cell is cut inside a word or letter (the column's lines, joined, give back the records'
text), and each line of an Arabic cell in ``visual`` mode is python-bidi's display form of the
reshaped corresponding line in ``logical`` mode. Also: ``--format json`` carries the stored Arabic
exactly in every mode.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASTANA = shutil.which("astana", path=str(Path(sys.executable).parent)) or shutil.which("astana")
TMUX = shutil.which("tmux")
SEARCH = "خفض التصعيد"
COMMANDS = {
    "rounds": ["rounds"],
    "quotes": ["quotes", "--speaker", "Lavrentiev"],
    "search": ["search", SEARCH],
}
# the Arabic column of each table, by header
ARABIC_COLUMN = {"rounds": None, "quotes": "words", "search": "context"}
FRAME = set("┏┓┗┛┃━┳┻╋┡┩╇│─└┘┴┬┼├┤")
VERTICAL = set("┃│┏┓┳┡┩╇└┘┴")


def _cells(s: str) -> int:
    from rich.cells import cell_len

    return cell_len(s)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    if ASTANA is None:
        pytest.skip("the astana command is not installed")
    db = tmp_path_factory.mktemp("term") / "astana.db"
    e = {k: v for k, v in os.environ.items() if not k.startswith(("ASTANA_", "COLUMNS", "LINES"))}
    e.update(ASTANA_DB=str(db), NO_COLOR="1", LC_ALL="C.UTF-8", LANG="C.UTF-8", TERM="xterm-256color")
    subprocess.run([ASTANA, "ingest", str(ROOT / "corpus")], env=e, check=True, capture_output=True)
    return e


@pytest.fixture(scope="module")
def tmux(env, tmp_path_factory):
    """``screen(args, width)`` -> the lines tmux shows after running ``astana *args``."""
    if TMUX is None:
        pytest.skip("tmux is not installed")
    sock = f"astana-test-{os.getpid()}"
    base = [TMUX, "-L", sock, "-f", os.devnull]
    script_dir = tmp_path_factory.mktemp("tmux")
    # one idle session keeps the private server up between the screens
    subprocess.run(base + ["new-session", "-d", "-s", "keep", "-x", "80", "-y", "24", "sleep", "300"],
                   env=env, check=True)

    def screen(args: list[str], width: int) -> list[str]:
        name = f"s{len(list(script_dir.iterdir()))}"
        script = script_dir / f"{name}.sh"
        quoted = " ".join("'" + a.replace("'", "'\\''") + "'" for a in [ASTANA, *args])
        script.write_text(f"{quoted} 2>/dev/null; echo __ASTANA_DONE__; sleep 30\n", encoding="utf-8")
        subprocess.run(base + ["new-session", "-d", "-s", name, "-x", str(width), "-y", "300",
                               "sh", str(script)], env=env, check=True)
        try:
            deadline = time.time() + 15
            while True:
                out = subprocess.run(base + ["capture-pane", "-p", "-t", name, "-S", "0", "-E", "299"],
                                     env=env, capture_output=True, check=True).stdout.decode("utf-8")
                if "__ASTANA_DONE__" in out or time.time() > deadline:
                    break
                time.sleep(0.05)
        finally:
            subprocess.run(base + ["kill-session", "-t", name], env=env, capture_output=True)
        assert "__ASTANA_DONE__" in out, out
        return out[:out.index("__ASTANA_DONE__")].rstrip("\n").split("\n")

    yield screen
    subprocess.run(base + ["kill-server"], env=env, capture_output=True)


def _frame_lines(lines: list[str]) -> list[str]:
    return [ln.rstrip() for ln in lines if ln[:1] in FRAME]


def _borders(line: str) -> list[int]:
    pos, out = 0, []
    for ch in line:
        if ch in VERTICAL:
            out.append(pos)
        pos += _cells(ch)
    return out


def _segments(line: str) -> list[str]:
    """The cell contents of a row line ``│ a │ b │``."""
    return re.split(r"[│┃]", line)[1:-1]


def _column(lines: list[str], header: str) -> tuple[int, list[str]]:
    """Index of the column named ``header`` and its contents, one entry per body line."""
    frame = _frame_lines(lines)
    head = next(ln for ln in frame if ln.startswith("┃"))
    idx = [s.strip() for s in _segments(head)].index(header)
    body = [ln for ln in frame if ln.startswith("│")]
    return idx, [_segments(ln)[idx] for ln in body]


def _check_frame(lines: list[str], width: int) -> None:
    frame = _frame_lines(lines)
    assert len(frame) >= 5, "\n".join(lines)
    widths = {_cells(ln) for ln in frame}
    assert len(widths) == 1 and widths.pop() <= width, "\n".join(frame)
    first = _borders(frame[0])
    for ln in frame:
        assert _borders(ln) == first, f"borders moved:\n{frame[0]}\n{ln}"


def _words(s: str) -> str:
    return " ".join(s.split())


def _records(env, cmd: str) -> list[dict]:
    out = subprocess.run([ASTANA, *COMMANDS[cmd], "--format", "json"], env=env, capture_output=True,
                         check=True).stdout
    return json.loads(out)


def _expected_column_text(env, cmd: str) -> str:
    from astana_cli.render import clean

    recs = _records(env, cmd)
    if cmd == "quotes":
        return _words(" ".join(clean(f"«{r['text']}»" if r["kind"] == "direct" else r["text"]) for r in recs))
    return _words(" ".join(" ".join(x for x in (clean(r["left"]), clean(r["match"]), clean(r["right"])) if x)
                           for r in recs))


@pytest.fixture(scope="module")
def screens(tmux):
    shots = {}
    for cmd, args in COMMANDS.items():
        for width in (80, 120):
            for mode in ("logical", "visual"):
                shots[cmd, width, mode] = tmux(["--rtl", mode, *args], width)
    return shots


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("mode", ["logical", "visual"])
@pytest.mark.parametrize("cmd", list(COMMANDS))
def test_frame_intact(screens, cmd, mode, width):
    _check_frame(screens[cmd, width, mode], width)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("cmd", ["quotes", "search"])
def test_arabic_cells_whole(screens, env, cmd, width):
    """The Arabic column, read line after line in logical mode, is the records' text: no letter or
    word cut off, lost or doubled, and no line starting with a combining mark."""
    _, column = _column(screens[cmd, width, "logical"], ARABIC_COLUMN[cmd])
    for seg in column:
        s = seg.strip()
        assert not s or not unicodedata.combining(s[0]), seg
    assert _words(" ".join(column)) == _expected_column_text(env, cmd)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("cmd", list(COMMANDS))
def test_visual_is_display_form_of_logical(screens, cmd, width):
    import arabic_reshaper
    from bidi.algorithm import get_display

    logical, visual = screens[cmd, width, "logical"], screens[cmd, width, "visual"]
    lf, vf = _frame_lines(logical), _frame_lines(visual)
    assert len(lf) == len(vf)
    arabic_idx = _column(logical, ARABIC_COLUMN[cmd])[0] if ARABIC_COLUMN[cmd] else None
    checked = 0
    for lline, vline in zip(lf, vf):
        assert _borders(lline) == _borders(vline)
        if not lline.startswith("│"):
            assert lline == vline
            continue
        for i, (ls, vs) in enumerate(zip(_segments(lline), _segments(vline))):
            ls, vs = ls.strip(), vs.strip()
            if not re.search(r"[\u0600-\u06ff]", ls):
                assert ls == vs
                continue
            bases = ["R"] if i == arabic_idx else ["L", "R"]
            assert vs in [get_display(arabic_reshaper.reshape(ls), base_dir=b) for b in bases], (ls, vs)
            checked += 1
    if ARABIC_COLUMN[cmd]:
        assert checked > 5
    # the Arabic column is right-aligned: its text ends at the border in both modes
    if arabic_idx is not None:
        for ln in (x for x in lf + vf if x.startswith("│")):
            seg = _segments(ln)[arabic_idx]
            assert not seg.strip() or seg.endswith(seg.strip() + " ")


@pytest.mark.parametrize("mode", ["logical", "visual", "auto"])
def test_json_round_trips_arabic_in_every_mode(env, mode):
    out = subprocess.run([ASTANA, "--rtl", mode, "search", SEARCH, "--format", "json"], env=env,
                         capture_output=True, check=True).stdout
    records = json.loads(out.decode("utf-8"))
    assert records
    con = sqlite3.connect(env["ASTANA_DB"])
    try:
        for r in records:
            text = con.execute("SELECT text FROM articles WHERE id = ?", [r["article_id"]]).fetchone()[0]
            assert text[r["start"]:r["end"]] == r["match"]
            assert r["sentence"] in text
            assert not re.search(r"[\ufb50-\ufdff\ufe70-\ufeff]", json.dumps(r, ensure_ascii=False))
    finally:
        con.close()
    plain = subprocess.run([ASTANA, "search", SEARCH, "--format", "json"], env=env,
                           capture_output=True, check=True).stdout
    assert out == plain
