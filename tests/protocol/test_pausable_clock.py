"""Pausable working-day clocks (run_clock, Pause) against the known calendars of
the four UK nations: exact due dates, and the sentence that explains them."""

from __future__ import annotations

import datetime as dt

import pytest

from propriety.protocol import Pause, WorkingDays, run_clock, working_days

pytestmark = pytest.mark.core
D = dt.date

ENGLAND = working_days("england")
WALES = working_days("wales")
SCOTLAND = working_days("scotland")
NORTHERN_IRELAND = working_days("northern_ireland")
XMAS_2026 = D(2026, 12, 23)


@pytest.mark.parametrize(
    ("calendar", "due", "skipped"),
    [
        # Christmas Day (Fri), Boxing Day's substitute (Mon 28), New Year's Day (Fri).
        (ENGLAND, D(2027, 1, 11), (D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1))),
        (WALES, D(2027, 1, 11), (D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1))),
        (NORTHERN_IRELAND, D(2027, 1, 11), (D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1))),
        # Scotland also keeps 2 January; in 2027 a Saturday, so Monday 4 January instead.
        (
            SCOTLAND,
            D(2027, 1, 12),
            (D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1), D(2027, 1, 4)),
        ),
    ],
    ids=["england", "wales", "northern_ireland", "scotland"],
)
def test_christmas_and_new_year_2026_in_each_nation(
    calendar: WorkingDays, due: dt.date, skipped: tuple[dt.date, ...]
) -> None:
    clock = run_clock(calendar, XMAS_2026, 10, (), today=XMAS_2026)
    assert clock.due == due
    assert clock.deadline.skipped_holidays == skipped
    assert clock.paused_days == 0
    assert not clock.paused_now


def test_england_explains_its_christmas_clock() -> None:
    clock = run_clock(ENGLAND, XMAS_2026, 10, (), today=D(2027, 1, 4))
    assert clock.explanation == (
        "10 working days from 23 December 2026, not counting 25 and 28 December and "
        "1 January: due 11 January 2027"
    )


def test_scotland_explains_the_substitute_for_2_january() -> None:
    clock = run_clock(SCOTLAND, XMAS_2026, 10, (), today=D(2027, 1, 4))
    assert not SCOTLAND.is_working_day(D(2027, 1, 4))
    assert ENGLAND.is_working_day(D(2027, 1, 4))
    assert clock.explanation == (
        "10 working days from 23 December 2026, not counting 25 and 28 December and "
        "1 and 4 January: due 12 January 2027"
    )


def test_st_patricks_day_2027_moves_only_northern_irelands_clock() -> None:
    # 17 March 2027 is a Wednesday.
    assert D(2027, 3, 17).weekday() == 2
    start = D(2027, 3, 10)
    northern_ireland = run_clock(NORTHERN_IRELAND, start, 10, (), today=start)
    assert northern_ireland.due == D(2027, 3, 25)
    assert northern_ireland.explanation == (
        "10 working days from 10 March 2027, not counting 17 March: due 25 March 2027"
    )
    for calendar in (ENGLAND, WALES, SCOTLAND):
        assert run_clock(calendar, start, 10, (), today=start).due == D(2027, 3, 24)


def test_battle_of_the_boyne_2027_in_northern_ireland() -> None:
    start = D(2027, 7, 5)
    assert NORTHERN_IRELAND.holiday_name(D(2027, 7, 12)) == "Battle of the Boyne"
    assert run_clock(NORTHERN_IRELAND, start, 10, (), today=start).due == D(2027, 7, 20)
    assert run_clock(ENGLAND, start, 10, (), today=start).due == D(2027, 7, 19)


def test_substitute_days_when_christmas_2027_falls_on_a_saturday() -> None:
    # Christmas Saturday, Boxing Day Sunday: Monday 27 and Tuesday 28 instead;
    # New Year's Day 2028 is a Saturday too: Monday 3 January instead.
    assert D(2027, 12, 25).weekday() == 5
    start = D(2027, 12, 20)
    for calendar in (ENGLAND, WALES, NORTHERN_IRELAND):
        clock = run_clock(calendar, start, 10, (), today=start)
        assert clock.deadline.skipped_holidays == (D(2027, 12, 27), D(2027, 12, 28), D(2028, 1, 3))
        assert clock.due == D(2028, 1, 6)
    assert run_clock(ENGLAND, start, 10, (), today=start).explanation == (
        "10 working days from 20 December 2027, not counting 27 and 28 December and "
        "3 January: due 6 January 2028"
    )


def test_a_pause_spanning_bank_holidays_adds_only_working_days() -> None:
    # Paused 22 December 2027 to 4 January 2028: 23, 24, 29, 30, 31 December and
    # 4 January are working days (27, 28 December and 3 January are not).
    pause = Pause(D(2027, 12, 22), D(2028, 1, 4))
    clock = run_clock(ENGLAND, D(2027, 12, 20), 10, [pause], today=D(2028, 1, 5))
    assert clock.paused_days == 6
    assert clock.due == D(2028, 1, 14)
    assert not clock.paused_now
    assert clock.explanation == (
        "10 working days from 20 December 2027, not counting 27 and 28 December and "
        "3 January, plus 6 working days while the clock was paused for clarification "
        "(22 December 2027 to 4 January 2028): due 14 January 2028"
    )


