"""The "Can I…?" pages' rows of the permission table (see test_permission_table.py for the
semantics): every conduct URL × every role × objects of the same and of another council."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from propriety.conduct.actions import do_keep_conduct_question
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_permission_table import World, wrong_in_row


def _kept(member: Person) -> int:
    return do_keep_conduct_question(
        member, action="criticise", forum="social_media", concerning="officer", acting_user=member
    ).pk


@pytest.fixture
def conduct_world(hollowmere: Hollowmere, fernley: Any) -> World:
    h = hollowmere
    f_member = f.make_person(fernley, Role.COUNCILLOR, name="Fern Member")
    return World(
        people={
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
        },
        ids={"question": _kept(h.cllr_ward), "other_question": _kept(f_member)},
    )


# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    # Serving members and officers ask; the Monitoring Officer is neither. An empty
    # form comes back with its errors.
    ("GET", "conduct:ask", ""): (302, 200, 200, 200, 200, 404),
    ("POST", "conduct:ask", ""): (302, 200, 200, 200, 200, 404),
    ("POST", "conduct:keep", ""): (302, 200, 200, 200, 200, 404),
    # A kept answer: only whoever kept it (the ward councillor), nobody else.
    ("GET", "conduct:kept", "question"): (302, 404, 404, 200, 404, 404),
}


def _url(name: str, obj: str, ids: dict[str, int]) -> str:
    if not obj:
        return reverse(name)
    return reverse(name, kwargs={"question_id": ids.get(obj, 999_999)})


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_conduct_permission_table(conduct_world: World, method: str, name: str, obj: str) -> None:
    wrong = wrong_in_row(
        conduct_world.people,
        PAGES[(method, name, obj)],
        method,
        lambda o: _url(name, o, conduct_world.ids),
        obj,
    )
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)
