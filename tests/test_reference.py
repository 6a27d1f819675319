"""The shared scorer, run as the graders run it, on the bundled corpus and on our held-out set.

The held-out articles (tests/heldout/) were written and annotated before their rules were looked
at; their floors are the bars set for unseen real articles.
"""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCORER = ROOT.parent / "shared" / "tools" / "score_reference.py"
# the checkout's own command (the one beside this interpreter), never another ``astana`` on PATH
_BESIDE = Path(sys.executable).with_name("astana")
ASTANA = str(_BESIDE) if _BESIDE.exists() else shutil.which("astana") or "astana"

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score_reference.py not present")


def score(*args):
    p = subprocess.run([sys.executable, str(SCORER), "--astana", ASTANA, "-v", *args],
                       capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout + p.stderr


def test_bundled_corpus_meets_every_floor():
    code, out = score()
    assert code == 0, out
    assert "SHORT" not in out


def test_held_out_articles_meet_the_bars_for_unseen_articles():
    code, out = score("--reference", str(ROOT / "tests" / "heldout" / "reference.json"),
                      "--corpus", str(ROOT / "tests" / "heldout" / "corpus"))
    assert code == 0, out


def test_blind_articles_meet_the_bars_for_unseen_articles():
    code, out = score("--reference", str(ROOT / "tests" / "blind" / "reference.json"),
                      "--corpus", str(ROOT / "tests" / "blind" / "corpus"))
    assert code == 0, out


def test_second_blind_set_meets_the_bars_for_unseen_articles():
    code, out = score("--reference", str(ROOT / "tests" / "blind2" / "reference.json"),
                      "--corpus", str(ROOT / "tests" / "blind2" / "corpus"))
    assert code == 0, out


def test_third_blind_set_meets_the_bars_for_unseen_articles():
    code, out = score("--reference", str(ROOT / "tests" / "blind3" / "reference.json"),
                      "--corpus", str(ROOT / "tests" / "blind3" / "corpus"))
    assert code == 0, out
