"""The exceptions the CLI shows as one clear line on stderr with a non-zero exit code.

They subclass the ``ClickException`` that Typer catches (Typer 0.29 vendors its own click, so it is
taken from ``typer.BadParameter``'s bases), so Typer's own error handling prints them in a terminal,
under ``CliRunner`` in tests and through ``python -m astana_cli``, without a traceback.
"""
from __future__ import annotations

import sys

import typer

ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class AstanaError(ClickException):
    """A user-facing failure: ``str(error)`` is the one line shown, ``exit_code`` the status."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    def show(self, file=None) -> None:
        from .render import clean

        (file or sys.stderr).write(f"astana: error: {clean(self.format_message())}\n")


class DatabaseError(AstanaError):
    """The database cannot be opened, read or written as asked."""


class NotFound(AstanaError):
    """An article, round or speaker that is not there."""
