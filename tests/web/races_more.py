"""Races on mail in quarantine, a press release's withdrawal and a calendar feed's
revocation, gathered by test_races.py."""

from __future__ import annotations

import datetime

from django.db import models

from propriety.councils.actions import do_close_body
from propriety.mail.actions import do_convert_message, do_discard_message, do_file_message
from propriety.press.actions import do_publish_press_release, do_withdraw_press_release
from propriety.workspace.actions import do_create_calendar_feed, do_revoke_calendar_feed

from .conftest import Hollowmere
from .mail_helpers import message, receive_for
from .races import Act, Race
from .test_casework_concurrency import allocated
from .test_mail_receive import take

DAY = datetime.date(2027, 1, 12)
CLOSED_ON = datetime.date(2026, 11, 30)  # a body is closed on or after its last day


def _stray(h: Hollowmere) -> models.Model:
    """An email from someone the council does not know, waiting in quarantine."""
    receive_for(h.council)
    received = take(message("resident@elsewhere.example"))
    assert received.outcome == "quarantined"
    return received.message  # type: ignore[no-any-return]


def _discard(h: Hollowmere) -> Act:
    return lambda m: do_discard_message(m, reason="Spam.", acting_user=h.clerk)


def _file(h: Hollowmere) -> Act:
    enquiry = allocated(h)  # made before the race starts
    return lambda m: do_file_message(m, enquiry=enquiry, acting_user=h.clerk)


def _feed(h: Hollowmere) -> models.Model:
    feed, _key = do_create_calendar_feed(h.clerk, kind="mine", acting_user=h.clerk)
    return feed


def _approved_release(h: Hollowmere) -> models.Model:
    from .test_races import _release

    return _release(h, approved=True)


MORE_RACES: list[Race] = [
    Race(
        "two people close the same committee at once",
        ("do_close_body",),
        lambda h: h.planning,
        lambda h: lambda b: do_close_body(b, closed_on=CLOSED_ON, acting_user=h.clerk),
        lambda h: lambda b: do_close_body(b, closed_on=CLOSED_ON, acting_user=h.clerk),
    ),
    Race(
        "Clerk records an email as an enquiry while discarding it in another tab",
        ("do_convert_message", "do_discard_message"),
        _stray,
        lambda h: (
            lambda m: do_convert_message(
                m, member=h.cllr_ward, subject="", today=DAY, acting_user=h.clerk
            )
        ),
        _discard,
    ),
    Race(
        # Filing records its event on the enquiry it files to, so the discard goes first.
        "Clerk files an email to a case just after it is discarded",
        ("do_file_message",),
        _stray,
        _discard,
        _file,
        staggered=True,
    ),
    Race(
        "drafter withdraws a release as it is published",
        ("do_withdraw_press_release",),
        _approved_release,
        lambda h: (
            lambda r: do_withdraw_press_release(
                r, reason="Wrong date.", today=DAY, acting_user=h.officer_junior
            )
        ),
        lambda h: lambda r: do_publish_press_release(r, today=DAY, acting_user=h.officer_junior),
    ),
    Race(
        "two tabs revoke the same calendar feed",
        ("do_revoke_calendar_feed",),
        _feed,
        lambda h: lambda feed: do_revoke_calendar_feed(feed, acting_user=h.clerk),
        lambda h: lambda feed: do_revoke_calendar_feed(feed, acting_user=h.clerk),
        repeatable=True,
    ),
]
