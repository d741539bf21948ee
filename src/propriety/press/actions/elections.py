"""Press actions on the election timetable (pre-election period)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.councils.locking import locks_row
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.press import access
from propriety.press.actions._common import _require, _today
from propriety.press.models import (
    Election,
)
from propriety.protocol import format_date

# --- the election timetable --------------------------------------------------------------


def _check_election(
    title: str, notice_of_election: datetime.date | None, polling_day: datetime.date | None
) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Enter the election, for example “Town council elections 2027”."
    if notice_of_election is None:
        errors["notice_of_election"] = "Enter the date of the notice of election."
    if polling_day is None:
        errors["polling_day"] = "Enter polling day."
    if notice_of_election and polling_day and polling_day < notice_of_election:
        errors["polling_day"] = "Polling day must be on or after the notice of election."
    if errors:
        raise ValidationError(errors)


def _period(notice: datetime.date, polling: datetime.date) -> str:
    return f"from {format_date(notice)} to {format_date(polling)}"


def do_record_election(
    council: Council,
    *,
    title: str,
    notice_of_election: datetime.date | None,
    polling_day: datetime.date | None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Election:
    """The Clerk records an election: its pre-election period runs from the notice to polling day."""
    day = _today(today)
    _require(
        acting_user.council_id == council.pk, "You may only record your own council's elections."
    )
    _require(access.can_keep_register(acting_user, day), "Only the Clerk records elections.")
    _check_election(title, notice_of_election, polling_day)
    assert notice_of_election is not None and polling_day is not None
    election = Election(
        council=council,
        title=title.strip(),
        notice_of_election=notice_of_election,
        polling_day=polling_day,
        recorded_by=acting_user,
    )
    with recording(council=council, actor=acting_user, action="press.election_recorded") as rec:
        election.full_clean()
        election.save()
        rec.obj = election
        rec.details = {
            "says": f"Recorded {election.title}: the pre-election period runs from the notice "
            f"of election on {format_date(notice_of_election)} to polling day on "
            f"{format_date(polling_day)}."
        }
    return election


@locks_row
def do_change_election(
    election: Election,
    *,
    title: str,
    notice_of_election: datetime.date | None,
    polling_day: datetime.date | None,
    reason: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> Election:
    """The Clerk corrects a recorded election (its title or dates).

    The pre-election period follows the corrected dates from now on: releases
    are asked about on the day they are submitted, approved and published.
    Decisions already made keep the period they were made in.
    """
    day = _today(today)
    _require(
        access.can_change_election(acting_user, election, day),
        "Only the Clerk corrects an election, and not once it is withdrawn.",
    )
    _check_election(title, notice_of_election, polling_day)
    assert notice_of_election is not None and polling_day is not None
    before = {
        "title": election.title,
        "notice_of_election": election.notice_of_election.isoformat(),
        "polling_day": election.polling_day.isoformat(),
    }
    was = _period(election.notice_of_election, election.polling_day)
    new_title = title.strip()
    if (new_title, notice_of_election, polling_day) == (
        election.title,
        election.notice_of_election,
        election.polling_day,
    ):
        raise ValidationError(
            {"__all__": "Nothing to correct: the title and dates are as recorded."}
        )
    old_title = election.title
    election.title = new_title
    election.notice_of_election = notice_of_election
    election.polling_day = polling_day
    says = f"Corrected {old_title}"
    if new_title != old_title:
        says += f" (now {new_title})"
    says += (
        f": the pre-election period runs {_period(notice_of_election, polling_day)} "
        f"(it was recorded as {was})."
    )
    if reason.strip():
        says += f" Reason: {reason.strip()}"
    with recording(
        council=election.council,
        actor=acting_user,
        action="press.election_changed",
        obj=election,
        details={
            "says": says,
            "before": before,
            "after": {
                "title": new_title,
                "notice_of_election": notice_of_election.isoformat(),
                "polling_day": polling_day.isoformat(),
            },
            "reason": reason.strip(),
        },
    ):
        election.full_clean()
        election.save(update_fields=["title", "notice_of_election", "polling_day"])
    return election


@locks_row
def do_withdraw_election(
    election: Election,
    *,
    reason: str,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Election:
    """The Clerk withdraws an election recorded in error or countermanded.

    It stays on the timetable, marked withdrawn, and no longer makes a
    pre-election period.
    """
    day = _today(today)
    _require(
        access.can_change_election(acting_user, election, day),
        "Only the Clerk withdraws an election, and only once.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the election is withdrawn."})
    election.withdrawn_on = day
    election.withdrawn_by = acting_user
    election.withdrawal_reason = reason.strip()
    with recording(
        council=election.council,
        actor=acting_user,
        action="press.election_withdrawn",
        obj=election,
        details={
            "says": f"Withdrew {election.title}: it no longer makes a pre-election period "
            f"(it ran {_period(election.notice_of_election, election.polling_day)}). "
            f"Reason: {election.withdrawal_reason}",
            "reason": election.withdrawal_reason,
        },
    ):
        election.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_reason"])
    return election
