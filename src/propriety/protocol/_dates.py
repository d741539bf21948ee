"""Dates as councils write them ("11 January 2027"), the same on every machine.

Month names are spelled out here rather than taken from ``strftime``,
which follows the process locale. The web's ``long_date`` template filter and
every message the core writes use these.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(month: int) -> str:
    """``month_name(1) == "January"``."""
    return MONTHS[month - 1]


def long_date(day: dt.date) -> str:
    """``long_date(date(2027, 1, 11)) == "11 January 2027"``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
