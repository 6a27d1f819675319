"""The search vocabulary and its spelling index: every stem of the search index with the number
of sentences holding it, laid out so that a word's near spellings are found without reading it
all (``search.spellings``; issue 13, bench/README.md).

A stem within indel distance d of a query word q of m letters, n letters long, deletes
x = (d - n + m) / 2 of q's letters and inserts y = n - m + x. So it holds all of q's distinct
letters but x, and its first kept letters are among q's first x + 2 and stand among its first
y + 2 places (likewise at its end). The index keeps the stems by length, and for each length
and letter bitmaps of the stems holding that letter anywhere and at each of the first and last
``PLACES`` places: a few big-integer ANDs and ORs over them (in C) leave the few stems worth
reading, before any stem is read.

Table ``search_spell``, one row per (length n, key):
- (n, "terms:" + j): the j-th chunk of ``CHUNK`` stems of n letters in code point order,
  concatenated, in cp1256 (one byte a letter: ``_NARROW``), or (n, "terms16:" + j) in UTF-16-LE
  for a length holding other characters; (n, "counts:" + j) their sentence counts, uint32
  little-endian, in the same order; (n, "size") how many stems there are;
- (n, "has:" + c): a little-endian bitmap, bit k set when stem k holds character c; (n, "at" +
  p + ":" + c) when it holds c at place p from the start, (n, "end" + p + ":" + c) from the end;
  the key with no character (n, "has:") the stems holding a character that has none of its own
  (past 254 of them);
- (-1, "built"): the index is written (even over an empty vocabulary); its data, the number of
  stems a chunk holds (none: 2,048, as the first index wrote).
Stems with a character outside the Basic Multilingual Plane have no fixed UTF-16 width: they
are kept under n = 0 (("odd-terms:" + length) UTF-8, one per line; ("odd-counts:" + length))
and read whole by a search.

The store keeps it: ``rebuild`` runs in the transaction of ``index.refresh_vocab``, which every
ingest ends with (and the first search after a change), so it always describes the index.
"""
from __future__ import annotations

import bisect
import json
import re
import sqlite3
import sys
from array import array

SPELL_TABLE = "search_spell"
SPELL_DDL = (f"CREATE TABLE IF NOT EXISTS [{SPELL_TABLE}] (n INTEGER NOT NULL, key TEXT NOT NULL, data BLOB,"
             f" PRIMARY KEY (n, key)) WITHOUT ROWID")
PLACES = 4  # the places from either end whose letters have bitmaps
CHUNK = 2048  # stems per row of terms and of counts: a search reads the rows its stems are in
_FIRST_CHUNK = 2048  # the chunk of an index that does not state its own
POSITIONS = {**{f"at{p}": p for p in range(PLACES)}, **{f"end{p}": -1 - p for p in range(PLACES)}}
_MAX_CODES = 254  # characters with bitmaps of their own per length (byte codes 1..254; 255: the rest)
_NARROW = "cp1256"  # one byte a letter for Arabic stems; others in UTF-16
_TO_01 = bytes.maketrans(b"\x00\x01", b"01")
_ONE = re.compile("1")


def _uint32(data: bytes) -> array:
    a = array("I")
    a.frombytes(data)
    if sys.byteorder != "little":
        a.byteswap()
    return a


def _counts_blob(counts: list[int]) -> bytes:
    a = array("I", counts)
    if sys.byteorder != "little":
        a.byteswap()
    return a.tobytes()


