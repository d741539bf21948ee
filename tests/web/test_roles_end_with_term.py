"""Ending or withdrawing a councillor's (or co-opted member's) term ends the member roles
that would otherwise be left with no day to count (people/README.md, "When a term ends").

A member's role counts only during a term (``people.roles.MEMBER_ROLES``). The term's end
is allowed (a councillor really did leave), and the roles that the change leaves running
past every term end on its last day, in the same transaction, each with its own audit
event; one that would now never count is withdrawn. Every path says so in plain English:
the person's page, ``POST /api/v1/roles/{id}/end``, the CSV import and ``propriety people
import``. They all come through ``people.actions.do_end_role`` (and ``do_withdraw_role``).
"""

from __future__ import annotations

import datetime
from typing import Any

from click.testing import CliRunner
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent
from propriety.people.actions import (
    do_assign_role,
    do_create_api_token,
    do_end_role,
    do_withdraw_role,
)
from propriety.people.import_cli import people as people_cli
from propriety.people.importing import import_people
from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import Role
from propriety.people.setup_actions import do_end_person_role

from . import factories as f
from .conftest import Hollowmere
from .test_setup import clerk_client  # noqa: F401  (shared fixture)

ELECTED = datetime.date(2026, 5, 7)
END = datetime.date(2027, 5, 6)
SAYS = (
    "Alan Baker's roles as ward councillor for Brookside ward and committee chair of Planning "
    "Committee end on 6 May 2027 too, with their term."
)
WITHDRAWN_SAYS = (
    "Alan Baker's role as committee vice-chair of Planning Committee, from 1 June 2027, is "
    "withdrawn: with no term on any of its days it would never count."
)


def _role(person: Person, role: str, starts_on: datetime.date, **kw: Any) -> RoleAssignment:
    return do_assign_role(person, role=role, starts_on=starts_on, acting_user=None, **kw)


def _alan(h: Hollowmere) -> dict[str, RoleAssignment]:
    """A councillor elected in May 2026 who chairs Planning, with a vice-chair to come and a
    committee seat that already ended."""
    alan = f.make_person(h.council, name="Alan Baker", email="alan@hollowmere.example")
    return {
        "term": _role(alan, Role.COUNCILLOR, ELECTED),
        "ward": _role(alan, Role.WARD_COUNCILLOR, ELECTED, ward=h.brookside),
        "chair": _role(alan, Role.COMMITTEE_CHAIR, datetime.date(2026, 6, 1), committee=h.planning),
        "seat": _role(
            alan,
            Role.COMMITTEE_MEMBER,
            ELECTED,
            ends_on=datetime.date(2026, 12, 31),
            committee=h.planning,
        ),
        "staff": _role(alan, Role.STAFF, ELECTED, job_title="Caretaker"),
    }


def _fresh(roles: dict[str, RoleAssignment]) -> dict[str, RoleAssignment]:
    return {k: RoleAssignment.unscoped.get(pk=r.pk) for k, r in roles.items()}


def _ended_with_term(h: Hollowmere, roles: dict[str, RoleAssignment]) -> None:
    now = _fresh(roles)
    assert now["term"].ends_on == END
    assert now["ward"].ends_on == END
    assert now["chair"].ends_on == END
    # Ended before the term's new end: untouched. Not a member's role: untouched.
    assert now["seat"].ends_on == datetime.date(2026, 12, 31)
    assert now["staff"].ends_on is None
    for key in ("ward", "chair"):
        event = AuditEvent.unscoped.filter(action="role.ended", object_id=str(roles[key].pk)).get()
        assert event.details["ends_on"] == END.isoformat()
        assert event.details["was"] is None
        assert event.details["with_term"] == roles["term"].pk
        assert "Alan Baker's councillor term" in event.details["says"]
    assert not AuditEvent.unscoped.filter(
        action="role.ended", object_id__in=[str(roles["seat"].pk), str(roles["staff"].pk)]
    ).exists()


# --- the action ---------------------------------------------------------------------------


def test_ending_a_term_ends_the_member_roles_running_past_it(hollowmere: Hollowmere) -> None:
    roles = _alan(hollowmere)
    ended = do_end_person_role(roles["term"], ends_on=END, acting_user=hollowmere.clerk)
    _ended_with_term(hollowmere, roles)
    assert ended.says == SAYS
    assert [r.pk for r in ended.ended_with_term] == [roles["ward"].pk, roles["chair"].pk]
    day_after = END + datetime.timedelta(days=1)
    assert Person.unscoped.get(pk=roles["term"].person_id).roles_on(day_after) == [
        RoleAssignment.unscoped.get(pk=roles["staff"].pk)
    ]


