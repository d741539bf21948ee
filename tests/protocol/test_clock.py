"""Working days against the known bank-holiday calendars of the four nations."""

from __future__ import annotations

import datetime as dt

import pytest

from propriety.protocol import format_date, working_days

pytestmark = pytest.mark.core
D = dt.date


def test_christmas_and_new_year_in_england() -> None:
    deadline = working_days("england").add(D(2026, 12, 23), 10)
    assert deadline.due == D(2027, 1, 11)
    assert deadline.skipped_holidays == (D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1))
    assert deadline.explanation == (
        "10 working days from 23 December 2026, not counting 25 and 28 December and "
        "1 January: due 11 January 2027"
    )


def test_scotland_also_skips_2_january() -> None:
    # 2 January 2027 is a Saturday, so Scotland's substitute day is Monday 4 January.
    deadline = working_days("scotland").add(D(2026, 12, 23), 10)
    assert D(2027, 1, 4) in deadline.skipped_holidays
    assert deadline.due == D(2027, 1, 12)


def test_weekend_start_counts_from_monday() -> None:
    assert working_days("england").add(D(2026, 11, 21), 1).due == D(2026, 11, 23)


def test_substitute_day_when_christmas_falls_on_a_weekend() -> None:
    # 2027: Christmas Saturday, Boxing Day Sunday -> substitute days Mon 27 and Tue 28.
    wd = working_days("england")
    assert not wd.is_working_day(D(2027, 12, 27))
    assert not wd.is_working_day(D(2027, 12, 28))
    assert wd.add(D(2027, 12, 24), 1).due == D(2027, 12, 29)


def test_easter_monday_is_not_a_holiday_in_scotland() -> None:
    easter_monday = D(2027, 3, 29)
    assert not working_days("england").is_working_day(easter_monday)
    assert not working_days("wales").is_working_day(easter_monday)
    assert working_days("scotland").is_working_day(easter_monday)


def test_st_patricks_day_in_northern_ireland_only() -> None:
    day = D(2027, 3, 17)  # a Wednesday
    assert not working_days("northern_ireland").is_working_day(day)
    assert working_days("england").is_working_day(day)


def test_august_bank_holiday_differs_in_scotland() -> None:
    assert not working_days("scotland").is_working_day(D(2027, 8, 2))
    assert working_days("england").is_working_day(D(2027, 8, 2))
    assert not working_days("england").is_working_day(D(2027, 8, 30))


def test_year_end_crossing_counts_both_years() -> None:
    wd = working_days("wales")
    # 1 January is a bank holiday and 2-3 January a weekend: only 4 and 5 January count.
    assert wd.between(D(2026, 12, 31), D(2027, 1, 5)) == 2


def test_zero_working_days_is_the_start_day() -> None:
    assert working_days("england").add(D(2026, 11, 22), 0).due == D(2026, 11, 22)


def test_negative_days_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        working_days("england").add(D(2026, 11, 22), -1)


def test_unknown_nation_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown nation 'cornwall'"):
        working_days("cornwall")


def test_between_is_antisymmetric() -> None:
    wd = working_days("england")
    assert wd.between(D(2026, 11, 23), D(2026, 11, 30)) == 5
    assert wd.between(D(2026, 11, 30), D(2026, 11, 23)) == -5


def test_dates_are_written_out() -> None:
    assert format_date(D(2027, 1, 1)) == "1 January 2027"
