"""The two-factor pages' rows of the permission table (see test_permission_table.py for
the semantics). They belong to whoever is signed in, about nobody else, so there are no
objects and no other council's rows: an anonymous visitor is sent to sign in; a person
with no authenticator app is sent from the code page to set one up (302); an empty form
comes back with its error (200)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import Hollowmere
from .test_permission_table import ROLES, _status

# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "two_factor_setup", ""): (302, 200, 200, 200, 200, 200),
    ("POST", "two_factor_setup", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "two_factor_verify", ""): (302, 302, 302, 302, 302, 302),
    ("POST", "two_factor_verify", ""): (302, 302, 302, 302, 302, 302),
}


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_two_factor_permission_table(
    hollowmere: Hollowmere, method: str, name: str, obj: str
) -> None:
    expected = PAGES[(method, name, obj)]
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        client = Client()
        person = None if role == "anonymous" else getattr(hollowmere, role)
        if person is not None:
            client.force_login(person)
        got = _status(client, method, reverse(name))
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
    assert wrong == []