def test_a_role_starting_after_the_new_end_is_withdrawn(hollowmere: Hollowmere) -> None:
    roles = _alan(hollowmere)
    vice = _role(
        Person.unscoped.get(pk=roles["term"].person_id),
        Role.COMMITTEE_VICE_CHAIR,
        datetime.date(2027, 6, 1),
        committee=hollowmere.planning,
    )
    ended = do_end_person_role(roles["term"], ends_on=END, acting_user=hollowmere.clerk)
    vice.refresh_from_db()
    assert vice.withdrawn and vice.ends_on == datetime.date(2027, 5, 31)
    assert ended.says == f"{SAYS} {WITHDRAWN_SAYS}"
    event = AuditEvent.unscoped.get(action="role.withdrawn", object_id=str(vice.pk))
    assert event.details["with_term"] == roles["term"].pk


def test_a_role_that_began_after_a_backdated_end_is_withdrawn_too(
    hollowmere: Hollowmere,
) -> None:
    """The Clerk records late that the councillor left before a chair they were given
    began: the chair never counted on any day, so it is withdrawn, not left held."""
    roles = _alan(hollowmere)
    ended = do_end_person_role(
        roles["term"], ends_on=datetime.date(2026, 5, 31), acting_user=hollowmere.clerk
    )
    now = _fresh(roles)
    assert now["chair"].withdrawn
    assert now["ward"].ends_on == datetime.date(2026, 5, 31)
    assert "committee chair of Planning Committee, from 1 June 2026, is withdrawn" in (ended.says)


def test_roles_another_term_still_counts_stay(hollowmere: Hollowmere) -> None:
    """Re-elected: the next term is recorded already, so the chair goes on counting."""
    roles = _alan(hollowmere)
    person = Person.unscoped.get(pk=roles["term"].person_id)
    _role(person, Role.COUNCILLOR, END + datetime.timedelta(days=1))
    ended = do_end_person_role(roles["term"], ends_on=END, acting_user=hollowmere.clerk)
    assert ended.ended_with_term == [] and ended.says == ""
    now = _fresh(roles)
    assert now["chair"].ends_on is None and now["ward"].ends_on is None


def test_lengthening_a_term_or_ending_another_role_ends_nothing_else(
    hollowmere: Hollowmere,
) -> None:
    roles = _alan(hollowmere)
    first = datetime.date(2030, 5, 1)
    do_end_role(roles["term"], ends_on=first, acting_user=None)
    assert _fresh(roles)["ward"].ends_on == first  # ended with it, from no end
    ended = do_end_person_role(roles["term"], ends_on=datetime.date(2031, 5, 1), acting_user=None)
    assert ended.says == "" and ended.ended_with_term == []
    ended = do_end_person_role(roles["chair"], ends_on=END, acting_user=None)
    assert ended.says == "" and ended.ended_with_term == []
    assert _fresh(roles)["ward"].ends_on == first


def test_withdrawing_a_term_withdraws_its_member_roles(hollowmere: Hollowmere) -> None:
    """A councillor recorded by mistake before their first day: their ward goes too."""
    day = datetime.date(2027, 5, 7)
    nell = f.make_person(hollowmere.council, name="Nell New")
    term = _role(nell, Role.COUNCILLOR, day)
    ward = _role(nell, Role.WARD_COUNCILLOR, day, ward=hollowmere.brookside)
    do_withdraw_role(term, today=day, acting_user=hollowmere.clerk)
    ward.refresh_from_db()
    assert ward.withdrawn
    assert term.ended_with_term == [ward]


def test_a_co_opted_members_term_counts_the_same(hollowmere: Hollowmere) -> None:
    cora = f.make_person(hollowmere.council, name="Cora Opted")
    term = _role(cora, Role.CO_OPTED_MEMBER, ELECTED)
    seat = _role(cora, Role.COMMITTEE_MEMBER, ELECTED, committee=hollowmere.planning)
    ended = do_end_person_role(term, ends_on=END, acting_user=None)
    seat.refresh_from_db()
    assert seat.ends_on == END
    assert ended.says == (
        "Cora Opted's role as committee member of Planning Committee ends on 6 May 2027 too, "
        "with their term."
    )


# --- the person's page ----------------------------------------------------------------------


