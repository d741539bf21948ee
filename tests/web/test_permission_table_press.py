"""The press pages' rows of the permission table (see test_permission_table.py for the
semantics): every press URL × every role × objects of the same and of another council."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press.actions import (
    do_appoint_spokesperson,
    do_draft_press_release,
    do_record_election,
    do_record_media_contact,
    do_record_media_interest,
    do_submit_press_release,
)

from . import factories as f
from .conftest import Hollowmere
from .test_permission_table import World, wrong_in_row


def press_objects(
    council: Any, member: Person, officer: Person, clerk: Person, ward: Any
) -> dict[str, int]:
    """A member's release waiting for the Clerk, a register entry for the member, the
    member's media contact, and the officer's record of media interest in the ward."""
    release = do_draft_press_release(
        member, title="Flood defences", body="The council has repaired them.", acting_user=member
    )
    do_submit_press_release(release, acting_user=member)
    entry = do_appoint_spokesperson(
        council,
        person=member,
        resolution_reference="FC 2026/9",
        resolved_on=f.TERM_STARTS,
        acting_user=clerk,
    )
    contact = do_record_media_contact(
        member, capacity="ward_member", outlet="Gazette", topic="Floods", acting_user=member
    )
    interest = do_record_media_interest(officer, matter="Flooding", ward=ward, acting_user=officer)
    election = do_record_election(
        council,
        title="Town council elections 2023",
        notice_of_election=datetime.date(2023, 3, 20),
        polling_day=datetime.date(2023, 5, 4),
        acting_user=clerk,
    )
    return {
        "election": election.pk,
        "release": release.pk,
        "entry": entry.pk,
        "contact": contact.pk,
        "interest": interest.pk,
    }


@pytest.fixture
def press_world(hollowmere: Hollowmere, fernley: Any) -> World:
    h = hollowmere
    ids = press_objects(h.council, h.cllr_ward, h.officer_junior, h.clerk, h.brookside)
    f_clerk = f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    f_ward = f.make_ward(fernley, "Fern Ward")
    f_member = f.make_person(
        fernley, Role.COUNCILLOR, Role.WARD_COUNCILLOR, name="Fern Member", ward=f_ward
    )
    f_officer = f.make_person(fernley, Role.STAFF, name="Fern Officer")
    other = press_objects(fernley, f_member, f_officer, f_clerk, f_ward)
    ids.update({f"other_{k}": v for k, v in other.items()})
    return World(
        people={
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
        },
        ids=ids,
    )


# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "press:list", ""): (302, 200, 200, 200, 200, 200),
    # Officers and serving members draft; the Monitoring Officer is neither.
    ("GET", "press:new", ""): (302, 200, 200, 200, 200, 404),
    ("POST", "press:new", ""): (302, 200, 200, 200, 200, 404),
    # The release: the ward councillor's, waiting for the Town Clerk (acses-town §11.5(c)).
    ("GET", "press:detail", "release"): (302, 200, 404, 200, 404, 404),
    ("GET", "press:edit", "release"): (302, 403, 404, 403, 404, 404),
    ("POST", "press:edit", "release"): (302, 403, 404, 403, 404, 404),
    ("POST", "press:submit", "release"): (302, 403, 404, 403, 404, 404),
    ("POST", "press:approve", "release"): (302, 302, 404, 403, 404, 404),
    ("POST", "press:send_back", "release"): (302, 200, 404, 403, 404, 404),
    ("POST", "press:publish", "release"): (302, 403, 404, 403, 404, 404),
    # Only the drafter withdraws; an empty form comes back asking them to confirm.
    ("POST", "press:withdraw", "release"): (302, 403, 404, 200, 404, 404),
    # The register and the election timetable: everyone sees them; the Clerk keeps them.
    ("GET", "press:spokespeople", ""): (302, 200, 200, 200, 200, 200),
    ("POST", "press:appoint", ""): (302, 200, 403, 403, 403, 403),
    ("POST", "press:end_spokesperson", "entry"): (302, 302, 403, 403, 403, 403),
    ("GET", "press:elections", ""): (302, 200, 200, 200, 200, 200),
    ("POST", "press:election_new", ""): (302, 200, 403, 403, 403, 403),
    # An election: everyone sees it; the Clerk corrects or withdraws it (an empty form
    # comes back with its errors).
    ("GET", "press:election", "election"): (302, 200, 200, 200, 200, 200),
    ("POST", "press:election_change", "election"): (302, 200, 403, 403, 403, 403),
    ("POST", "press:election_withdraw", "election"): (302, 200, 403, 403, 403, 403),
    # Media contacts: the speaker's and the Clerk's.
    ("GET", "press:media_contacts", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "press:media_contact_new", ""): (302, 200, 200, 200, 200, 404),
    ("POST", "press:media_contact_new", ""): (302, 200, 200, 200, 200, 404),
    ("GET", "press:media_contact", "contact"): (302, 200, 404, 200, 404, 404),
    # Media interest in Brookside: officers, and the members told (its ward councillor
    # and the chair of the council, acses-town §9.1, §11.3).
    ("GET", "press:media_interest_list", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "press:media_interest_new", ""): (302, 200, 404, 404, 200, 404),
    ("POST", "press:media_interest_new", ""): (302, 200, 404, 404, 200, 404),
    ("GET", "press:media_interest", "interest"): (302, 200, 200, 200, 200, 404),
}

_KWARGS = {
    "election": "election_id",
    "release": "release_id",
    "entry": "entry_id",
    "contact": "contact_id",
    "interest": "interest_id",
}


def _url(name: str, obj: str, ids: dict[str, int]) -> str:
    if not obj:
        return reverse(name)
    return reverse(name, kwargs={_KWARGS[obj.removeprefix("other_")]: ids.get(obj, 999_999)})


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_press_permission_table(press_world: World, method: str, name: str, obj: str) -> None:
    wrong = wrong_in_row(
        press_world.people,
        PAGES[(method, name, obj)],
        method,
        lambda o: _url(name, o, press_world.ids),
        obj,
    )
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)
