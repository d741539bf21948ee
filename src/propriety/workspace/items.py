"""One piece of work on the home page, and the working week it is due in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


def end_of_week(day: datetime.date) -> datetime.date:
    """The Friday of ``day``'s working week (of next week, at a weekend)."""
    if day.weekday() >= 5:
        day += datetime.timedelta(days=7 - day.weekday())
    return day + datetime.timedelta(days=4 - day.weekday())


@dataclass(frozen=True)
class WorkItem:
    kind: str  # "Enquiry", "Access request", ...
    reference: str
    title: str
    url: str
    action: str = ""  # what the person is to do: "Answer it", "Decide it", ...
    state: str = ""
    due: datetime.date | None = None
    day: datetime.date | None = None  # when it happened (for what you asked, decisions)

    def overdue_on(self, today: datetime.date) -> bool:
        return self.due is not None and self.due < today

    def due_this_week(self, today: datetime.date) -> bool:
        return self.due is not None and today <= self.due <= end_of_week(today)
