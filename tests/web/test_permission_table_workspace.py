"""The workspace pages' rows of the permission table (see test_permission_table.py for the
semantics): search, calendar feeds and the governance report × every role × the same and
another council."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from propriety.people.roles import Role
from propriety.workspace.actions import do_create_calendar_feed, do_revoke_calendar_feed

from . import factories as f
from .conftest import Hollowmere
from .test_permission_table import ROLES, World, _status


@pytest.fixture
def workspace_world(hollowmere: Hollowmere, fernley: Any) -> World:
    h = hollowmere
    feed, key = do_create_calendar_feed(h.clerk, kind="mine", acting_user=h.clerk)
    revoked, revoked_key = do_create_calendar_feed(h.clerk, kind="council", acting_user=h.clerk)
    do_revoke_calendar_feed(revoked, acting_user=h.clerk)
    f_clerk = f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    other, other_key = do_create_calendar_feed(f_clerk, kind="mine", acting_user=f_clerk)
    world = World(
        people={
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
        },
        ids={"feed": feed.pk, "other_feed": other.pk},
    )
    world.keys = {"feed": key, "revoked": revoked_key, "other_feed": other_key}  # type: ignore[attr-defined]
    return world


# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    # Search: everyone signed in; the results are each person's own (tested elsewhere).
    ("GET", "workspace:search", ""): (302, 200, 200, 200, 200, 200),
    # Feed addresses: your own; an empty form comes back with its error.
    ("GET", "workspace:feeds", ""): (302, 200, 200, 200, 200, 200),
    ("POST", "workspace:feeds", ""): (302, 200, 200, 200, 200, 200),
    # The Clerk's feed: only the Clerk revokes it; to anyone else it does not exist.
    ("POST", "workspace:feed_revoke", "feed"): (302, 302, 404, 404, 404, 404),
    # The report: the Clerk and the Monitoring Officer.
    ("GET", "workspace:report", ""): (302, 200, 404, 404, 404, 200),
    # A feed address is itself the secret a calendar program presents, without signing in:
    # it answers whoever asks while it works, and 404 once revoked, whoever is signed in.
    ("GET", "workspace:feed_ics", "feed"): (200, 200, 200, 200, 200, 200),
    ("GET", "workspace:feed_ics", "revoked"): (404, 404, 404, 404, 404, 404),
    ("GET", "workspace:feed_ics", "unknown"): (404, 404, 404, 404, 404, 404),
}


def _url(name: str, obj: str, world: Any) -> str:
    if name == "workspace:feed_ics":
        return reverse(name, kwargs={"key": world.keys.get(obj, "no-such-key")})
    if not obj:
        return reverse(name)
    return reverse(name, kwargs={"feed_id": world.ids.get(obj, 999_999)})


def _check(world: Any, method: str, name: str, obj: str, expected: tuple[int, ...]) -> None:
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        client = Client()
        person = world.people[role]
        if person is not None:
            client.force_login(person)
        got = _status(client, method, _url(name, obj, world))
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if obj == "feed" and name != "workspace:feed_ics":
            other = _status(client, method, _url(name, "other_feed", world))
            other_want = 302 if role == "anonymous" else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's feed: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_workspace_permission_table(
    workspace_world: World, method: str, name: str, obj: str
) -> None:
    _check(workspace_world, method, name, obj, PAGES[(method, name, obj)])
