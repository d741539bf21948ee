"""The register of relationships and interests, on every seed rulebook: declarations and
who sees them, panels (a conflicted member refused a seat citing the clause), and the
warnings on concerns and access requests. Expected clauses read from the rulebook YAML."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent
from propriety.concerns.actions import do_raise_concern
from propriety.councils.models import Council
from propriety.documents.requests import do_request_access
from propriety.interests.access import access_declaration_by_id, access_panel_by_id
from propriety.interests.actions import (
    do_close_panel,
    do_declare_relationship,
    do_end_declaration,
    do_form_panel,
    do_seat_panel_member,
)
from propriety.interests.models import PanelSeat
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f

DAY = datetime.date(2026, 11, 23)
SEEDS = ("acses-town", "grantham", "west-mersea", "ludlow", "part5-district")
# What each seed says about a member sitting on a decision about a declared relative.
RELATIVE = {
    "acses-town": ("refuse", ["§4.4"]),
    "grantham": ("refer", ["Background ¶3", "Officers can expect from councillors ¶1.6"]),
    "west-mersea": ("refer", ["Background ¶3", "Officers can expect from councillors ¶1.6"]),
    "ludlow": ("refer", ["§2.3", "§4.3.2(h)"]),
    "part5-district": ("refer", ["§2.2.2"]),
}


@dataclass
class Town:
    council: Council
    clerk: Person
    chair: Person
    member: Person
    officer: Person
    mo: Person


def _town(rulebook: str) -> Town:
    council = f.make_council(f"{rulebook.title()} Town Council", rulebook=rulebook)
    return Town(
        council=council,
        clerk=f.make_person(council, Role.PROPER_OFFICER, name="Clara Clerk"),
        chair=f.make_person(council, Role.COUNCILLOR, Role.COUNCIL_CHAIR, name="Charles Chair"),
        member=f.make_person(council, Role.COUNCILLOR, name="Wendy Ward"),
        officer=f.make_person(council, Role.STAFF, name="Jo Junior"),
        mo=f.make_person(council, Role.MONITORING_OFFICER, name="Morgan Monitor"),
    )


def _clauses(answer: dict) -> list[str]:  # type: ignore[type-arg]
    return sorted({c["clause"] for c in answer["citations"]})


@pytest.mark.parametrize("rulebook", SEEDS)
def test_a_declaration_says_what_follows_and_only_three_people_see_it(
    db: None, rulebook: str
) -> None:
    t = _town(rulebook)
    d = do_declare_relationship(
        nature="relative", related_person=t.officer, today=DAY, acting_user=t.member
    )
    outcome, clauses = RELATIVE[rulebook]
    assert d.decision["outcome"] == outcome
    assert _clauses(d.decision) == sorted(clauses)
    event = AuditEvent.objects.for_council(t.council).get(action="interests.declared")
    assert sorted(c["clause"] for c in event.citations) == sorted(clauses)
    assert "relative" not in event.details["says"].lower()  # the log says that, not what
    for viewer in (t.member, t.clerk, t.mo):
        assert access_declaration_by_id(viewer, d.pk) == d
    for viewer in (t.officer, t.chair):  # not even the person it is with
        with pytest.raises(Http404):
            access_declaration_by_id(viewer, d.pk)


@pytest.mark.parametrize("rulebook", SEEDS)
def test_a_panel_refuses_a_conflicted_member_citing_the_clause(db: None, rulebook: str) -> None:
    t = _town(rulebook)
    do_declare_relationship(
        nature="relative", related_person=t.officer, today=DAY, acting_user=t.member
    )
    panel = do_form_panel(
        t.council,
        kind="discipline",
        title="Hearing",
        subject=t.officer,
        today=DAY,
        acting_user=t.clerk,
    )
    seated = do_seat_panel_member(panel, member=t.chair, today=DAY, acting_user=t.clerk)
    assert seated.status == PanelSeat.Status.SEATED
    outcome, clauses = RELATIVE[rulebook]
    if outcome == "refer":
        # The protocol leaves it to the Clerk: a decision and reasons are needed.
        with pytest.raises(ValidationError) as info:
            do_seat_panel_member(panel, member=t.member, today=DAY, acting_user=t.clerk)
        assert clauses[0] in str(info.value)
        seat = do_seat_panel_member(
            panel,
            member=t.member,
            clerk_decision="refuse",
            reasons="A relative of the officer: the protocol points to standing aside.",
            today=DAY,
            acting_user=t.clerk,
        )
    else:
        seat = do_seat_panel_member(panel, member=t.member, today=DAY, acting_user=t.clerk)
    assert seat.status == PanelSeat.Status.REFUSED
    assert _clauses(seat.decision) == sorted(clauses)
    event = AuditEvent.objects.for_council(t.council).filter(action="interests.seat_considered")
    assert sorted(c["clause"] for c in event.last().citations) == sorted(clauses)  # type: ignore[union-attr]
    # The refused member sees the panel and the refusal; the officer it is about does not.
    assert access_panel_by_id(t.member, panel.pk) == panel
    with pytest.raises(Http404):
        access_panel_by_id(t.officer, panel.pk)
    # Only the Clerk seats members.
    with pytest.raises(PermissionDenied):
        do_seat_panel_member(panel, member=t.chair, today=DAY, acting_user=t.chair)


def test_an_ended_relationship_no_longer_bars_a_seat(db: None) -> None:
    t = _town("acses-town")
    d = do_declare_relationship(
        nature="close_friend",
        related_person=t.officer,
        starts_on=datetime.date(2020, 1, 1),
        today=DAY,
        acting_user=t.member,
    )
    do_end_declaration(d, ends_on=DAY - datetime.timedelta(days=1), today=DAY, acting_user=t.member)
    panel = do_form_panel(
        t.council,
        kind="pay",
        title="Pay review",
        subject=t.officer,
        today=DAY,
        acting_user=t.clerk,
    )
    seat = do_seat_panel_member(panel, member=t.member, today=DAY, acting_user=t.clerk)
    assert seat.status == PanelSeat.Status.SEATED
    assert _clauses(seat.decision) == ["§4.4"]


@pytest.mark.parametrize(
    ("canvassing", "advantage", "clauses"),
    [
        (False, False, ["§5.3", "§5.3(c)"]),  # a candidate is a close friend
        (True, False, ["§5.3", "§5.3(b)", "§5.3(c)"]),  # canvassing and the friendship
    ],
)
def test_an_appointment_checks_the_candidates_against_the_register(
    db: None, canvassing: bool, advantage: bool, clauses: list[str]
) -> None:
    t = _town("acses-town")
    do_declare_relationship(
        nature="close_friend", related_name="Sam Lee", today=DAY, acting_user=t.member
    )
    panel = do_form_panel(
        t.council,
        kind="appointment",
        title="Deputy Clerk",
        candidates="Sam Lee\nAlex Kim",
        today=DAY,
        acting_user=t.clerk,
    )
    seat = do_seat_panel_member(
        panel,
        member=t.member,
        canvassing=canvassing,
        information_advantage=advantage,
        today=DAY,
        acting_user=t.clerk,
    )
    assert seat.status == PanelSeat.Status.REFUSED
    assert _clauses(seat.decision) == sorted(clauses)
    # With no relationship, merit alone (§5.2, §5.3(a)).
    fair = do_seat_panel_member(panel, member=t.chair, today=DAY, acting_user=t.clerk)
    assert fair.status == PanelSeat.Status.SEATED
    assert "§5.2" in _clauses(fair.decision)
    do_close_panel(panel, outcome="Alex Kim appointed.", today=DAY, acting_user=t.clerk)
    with pytest.raises(ValidationError):
        do_seat_panel_member(panel, member=t.mo, today=DAY, acting_user=t.clerk)


def test_bad_declarations_are_refused_with_a_field_error(db: None) -> None:
    t = _town("acses-town")
    for kwargs, field in (
        ({"nature": "relative"}, "related_person"),
        ({"nature": "relative", "related_person": t.member}, "related_person"),
        ({"nature": "cousin", "related_name": "Sam"}, "nature"),
        (
            {"nature": "relative", "related_name": "Sam", "ends_on": DAY - datetime.timedelta(1)},
            "ends_on",
        ),
    ):
        with pytest.raises(ValidationError) as info:
            do_declare_relationship(today=DAY, acting_user=t.member, **kwargs)  # type: ignore[arg-type]
        assert field in info.value.message_dict
    with pytest.raises(PermissionDenied):
        do_declare_relationship(nature="relative", related_name="Sam", acting_user=t.mo)


def test_a_concern_handled_by_a_related_person_warns_the_declarer(db: None) -> None:
    t = _town("acses-town")
    do_declare_relationship(
        nature="close_friend", related_person=t.officer, today=DAY, acting_user=t.chair
    )
    concern = do_raise_concern(
        t.chair,
        direction="member_about_officer",
        about=t.officer,
        summary="Late minutes",
        details="The minutes came late.",
        acting_user=t.chair,
    )
    client = Client()
    client.force_login(t.chair)
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "app-conflict-warning" in page
    assert "§4.4" in page
    # The officer handles it but may not see the chair's declaration: no warning for them.
    client.force_login(t.officer)
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "app-conflict-warning" not in page


def test_an_access_request_on_a_declared_interest_warns_with_the_clause(db: None) -> None:
    t = _town("acses-town")
    do_declare_relationship(
        nature="interest",
        related_name="Millfield Lane car park",
        details="I own the garage next to it.",
        today=DAY,
        acting_user=t.member,
    )
    document = f.make_document(t.council, title="Planning application: Millfield Lane car park")
    request = do_request_access(t.member, document, purpose="Ward casework", acting_user=t.member)
    client = Client()
    client.force_login(t.member)
    page = client.get(reverse("documents:request", args=[request.pk])).content.decode()
    assert "app-conflict-warning" in page
    assert "Millfield Lane car park" in page
    assert "§10.5(b)" in page  # acses-town: the Clerk's advice where a member has an interest


@pytest.mark.parametrize("rulebook", SEEDS)
def test_the_pages_work_on_every_rulebook(db: None, rulebook: str) -> None:
    t = _town(rulebook)
    client = Client()
    client.force_login(t.member)
    response = client.post(
        reverse("interests:new"),
        {"related_person": str(t.officer.pk), "nature": "relative", "details": ""},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert RELATIVE[rulebook][1][0] in page
    # An empty form keeps what was typed and names the problem.
    page = client.post(
        reverse("interests:new"), {"related_name": "Kestrel Rowing Club"}
    ).content.decode()
    assert "Choose what kind of relationship or interest it is." in page
    assert 'value="Kestrel Rowing Club"' in page
    client.force_login(t.clerk)
    response = client.post(
        reverse("interests:panel_new"),
        {"kind": "grievance", "title": "Grievance hearing", "subject": str(t.officer.pk)},
    )
    assert response.status_code == 302
    page = client.post(
        response["Location"] + "seats/", {"member": str(t.member.pk)}, follow=True
    ).content.decode()
    assert RELATIVE[rulebook][1][0] in page


def test_the_home_page_links_to_what_each_person_can_do_here(db: None) -> None:
    t = _town("acses-town")
    client = Client()
    client.force_login(t.clerk)
    page = client.get(reverse("home")).content.decode()
    for url in ("interests:new", "interests:list", "interests:panels", "briefings:list"):
        assert f'href="{reverse(url)}"' in page
    client.force_login(t.mo)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("interests:list")}"' in page
    assert f'href="{reverse("interests:new")}"' not in page  # neither member nor officer
    client.force_login(t.member)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("interests:new")}"' in page
    assert f'href="{reverse("interests:list")}"' not in page


def test_a_fellow_panel_member_does_not_learn_why_another_was_refused(db: None) -> None:
    t = _town("acses-town")
    do_declare_relationship(
        nature="relative", related_person=t.officer, today=DAY, acting_user=t.member
    )
    panel = do_form_panel(
        t.council, kind="pay", title="Pay review", subject=t.officer, today=DAY, acting_user=t.clerk
    )
    do_seat_panel_member(panel, member=t.chair, today=DAY, acting_user=t.clerk)
    do_seat_panel_member(panel, member=t.member, today=DAY, acting_user=t.clerk)
    client = Client()
    client.force_login(t.chair)
    page = client.get(reverse("interests:panel", args=[panel.pk])).content.decode()
    assert "Charles Chair" in page
    assert "Wendy Ward" not in page and "personal relationship" not in page
    client.force_login(t.member)  # the member refused sees why, citing the clause
    page = client.get(reverse("interests:panel", args=[panel.pk])).content.decode()
    assert "Wendy Ward" in page and "§4.4" in page
    client.force_login(t.mo)
    page = client.get(reverse("interests:panel", args=[panel.pk])).content.decode()
    assert "Wendy Ward" in page


def test_the_clerk_and_monitoring_officer_are_told_but_not_what_was_declared(
    db: None, mailoutbox: list, django_capture_on_commit_callbacks: Any
) -> None:
    t = _town("acses-town")
    with django_capture_on_commit_callbacks(execute=True):
        do_declare_relationship(
            nature="relative",
            related_person=t.officer,
            details="My niece.",
            today=DAY,
            acting_user=t.member,
        )
    assert {a for m in mailoutbox for a in m.to} == {t.clerk.email, t.mo.email}
    assert all("niece" not in m.body and "Jo Junior" not in m.body for m in mailoutbox)