def _pack(lanes: int, size: int) -> bytes:
    """A bitmap (bit k set where byte k of ``lanes`` is 1) from an int whose bytes are 0 or 1."""
    text = lanes.to_bytes(size, "little").translate(_TO_01)[::-1]
    return int(text or b"0", 2).to_bytes((size + 7) // 8, "little")


_MARKERS: dict[int, bytes] = {}


def _marker(code: int) -> bytes:
    """A translation table: byte ``code`` -> 1, every other byte -> 0."""
    t = _MARKERS.get(code)
    if t is None:
        t = _MARKERS[code] = bytes(code) + b"\x01" + bytes(255 - code)
    return t


def _class_rows(n: int, stems: list[str], counts: list[int]):
    """The rows of the stems of length n, sorted (see the module docstring)."""
    text = "".join(stems)
    size = len(stems)
    freq = {ch: text.count(ch) for ch in set(text)}
    alphabet = sorted(freq, key=lambda ch: (-freq[ch], ch))
    own, rest = alphabet[:_MAX_CODES], alphabet[_MAX_CODES:]
    table = {ord(ch): i + 1 for i, ch in enumerate(own)} | {ord(ch): 255 for ch in rest}
    # each stem's letters as byte codes, one column of the stems a place (C-speed slices)
    codes = text.translate(table).encode("latin-1")
    columns = [codes[p::n] for p in range(n)]
    try:
        data, key = text.encode(_NARROW), "terms"
    except UnicodeEncodeError:
        data, key = text.encode("utf-16-le"), "terms16"
    width = len(data) // max(len(text), 1) * n  # bytes a stem
    for j in range(0, size, CHUNK):
        yield n, f"{key}:{j // CHUNK}", data[j * width:(j + CHUNK) * width]
        yield n, f"counts:{j // CHUNK}", _counts_blob(counts[j:j + CHUNK])
    yield n, "size", str(size).encode()
    for key, code in [*((ch, i + 1) for i, ch in enumerate(own)), *([("", 255)] if rest else [])]:
        mark = _marker(code)
        lanes = [int.from_bytes(col.translate(mark), "little") for col in columns]
        anywhere = 0
        for lane in lanes:
            anywhere |= lane
        yield n, "has:" + key, _pack(anywhere, size)
        for name, p in POSITIONS.items():
            if -n <= p < n and lanes[p]:
                yield n, name + ":" + key, _pack(lanes[p], size)


def rebuild(conn: sqlite3.Connection, source: str) -> int:
    """Write the index anew from ``source``, an SQL query of (term, sentence count) rows (the
    FTS5 vocabulary); returns the number of stems. Plain SQL, no transaction of its own:
    ``index.refresh_vocab`` runs it inside its own."""
    conn.execute(SPELL_DDL)
    conn.execute(f"DELETE FROM [{SPELL_TABLE}]")
    by_length: dict[int, list[tuple[str, int]]] = {}
    total = 0
    for term, count in conn.execute(source):
        by_length.setdefault(len(term), []).append((term, count))
        total += 1
    rows: list[tuple[int, str, bytes | None]] = []
    for n, pairs in sorted(by_length.items()):
        pairs.sort()
        wide = [p for p in pairs if max(p[0]) > "\uffff"]
        narrow = [p for p in pairs if max(p[0]) <= "\uffff"] if wide else pairs
        if narrow:
            rows.extend(_class_rows(n, [t for t, _ in narrow], [c for _, c in narrow]))
        if wide:
            rows.append((0, f"odd-terms:{n}", "\n".join(t for t, _ in wide).encode("utf-8")))
            rows.append((0, f"odd-counts:{n}", _counts_blob([c for _, c in wide])))
    rows.append((-1, "built", str(CHUNK).encode()))
    conn.executemany(f"INSERT INTO [{SPELL_TABLE}] (n, key, data) VALUES (?, ?, ?)", rows)
    return total


def is_built(conn: sqlite3.Connection) -> bool:
    """Whether the index has been written (a database made before it existed has none)."""
    try:
        return conn.execute(f"SELECT 1 FROM [{SPELL_TABLE}] WHERE n = -1").fetchone() is not None
    except sqlite3.OperationalError:
        return False


class SpellIndex:
    """The stored index of one database state, read lazily: the bitmaps and stems of a length
    are loaded when a word first needs them."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.sizes: dict[int, int] = {n: int(size) for n, size in conn.execute(
            f"SELECT n, data FROM [{SPELL_TABLE}] WHERE key = 'size' AND n > 0")}
        built = conn.execute(f"SELECT data FROM [{SPELL_TABLE}] WHERE n = -1 AND key = 'built'").fetchone()
        self.chunk = int(built[0]) if built and built[0] else _FIRST_CHUNK
        self._bits: dict[tuple[int, str], int] = {}
        self._chunks: dict[tuple[int, int], tuple[str, array]] = {}
        self._odd: dict[str, int] | None = None

    def lengths(self) -> list[int]:
        """The stem lengths present (the stems of ``odd`` have none)."""
        return sorted(self.sizes)

    def bitmap(self, n: int, ch: str, where: str = "has") -> int:
        """The stems of length n holding ``ch`` (``where`` "has"), or holding it at a place
        (a key of ``POSITIONS``); a superset for a character without a bitmap of its own."""
        bits = self._bits.get((n, f"{where}:{ch}"))
        if bits is None:
            self.load(n, [f"{where}:{ch}"])
            bits = self._bits[(n, f"{where}:{ch}")]
        return bits

    def load(self, n: int, keys) -> None:
        """Read these bitmaps of length n that are not read yet, in one query."""
        want = [k for k in dict.fromkeys(keys) if (n, k) not in self._bits]
        if not want:
            return
        rests = {k[:k.index(":") + 1] for k in want}  # a character without its own: the rest's
        got = dict(self.conn.execute(f"SELECT key, data FROM [{SPELL_TABLE}] WHERE n = ? AND key IN"
                                     f" (SELECT value FROM json_each(?))", [n, _json(want + sorted(rests))]))
        for k in want:
            data = got.get(k, got.get(k[:k.index(":") + 1]))
            self._bits[(n, k)] = int.from_bytes(data, "little") if data else 0

    def full(self, n: int) -> int:
        return (1 << self.sizes[n]) - 1

    def at_least(self, n: int, letters: str, k: int) -> int:
        """The stems of length n holding at least k of the distinct characters ``letters``."""
        if k <= 0:
            return self.full(n)
        if k > len(letters):
            return 0
        self.load(n, [f"has:{ch}" for ch in letters])
        maps = [self.bitmap(n, ch) for ch in letters]
        ge = [0] * k  # ge[j]: the stems holding at least j + 1 of the letters seen so far
        for b in maps:
            for j in range(k - 1, 0, -1):
                ge[j] |= ge[j - 1] & b
            ge[0] |= b
        return ge[k - 1]

    def near_start(self, n: int, letters: str, within: int) -> int:
        """The stems of length n with one of ``letters`` among their first ``within`` + 1."""
        return self._near(n, letters, within, "at")

    def near_end(self, n: int, letters: str, within: int) -> int:
        """The stems of length n with one of ``letters`` among their last ``within`` + 1."""
        return self._near(n, letters, within, "end")

    def _near(self, n: int, letters: str, within: int, side: str) -> int:
        self.load(n, [f"{side}{p}:{ch}" for p in range(min(within, n - 1) + 1) for ch in letters])
        out = 0
        for p in range(min(within, n - 1) + 1):
            for ch in letters:
                out |= self.bitmap(n, ch, f"{side}{p}")
        return out

    def pairs(self, n: int, q: str, x: int, y: int, side: str) -> int:
        """The stems of length n whose first (``side`` "at") or last ("end") two kept letters can
        be those of ``q`` with x letters deleted and y inserted: q[j1] and q[j2] (j2 - 1 <= x,
        counted from that end) at places p1 < p2 (p2 - 1 <= y, y + 1 < ``PLACES``)."""
        if side == "end":
            q = q[::-1]
        self.load(n, [f"{side}{p}:{ch}" for p in range(min(y + 1, n - 1) + 1) for ch in q[:x + 2]])
        out = 0
        for j1 in range(min(x, len(q) - 2) + 1):
            for j2 in range(j1 + 1, min(x + 1, len(q) - 1) + 1):
                for p1 in range(min(y, n - 2) + 1):
                    first = self.bitmap(n, q[j1], f"{side}{p1}")
                    if not first:
                        continue
                    for p2 in range(p1 + 1, min(y + 1, n - 1) + 1):
                        out |= first & self.bitmap(n, q[j2], f"{side}{p2}")
        return out

    def starting(self, n: int, keys) -> int:
        """The stems of length n that may start with one of ``keys`` (their first two letters)."""
        return self._placed(n, keys, "at0", "at1")

    def ending(self, n: int, rkeys) -> int:
        """The stems of length n that may end with one of the reversed ``rkeys`` (last letters)."""
        return self._placed(n, rkeys, "end0", "end1")

    def _placed(self, n: int, keys, first: str, second: str) -> int:
        self.load(n, [f"{first}:{key[0]}" for key in keys] + [f"{second}:{key[1]}" for key in keys if len(key) > 1])
        out = 0
        for key in keys:
            bits = self.bitmap(n, key[0], first)
            if len(key) > 1 and bits:
                bits &= self.bitmap(n, key[1], second) if n > 1 else 0
            out |= bits
        return out

    def _read(self, n: int, chunks) -> None:
        """Read the rows of these chunks of the stems of length n, with their counts."""
        want = [j for j in sorted(set(chunks)) if (n, j) not in self._chunks]
        if not want:
            return
        keys = [f"{k}:{j}" for j in want for k in ("terms", "terms16", "counts")]
        rows = dict(self.conn.execute(f"SELECT key, data FROM [{SPELL_TABLE}] WHERE n = ? AND key IN"
                                      f" (SELECT value FROM json_each(?))", [n, json.dumps(keys)]))
        for j in want:
            narrow = rows.get(f"terms:{j}")
            text = narrow.decode(_NARROW) if narrow is not None else rows[f"terms16:{j}"].decode("utf-16-le")
            self._chunks[(n, j)] = (text, _uint32(rows[f"counts:{j}"]))

    def stems(self, n: int, bits: int) -> tuple[list[str], list[int]]:
        """The stems of length n whose bits are set, and their sentence counts."""
        if not bits:
            return [], []
        ids = [m.start() for m in _ONE.finditer(bin(bits)[:1:-1])]
        chunk = self.chunk
        self._read(n, (i // chunk for i in ids))
        chunks = self._chunks
        out, counts = [], []
        for i in ids:
            text, cnts = chunks[(n, i // chunk)]
            k = i % chunk
            out.append(text[k * n:(k + 1) * n])
            counts.append(cnts[k])
        return out, counts

    def _stem(self, n: int, i: int) -> str:
        self._read(n, [i // self.chunk])
        k = i % self.chunk
        return self._chunks[(n, i // self.chunk)][0][k * n:(k + 1) * n]

    def count(self, term: str) -> int | None:
        """The number of sentences holding ``term``; None for a stem not in the vocabulary."""
        n = len(term)
        size = self.sizes.get(n, 0)
        i = bisect.bisect_left(range(size), term, key=lambda k: self._stem(n, k))
        if i < size and self._stem(n, i) == term:
            return self._chunks[(n, i // self.chunk)][1][i % self.chunk]
        return self.odd().get(term)

    def odd(self) -> dict[str, int]:
        """{stem: count} of the stems kept outside the lengths (characters past the BMP)."""
        if self._odd is None:
            rows = dict(self.conn.execute(f"SELECT key, data FROM [{SPELL_TABLE}] WHERE n = 0"))
            self._odd = {}
            for key, data in rows.items():
                if key.startswith("odd-terms:"):
                    self._odd.update(zip(data.decode("utf-8").split("\n"), _uint32(rows["odd-counts:" + key[10:]])))
        return self._odd

    def total(self) -> int:
        return sum(self.sizes.values()) + len(self.odd())


def _json(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)
