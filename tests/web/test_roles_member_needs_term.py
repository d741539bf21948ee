"""A member's role (a chair above all) is refused for someone who is never a councillor
or co-opted member while it lasts: it would never count (``people.roles.TERM_ROLES``), so
the Clerk would believe a committee had a chair it does not have.

No rulebook provision says who may chair (the protocols take it as given that chairs are
councillors), so this is a data-integrity rule with no clause to cite (people/README.md).
It is refused when the role is given, in every path: the person's page, the API, the
CSV import and ``propriety people import``; nothing is written.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent
from propriety.people.actions import do_create_api_token, do_withdraw_role
from propriety.people.import_cli import people as people_cli
from propriety.people.importing import import_people
from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import MEMBER_ROLES, Role, roles_offered
from propriety.people.setup_actions import do_add_person, do_add_role

from . import factories as f
from .conftest import Hollowmere
from .test_setup import clerk_client  # noqa: F401  (shared fixture)

DAY = datetime.date(2026, 12, 7)
NEVER_COUNTS = "so it would never count"


def _written(hollowmere: Hollowmere) -> tuple[int, int, int]:
    council = hollowmere.council
    return (
        Person.objects.for_council(council).count(),
        RoleAssignment.objects.for_council(council).count(),
        # A token's use is recorded as it is used: not a write of the request's.
        AuditEvent.unscoped.exclude(action="api_token.used").count(),
    )


def _refusal_is_clear(message: str, name: str, label: str) -> None:
    assert name in message, message
    assert label in message, message
    assert NEVER_COUNTS in message, message
    assert "Give them a councillor term first" in message, message


# --- the action -------------------------------------------------------------------------


def test_an_officer_is_refused_a_committee_chair_and_nothing_is_written(
    hollowmere: Hollowmere,
) -> None:
    officer = hollowmere.officer_junior
    before = _written(hollowmere)
    with pytest.raises(ValidationError) as refused:
        do_add_role(
            officer,
            role=Role.COMMITTEE_CHAIR,
            starts_on=DAY,
            committee=hollowmere.planning,
            acting_user=hollowmere.clerk,
        )
    _refusal_is_clear(refused.value.message_dict["role"][0], officer.full_name, "committee chair")
    assert _written(hollowmere) == before


def _body(hollowmere: Hollowmere, role: str) -> dict[str, Any]:
    if role in (Role.COMMITTEE_CHAIR, Role.COMMITTEE_VICE_CHAIR, Role.COMMITTEE_MEMBER):
        return {"committee": hollowmere.planning}
    if role == Role.WARD_COUNCILLOR:
        return {"ward": hollowmere.brookside}
    if role in (Role.PARTY_GROUP_MEMBER, Role.PARTY_GROUP_LEADER):
        return {"party_group": f.make_party_group(hollowmere.council)}
    return {}


@pytest.mark.parametrize(
    "role", sorted(r for r in MEMBER_ROLES if r in roles_offered("parish")), ids=str
)
def test_every_member_role_is_refused_to_an_officer(hollowmere: Hollowmere, role: str) -> None:
    """Each counts only during a term (``people.models._held_on``), not only the chairs."""
    with pytest.raises(ValidationError) as refused:
        do_add_role(
            hollowmere.officer_junior,
            role=role,
            starts_on=DAY,
            acting_user=hollowmere.clerk,
            **_body(hollowmere, role),
        )
    assert NEVER_COUNTS in refused.value.message_dict["role"][0]


@pytest.mark.parametrize(
    ("term", "role"),
    [(Role.COUNCILLOR, Role.COMMITTEE_CHAIR), (Role.CO_OPTED_MEMBER, Role.COMMITTEE_MEMBER)],
)
def test_a_councillor_or_co_opted_member_is_given_it_and_it_counts(
    hollowmere: Hollowmere, term: str, role: str
) -> None:
    member = f.make_person(hollowmere.council, term)
    do_add_role(
        member,
        role=role,
        starts_on=DAY,
        committee=hollowmere.planning,
        acting_user=hollowmere.clerk,
    )
    assert role in {r.role for r in member.roles_on(DAY)}


def test_a_chair_that_counts_for_part_of_its_days_is_given(hollowmere: Hollowmere) -> None:
    """A term ending before the chair's last day: the chair counts until then."""
    member = f.make_person(hollowmere.council, Role.COUNCILLOR, ends_on=datetime.date(2027, 5, 6))
    do_add_role(
        member,
        role=Role.COMMITTEE_CHAIR,
        starts_on=datetime.date(2027, 5, 1),
        ends_on=datetime.date(2028, 5, 1),
        committee=hollowmere.planning,
        acting_user=hollowmere.clerk,
    )
    assert Role.COMMITTEE_CHAIR in {r.role for r in member.roles_on(datetime.date(2027, 5, 2))}


def test_a_chair_outside_every_term_of_a_councillor_is_refused(hollowmere: Hollowmere) -> None:
    """A former councillor (term over) or one whose term was withdrawn: never counts."""
    former = f.make_person(hollowmere.council, Role.COUNCILLOR, ends_on=datetime.date(2026, 5, 6))
    with pytest.raises(ValidationError) as refused:
        do_add_role(
            former,
            role=Role.COUNCIL_CHAIR,
            starts_on=datetime.date(2026, 5, 7),
            acting_user=hollowmere.clerk,
        )
    _refusal_is_clear(refused.value.message_dict["role"][0], former.full_name, "chair")
    starting = f.make_person(hollowmere.council, Role.COUNCILLOR, starts_on=DAY)
    term = starting.role_assignments.get()
    do_withdraw_role(term, today=DAY, acting_user=hollowmere.clerk)
    with pytest.raises(ValidationError):
        do_add_role(
            starting, role=Role.COUNCIL_VICE_CHAIR, starts_on=DAY, acting_user=hollowmere.clerk
        )


