"""The permission table: every page URL × every role × objects of the same and of
another council, with the status each cell must answer.

The expected statuses are written out by hand from the rules (who sees what,
who may do what), not computed from the access functions, so a change to
those functions that lets the wrong person in fails here. A page URL that is
not in the table fails too: every new URL needs its row.

Semantics: 302 for a visitor who is not signed in (sent to sign in); 404 for
a case the person may not see, exactly as for one that does not exist; 403
for a form on a case they can see but may not use; 200 for a page, or for a
form sent back with its errors (the cells POST empty forms); 302 for a form
that needs no input and succeeds. Each POST is rolled back, so cells do not
affect one another.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from propriety.documents.models import AccessRequest
from propriety.documents.requests import do_raise_dispute, do_request_access
from propriety.enquiries.actions import do_submit_enquiry, do_triage_enquiry
from propriety.enquiries.agreements import do_record_direct_contact_agreement
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

ROLES = ("anonymous", "clerk", "cllr_chair", "cllr_ward", "officer_junior", "monitoring_officer")
TODAY = datetime.date(2026, 11, 23)


@dataclass
class World:
    people: dict[str, Person | None]
    ids: dict[str, int]


def _case_objects(council: Any, member: Person, officer: Person, clerk: Person, committee: Any):
    document = f.make_document(council, "exempt", exempt_category=3, committee=committee)
    enquiry = do_submit_enquiry(
        member,
        subject="Street lights",
        body="When will the lights on Mill Lane be fixed?",
        kind="information",
        addressed_to="proper_officer",
        today=TODAY,
        acting_user=member,
    )
    do_triage_enquiry(enquiry, priority="normal", officer=officer, today=TODAY, acting_user=clerk)
    request = do_request_access(
        member, document, purpose="Ward casework", today=TODAY, acting_user=member
    )
    assert request.status == AccessRequest.Status.REFUSED
    do_raise_dispute(request, grounds="I need to know", today=TODAY, acting_user=member)
    # The Clerk's agreement that this member may write direct to this officer.
    agreement = do_record_direct_contact_agreement(
        officer=officer,
        matter="Street lighting",
        member=member,
        starts_on=TODAY,
        today=TODAY,
        acting_user=clerk,
    )
    return enquiry, document, request, agreement


@pytest.fixture
def world(hollowmere: Hollowmere, fernley: Any) -> World:
    h = hollowmere
    enquiry, document, request, agreement = _case_objects(
        h.council, h.cllr_ward, h.officer_junior, h.clerk, h.planning
    )
    # The same objects in another council, owned by that council's own people.
    f_clerk = f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    f_member = f.make_person(fernley, Role.COUNCILLOR, name="Fern Member")
    f_officer = f.make_person(fernley, Role.STAFF, name="Fern Officer")
    f_committee = f.make_committee(fernley, "Fernley Planning")
    other_enquiry, other_document, other_request, other_agreement = _case_objects(
        fernley, f_member, f_officer, f_clerk, f_committee
    )
    assert Enquiry.objects.for_council(h.council).count() == 1
    return World(
        people={
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
        },
        ids={
            "enquiry": enquiry.pk,
            "document": document.pk,
            "request": request.pk,
            "agreement": agreement.pk,
            "other_enquiry": other_enquiry.pk,
            "other_document": other_document.pk,
            "other_request": other_request.pk,
            "other_agreement": other_agreement.pk,
        },
    )


# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "home", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "profile", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "enquiries:list", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "enquiries:new", ""): (302, 404, 200, 200, 404, 404),
    ("POST", "enquiries:new", ""): (302, 404, 200, 200, 404, 404),
    # The enquiry: made by the ward councillor, allocated to the junior officer.
    ("GET", "enquiries:detail", "enquiry"): (302, 200, 404, 200, 200, 404),
    ("POST", "enquiries:allocate", "enquiry"): (302, 200, 404, 403, 403, 404),
    # Already acknowledged when the Clerk allocated it: nobody may acknowledge it again.
    ("POST", "enquiries:acknowledge", "enquiry"): (302, 403, 404, 403, 403, 404),
    ("POST", "enquiries:clarify_request", "enquiry"): (302, 200, 404, 403, 200, 404),
    ("POST", "enquiries:clarify", "enquiry"): (302, 403, 404, 403, 403, 404),
    ("POST", "enquiries:answer", "enquiry"): (302, 200, 404, 403, 200, 404),
    ("POST", "enquiries:feedback", "enquiry"): (302, 403, 404, 403, 403, 404),
    ("POST", "enquiries:close", "enquiry"): (302, 200, 404, 403, 403, 404),
    # The member's own: an empty form comes back asking them to confirm.
    ("POST", "enquiries:withdraw", "enquiry"): (302, 403, 404, 200, 403, 404),
    # Agreements for direct contact: everyone signed in sees the ones that concern them;
    # only the Clerk records one (an empty form comes back with its errors) or ends one.
    # The agreement: the ward councillor may write direct to the junior officer.
    ("GET", "enquiries:agreements", ""): (302, 200, 200, 200, 200, 200),
    ("POST", "enquiries:agreements", ""): (302, 200, 403, 403, 403, 403),
    ("POST", "enquiries:agreement_end", "agreement"): (302, 302, 404, 403, 403, 404),
    # The document: exempt business of the Planning Committee, which the chair sits on.
    ("GET", "documents:list", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "documents:detail", "document"): (302, 200, 200, 404, 404, 404),
    ("GET", "documents:ask", "document"): (302, 403, 200, 200, 403, 403),
    ("POST", "documents:ask", "document"): (302, 403, 200, 200, 403, 403),
    # The request: the ward councillor's, refused under §10.3(b) and disputed to the
    # Town Clerk (acses-town §10.4), so the Monitoring Officer has no part in it.
    ("GET", "documents:requests", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "documents:request", "request"): (302, 200, 404, 200, 404, 404),
    ("POST", "documents:allocate", "request"): (302, 403, 404, 403, 404, 404),
    ("POST", "documents:determine", "request"): (302, 403, 404, 403, 404, 404),
    ("POST", "documents:withdraw", "request"): (302, 403, 404, 403, 404, 404),
    ("POST", "documents:dispute", "request"): (302, 403, 404, 403, 404, 404),
    ("POST", "documents:dispute_further", "request"): (302, 403, 404, 403, 404, 404),
    ("POST", "documents:dispute_decide", "request"): (302, 200, 404, 403, 404, 404),
    ("POST", "revoke_api_token", "token"): (302, 404, 404, 404, 404, 404),
}

# URLs outside the table on purpose: signing in and out work for anyone, and the
# API has its own table (test_api_permission_table.py).
NOT_CASEWORK = {"login", "logout"}


def _url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "api" or str(p.pattern).startswith("api/"):
                    continue
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "")
    return names


def tables(prefix: str, attr: str) -> dict[Any, Any]:
    """Every capability's table: this module's and each ``tests/web/<prefix>_*.py``'s."""
    import importlib
    from pathlib import Path

    merged: dict[Any, Any] = {}
    for path in sorted(Path(__file__).parent.glob(f"{prefix}*.py")):
        module = importlib.import_module(f"{__package__}.{path.stem}")
        merged.update(getattr(module, attr, {}))
    return merged


