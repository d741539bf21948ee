"""Which rulebook a council follows, and which it followed on any day.

``Council.rulebook`` is the rulebook in force now, the one every decision is
asked of. ``RulebookAdoption`` rows keep the history: each change of rulebook
records the rulebook id, its version and the day it came into force. A council
whose rulebook never changed has no rows; its first rulebook has been in force
since the council was created.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from propriety.councils.models import Council, RulebookAdoption
from propriety.protocol import concrete_rulebook_names, rulebook


@dataclass(frozen=True)
class InForce:
    """A rulebook in force from a day (to the day before the next one, if any)."""

    rulebook: str
    version: str
    in_force_from: datetime.date
    until: datetime.date | None
    adoption: RulebookAdoption | None

    @property
    def replaced_the_same_day(self) -> bool:
        """Another rulebook was adopted on its first day: it was never in force a whole day."""
        return self.until is not None and self.until < self.in_force_from

    @property
    def label(self) -> str:
        return f"{self.rulebook} ({self.version})" if self.version else self.rulebook


def version_of(rulebook_id: str) -> str:
    """The version the rulebook file states now ("" for a rulebook that is not in the library)."""
    if rulebook_id not in concrete_rulebook_names():
        return ""
    return rulebook(rulebook_id).version


def history(council: Council) -> list[InForce]:
    """Every rulebook the council has followed, oldest first."""
    rows = list(RulebookAdoption.objects.for_council(council).order_by("in_force_from", "pk"))
    created = timezone.localtime(council.created_at).date()
    if not rows:
        return [InForce(council.rulebook, version_of(council.rulebook), created, None, None)]
    periods: list[InForce] = []
    for i, row in enumerate(rows):
        following = rows[i + 1] if i + 1 < len(rows) else None
        until = following.in_force_from - datetime.timedelta(days=1) if following else None
        periods.append(InForce(row.rulebook, row.version, row.in_force_from, until, row))
    return periods


def in_force_on(council: Council, day: datetime.date) -> InForce | None:
    """The rulebook in force on ``day``, or None before the council's first one.

    Of two changes on one day, the later is the one in force that day.
    """
    for period in reversed(history(council)):
        if period.in_force_from <= day:
            return period
    return None
