"""The protocol's review status (``protocol.review``), for the Clerk's home and the text page.

The engine works out the status from the rulebook's own dates (current, due within
three months, overdue, or no date stated) and answers with the clause, what to do
and who decides.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from propriety.councils.models import Council
from propriety.councils.protocol import decide, summary_of
from propriety.protocol import UnansweredQuestion, engine_for

LABELS = {
    "current": ("Not due yet", "govuk-tag--green"),
    "due": ("Due soon", "govuk-tag--yellow"),
    "overdue": ("Overdue", "govuk-tag--red"),
    "unset": ("No review date set", "govuk-tag--orange"),
}


@dataclass(frozen=True)
class ReviewStatus:
    status: str
    label: str
    tag_class: str
    decision: dict[str, Any] = field(default_factory=dict)

    @property
    def needs_action(self) -> bool:
        return self.status != "current"


def review_status(council: Council, day: datetime.date) -> ReviewStatus:
    """Asks ``protocol.review`` of the council's rulebook. A rulebook that does not
    answer it still gets its status from its dates, with no decision to show."""
    status = engine_for(council.rulebook).review_status(day)
    label, tag = LABELS[status]
    try:
        decision = decide(council, "protocol.review", {}, today=day)
    except UnansweredQuestion:
        return ReviewStatus(status, label, tag)
    return ReviewStatus(status, label, tag, summary_of(decision))
