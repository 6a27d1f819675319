"""What every reader of ingest shares: a failure with its reason, and an OS error said plainly."""
from __future__ import annotations

from dataclasses import dataclass


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