# --- the person's page --------------------------------------------------------------------


def test_the_persons_page_refuses_it_on_the_role_field_keeping_what_was_typed(
    clerk_client: Client,  # noqa: F811
    hollowmere: Hollowmere,
) -> None:
    officer = hollowmere.officer_junior
    before = _written(hollowmere)
    response = clerk_client.post(
        reverse("setup:role_add", args=[officer.pk]),
        {
            "role": Role.COMMITTEE_CHAIR,
            "starts_on": "2026-12-07",
            "committee": str(hollowmere.planning.pk),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert NEVER_COUNTS in page
    assert 'id="id_role-error"' in page
    assert 'value="2026-12-07"' in page
    assert _written(hollowmere) == before


# --- the API ---------------------------------------------------------------------------


@pytest.fixture
def clerk_headers(hollowmere: Hollowmere) -> dict[str, str]:
    _, key = do_create_api_token(hollowmere.clerk, name="Tests", acting_user=hollowmere.clerk)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_api_refuses_it_with_a_422_on_role(
    client: Client, hollowmere: Hollowmere, clerk_headers: dict[str, str]
) -> None:
    officer = hollowmere.officer_junior
    before = _written(hollowmere)
    response = client.post(
        f"/api/v1/people/{officer.pk}/roles",
        {
            "role": Role.COMMITTEE_CHAIR,
            "starts_on": "2026-12-07",
            "committee_id": hollowmere.planning.pk,
        },
        "application/json",
        **clerk_headers,
    )
    assert response.status_code == 422, response.content
    _refusal_is_clear(response.json()["errors"]["role"][0], officer.full_name, "committee chair")
    assert _written(hollowmere) == before


def test_the_api_refuses_a_new_person_whose_first_role_is_a_chair(
    client: Client, hollowmere: Hollowmere, clerk_headers: dict[str, str]
) -> None:
    before = _written(hollowmere)
    response = client.post(
        "/api/v1/people",
        {
            "email": "new@hollowmere.example",
            "full_name": "Nell New",
            "role": Role.COUNCIL_CHAIR,
            "starts_on": "2026-12-07",
        },
        "application/json",
        **clerk_headers,
    )
    assert response.status_code == 422, response.content
    _refusal_is_clear(response.json()["errors"]["role"][0], "Nell New", "chair")
    assert _written(hollowmere) == before
    with pytest.raises(ValidationError):
        do_add_person(
            hollowmere.council,
            email="new@hollowmere.example",
            full_name="Nell New",
            role=Role.COUNCIL_CHAIR,
            starts_on=DAY,
            acting_user=hollowmere.clerk,
        )
    assert _written(hollowmere) == before


# --- the CSV import and the command line --------------------------------------------------

HEADER = "email,full_name,role,starts_on,committee\n"
OFFICER_AS_CHAIR = (
    HEADER
    + "cat@hollowmere.example,Cat Clerk-Assistant,staff,2026-12-01,\n"
    + "cat@hollowmere.example,Cat Clerk-Assistant,committee_chair,2026-12-07,Planning Committee\n"
    + "dan@hollowmere.example,Dan Member,councillor,2026-05-07,\n"
).encode()


def test_the_import_refuses_the_row_and_imports_nothing(hollowmere: Hollowmere) -> None:
    before = _written(hollowmere)
    report = import_people(hollowmere.council, OFFICER_AS_CHAIR, acting_user=hollowmere.clerk)
    assert not report.ok
    [error] = report.errors
    assert (error.row, error.column) == (3, "role")
    _refusal_is_clear(error.message, "Cat Clerk-Assistant", "committee chair")
    assert _written(hollowmere) == before


def test_the_import_takes_a_chair_row_before_the_councillor_row_of_the_same_term(
    hollowmere: Hollowmere,
) -> None:
    """A file in any order: the terms are given first, then the roles that need them."""
    data = (
        HEADER
        + "eve@hollowmere.example,Eve Member,committee_chair,2026-05-07,Planning Committee\n"
        + "eve@hollowmere.example,Eve Member,councillor,2026-05-07,\n"
    ).encode()
    report = import_people(hollowmere.council, data, acting_user=hollowmere.clerk)
    assert report.ok, report.errors
    eve = Person.objects.for_council(hollowmere.council).get(email="eve@hollowmere.example")
    assert {r.role for r in eve.roles_on(DAY)} == {Role.COUNCILLOR, Role.COMMITTEE_CHAIR}


def test_the_command_refuses_it_exit_2_and_imports_nothing(
    hollowmere: Hollowmere, tmp_path: Any
) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_bytes(OFFICER_AS_CHAIR)
    before = _written(hollowmere)
    result = CliRunner().invoke(people_cli, ["import", "--council", "hollowmere", str(csv_file)])
    assert result.exit_code == 2, result.output
    assert NEVER_COUNTS in result.output
    assert "Cat Clerk-Assistant" in result.output
    assert _written(hollowmere) == before
