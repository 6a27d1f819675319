"""The round calendar (data/rounds.json)."""
from datetime import date

from astana_cli.extract.calendar import load_calendar, round_by_number, round_near, rounds_in_month


def test_rounds_one_to_twenty_two_in_order_with_cities():
    cal = load_calendar()
    assert [r.number for r in cal] == list(range(1, 23))
    for a, b in zip(cal, cal[1:]):
        assert a.start <= a.end < b.start
    assert all(r.city in {"Astana", "Nur-Sultan", "Sochi"} and r.city_ar for r in cal)


def test_city_follows_the_renaming_and_sochi_rounds():
    for r in load_calendar():
        if r.city != "Sochi":
            renamed = date(2019, 3, 23) <= r.start < date(2022, 9, 17)
            assert (r.city == "Nur-Sultan") == renamed, r
    assert {r.number for r in load_calendar() if r.city == "Sochi"} == {10, 15}


def test_lookups():
    assert round_by_number(8).start == date(2017, 12, 21)
    assert round_by_number(23) is None
    assert round_near(date(2017, 12, 22)).number == 8
    assert round_near(date(2017, 12, 25), 3).number == 8
    assert round_near(date(2017, 12, 25), 1) is None
    assert [r.number for r in rounds_in_month(2017, 10)] == [7]
