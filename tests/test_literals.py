"""Every Arabic word written in the extraction code is compared with normalized text, so it must
be written normalized, or pass through ``normalize`` itself: «إلى» in a list of tokens would never
match, since the text has «الي». Word lists belong in data files (normalized on load); this test
catches the literals that remain in code."""
from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

from astana_cli.text.arabic import normalize

SRC = Path(__file__).resolve().parent.parent / "src" / "astana_cli"
MODULES = sorted((SRC / "extract").rglob("*.py"))
ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u0640\u064b-\u0652\u0670]+")


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            out.add(id(body[0].value))
    return out


def _normalized_arguments(tree: ast.AST) -> set[int]:
    """String constants inside a ``normalize(...)`` call: they are normalized where they are used."""
    def is_normalize(node) -> bool:
        return isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "normalize"

    out = set()
    for node in ast.walk(tree):
        if is_normalize(node):
            out |= {id(c) for arg in node.args for c in ast.walk(arg) if isinstance(c, ast.Constant)}
        elif isinstance(node, (ast.SetComp, ast.ListComp, ast.GeneratorExp)) and is_normalize(node.elt):
            # {normalize(w) for w in ("…", "…")}
            out |= {id(c) for g in node.generators for c in ast.walk(g.iter) if isinstance(c, ast.Constant)}
    return out


def unnormalized_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _normalized_arguments(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        if node.value and all(unicodedata.combining(c) for c in node.value):
            continue  # a diacritic looked for in the raw text («ُ» of a passive), never in normalized text
        for word in ARABIC_WORD.findall(node.value):
            if normalize(word) != word:
                found.append(f"{path.name}:{node.lineno}: {word!r} is {normalize(word)!r} once normalized")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_arabic_literals_in_code_are_normalized(path):
    assert unnormalized_literals(path) == []


def test_the_check_finds_a_raw_spelling(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('WORDS = ("إلى", "الي")\nOK = normalize("إلى")\n', encoding="utf-8")
    assert unnormalized_literals(bad) == ["bad.py:1: 'إلى' is 'الي' once normalized"]