def test_a_pause_over_christmas_in_wales() -> None:
    pause = Pause(D(2026, 12, 22), D(2027, 1, 5))
    clock = run_clock(WALES, D(2026, 12, 18), 10, [pause], today=D(2027, 1, 7))
    assert clock.paused_days == 7
    assert clock.due == D(2027, 1, 15)


@pytest.mark.parametrize(
    ("today", "due", "paused_days"),
    [
        (D(2027, 1, 4), D(2027, 1, 11), 0),  # paused today: today was already counted
        (D(2027, 1, 5), D(2027, 1, 12), 1),
        (D(2027, 1, 6), D(2027, 1, 13), 2),
        (D(2027, 1, 8), D(2027, 1, 15), 4),
        (D(2027, 1, 9), D(2027, 1, 15), 4),  # a Saturday moves nothing
        (D(2027, 1, 10), D(2027, 1, 15), 4),
        (D(2027, 1, 11), D(2027, 1, 18), 5),
    ],
)
def test_an_open_pause_moves_the_due_date_day_by_day(
    today: dt.date, due: dt.date, paused_days: int
) -> None:
    clock = run_clock(ENGLAND, XMAS_2026, 10, [Pause(D(2027, 1, 4))], today=today)
    assert clock.paused_now
    assert clock.paused_days == paused_days
    assert clock.due == due


def test_an_open_pause_says_the_date_moves_until_the_reply() -> None:
    clock = run_clock(ENGLAND, XMAS_2026, 10, [Pause(D(2027, 1, 4))], today=D(2027, 1, 6))
    assert clock.explanation == (
        "10 working days from 23 December 2026, not counting 25 and 28 December and "
        "1 January, plus 2 working days while the clock was paused for clarification "
        "(since 4 January 2027): due 13 January 2027. The clock is paused now: the due "
        "date moves on until the reply comes"
    )


def test_a_pause_that_begins_and_ends_on_the_same_day_adds_nothing() -> None:
    clock = run_clock(
        ENGLAND, XMAS_2026, 10, [Pause(D(2027, 1, 6), D(2027, 1, 6))], today=D(2027, 1, 7)
    )
    assert clock.paused_days == 0
    assert clock.due == D(2027, 1, 11)
    assert "paused" not in clock.explanation


def test_a_closed_pause_moves_the_date_by_its_working_days() -> None:
    clock = run_clock(
        ENGLAND, XMAS_2026, 10, [Pause(D(2027, 1, 4), D(2027, 1, 6))], today=D(2027, 2, 1)
    )
    assert clock.paused_days == 2
    assert clock.due == D(2027, 1, 13)
    assert clock.overdue


def test_a_paused_clock_is_never_overdue() -> None:
    clock = run_clock(ENGLAND, XMAS_2026, 10, [Pause(D(2027, 1, 4))], today=D(2027, 2, 1))
    assert clock.paused_now
    assert clock.due == D(2027, 2, 8)
    assert not clock.overdue
    # With no pause, the same clock was overdue long ago.
    assert run_clock(ENGLAND, XMAS_2026, 10, (), today=D(2027, 2, 1)).overdue


def test_overdue_starts_the_day_after_the_due_date() -> None:
    assert not run_clock(ENGLAND, XMAS_2026, 10, (), today=D(2027, 1, 11)).overdue
    assert run_clock(ENGLAND, XMAS_2026, 10, (), today=D(2027, 1, 12)).overdue


def test_pauses_are_counted_in_order_whatever_order_they_come_in() -> None:
    first = Pause(D(2027, 1, 4), D(2027, 1, 5))
    second = Pause(D(2027, 1, 7), D(2027, 1, 8))
    forwards = run_clock(ENGLAND, XMAS_2026, 10, [first, second], today=D(2027, 1, 20))
    backwards = run_clock(ENGLAND, XMAS_2026, 10, [second, first], today=D(2027, 1, 20))
    assert forwards == backwards
    assert forwards.pauses == (first, second)
    assert forwards.paused_days == 2
    assert forwards.due == D(2027, 1, 13)


def test_year_end_crossing_counts_both_years() -> None:
    # From 15 December 2026 in Northern Ireland: 16-24 December (7 days), then
    # 29-31 December (3), then 4 January onwards.
    clock = run_clock(NORTHERN_IRELAND, D(2026, 12, 15), 12, (), today=D(2026, 12, 15))
    assert clock.due == D(2027, 1, 5)
    assert clock.deadline.skipped_holidays == (D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1))
    assert clock.explanation == (
        "12 working days from 15 December 2026, not counting 25 and 28 December and "
        "1 January: due 5 January 2027"
    )
    assert clock.working_days_left(NORTHERN_IRELAND) == 12
