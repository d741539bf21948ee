"""The concerns' rows of the permission table (see test_permission_table.py).

Three cases in Hollowmere (acses-town), each seen ONLY by its parties and handlers:
- ``concern``: Wendy Ward's minor concern about Jo Junior, which the protocol
  sends first to the officer concerned (§15.2(d)): seen by Wendy and Jo.
- ``referred``: Jo Junior's formal code-of-conduct complaint about the chair,
  handed at once to the Monitoring Officer (§15.6): seen by Jo and the MO,
  not by the chair it is about, nor by the Clerk.
- ``about_clerk``: Wendy Ward's serious concern about the Clerk, which goes to
  the council as employer (§5.1, §15.3), here its chair: the Clerk, its
  subject, does not see it.
Another council's concern answers 404 to everyone signed in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from propriety.concerns.actions import do_raise_concern
from propriety.concerns.models import Concern
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_permission_table import ROLES, _status

TODAY = datetime.date(2026, 11, 23)


@dataclass
class ConcernWorld:
    people: dict[str, Person | None]
    ids: dict[str, int]


def concern_world(h: Hollowmere, fernley: Any) -> ConcernWorld:
    concern = do_raise_concern(
        h.cllr_ward,
        direction="member_about_officer",
        about=h.officer_junior,
        summary="Rude reply",
        details="The officer was short with me at the surgery.",
        today=TODAY,
        acting_user=h.cllr_ward,
    )
    referred = do_raise_concern(
        h.officer_junior,
        direction="code_of_conduct",
        about=h.cllr_chair,
        summary="Shouted at me",
        details="At the Planning Committee.",
        formal_written=True,
        today=TODAY,
        acting_user=h.officer_junior,
    )
    assert referred.status == Concern.Status.REFERRED
    about_clerk = do_raise_concern(
        h.cllr_ward,
        direction="member_about_officer",
        about=h.clerk,
        summary="The Clerk's conduct",
        details="Serious.",
        seriousness="serious",
        today=TODAY,
        acting_user=h.cllr_ward,
    )
    f_member = f.make_person(fernley, Role.COUNCILLOR, name="Fern Member")
    f_officer = f.make_person(fernley, Role.STAFF, name="Fern Officer")
    other = do_raise_concern(
        f_member,
        direction="member_about_officer",
        about=f_officer,
        summary="Elsewhere",
        details="Another council.",
        today=TODAY,
        acting_user=f_member,
    )
    return ConcernWorld(
        people={
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
        },
        ids={
            "concern": concern.pk,
            "referred": referred.pk,
            "about_clerk": about_clerk.pk,
            "other_concern": other.pk,
        },
    )


@pytest.fixture
def cworld(hollowmere: Hollowmere, fernley: Any) -> ConcernWorld:
    return concern_world(hollowmere, fernley)


# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "concerns:list", ""): (302, 200, 200, 200, 200, 200),
    # Councillors and officers raise concerns; the Monitoring Officer (of the principal
    # council) does not raise them here.
    ("GET", "concerns:new", ""): (302, 200, 200, 200, 200, 404),
    ("POST", "concerns:new", ""): (302, 200, 200, 200, 200, 404),
    ("GET", "concerns:detail", "concern"): (302, 404, 404, 200, 200, 404),
    ("POST", "concerns:resolve", "concern"): (302, 404, 404, 403, 200, 404),
    ("POST", "concerns:move_on", "concern"): (302, 404, 404, 403, 200, 404),
    # Its route does not lead to the Monitoring Officer.
    ("POST", "concerns:refer", "concern"): (302, 404, 404, 403, 403, 404),
    ("POST", "concerns:note", "concern"): (302, 404, 404, 200, 200, 404),
    ("POST", "concerns:close", "concern"): (302, 404, 404, 200, 200, 404),
    # Not referred: there is no record to download.
    ("GET", "concerns:referral", "concern"): (302, 404, 404, 404, 404, 404),
    ("GET", "concerns:referral", "referred"): (302, 404, 404, 404, 200, 200),
    ("GET", "concerns:detail", "referred"): (302, 404, 404, 404, 200, 200),
    # With the Monitoring Officer: only they record its outcome; no second referral.
    ("POST", "concerns:resolve", "referred"): (302, 404, 404, 404, 403, 200),
    ("POST", "concerns:move_on", "referred"): (302, 404, 404, 404, 403, 403),
    ("POST", "concerns:refer", "referred"): (302, 404, 404, 404, 403, 403),
    ("GET", "concerns:detail", "about_clerk"): (302, 404, 200, 200, 404, 404),
    ("POST", "concerns:resolve", "about_clerk"): (302, 404, 200, 403, 404, 404),
}


def _url(name: str, obj: str, ids: dict[str, int]) -> str:
    if not obj:
        return reverse(name)
    return reverse(name, kwargs={"concern_id": ids.get(obj, 999_999)})


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_concern_permission_table(cworld: ConcernWorld, method: str, name: str, obj: str) -> None:
    expected = PAGES[(method, name, obj)]
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        client = Client()
        if cworld.people[role] is not None:
            client.force_login(cworld.people[role])
        got = _status(client, method, _url(name, obj, cworld.ids))
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if obj:
            other = _status(client, method, _url(name, "other_concern", cworld.ids))
            other_want = 302 if role == "anonymous" else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's concern: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)
