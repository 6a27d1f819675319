"""The search package and the store stay apart (issue 13, item 1): the store keeps the index
(``astana_cli.index``) and takes only the terms of a text from search; search never loads the
store. Checked in fresh interpreters, as a command starts."""
import subprocess
import sys


def _modules_after(statement: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"import sys; {statement}; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_search_does_not_load_the_store():
    mods = _modules_after("import astana_cli.search.engine, astana_cli.search.kwic")
    assert "astana_cli.search.spellings" in mods  # the engine was really loaded
    assert "astana_cli.store" not in mods


def test_the_store_loads_the_index_and_no_search():
    mods = _modules_after("import astana_cli.store")
    assert "astana_cli.index" in mods
    assert not {m for m in mods if m.startswith("astana_cli.search")}
    assert "rapidfuzz" not in mods


def test_the_terms_of_a_text_load_no_scoring():
    mods = _modules_after("from astana_cli.search.tokens import terms; terms('الجولة السادسة')")
    assert not {"astana_cli.search.engine", "astana_cli.search.scoring", "rapidfuzz"} & mods


def test_the_package_names_resolve_lazily():
    mods = _modules_after("import astana_cli.search as s; assert callable(s.search) and callable(s.terms)")
    assert "astana_cli.search.engine" in mods
