"""The set-up pages' rows of the permission table (see test_permission_table.py for the
semantics): every set-up and register-keeping URL × every role × objects of the same
and of another council. Only the Clerk sets up: 403 for everyone else signed in, and
404 for another council's person, role, body or document."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from propriety.documents.actions import do_create_document
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_permission_table import World, wrong_in_row


def setup_objects(council: Any, officer: Person, committee: Any) -> dict[str, int]:
    """The officer, one of their roles, the committee, and an exempt committee paper with a file."""
    document = do_create_document(
        council,
        title="Tender prices",
        reference="",
        classification="exempt",
        exempt_category=3,
        committee=committee,
        file=ContentFile(b"%PDF-1.4 prices", name="tender.pdf"),
        acting_user=None,
    )
    return {
        "person": officer.pk,
        "role": officer.role_assignments.first().pk,  # type: ignore[union-attr]
        "committee": committee.pk,
        "document": document.pk,
    }


@pytest.fixture
def setup_world(hollowmere: Hollowmere, fernley: Any) -> World:
    h = hollowmere
    ids = setup_objects(h.council, h.officer_junior, h.planning)
    f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    f_officer = f.make_person(fernley, Role.STAFF, name="Fern Officer")
    other = setup_objects(fernley, f_officer, f.make_committee(fernley, "Fernley Planning"))
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


CLERK_ONLY = (302, 200, 403, 403, 403, 403)

# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "setup:index", ""): CLERK_ONLY,
    ("GET", "setup:council", ""): CLERK_ONLY,
    # Empty forms come back to the Clerk with their errors.
    ("POST", "setup:council", ""): CLERK_ONLY,
    ("GET", "setup:rulebook", ""): CLERK_ONLY,
    ("POST", "setup:rulebook", ""): CLERK_ONLY,
    # Requiring two-factor sign-in: an empty form goes back to /setup/ with an error.
    ("POST", "setup:two_factor", ""): (302, 302, 403, 403, 403, 403),
    ("GET", "setup:people", ""): CLERK_ONLY,
    ("GET", "setup:person_new", ""): CLERK_ONLY,
    ("POST", "setup:person_new", ""): CLERK_ONLY,
    ("GET", "setup:people_import", ""): CLERK_ONLY,
    ("POST", "setup:people_import", ""): CLERK_ONLY,
    # The junior officer and their role as a member of staff.
    ("GET", "setup:person", "person"): CLERK_ONLY,
    ("POST", "setup:role_add", "person"): CLERK_ONLY,
    ("POST", "setup:person_disable", "person"): (302, 302, 403, 403, 403, 403),
    # The junior officer has a password already: the Clerk is sent back with the reason.
    ("POST", "setup:person_invite", "person"): (302, 302, 403, 403, 403, 403),
    ("POST", "setup:role_end", "role"): CLERK_ONLY,
    # Committees (wards and party groups are the same views with another kind).
    ("GET", "setup:bodies", "kind"): CLERK_ONLY,
    ("POST", "setup:bodies", "kind"): CLERK_ONLY,
    ("GET", "setup:body", "committee"): CLERK_ONLY,
    ("POST", "setup:body", "committee"): CLERK_ONLY,
    ("POST", "setup:body_close", "committee"): CLERK_ONLY,
    # Naming the governance committee: an empty form goes back to the committee's page.
    ("POST", "setup:committee_governance", "committee"): (302, 302, 403, 403, 403, 403),
    # Keeping the register is the Clerk's.
    ("GET", "documents:new", ""): CLERK_ONLY,
    ("POST", "documents:new", ""): CLERK_ONLY,
    ("GET", "documents:import", ""): CLERK_ONLY,
    ("POST", "documents:import", ""): CLERK_ONLY,
    # The exempt paper of the Planning Committee, which the chair sits on: the chair
    # may read it and download its file, but not reclassify it; the others cannot see it.
    ("GET", "documents:download", "document"): (302, 200, 200, 404, 404, 404),
    ("GET", "documents:reclassify", "document"): (302, 200, 403, 404, 404, 404),
    ("POST", "documents:reclassify", "document"): (302, 200, 403, 404, 404, 404),
}

_KWARGS = {
    "person": "person_id",
    "role": "role_id",
    "committee": "body_id",
    "document": "document_id",
}


def _url(name: str, obj: str, ids: dict[str, int]) -> str:
    if not obj:
        return reverse(name)
    if obj == "kind":
        return reverse(name, kwargs={"kind": "committees"})
    kwargs: dict[str, Any] = {_KWARGS[obj.removeprefix("other_")]: ids.get(obj, 999_999)}
    if obj.removeprefix("other_") == "committee" and name != "setup:committee_governance":
        kwargs["kind"] = "committees"
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_setup_permission_table(setup_world: World, method: str, name: str, obj: str) -> None:
    wrong = wrong_in_row(
        setup_world.people,
        PAGES[(method, name, obj)],
        method,
        lambda o: _url(name, o, setup_world.ids),
        obj,
        other_council=obj != "kind",
    )
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)


def test_an_unknown_kind_of_body_is_not_found(setup_world: World) -> None:
    client = Client()
    client.force_login(setup_world.people["clerk"])  # type: ignore[arg-type]
    assert client.get("/setup/parishes/").status_code == 404
