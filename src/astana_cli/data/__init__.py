"""Facts as data: JSON files edited without touching code. ``load("places")`` reads places.json."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str):
    """The parsed content of ``astana_cli/data/<name>.json`` (cached; treat it as read-only)."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8"))
