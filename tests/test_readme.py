"""The screens the README shows are what the current code prints (100 columns, logical order)."""
import re
import shutil

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCREENS = [
    ["rounds"],
    ["quotes", "--speaker", "Lavrentiev", "-n", "3"],
    ["search", "خفض التصعيد", "-n", "3"],
    ["quotes", "--speaker", "Alloush"],
    ["search", "خفض التصعيد", "--by", "round"],
]


def readme_screen(args: list[str]) -> list[str]:
    shown = " ".join(f"'{a}'" if " " in a else a for a in args)
    m = re.search(r"```console\n\$ astana " + re.escape(shown) + r"\n(.*?)```", README, re.S)
    assert m, f"no README screen for astana {shown}"
    return [ln.rstrip() for ln in m.group(1).splitlines() if ln.strip() != "…"]


@pytest.mark.parametrize("args", SCREENS, ids=lambda a: " ".join(a))
def test_readme_screens_come_from_the_current_code(run, corpus_db, db_path, monkeypatch, args):
    shutil.copy(corpus_db, db_path)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("ASTANA_RTL", "logical")
    got = [ln.rstrip() for ln in run(*args).output.splitlines()]
    want = readme_screen(args)
    assert got[:len(want)] == want


def test_the_readme_test_command_is_what_ci_runs():
    m = re.search(r"\*\*Run the tests\*\*.*?```bash\n(.*?)\n```", README, re.S)
    assert m, "no test command in the README"
    ci = [ln for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if ln.strip() and not ln.startswith(("#", "set ", "cd "))]
    assert ci == [m.group(1)]
