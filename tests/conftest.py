"""Shared fixtures: a temporary database, the bundled corpus, a CLI runner."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REFERENCE = ROOT / "tests" / "gold" / "corpus_reference.json"  # the bundled corpus's annotation (a copy of ../shared/gold)

# The CI profile keeps the suite fast; `HYPOTHESIS_PROFILE=long` runs the long, random fuzzing.
# The default profile is derandomized: the same examples on every run and machine, so a test's time
# and verdict do not depend on a seed (`test_100kb_single_lines` took 5 s or 200 s by seed).
settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=10_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "astana.db"
    monkeypatch.setenv("ASTANA_DB", str(path))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    return path


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A database with the bundled corpus, built once for the session (read-only use)."""
    from astana_cli.ingest import ingest_paths
    from astana_cli.store import Store

    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    store = Store(path)
    ingest_paths(store, [CORPUS])
    store.close()
    return path


@pytest.fixture
def run(db_path):
    """``run("rounds", "--format", "json")`` -> the CliRunner result, against ``db_path``."""
    from typer.testing import CliRunner

    from astana_cli.cli import app

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke


@pytest.fixture
def corpus(run, corpus_db, db_path):
    """``run``, against a copy of the bundled corpus's database."""
    import shutil

    shutil.copy(corpus_db, db_path)
    return run


def as_json(result):
    """The JSON a successful command printed."""
    import json

    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
