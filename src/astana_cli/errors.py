"""The library's user-facing failures: plain exceptions, free of any CLI framework.

``str(error)`` is the one line to show and ``exit_code`` the process status a command should end
with. The CLI (``cli.py``) turns them into ``astana: error: …`` on stderr in one place; other
callers (tests, ``astana serve``, scripts) catch them like any exception.
"""
from __future__ import annotations


class AstanaError(Exception):
    """A user-facing failure: ``str(error)`` is the one line shown, ``exit_code`` the status."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class DatabaseError(AstanaError):
    """The database cannot be opened, read or written as asked."""


class NotFound(AstanaError):
    """An article, round or speaker that is not there."""


class BadInput(AstanaError):
    """An option or argument the library cannot use (a bad date, an empty name)."""

    exit_code = 2