def test_the_persons_page_ends_them_and_says_so(
    clerk_client: Client,  # noqa: F811
    hollowmere: Hollowmere,
) -> None:
    roles = _alan(hollowmere)
    page = clerk_client.get(reverse("setup:person", args=[roles["term"].person_id])).content
    hint = "that run past this day end on it too."
    # Said beside the term's "Last day" only, before the Clerk ends it.
    assert page.decode().count(hint) == 1
    assert f'id="end-{roles["term"].pk}-hint"' in page.decode()
    response = clerk_client.post(
        reverse("setup:role_end", args=[roles["term"].pk]),
        {"ends_on": END.isoformat()},
        follow=True,
    )
    assert response.status_code == 200
    assert SAYS.replace("'", "&#x27;") in response.content.decode()
    _ended_with_term(hollowmere, roles)


# --- the API ------------------------------------------------------------------------------


def test_the_api_ends_them_and_says_so(client: Client, hollowmere: Hollowmere) -> None:
    roles = _alan(hollowmere)
    _, key = do_create_api_token(hollowmere.clerk, name="Tests", acting_user=hollowmere.clerk)
    response = client.post(
        f"/api/v1/roles/{roles['term'].pk}/end",
        {"ends_on": END.isoformat()},
        "application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == roles["term"].pk and body["ends_on"] == END.isoformat()
    assert body["says"] == SAYS
    assert [(r["id"], r["ends_on"]) for r in body["ended_with_term"]] == [
        (roles["ward"].pk, END.isoformat()),
        (roles["chair"].pk, END.isoformat()),
    ]
    _ended_with_term(hollowmere, roles)


# --- the CSV import and the command line ----------------------------------------------------

ENDING = (
    b"email,full_name,role,starts_on,ends_on\n"
    b"alan@hollowmere.example,Alan Baker,councillor,2026-05-07,2027-05-06\n"
)


def test_the_import_ends_them_and_its_report_says_so(hollowmere: Hollowmere) -> None:
    roles = _alan(hollowmere)
    report = import_people(hollowmere.council, ENDING, acting_user=hollowmere.clerk)
    assert report.ok, report.errors
    assert report.created == {"roles ended": 1, "roles ended with their term": 2}
    assert SAYS in report.summary()
    assert report.as_dict()["notes"] == [SAYS]
    _ended_with_term(hollowmere, roles)


def test_the_command_ends_them_and_prints_it(hollowmere: Hollowmere, tmp_path: Any) -> None:
    roles = _alan(hollowmere)
    csv_file = tmp_path / "people.csv"
    csv_file.write_bytes(ENDING)
    result = CliRunner().invoke(people_cli, ["import", "--council", "hollowmere", str(csv_file)])
    assert result.exit_code == 0, result.output
    assert SAYS in result.output
    _ended_with_term(hollowmere, roles)


# --- the demo -------------------------------------------------------------------------------


def test_the_demo_has_a_former_councillor_whose_roles_ended_with_his_term(db: None) -> None:
    from propriety.people.demo import FORMER_COUNCILLOR_EMAIL
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    load_demo()  # twice changes nothing
    nigel = Person.objects.for_council(council).get(email=FORMER_COUNCILLOR_EMAIL)
    last_days = {r.role: r.ends_on for r in nigel.role_assignments.all()}
    resigned = datetime.date(2026, 9, 30)
    assert last_days == {
        Role.COUNCILLOR: resigned,
        Role.WARD_COUNCILLOR: resigned,
        Role.COMMITTEE_MEMBER: resigned,
    }
    assert nigel.roles_on(resigned + datetime.timedelta(days=1)) == []
    assert (
        AuditEvent.unscoped.filter(
            action="role.ended", details__with_term__isnull=False, council=council
        ).count()
        == 2
    )


def test_an_import_ending_the_term_and_its_roles_row_by_row_is_not_refused(
    hollowmere: Hollowmere,
) -> None:
    """A file giving every row its end: the term's row comes first (the import takes terms
    first), its roles end with it, and their own rows then find them ended already."""
    roles = _alan(hollowmere)
    data = (
        b"email,full_name,role,starts_on,ends_on,ward,committee\n"
        b"alan@hollowmere.example,Alan Baker,committee_chair,2026-06-01,2027-05-06,,"
        b"Planning Committee\n"
        b"alan@hollowmere.example,Alan Baker,ward_councillor,2026-05-07,2027-05-06,Brookside,\n"
        b"alan@hollowmere.example,Alan Baker,councillor,2026-05-07,2027-05-06,,\n"
    )
    report = import_people(hollowmere.council, data, acting_user=hollowmere.clerk)
    assert report.ok, report.errors
    assert report.created == {"roles ended": 1, "roles ended with their term": 2}
    assert report.unchanged == 2
    _ended_with_term(hollowmere, roles)