def test_every_page_url_has_a_row() -> None:
    # Each capability keeps its rows in its own tests/web/test_permission_table_*.py
    # (with a PAGES dict of the same shape); together they must cover every URL.
    in_table = {name for _, name, _ in tables("test_permission_table", "PAGES")}
    missing = _url_names() - in_table - NOT_CASEWORK
    assert not missing, f"URLs with no row in the permission table: {sorted(missing)}"


def _url(name: str, obj: str, ids: dict[str, int]) -> str:
    from django.urls import reverse

    if not obj:
        return reverse(name)
    kwarg = {
        "enquiry": "enquiry_id",
        "document": "document_id",
        "request": "request_id",
        "token": "token_id",
        "agreement": "agreement_id",
    }[obj.removeprefix("other_")]
    return reverse(name, kwargs={kwarg: ids.get(obj, 999_999)})


def _status(client: Client, method: str, url: str) -> int:
    """The status of one request, its writes rolled back (a download is read to the end
    inside the transaction, so its file is closed and its export runs)."""
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        if response.streaming:
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
        transaction.set_rollback(True)
    return response.status_code


def wrong_in_row(
    people: Mapping[str, Person | None],
    expected: Sequence[int],
    method: str,
    url: Callable[[str], str],
    obj: str,
    *,
    roles: Sequence[str] = ROLES,
    other_council: bool = True,
) -> list[str]:
    """How one row of a page table differs from what happens: each role's status at
    ``url(obj)`` and, for an object, at the same URL with another council's object
    (``url("other_" + obj)``): 404 for everyone signed in, 302 to sign in for a visitor."""
    wrong = []
    for role, want in zip(roles, expected, strict=True):
        client = Client()
        person = people[role]
        if person is not None:
            client.force_login(person)
        got = _status(client, method, url(obj))
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if obj and other_council:
            other = _status(client, method, url(f"other_{obj}"))
            other_want = 302 if person is None else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's {obj}: expected {other_want}, got {other}"
                )
    return wrong


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_permission_table(world: World, method: str, name: str, obj: str) -> None:
    # Tokens are the person's own, not a council's: no other council's token to try.
    wrong = wrong_in_row(
        world.people,
        PAGES[(method, name, obj)],
        method,
        lambda o: _url(name, o, world.ids),
        obj,
        other_council=obj != "token",
    )
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)
