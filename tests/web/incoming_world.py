"""The world of the incoming-correspondence permission tables: Hollowmere and Fernley on the
fictional Ashcombe rulebook (none of the five seeds answers ``correspondence.incoming``),
each with an abusive letter the Clerk recorded, which the protocol gives to the chair."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from propriety.audit.recording import recording
from propriety.correspondence.actions import do_record_incoming
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_incoming_correspondence import on_ashcombe
from .test_permission_table import World

DAY = datetime.date(2026, 11, 23)


def _letter(clerk: Person) -> int:
    letter = do_record_incoming(
        clerk,
        received_on=DAY,
        summary="Abusive letter about the play area",
        sender="A Resident",
        flags={"abusive": True},
        today=DAY,
        acting_user=clerk,
    )
    return letter.pk


@pytest.fixture
def incoming_world(hollowmere: Hollowmere, fernley: Council) -> World:
    h = on_ashcombe(hollowmere)
    with recording(council=fernley, actor=None, action="test.example_rulebook"):
        Council.objects.filter(pk=fernley.pk).update(rulebook="ashcombe")
    fernley.refresh_from_db()
    f_clerk = f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    f.make_person(fernley, Role.COUNCILLOR, Role.COUNCIL_CHAIR, name="Fern Chair")
    people: dict[str, Any] = {
        "anonymous": None,
        "clerk": h.clerk,
        "cllr_chair": h.cllr_chair,
        "cllr_ward": h.cllr_ward,
        "officer_junior": h.officer_junior,
        "monitoring_officer": h.monitoring_officer,
    }
    return World(people=people, ids={"letter": _letter(h.clerk), "other_letter": _letter(f_clerk)})
