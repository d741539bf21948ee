"""Dates as councils write them ("11 January 2027"), the same on every machine.

Month names are spelled out here rather than taken from ``strftime``,
which follows the process locale. The web's ``long_date`` template filter and
every message the core writes use these.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of days as a protocol writes it: a day, a month ("November 2026")
    or a span of months ("May / June 2025"), from ``first`` to ``last`` inclusive."""

    first: dt.date
    last: dt.date
    text: str

    def status(self, day: dt.date, soon_months: int = 3) -> str:
        """overdue (after the period), due (within it), due_soon (within
        ``soon_months`` before it starts) or current."""
        if day > self.last:
            return "overdue"
        if day >= self.first:
            return "due"
        months = (self.first.year - day.year) * 12 + (self.first.month - day.month)
        if months < soon_months or (months == soon_months and self.first.day <= day.day):
            return "due_soon"
        return "current"


_MONTH_NUMBERS = {m.lower(): i for i, m in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS.update({m[:3].lower(): i for i, m in enumerate(MONTHS, start=1)})
_SPAN = re.compile(
    r"^\s*(?P<a>[A-Za-z]+)\.?(?:\s+(?P<ya>\d{4}))?\s*(?:(?:/|-|–|to|or)\s*(?P<b>[A-Za-z]+)\.?)?"
    r"\s+(?P<y>\d{4})\s*$"
)
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(value: object) -> Period | None:
    """A date, ``2026-11``, ``November 2026`` or ``May / June 2025`` (also ``May-June``,
    ``May to June``, ``December 2026 / January 2027``) as a Period; None if not one."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Period(value, value, long_date(value))
    if not isinstance(value, str):
        return None
    iso = _ISO_MONTH.match(value)
    if iso:
        year, month = int(iso.group(1)), int(iso.group(2))
        if not 1 <= month <= 12:
            return None
        return Period(
            dt.date(year, month, 1), _month_end(year, month), f"{MONTHS[month - 1]} {year}"
        )
    span = _SPAN.match(value)
    if not span:
        return None
    first = _MONTH_NUMBERS.get(span.group("a").lower())
    last = _MONTH_NUMBERS.get((span.group("b") or span.group("a")).lower())
    if first is None or last is None:
        return None
    year_last = int(span.group("y"))
    year_first = int(span.group("ya")) if span.group("ya") else year_last
    if span.group("ya") is None and last < first:
        if 12 - first + last > 2:
            return None  # "June / May 2025" is a slip, not a year
        year_first -= 1  # "December / January 2027" starts in December 2026
    start = dt.date(year_first, first, 1)
    end = _month_end(year_last, last)
    if end < start:
        return None
    return Period(start, end, " ".join(value.split()))
