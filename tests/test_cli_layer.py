"""The library raises plain exceptions; the CLI alone turns them into one line and an exit code."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from astana_cli import errors
from astana_cli.text.arabic import normalize

ASTANA = normalize("أستانا")


def test_importing_the_library_does_not_load_typer_or_click():
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import astana_cli.store, astana_cli.queries"],
                         capture_output=True, text=True, check=True)
    loaded = [line for line in out.stderr.splitlines() if "typer" in line.lower() or "click" in line.lower()]
    assert loaded == []


def test_library_errors_are_plain_exceptions_with_an_exit_code():
    e = errors.NotFound("no article 'x'")
    assert type(e).__mro__[1:] == (errors.AstanaError, Exception, BaseException, object)
    assert (str(e), e.exit_code) == ("no article 'x'", 1)
    assert errors.AstanaError("bad", 2).exit_code == 2


def test_a_library_error_is_one_line_under_clirunner(corpus):
    result = corpus("show", "nosuch")
    assert result.exit_code == 1
    assert result.stderr == "astana: error: no article 'nosuch' in the database (see `astana articles`)\n"


@pytest.mark.parametrize("entry", [["-m", "astana_cli"], ["-c", "from astana_cli.cli import main; main()"]])
def test_a_library_error_is_one_line_in_a_process(corpus_db, tmp_path, entry):
    db = tmp_path / "c.db"
    shutil.copy(corpus_db, db)
    env = dict(os.environ, ASTANA_DB=str(db), NO_COLOR="1")
    env.pop("ASTANA_DEBUG", None)
    out = subprocess.run([sys.executable, *entry, "rounds", "23"], capture_output=True, text=True, env=env)
    assert out.returncode == 1
    assert out.stderr.startswith("astana: error: no round 23") and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr


def test_article_means_the_same_in_search_and_quotes(corpus):
    files = {a["id"]: a["file"] for a in json.loads(corpus("articles", "--format", "json").stdout)}
    quoted = json.loads(corpus("quotes", "--format", "json").stdout)[0]["file"]
    aid = next(i for i, f in files.items() if f == quoted)
    for ref in (str(aid), quoted, quoted[:3]):
        hits = json.loads(corpus("search", ASTANA, "--article", ref, "--format", "json").stdout)
        said = json.loads(corpus("quotes", "--article", ref, "--format", "json").stdout)
        assert hits and {h["file"] for h in hits} == {quoted}
        assert said and {q["file"] for q in said} == {quoted}


def test_a_zero_padded_number_is_the_start_of_a_file_name(corpus):
    files = [a["file"] for a in json.loads(corpus("articles", "--format", "json").stdout)]
    prefix = files[0][:3]
    assert prefix.isdecimal() and prefix.startswith("0")
    shown = json.loads(corpus("show", prefix, "--format", "json").stdout)[0]
    assert shown["file"].startswith(prefix)


@pytest.mark.parametrize("command", ["search", "quotes"])
def test_an_unknown_article_is_an_error_in_both(corpus, command):
    args = [command, ASTANA] if command == "search" else [command]
    result = corpus(*args, "--article", "nosuch")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["astana: error: no article 'nosuch' in the database (see `astana articles`)"]


def test_queries_return_the_final_records(corpus_db):
    from astana_cli import queries
    from astana_cli.store import Store

    store = Store(corpus_db, create=False)
    try:
        who = queries.resolve_speaker(store, "Lavrentiev")
        said = queries.quotes(store, speaker=who)
        assert said and all(tuple(q) == queries.QUOTE_FIELDS for q in said)
        assert all(tuple(a) == queries.ARTICLE_FIELDS for a in queries.articles(store))
        with pytest.raises(errors.NotFound, match="no speaker matches"):
            queries.resolve_speaker(store, "Zzyzx Qwerty")
    finally:
        store.close()


def test_a_library_error_is_one_line_in_a_terminal(corpus_db, tmp_path):
    pexpect = pytest.importorskip("pexpect", reason="pexpect drives a pseudo-terminal")
    db = tmp_path / "t.db"
    shutil.copy(corpus_db, db)
    env = dict(os.environ, ASTANA_DB=str(db), NO_COLOR="1", COLUMNS="100")
    env.pop("ASTANA_DEBUG", None)
    child = pexpect.spawn(sys.executable, ["-m", "astana_cli", "quotes", "--speaker", "Zzyzx Qwerty"],
                          env=env, encoding="utf-8", timeout=60)
    child.expect(pexpect.EOF)
    child.close()
    lines = [line for line in child.before.splitlines() if line.strip()]
    assert child.exitstatus == 1
    assert len(lines) == 1 and lines[0].startswith("astana: error: no speaker matches 'Zzyzx Qwerty'")
