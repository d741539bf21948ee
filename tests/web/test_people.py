"""Roles are time-bound; member roles need a current term; validation is clear."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings

from propriety.councils.models import Council
from propriety.people.actions import do_assign_role, do_disable_person, do_end_role
from propriety.people.models import AccountEvent
from propriety.people.roles import CAN_DO, Role

from . import factories as f
from .conftest import Hollowmere

TODAY = datetime.date(2026, 11, 22)


def test_roles_on_returns_current_assignments(hollowmere: Hollowmere) -> None:
    roles = {r.role for r in hollowmere.cllr_chair.roles_on(TODAY)}
    assert roles == {Role.COUNCILLOR, Role.COUNCIL_CHAIR, Role.COMMITTEE_CHAIR}
    assert hollowmere.cllr_chair.roles_on(datetime.date(2020, 1, 1)) == []


def test_member_roles_lapse_with_the_councillor_term(hollowmere: Hollowmere) -> None:
    term = hollowmere.cllr_chair.role_assignments.get(role=Role.COUNCILLOR)
    do_end_role(term, ends_on=TODAY - datetime.timedelta(days=1), acting_user=hollowmere.clerk)
    # The chair and committee roles are still open, but count for nothing now.
    assert hollowmere.cllr_chair.roles_on(TODAY) == []
    assert {r.role for r in hollowmere.cllr_chair.roles_on(TODAY - datetime.timedelta(days=1))} == {
        Role.COUNCILLOR,
        Role.COUNCIL_CHAIR,
        Role.COMMITTEE_CHAIR,
    }


def test_a_co_opted_member_holds_committee_roles(hollowmere: Hollowmere) -> None:
    person = f.make_person(
        hollowmere.council,
        Role.CO_OPTED_MEMBER,
        Role.COMMITTEE_MEMBER,
        committee=hollowmere.planning,
    )
    assert {r.role for r in person.roles_on(TODAY)} == {Role.CO_OPTED_MEMBER, Role.COMMITTEE_MEMBER}


def test_role_ending_on_a_day_still_counts_that_day(hollowmere: Hollowmere) -> None:
    person = f.make_person(hollowmere.council, Role.STAFF, ends_on=TODAY)
    assert [r.role for r in person.roles_on(TODAY)] == [Role.STAFF]
    assert person.roles_on(TODAY + datetime.timedelta(days=1)) == []


@pytest.mark.parametrize(
    ("role", "body", "field"),
    [
        (Role.COMMITTEE_MEMBER, None, "committee"),
        (Role.COMMITTEE_CHAIR, None, "committee"),
        (Role.WARD_COUNCILLOR, None, "ward"),
        (Role.PARTY_GROUP_LEADER, None, "party_group"),
        (Role.COUNCILLOR, "committee", "committee"),
        (Role.STAFF, "ward", "ward"),
        (Role.MAYOR, "party_group", "party_group"),
    ],
)
def test_bodies_are_required_exactly_where_the_role_needs_them(
    hollowmere: Hollowmere, role: str, body: str | None, field: str
) -> None:
    bodies = {
        "committee": hollowmere.planning,
        "ward": hollowmere.brookside,
        "party_group": f.make_party_group(hollowmere.council),
    }
    kwargs = {body: bodies[body]} if body else {}
    with pytest.raises(ValidationError) as caught:
        do_assign_role(
            hollowmere.officer_junior,
            role=role,
            starts_on=TODAY,
            acting_user=hollowmere.clerk,
            **kwargs,  # type: ignore[arg-type]
        )
    assert field in caught.value.message_dict


def test_a_role_cannot_end_before_it_starts(hollowmere: Hollowmere) -> None:
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        do_assign_role(
            hollowmere.officer_junior,
            role=Role.STAFF,
            starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
            acting_user=hollowmere.clerk,
        )


def test_a_role_withdrawn_on_its_first_day_is_held_on_no_day(hollowmere: Hollowmere) -> None:
    """Days are whole days: ended today it would count all today; withdrawn, it counts on
    none, and says so on the set-up pages (not "22 November to 21 November")."""
    from django.db import IntegrityError, connection, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from propriety.people.actions import do_withdraw_role
    from propriety.people.models import RoleAssignment

    h = hollowmere
    row = do_assign_role(
        h.officer_junior,
        role=Role.COMMITTEE_MEMBER,
        committee=h.planning,
        starts_on=TODAY,
        acting_user=h.clerk,
    )
    held = {r.role for r in h.officer_junior.roles_on(TODAY)}
    do_withdraw_role(row, today=TODAY, acting_user=h.clerk)
    assert {r.role for r in h.officer_junior.roles_on(TODAY)} == held - {Role.COMMITTEE_MEMBER}
    assert (row.withdrawn, row.ends_on) == (True, TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="already withdrawn"):
        do_withdraw_role(row, today=TODAY, acting_user=h.clerk)
    with pytest.raises(ValidationError, match="held on no day"):
        do_end_role(row, ends_on=TODAY, acting_user=h.clerk)
    client = Client()
    client.force_login(h.clerk)
    page = client.get(reverse("setup:person", args=[h.officer_junior.pk]))
    assert "from 22 November 2026, withdrawn: held on no day" in page.content.decode()
    body = client.get(reverse("setup:body", args=["committees", h.planning.pk]))
    assert "Withdrawn: held on no day" in body.content.decode()
    # One withdrawn before a later start is past as well, with nothing left to end.
    later = do_assign_role(
        h.officer_junior,
        role=Role.COMMITTEE_MEMBER,
        committee=h.planning,
        starts_on=timezone.localdate() + datetime.timedelta(days=30),
        acting_user=h.clerk,
    )
    do_withdraw_role(later, acting_user=h.clerk)
    page = client.get(reverse("setup:person", args=[h.officer_junior.pk])).content.decode()
    assert page.count("withdrawn: held on no day") == 2
    assert f'id="end-{later.pk}"' not in page
    # A role held on an earlier day keeps those days: it is ended, not withdrawn.
    term = h.cllr_ward.role_assignments.get(role=Role.COUNCILLOR)
    with pytest.raises(ValidationError, match="has been held since"):
        do_withdraw_role(term, today=TODAY, acting_user=h.clerk)
    # Only a withdrawn role may end before it starts, in the database too.
    table = RoleAssignment._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET ends_on = %s WHERE id = %s",  # noqa: S608 (our own table)
            [term.starts_on - datetime.timedelta(days=1), term.pk],
        )


def test_a_role_cannot_name_another_councils_committee(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    theirs = f.make_committee(fernley)
    person = f.make_person(hollowmere.council, Role.COUNCILLOR)
    with pytest.raises(ValidationError, match="another council"):
        do_assign_role(
            person,
            role=Role.COMMITTEE_MEMBER,
            committee=theirs,
            starts_on=TODAY,
            acting_user=hollowmere.clerk,
        )


def test_email_is_the_login_and_is_stored_in_lower_case(hollowmere: Hollowmere) -> None:
    person = f.make_person(hollowmere.council, Role.STAFF, email="Mixed.Case@Hollowmere.Example")
    assert person.email == "mixed.case@hollowmere.example"
    assert person.USERNAME_FIELD == "email"


def test_disabling_changes_the_session_hash(hollowmere: Hollowmere) -> None:
    before = hollowmere.officer_junior.get_session_auth_hash()
    do_disable_person(hollowmere.officer_junior, acting_user=hollowmere.clerk)
    hollowmere.officer_junior.refresh_from_db()
    assert not hollowmere.officer_junior.is_active
    assert hollowmere.officer_junior.get_session_auth_hash() != before


def test_display_name_says_cllr_only_for_serving_members(hollowmere: Hollowmere) -> None:
    assert hollowmere.cllr_ward.display_name(TODAY) == "Cllr Wendy Ward"
    assert hollowmere.clerk.display_name(TODAY) == "Clara Clerk"


def test_every_role_says_what_it_lets_you_do() -> None:
    assert set(CAN_DO) == set(Role.values)
    assert Role.PROPER_OFFICER.label == "Proper Officer / Clerk"


def test_a_password_rehash_on_sign_in_is_logged(hollowmere: Hollowmere) -> None:
    old_hash = hollowmere.clerk.password
    assert old_hash.startswith("md5$")
    faster = "django.contrib.auth.hashers.MD5PasswordHasher"
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher", faster]
    ):
        person = authenticate(
            RequestFactory().post("/sign-in/"),
            username=hollowmere.clerk.email,
            password=f.PASSWORD,
        )
    assert person == hollowmere.clerk
    hollowmere.clerk.refresh_from_db()
    assert hollowmere.clerk.password.startswith("pbkdf2_sha256$")
    # The password is the account's (every council), so the installation's log has it.
    event = AccountEvent.objects.latest("pk")
    assert (event.action, event.account) == ("account.password_rehashed", hollowmere.clerk.account)
