"""The calendar of the Astana rounds (data/rounds.json) as ``Round`` records.

    >>> round_by_number(6).start
    datetime.date(2017, 9, 14)
    >>> round_near(date(2017, 12, 22), 2).number
    8
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..data import load


@dataclass(frozen=True)
class Round:
    number: int
    start: date
    end: date
    city: str  # English name at the time of the round: Astana, Nur-Sultan, Sochi
    city_ar: str
    sources: list[str] = field(default_factory=list, compare=False, hash=False)
    note: str | None = None

    def contains(self, day: date, slack: int = 0) -> bool:
        """True when ``day`` is one of the round's days, ``slack`` days either side allowed."""
        return (self.start.toordinal() - slack) <= day.toordinal() <= (self.end.toordinal() + slack)

    def days(self) -> list[date]:
        return [date.fromordinal(o) for o in range(self.start.toordinal(), self.end.toordinal() + 1)]


@lru_cache(maxsize=1)
def _calendar() -> tuple[Round, ...]:
    rows = load("rounds")["rounds"]
    return tuple(sorted((Round(r["round"], date.fromisoformat(r["start"]), date.fromisoformat(r["end"]),
                               r["city"], r["city_ar"], list(r.get("sources", [])), r.get("note"))
                         for r in rows), key=lambda r: r.number))


def load_calendar() -> list[Round]:
    """Every round, in order (rounds 1 to 22)."""
    return list(_calendar())


@lru_cache(maxsize=64)
def round_by_number(n: int) -> Round | None:
    for r in _calendar():
        if r.number == n:
            return r
    return None


def round_near(day: date, window_days: int = 0) -> Round | None:
    """The round whose days include ``day`` (``window_days`` either side); the closest if several."""
    best, best_gap = None, None
    for r in _calendar():
        if r.contains(day, window_days):
            gap = 0 if r.contains(day) else min(abs((day - r.start).days), abs((day - r.end).days))
            if best_gap is None or gap < best_gap:
                best, best_gap = r, gap
    return best


@lru_cache(maxsize=1)
def _by_day() -> dict[int, Round]:
    return {o: r for r in _calendar() for o in range(r.start.toordinal(), r.end.toordinal() + 1)}


def round_on(day: date) -> Round | None:
    """The round held on ``day`` (exactly), or None."""
    return _by_day().get(day.toordinal())


@lru_cache(maxsize=512)
def rounds_in_month(year: int, month: int) -> tuple[Round, ...]:
    """The rounds with a day in that month."""
    return tuple(r for r in _calendar() if (r.start.year, r.start.month) == (year, month)
                 or (r.end.year, r.end.month) == (year, month))


def last_number() -> int:
    return _calendar()[-1].number
