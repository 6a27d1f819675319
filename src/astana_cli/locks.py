"""Whether another process holds the database so that opening it would wait.

SQLite waits on a lock silently (``store.BUSY_TIMEOUT_MS``, a minute); the CLI asks this first, so
that it can say it is waiting instead of saying nothing for a minute. A probe that cannot tell
(no file yet, no permission) answers False and leaves the failure to ``Store``.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path


def is_locked(path: str | Path, write: bool) -> bool:
    """True when a writer (``write``) or a reader would have to wait for another connection."""
    p = Path(path)
    try:
        if not p.is_file() or p.stat().st_size == 0:
            return False
        conn = sqlite3.connect(str(p), timeout=0, isolation_level=None)
    except (OSError, sqlite3.Error):
        return False
    try:
        if write:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        else:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return False
    except sqlite3.OperationalError as e:
        return "locked" in str(e) or "busy" in str(e)
    except sqlite3.Error:
        return False
    finally:
        conn.close()
