"""The account and operator pages' rows of the permission table (see test_permission_table.py
for the semantics), with one more column: an operator who holds no Person anywhere.

Password pages open to anyone holding a working link; changing a password and
switching council need a sign-in (an operator's counts for the first); the
operator's pages are "not found" for everyone but operators.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from propriety.people.invitations import issue_link
from propriety.people.models import Account

from . import factories as f
from .conftest import Hollowmere
from .test_operators import pass_operator_two_factor
from .test_permission_table import ROLES as PERSON_ROLES
from .test_permission_table import World, _status

ROLES = (*PERSON_ROLES, "operator")


@pytest.fixture
def accounts_world(hollowmere: Hollowmere, fernley: Any, operator: Account) -> World:
    h = hollowmere
    link = issue_link(h.cllr_ward.account, purpose="reset")
    return World(
        people={
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
            "operator": None,
        },
        ids={
            "council": h.council.pk,
            "clerk": h.clerk.pk,
            "token": link.url.rstrip("/").rsplit("/", 1)[1],  # type: ignore[dict-item]
            "other_council": 999_999,
            "other_clerk": h.cllr_ward.pk,
            "other_token": "not-a-real-token",  # type: ignore[dict-item]
        },
    )


# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO operator
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    # Open to all: nobody signed in has forgotten anything; an empty form comes back.
    ("GET", "accounts:forgotten_password", ""): (200, 200, 200, 200, 200, 200, 200),
    ("POST", "accounts:forgotten_password", ""): (200, 200, 200, 200, 200, 200, 200),
    # A working link opens for whoever holds it (a broken one is 404 for all).
    ("GET", "accounts:set_password", "token"): (200, 200, 200, 200, 200, 200, 200),
    ("POST", "accounts:set_password", "token"): (200, 200, 200, 200, 200, 200, 200),
    # One's own password: anyone signed in, operators too.
    ("GET", "accounts:change_password", ""): (302, 200, 200, 200, 200, 200, 200),
    ("POST", "accounts:change_password", ""): (302, 200, 200, 200, 200, 200, 200),
    # Switching needs a council the account holds a role in; an empty form names none.
    ("POST", "accounts:switch", ""): (302, 404, 404, 404, 404, 404, 404),
    # The operator's pages.
    ("GET", "operator:councils", ""): (302, 404, 404, 404, 404, 404, 200),
    ("GET", "operator:council_new", ""): (302, 404, 404, 404, 404, 404, 200),
    ("POST", "operator:council_new", ""): (302, 404, 404, 404, 404, 404, 200),
    ("GET", "operator:council", "council"): (302, 404, 404, 404, 404, 404, 200),
    ("POST", "operator:replace_clerk", "council"): (302, 404, 404, 404, 404, 404, 200),
    ("POST", "operator:reinvite", "clerk"): (302, 404, 404, 404, 404, 404, 302),
    # Requiring two-factor sign-in at a council: an empty form goes back to its page.
    ("POST", "operator:two_factor_requirement", "council"): (302, 404, 404, 404, 404, 404, 302),
    # An operator's own authenticator app (one with a Person uses the Person's pages).
    ("GET", "operator:two_factor_setup", ""): (302, 404, 404, 404, 404, 404, 200),
    ("POST", "operator:two_factor_setup", ""): (302, 404, 404, 404, 404, 404, 200),
    ("GET", "operator:two_factor_verify", ""): (302, 404, 404, 404, 404, 404, 200),
    ("POST", "operator:two_factor_verify", ""): (302, 404, 404, 404, 404, 404, 200),
}


def _url(name: str, obj: str, ids: dict[str, Any]) -> str:
    if not obj:
        return reverse(name)
    if obj.removeprefix("other_") == "token":
        return reverse(name, kwargs={"token": ids[obj]})
    if obj.removeprefix("other_") == "clerk":
        # The council's Clerk, or someone of the same council who is not its Clerk.
        return reverse(name, kwargs={"council_id": ids["council"], "person_id": ids[obj]})
    return reverse(name, kwargs={"council_id": ids[obj]})


def _client(world: World, role: str, operator: Account) -> Client:
    client = Client()
    person = world.people[role]
    if person is not None:
        client.force_login(person)
    elif role == "operator":
        client.post(reverse("login"), {"username": operator.email, "password": f.PASSWORD})
        pass_operator_two_factor(client, operator)
    return client


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_accounts_permission_table(
    accounts_world: World, operator: Account, method: str, name: str, obj: str
) -> None:
    expected = PAGES[(method, name, obj)]
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        client = _client(accounts_world, role, operator)
        got = _status(client, method, _url(name, obj, accounts_world.ids))
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if obj:
            # A missing council, a person who is not its Clerk, a broken link: not found
            # for anyone who could otherwise see the page.
            other = _status(client, method, _url(name, f"other_{obj}", accounts_world.ids))
            other_want = 302 if role == "anonymous" and want == 302 else 404
            if other != other_want:
                wrong.append(f"{role} on a missing {obj}: expected {other_want}, got {other}")
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)
