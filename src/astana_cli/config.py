"""Where things are: the database file and the bundled corpus."""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "astana"


def default_db_path() -> Path:
    """The per-user data directory: ``$XDG_DATA_HOME/astana/astana.db`` (``~/.local/share`` when
    unset) on Linux and other Unixes, the platform's application folder elsewhere."""
    if os.name == "nt" or os.uname().sysname == "Darwin":  # pragma: no cover - platform specific
        import click

        return Path(click.get_app_dir(APP_NAME)) / "astana.db"
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / APP_NAME / "astana.db"


def resolve_db_path(option: str | os.PathLike | None) -> Path:
    """``--db`` wins, then ``ASTANA_DB``, then the per-user default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("ASTANA_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def bundled_corpus() -> Path:
    """The articles shipped with the tool: ``corpus/`` of a source checkout (editable install), or
    the copy installed inside the package."""
    here = Path(__file__).resolve().parent
    checkout = here.parent.parent / "corpus"
    if checkout.is_dir():
        return checkout
    return here / "corpus"
