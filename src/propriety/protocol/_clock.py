"""Working-day clocks that know the bank holidays of each UK nation.

Bank holidays come from the ``holidays`` package (offline, with substitute
days). A working day is Monday to Friday and not a bank holiday of the
council's nation. "N working days from D" counts the working days after D,
so a clock started on 23 December 2026 with 10 working days is due on
11 January 2027 in England.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import holidays

from propriety.protocol._dates import long_date, month_name

NATIONS = ("england", "wales", "scotland", "northern_ireland")
_SUBDIVISION = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}
_FIRST_YEAR, _LAST_YEAR = 2000, 2075


format_date = long_date
"""A date as people write it: "11 January 2027" (independent of the locale)."""


class Deadline(NamedTuple):
    """A due date and how it was worked out (immutable: a kept decision shares it; a
    named tuple, which is made several times faster than a frozen dataclass)."""

    due: dt.date
    start: dt.date
    working_days: int
    skipped_holidays: tuple[dt.date, ...]
    nation: str

    @property
    def explanation(self) -> str:
        skipped = _list_days(self.skipped_holidays)
        not_counting = f", not counting {skipped}" if skipped else ""
        unit = "working day" if self.working_days == 1 else "working days"
        return (
            f"{self.working_days} {unit} from {format_date(self.start)}{not_counting}: "
            f"due {format_date(self.due)}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.due.isoformat(),
            "working_days": self.working_days,
            "from": self.start.isoformat(),
            "nation": self.nation,
            "bank_holidays_skipped": [d.isoformat() for d in self.skipped_holidays],
            "explanation": self.explanation,
        }


def _list_days(days: tuple[dt.date, ...]) -> str:
    """ "25 and 28 December and 1 January" (year shown only when it is not the next one)."""
    groups: list[tuple[tuple[int, int], list[int]]] = []
    for day in days:
        key = (day.year, day.month)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(day.day)
        else:
            groups.append((key, [day.day]))
    parts = []
    for (_year, month), numbers in groups:
        text = ", ".join(str(n) for n in numbers[:-1])
        text = f"{text} and {numbers[-1]}" if text else str(numbers[-1])
        parts.append(f"{text} {month_name(month)}")
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class WorkingDays:
    """The working-day calendar of one nation."""

    def __init__(self, nation: str) -> None:
        if nation not in _SUBDIVISION:
            raise ValueError(f"unknown nation {nation!r}: use one of {', '.join(NATIONS)}")
        self.nation = nation
        bank = holidays.country_holidays(
            "GB", subdiv=_SUBDIVISION[nation], years=range(_FIRST_YEAR, _LAST_YEAR + 1)
        )
        self._holidays: dict[dt.date, str] = {d: str(n) for d, n in bank.items()}
        first = dt.date(_FIRST_YEAR, 1, 1).toordinal()
        last = dt.date(_LAST_YEAR, 12, 31).toordinal()
        holiday_ordinals = {d.toordinal() for d in self._holidays}
        self._days = [
            o for o in range(first, last + 1) if (o % 7) not in (0, 6) and o not in holiday_ordinals
        ]
        # date.toordinal() % 7: 0 is Sunday, 6 is Saturday.
        self._weekday_holidays = [h for h in sorted(holiday_ordinals) if h % 7 not in (0, 6)]
        self._weekday_holiday_dates = tuple(dt.date.fromordinal(h) for h in self._weekday_holidays)

    def is_working_day(self, day: dt.date) -> bool:
        o = day.toordinal()
        i = bisect_left(self._days, o)
        return i < len(self._days) and self._days[i] == o

    def holiday_name(self, day: dt.date) -> str | None:
        return self._holidays.get(day)

    def add(self, start: dt.date, working_days: int) -> Deadline:
        """The day that is ``working_days`` working days after ``start``."""
        if working_days < 0:
            raise ValueError("working days cannot be negative")
        o = start.toordinal()
        index = bisect_right(self._days, o) + working_days - 1
        if working_days == 0:
            due_ordinal = o
        elif index >= len(self._days):
            raise ValueError(f"{format_date(start)} is beyond the calendar Propriety knows")
        else:
            due_ordinal = self._days[index]
        # The bank holidays on a weekday after the start up to the due day (a holiday on a
        # weekend costs no working day).
        weekday = self._weekday_holidays
        skipped = self._weekday_holiday_dates[
            bisect_right(weekday, o) : bisect_right(weekday, due_ordinal)
        ]
        return Deadline(dt.date.fromordinal(due_ordinal), start, working_days, skipped, self.nation)

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end is earlier)."""
        if end < start:
            return -self.between(end, start)
        return bisect_right(self._days, end.toordinal()) - bisect_right(
            self._days, start.toordinal()
        )


@cache
def working_days(nation: str) -> WorkingDays:
    """The (cached) calendar for a nation."""
    return WorkingDays(nation)


# --- clocks that pause ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pause:
    """The clock stood still from ``start`` until ``end`` (None: it still stands still).

    The working days after ``start`` up to and including ``end`` are not
    counted: the day the pause began was already counted, and counting starts
    again on the working day after the reply.
    """

    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Clock:
    """A working-day clock that may have been paused, worked out on ``today``."""

    deadline: Deadline
    allowed: int
    paused_days: int
    pauses: tuple[Pause, ...]
    paused_now: bool
    today: dt.date

    @property
    def due(self) -> dt.date:
        return self.deadline.due

    @property
    def overdue(self) -> bool:
        """Past the due day and not paused (a paused clock is never overdue)."""
        return not self.paused_now and self.today > self.due

    def working_days_left(self, calendar: WorkingDays) -> int:
        """Working days from today to the due day (negative once overdue)."""
        return calendar.between(self.today, self.due)

    @property
    def explanation(self) -> str:
        d = self.deadline
        skipped = _list_days(d.skipped_holidays)
        not_counting = f", not counting {skipped}" if skipped else ""
        unit = "working day" if self.allowed == 1 else "working days"
        text = f"{self.allowed} {unit} from {format_date(d.start)}{not_counting}"
        if self.paused_days:
            spans = "; ".join(
                f"{format_date(p.start)} to {format_date(p.end)}"
                if p.end
                else f"since {format_date(p.start)}"
                for p in self.pauses
            )
            paused_unit = "working day" if self.paused_days == 1 else "working days"
            text += (
                f", plus {self.paused_days} {paused_unit} while the clock was paused "
                f"for clarification ({spans})"
            )
        text += f": due {format_date(d.due)}"
        if self.paused_now:
            text += ". The clock is paused now: the due date moves on until the reply comes"
        return text


def run_clock(
    calendar: WorkingDays,
    start: dt.date,
    allowed: int,
    pauses: tuple[Pause, ...] | list[Pause] = (),
    *,
    today: dt.date,
) -> Clock:
    """Where a clock of ``allowed`` working days from ``start`` stands on ``today``.

    Each pause adds the working days it lasted (an open pause lasts until
    ``today``), so the due date moves on by exactly the time spent waiting.
    Reassigning or re-sending changes nothing here: only pauses move the date.
    """
    ordered = tuple(sorted(pauses, key=lambda p: p.start))
    paused_days = 0
    paused_now = False
    for p in ordered:
        end = p.end
        if end is None:
            paused_now = True
            end = max(today, p.start)
        paused_days += max(0, calendar.between(p.start, end))
    deadline = calendar.add(start, allowed + paused_days)
    return Clock(deadline, allowed, paused_days, ordered, paused_now, today)
