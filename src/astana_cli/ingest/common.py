"""What every reader of ingest shares: a failure with its reason, and an OS error said plainly."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass
class Failure:
    path: str
    reason: str


def os_reason(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, FileNotFoundError):
        return "the file vanished before it could be read"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return e.strerror or str(e)


def open_stream(path: Path) -> tuple[str, BinaryIO] | Failure:
    """A file read as a stream of records: its key (the resolved path) and its open binary
    handle, or the failure that names why it cannot be opened."""
    try:
        return str(path.resolve()), open(path, "rb")
    except OSError as e:
        return Failure(str(path), os_reason(e))
