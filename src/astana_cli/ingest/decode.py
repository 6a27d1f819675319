"""Bytes -> text, strictly: a file is decoded only when its encoding is certain (a BOM, valid UTF-8,
UTF-16 recognised by its zero bytes, or Windows-1256 that reads as Arabic), so no article is ever
stored as mojibake; anything else is a ``BadFile`` with its reason."""
from __future__ import annotations

import re

from ..text.arabic import ARABIC_SCRIPT


class BadFile(Exception):
    """A file (or a JSONL line) that cannot be read as an article; ``str()`` is the reason."""


_LETTER = re.compile(r"[^\W\d_]")


def decode(raw: bytes) -> str:
    """Text of ``raw``: UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without a BOM
    (told by its zero bytes) or Windows-1256; raises ``BadFile`` when none is certain."""
    if not raw.strip():
        raise BadFile("empty file")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                     (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return _check_text(raw.decode(enc))
            except UnicodeDecodeError as e:
                raise BadFile(f"invalid {enc.upper()} at byte {e.start}") from None
    if b"\x00" in raw:
        return _check_text(_utf16_without_bom(raw))
    try:
        return _check_text(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        if _looks_like_utf8(raw):
            where = "at its end (truncated file?)" if e.start >= len(raw) - 4 else f"at byte {e.start}"
            raise BadFile(f"invalid UTF-8 {where}") from None
    text = raw.decode("cp1256", errors="strict") if _decodes(raw, "cp1256") else None
    if text is not None and _mostly_arabic(text):
        return _check_text(text)
    raise BadFile("unknown encoding (not UTF-8, UTF-16 or Windows-1256 Arabic)")


def _decodes(raw: bytes, enc: str) -> bool:
    try:
        raw.decode(enc)
        return True
    except UnicodeDecodeError:
        return False


def _looks_like_utf8(raw: bytes) -> bool:
    """Most high bytes form valid UTF-8 sequences: a damaged UTF-8 file, not another encoding."""
    high = sum(1 for b in raw if b >= 0x80)
    if not high:
        return True
    good = len(re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", raw))
    return good * 2 >= high * 0.8


def _utf16_without_bom(raw: bytes) -> str:
    """UTF-16 text saved without a BOM: the byte order whose decoding reads as Arabic or Latin text."""
    best, best_score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plain_ratio(text)
        if score > best_score:
            best, best_score = text, score
    if best is None or best_score < 0.8:
        raise BadFile("binary file (contains zero bytes)")
    return best


_PLAIN = re.compile(r"[\u0600-\u06ff\u0750-\u077fA-Za-z0-9\s.,;:!?'\"()«»“”‘’\-–—/|%]")


def _plain_ratio(text: str) -> float:
    """The share of characters of ``text[:5000]`` that Arabic or Latin news text is made of."""
    sample = text[:5000]
    return len(_PLAIN.findall(sample)) / len(sample) if sample else 0.0


def _mostly_arabic(text: str) -> bool:
    letters = _LETTER.findall(text)
    return bool(letters) and sum(1 for c in letters if ARABIC_SCRIPT.match(c)) >= 0.5 * len(letters)


def _check_text(text: str) -> str:
    if not text.strip():
        raise BadFile("empty file")
    sample = text[:20000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v\x1b") or c == "\ufffd")
    if bad > max(8, len(sample) // 100):
        raise BadFile("binary file (control bytes)")
    if not _LETTER.search(sample):
        raise BadFile("no text in file")
    return text


