"""Races on correspondence the council received, gathered by test_races.py."""

from __future__ import annotations

import datetime

from django.db import models

from propriety.correspondence.actions import do_record_incoming, do_record_incoming_dealt_with

from .conftest import Hollowmere
from .races import Race

DAY = datetime.date(2027, 1, 12)


def _letter(h: Hollowmere) -> models.Model:
    from .test_incoming_correspondence import on_ashcombe

    on_ashcombe(h)  # none of the five seeds answers correspondence.incoming
    return do_record_incoming(
        h.clerk,
        received_on=DAY,
        summary="Asks for the allotment rules",
        sender="A Resident",
        today=DAY,
        acting_user=h.clerk,
    )


INCOMING_RACES: list[Race] = [
    Race(
        "the Clerk records what was done with the same letter in two tabs",
        ("do_record_incoming_dealt_with",),
        _letter,
        lambda h: (
            lambda letter: do_record_incoming_dealt_with(
                letter, action="answered", reasons="Sent the rules.", today=DAY, acting_user=h.clerk
            )
        ),
        lambda h: (
            lambda letter: do_record_incoming_dealt_with(
                letter,
                action="not_answered",
                reasons="Nothing to add.",
                today=DAY,
                acting_user=h.clerk,
            )
        ),
    ),
]
