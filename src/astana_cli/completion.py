"""Shell completion of values: speaker names and round numbers.

Typer's own completion (``astana --install-completion``) calls these while the user presses Tab, so
they must be fast and must never fail or write: they read the gazetteer and the calendar shipped
with the tool, and the database only when it already exists (read-only, plain ``sqlite3``; it is
never built from the bundled corpus here).
"""
from __future__ import annotations

from .text.arabic import name_key


def _matches(name: str, incomplete: str) -> bool:
    """``incomplete`` is a prefix of ``name`` or of a run of its words, compared by ``name_key``
    (any case, accents or Arabic spelling): «lavr», «Çavuş», «al j» (al-Jaafari), «دي مس». A
    trailing hyphen or space ends a word: «al-» is a word «al» and more, not «Alexander»."""
    typed = incomplete.strip().strip("'\"")
    key = name_key(typed)
    if not key:
        return True
    if typed[-1] in "-‐–_.,'’":
        key += " "
    return (" " + name_key(name)).find(" " + key) >= 0


def _db_path(ctx) -> str | None:
    db = None
    try:
        root = ctx.find_root() if ctx is not None else None
        db = root.params.get("db") if root is not None else None
    except Exception:  # noqa: BLE001
        db = None
    try:
        from .config import resolve_db_path

        path = resolve_db_path(db)
    except Exception:  # noqa: BLE001
        return None
    return str(path) if path.is_file() and path.stat().st_size > 0 else None


def _query(ctx, sql: str) -> list[tuple]:
    """Rows of ``sql`` on the existing database, read-only; nothing when there is none."""
    path = _db_path(ctx)
    if not path:
        return []
    import sqlite3
    from pathlib import Path

    try:
        con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=0.5)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return []


def speaker_names(ctx=None) -> list[tuple[str, str]]:
    """``(name, help)`` for every speaker: the gazetteer's people (canonical name, Latin aliases,
    Arabic names) and the speaker labels of the database's quotes."""
    from .data import load

    out: dict[str, str] = {}
    for p in load("speakers").get("people", []):
        role = p.get("affiliation") or ""
        out.setdefault(p["name"], role)
        for alias in p.get("aliases_latin", []):
            out.setdefault(alias, p["name"])
        for ar in p.get("names_ar", []):
            out.setdefault(ar, p["name"])
    for speaker, speaker_ar, n in _query(
            ctx, "SELECT speaker, speaker_ar, COUNT(*) FROM quotes GROUP BY speaker, speaker_ar"):
        for name in (speaker, speaker_ar):
            if name:
                out.setdefault(name, f"{n} quote(s) in the database")
    return list(out.items())


def speakers(ctx, incomplete: str) -> list[tuple[str, str]]:
    """Completion of ``--speaker``."""
    try:
        return [(n, h) for n, h in speaker_names(ctx) if _matches(n, incomplete or "")]
    except Exception:  # noqa: BLE001 - completion never fails
        return []


def round_numbers(ctx=None) -> list[tuple[str, str]]:
    """``(number, help)`` for every round of the calendar, with the corpus's article counts."""
    from .data import load

    counts = dict(_query(ctx, "SELECT round, COUNT(DISTINCT article_id) FROM article_rounds GROUP BY round"))
    out = []
    for r in sorted(load("rounds")["rounds"], key=lambda r: r["round"]):
        n = counts.get(r["round"], 0)
        out.append((str(r["round"]), f"{r['start']} {r['city']}" + (f", {n} article(s)" if n else "")))
    return out


def rounds(ctx, incomplete: str) -> list[tuple[str, str]]:
    """Completion of ``--round`` and of ``rounds NUMBER``."""
    try:
        return [(n, h) for n, h in round_numbers(ctx) if n.startswith((incomplete or "").strip())]
    except Exception:  # noqa: BLE001
        return []

