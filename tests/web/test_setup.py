"""The Clerk's set-up: council details and clocks, the rulebook and its history, people
and roles, bodies. Actions first, then the pages through HTTP."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.audit.timeline import timeline_for
from propriety.councils.actions import (
    do_change_council_details,
    do_change_council_rulebook,
    do_close_body,
    do_create_committee,
    do_rename_body,
)
from propriety.councils.models import Council, RulebookAdoption
from propriety.councils.rulebooks import history, in_force_on
from propriety.enquiries.actions import do_submit_enquiry
from propriety.people.holders import holders_of
from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import Role, roles_offered
from propriety.people.setup_actions import (
    do_add_person,
    do_add_role,
    do_disable_person_by_clerk,
    do_end_person_role,
)
from propriety.protocol import rulebook

from . import factories as f
from .conftest import Hollowmere

TODAY = datetime.date(2026, 11, 23)


def _last_event(council: Council) -> AuditEvent:
    event: AuditEvent = AuditEvent.objects.for_council(council).latest("pk")
    return event


def _details(h: Hollowmere, **changes: Any) -> dict[str, Any]:
    c = h.council
    return {
        "name": c.name,
        "nation": c.nation,
        "principal_council_name": c.principal_council_name,
        "monitoring_officer": None,
        "acknowledge_working_days": None,
        "respond_working_days": None,
        "follow_up_working_days": 10,
        **changes,
    }


# --- council details --------------------------------------------------------------------


def test_the_clerk_changes_the_clocks_and_the_event_says_what_changed(
    hollowmere: Hollowmere,
) -> None:
    council = hollowmere.council
    do_change_council_details(
        council, **_details(hollowmere, respond_working_days=7), acting_user=hollowmere.clerk
    )
    council.refresh_from_db()
    assert council.respond_working_days == 7
    assert council.clock_settings() == {"respond_working_days": 7}
    event = _last_event(council)
    assert event.action == "council.details_changed"
    assert event.details["from"] == {"respond_working_days": None}
    assert event.details["to"] == {"respond_working_days": 7}


def test_saving_unchanged_details_records_nothing(hollowmere: Hollowmere) -> None:
    before = AuditEvent.objects.for_council(hollowmere.council).count()
    do_change_council_details(hollowmere.council, **_details(hollowmere), acting_user=None)
    assert AuditEvent.objects.for_council(hollowmere.council).count() == before


def test_only_the_clerk_changes_the_details(hollowmere: Hollowmere) -> None:
    with pytest.raises(PermissionDenied):
        do_change_council_details(
            hollowmere.council, **_details(hollowmere), acting_user=hollowmere.cllr_chair
        )


def test_the_monitoring_officer_must_hold_the_role(hollowmere: Hollowmere) -> None:
    with pytest.raises(ValidationError) as refused:
        do_change_council_details(
            hollowmere.council,
            **_details(hollowmere, monitoring_officer=hollowmere.officer_junior),
            acting_user=hollowmere.clerk,
        )
    assert "monitoring_officer" in refused.value.message_dict


def test_the_named_monitoring_officer_answers_for_the_role(hollowmere: Hollowmere) -> None:
    second = f.make_person(hollowmere.council, Role.MONITORING_OFFICER, name="Aaron Another")
    # Without a choice, every holder answers.
    assert holders_of(hollowmere.council, "monitoring_officer") == [
        second,
        hollowmere.monitoring_officer,
    ]
    do_change_council_details(
        hollowmere.council,
        **_details(hollowmere, monitoring_officer=hollowmere.monitoring_officer),
        acting_user=hollowmere.clerk,
    )
    assert holders_of(hollowmere.council, "monitoring_officer") == [hollowmere.monitoring_officer]


# --- the rulebook and its history ------------------------------------------------------


def test_a_rulebook_change_is_kept_in_the_history(hollowmere: Hollowmere) -> None:
    council = hollowmere.council
    TODAY = timezone.localdate() + datetime.timedelta(days=3)
    created = history(council)[0].in_force_from
    assert [p.rulebook for p in history(council)] == ["acses-town"]
    do_change_council_rulebook(
        council,
        rulebook="ludlow",
        reasons="Full Council, minute 87",
        today=TODAY,
        acting_user=hollowmere.clerk,
    )
    council.refresh_from_db()
    assert council.rulebook == "ludlow"
    periods = history(council)
    assert [(p.rulebook, p.in_force_from, p.until) for p in periods] == [
        ("acses-town", created, TODAY - datetime.timedelta(days=1)),
        ("ludlow", TODAY, None),
    ]
    assert periods[1].version == rulebook("ludlow").version
    assert periods[1].adoption is not None and periods[1].adoption.reasons.startswith("Full")
    on_the_day_before = in_force_on(council, TODAY - datetime.timedelta(days=1))
    assert on_the_day_before is not None and on_the_day_before.rulebook == "acses-town"
    on_the_day = in_force_on(council, TODAY)
    assert on_the_day is not None and on_the_day.version == rulebook("ludlow").version
    event = _last_event(council)
    assert (event.rulebook, event.rulebook_version) == ("ludlow", rulebook("ludlow").version)


def test_a_second_change_on_the_same_day_wins_that_day(hollowmere: Hollowmere) -> None:
    council = hollowmere.council
    for name in ("ludlow", "grantham"):
        do_change_council_rulebook(council, rulebook=name, today=TODAY, acting_user=None)
    in_force = in_force_on(council, TODAY)
    assert in_force is not None and in_force.rulebook == "grantham"
    assert RulebookAdoption.objects.for_council(council).count() == 3


def test_the_rulebook_must_be_another_one_from_the_library(hollowmere: Hollowmere) -> None:
    for name in ("acses-town", "national-model", "no-such-rulebook"):
        with pytest.raises(ValidationError):
            do_change_council_rulebook(hollowmere.council, rulebook=name, acting_user=None)


def test_decisions_keep_the_rulebook_and_version_they_were_made_under(
    hollowmere: Hollowmere,
) -> None:
    """Every decision records its rulebook and version, and the case page shows it, even
    after the council has moved to another rulebook."""
    h = hollowmere
    enquiry = do_submit_enquiry(
        h.cllr_ward,
        subject="Street lights",
        body="When will they be fixed?",
        kind="information",
        addressed_to="proper_officer",
        today=TODAY,
        acting_user=h.cllr_ward,
    )
    do_change_council_rulebook(h.council, rulebook="ludlow", today=TODAY, acting_user=h.clerk)
    version = rulebook("acses-town").version
    cited = [e for e in timeline_for(enquiry) if e.clauses]
    assert cited and all(e.under == f"acses-town ({version})" for e in cited)
    client = Client()
    client.force_login(h.clerk)
    page = client.get(reverse("enquiries:detail", args=[enquiry.pk])).content.decode()
    assert f"rulebook acses-town ({version})" in page


# --- people and roles ------------------------------------------------------------------


def test_a_town_council_is_not_offered_a_chief_executive() -> None:
    assert Role.CHIEF_EXECUTIVE not in roles_offered("town")
    assert Role.CABINET_MEMBER not in roles_offered("parish")
    assert Role.PROPER_OFFICER not in roles_offered("principal")
    assert Role.MONITORING_OFFICER in roles_offered("town")


def test_the_clerk_adds_a_councillor_with_their_ward(hollowmere: Hollowmere) -> None:
    person = do_add_person(
        hollowmere.council,
        email="  New.Member@Hollowmere.Example ",
        full_name="Nia Newmember",
        role=Role.COUNCILLOR,
        starts_on=f.TERM_STARTS,
        ends_on=datetime.date(2027, 5, 6),
        ward=hollowmere.brookside,
        acting_user=hollowmere.clerk,
    )
    assert person.email == "new.member@hollowmere.example"
    assert not person.has_usable_password()
    roles = {r.role: r for r in person.roles_on(TODAY)}
    assert set(roles) == {Role.COUNCILLOR, Role.WARD_COUNCILLOR}
    assert roles[Role.WARD_COUNCILLOR].ward == hollowmere.brookside


def test_a_person_of_the_wrong_kind_or_a_taken_email_is_refused(hollowmere: Hollowmere) -> None:
    with pytest.raises(ValidationError) as refused:
        do_add_person(
            hollowmere.council,
            email="clerk@hollowmere.example",
            full_name="Someone",
            role=Role.CHIEF_EXECUTIVE,
            starts_on=TODAY,
            acting_user=hollowmere.clerk,
        )
    assert "email" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        do_add_person(
            hollowmere.council,
            email="ceo@hollowmere.example",
            full_name="Chief",
            role=Role.CHIEF_EXECUTIVE,
            starts_on=TODAY,
            acting_user=hollowmere.clerk,
        )
    assert "Chief Executive" in refused.value.message_dict["role"][0]
    assert not Person.objects.for_council(hollowmere.council).filter(full_name="Chief").exists()


def test_a_new_person_is_invited_and_someone_from_another_council_keeps_their_account(
    hollowmere: Hollowmere, fernley: Council, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        added = do_add_person(
            hollowmere.council,
            email="new.member@hollowmere.example",
            full_name="Nia New",
            role=Role.COUNCILLOR,
            starts_on=TODAY,
            invite=True,
            acting_user=hollowmere.clerk,
        )
    [invitation] = [m for m in mail.outbox if m.to == ["new.member@hollowmere.example"]]
    assert "/account/set-password/" in invitation.body or "set-password" in invitation.body
    assert not added.account.has_usable_password()
    # Hollowmere's Clerk also clerks Fernley: Fernley's set-up adds the same account.
    fernley_clerk = f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = do_add_person(
            fernley,
            email=hollowmere.clerk.email,
            full_name=hollowmere.clerk.full_name,
            role=Role.PROPER_OFFICER,
            starts_on=TODAY,
            invite=True,
            acting_user=fernley_clerk,
        )
    assert again.council == fernley and again.account_id == hollowmere.clerk.account_id
    assert mail.outbox == []  # they already have a password: no invitation


def test_an_officer_has_a_job_title_and_a_line_manager(hollowmere: Hollowmere) -> None:
    role = do_add_role(
        hollowmere.officer_junior,
        role=Role.DEPUTY_CLERK,
        starts_on=TODAY,
        job_title="Deputy Town Clerk",
        line_manager=hollowmere.clerk,
        acting_user=hollowmere.clerk,
    )
    role.refresh_from_db()
    assert (role.job_title, role.line_manager) == ("Deputy Town Clerk", hollowmere.clerk)
    with pytest.raises(ValidationError) as refused:
        do_add_role(
            hollowmere.cllr_ward,
            role=Role.COUNCILLOR,
            starts_on=TODAY,
            job_title="Councillor",
            acting_user=hollowmere.clerk,
        )
    assert "job_title" in refused.value.message_dict


def test_ending_a_role_and_disabling_a_person(hollowmere: Hollowmere) -> None:
    h = hollowmere
    role = h.officer_junior.role_assignments.get()
    with pytest.raises(ValidationError):
        do_end_person_role(
            role, ends_on=f.TERM_STARTS - datetime.timedelta(days=1), acting_user=h.clerk
        )
    do_end_person_role(role, ends_on=TODAY, acting_user=h.clerk)
    role.refresh_from_db()
    assert role.ends_on == TODAY
    do_disable_person_by_clerk(h.cllr_ward, acting_user=h.clerk)
    h.cllr_ward.refresh_from_db()
    assert not h.cllr_ward.is_active
    with pytest.raises(ValidationError):
        do_disable_person_by_clerk(h.clerk, acting_user=h.clerk)
    with pytest.raises(PermissionDenied):
        do_disable_person_by_clerk(h.officer_junior, acting_user=h.cllr_chair)


# --- bodies ----------------------------------------------------------------------------


def test_closing_a_committee_ends_its_memberships(hollowmere: Hollowmere) -> None:
    h = hollowmere
    do_rename_body(h.planning, name="Planning and Highways", acting_user=h.clerk)
    do_close_body(h.planning, closed_on=TODAY, acting_user=h.clerk)
    h.planning.refresh_from_db()
    assert (h.planning.name, h.planning.closed_on) == ("Planning and Highways", TODAY)
    chair = RoleAssignment.objects.for_council(h.council).get(role=Role.COMMITTEE_CHAIR)
    assert chair.ends_on == TODAY
    with pytest.raises(ValidationError):
        do_close_body(h.planning, closed_on=TODAY, acting_user=h.clerk)
    with pytest.raises(ValidationError):
        do_add_role(
            h.cllr_ward,
            role=Role.COMMITTEE_MEMBER,
            committee=h.planning,
            starts_on=TODAY + datetime.timedelta(days=1),
            acting_user=h.clerk,
        )


# --- pages -----------------------------------------------------------------------------


@pytest.fixture
def clerk_client(hollowmere: Hollowmere) -> Client:
    client = Client()
    client.force_login(hollowmere.clerk)
    return client


def test_the_details_page_shows_the_rulebook_days_and_keeps_what_was_typed(
    clerk_client: Client, hollowmere: Hollowmere
) -> None:
    page = clerk_client.get(reverse("setup:council")).content.decode()
    assert "The protocol says 3." in page  # acses-town §4.7
    response = clerk_client.post(
        reverse("setup:council"),
        {"name": "Hollowmere Town Council", "nation": "england", "respond_working_days": "0"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a number of working days from 1 to 60" in page
    assert 'value="Hollowmere Town Council"' in page
    response = clerk_client.post(
        reverse("setup:council"),
        {
            "name": "Hollowmere Town Council",
            "nation": "wales",
            "follow_up_working_days": "5",
            "monitoring_officer": str(hollowmere.monitoring_officer.pk),
        },
    )
    assert response.status_code == 302
    hollowmere.council.refresh_from_db()
    assert hollowmere.council.nation == "wales"
    assert hollowmere.council.monitoring_officer == hollowmere.monitoring_officer


def test_the_details_page_sets_the_address_for_enquiries_by_email(
    clerk_client: Client, hollowmere: Hollowmere, fernley: Council
) -> None:
    from propriety.mail.actions import do_set_enquiries_address

    do_set_enquiries_address(fernley, address="enquiries@fernley.example", acting_user=None)
    form = {"name": hollowmere.council.name, "nation": "england", "follow_up_working_days": "10"}
    taken = clerk_client.post(
        reverse("setup:council"),
        {
            **form,
            "name": "Hollowmere Town Council",
            "enquiries_address": "enquiries@fernley.example",
        },
    )
    assert taken.status_code == 200
    assert "Another council on this installation uses that address" in taken.content.decode()
    hollowmere.council.refresh_from_db()
    assert hollowmere.council.name == "Hollowmere Parish Council"  # neither change was kept
    done = clerk_client.post(
        reverse("setup:council"), {**form, "enquiries_address": "Enquiries@Hollowmere.example"}
    )
    assert done.status_code == 302
    hollowmere.council.refresh_from_db()
    assert hollowmere.council.enquiries_address == "enquiries@hollowmere.example"
    assert AuditEvent.unscoped.filter(
        council=hollowmere.council, action="council.enquiries_address_set"
    ).exists()


def test_the_rulebook_page_previews_diffs_and_adopts(
    clerk_client: Client, hollowmere: Hollowmere
) -> None:
    page = clerk_client.get(reverse("setup:rulebook"), {"rulebook": "ludlow"}).content.decode()
    assert "What changes from acses-town" in page
    assert rulebook("ludlow").title in page
    first_clause = next(iter(rulebook("ludlow").clauses))
    assert first_clause in page
    response = clerk_client.post(reverse("setup:rulebook"), {"rulebook": "ludlow", "reasons": ""})
    assert "Say why the rulebook changes" in response.content.decode()
    response = clerk_client.post(
        reverse("setup:rulebook"), {"rulebook": "ludlow", "reasons": "Minute 87"}
    )
    assert response.status_code == 302
    page = clerk_client.get(reverse("setup:rulebook")).content.decode()
    assert "Minute 87" in page and "acses-town" in page


def test_previewing_no_rulebook_or_an_unknown_one_is_an_error_in_the_summary(
    clerk_client: Client,
) -> None:
    """ "Preview it" with nothing chosen showed the page again without a word; an unknown
    name gave a bare red line outside any error summary or form group."""
    for chosen, message in (
        ("", "Choose a rulebook to preview"),
        ("no-such-book", "There is no other rulebook of that name in the library"),
    ):
        page = clerk_client.get(reverse("setup:rulebook"), {"rulebook": chosen}).content.decode()
        assert "govuk-error-summary" in page and f'href="#preview-rulebook">{message}' in page
        assert "govuk-form-group govuk-form-group--error" in page
        assert 'id="preview-rulebook-error"' in page
        assert "<title>Error: " in page
    plain = clerk_client.get(reverse("setup:rulebook")).content.decode()
    assert "govuk-error-summary" not in plain


def test_adding_a_person_through_the_page(clerk_client: Client, hollowmere: Hollowmere) -> None:
    response = clerk_client.post(
        reverse("setup:person_new"),
        {"full_name": "Owen Officer", "email": "owen@hollowmere.example", "kind": "officer"},
    )
    page = response.content.decode()
    assert "Choose the officer&#x27;s post" in page or "Choose the officer's post" in page
    assert 'value="Owen Officer"' in page
    response = clerk_client.post(
        reverse("setup:person_new"),
        {
            "full_name": "Owen Officer",
            "email": "owen@hollowmere.example",
            "kind": "officer",
            "officer_role": "staff",
            "job_title": "Assistant Clerk",
            "line_manager": str(hollowmere.clerk.pk),
            "starts_on": "2026-11-02",
        },
    )
    assert response.status_code == 302
    owen = Person.objects.for_council(hollowmere.council).get(email="owen@hollowmere.example")
    page = clerk_client.get(reverse("setup:people")).content.decode()
    assert "Member of staff (Assistant Clerk)" in page
    page = clerk_client.get(reverse("setup:person", args=[owen.pk])).content.decode()
    assert "Line manager: Clara Clerk" in page
    # The role form offers only what a parish council has.
    assert 'value="chief_executive"' not in page
    assert 'value="proper_officer"' in page


def test_the_people_list_is_paged(clerk_client: Client, hollowmere: Hollowmere) -> None:
    for n in range(55):
        f.make_person(hollowmere.council, Role.COUNCILLOR, name=f"Zed Member {n:02d}")
    first = clerk_client.get(reverse("setup:people")).content.decode()
    assert "govuk-pagination" in first and "Zed Member 54" not in first
    second = clerk_client.get(reverse("setup:people"), {"page": 2}).content.decode()
    assert "Zed Member 54" in second


def test_bodies_pages_add_rename_and_refuse_a_duplicate(
    clerk_client: Client, hollowmere: Hollowmere
) -> None:
    response = clerk_client.post(reverse("setup:bodies", args=["wards"]), {"name": "Millbrook"})
    assert response.status_code == 302
    # A ward's name reads "Millbrook ward" in lists: the message says "ward" once.
    added = clerk_client.get(response["Location"]).content.decode()
    assert "You added the ward Millbrook." in added and "Millbrook ward ward" not in added
    response = clerk_client.post(reverse("setup:bodies", args=["wards"]), {"name": "Millbrook "})
    assert "The council already has a ward called Millbrook." in response.content.decode()
    assert 'value="Millbrook "' in response.content.decode()
    page = clerk_client.get(
        reverse("setup:body", args=["committees", hollowmere.planning.pk])
    ).content.decode()
    assert "Charles Chair" in page


def test_a_body_is_closed_on_or_after_its_last_day(
    clerk_client: Client, hollowmere: Hollowmere
) -> None:
    """A last day still to come would make the committee "Closed" everywhere at once (gone
    from the role and document pickers, its status, the governance committee's choice)
    while it still meets: the Clerk closes it on or after that day."""
    h = hollowmere
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = clerk_client.post(
        reverse("setup:body_close", args=["committees", h.planning.pk]),
        {"closed_on": tomorrow.isoformat()},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Close it on its last day or later: that day has not come yet." in page
    h.planning.refresh_from_db()
    assert h.planning.closed_on is None
    with pytest.raises(ValidationError):
        do_close_body(h.planning, closed_on=tomorrow, acting_user=h.clerk)
    do_close_body(h.planning, closed_on=timezone.localdate(), acting_user=h.clerk)


def test_a_name_differing_only_in_capitals_is_the_same_body(
    clerk_client: Client, hollowmere: Hollowmere
) -> None:
    """ "planning committee" beside "Planning Committee" would be two committees in every
    picker that people could not tell apart: adding or renaming to it is refused."""
    h = hollowmere
    response = clerk_client.post(
        reverse("setup:bodies", args=["committees"]), {"name": h.planning.name.lower()}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"The council already has a committee called {h.planning.name}." in page
    assert f'value="{h.planning.name.lower()}"' in page
    other = do_create_committee(h.council, name="Finance Committee", acting_user=h.clerk)
    with pytest.raises(ValidationError) as refused:
        do_rename_body(other, name=h.planning.name.upper(), acting_user=h.clerk)
    assert refused.value.message_dict["name"] == [
        f"The council already has a committee called {h.planning.name}."
    ]
    # Its own name in other capitals is a rename, not a clash.
    do_rename_body(h.planning, name=h.planning.name.upper(), acting_user=h.clerk)


# --- the API ---------------------------------------------------------------------------


def _bearer(person: Person) -> dict[str, str]:
    from propriety.people.actions import do_create_api_token

    _, key = do_create_api_token(person, name="test", acting_user=person)
    return {"authorization": f"Bearer {key}"}


def test_the_api_adopts_a_rulebook_and_shows_the_history(hollowmere: Hollowmere) -> None:
    client = Client()
    headers = _bearer(hollowmere.clerk)
    response = client.post(
        "/api/v1/council/rulebook",
        data={"rulebook": "ludlow", "reasons": "Full Council, minute 87"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["rulebook"] == "ludlow"
    assert [p["rulebook"] for p in body["rulebook_history"]] == ["acses-town", "ludlow"]
    assert body["rulebook_history"][1]["reasons"] == "Full Council, minute 87"
    assert body["rulebook_history"][1]["version"] == rulebook("ludlow").version


def test_the_api_adds_a_person_and_gives_a_role(hollowmere: Hollowmere) -> None:
    client = Client()
    headers = _bearer(hollowmere.clerk)
    response = client.post(
        "/api/v1/people",
        data={
            "email": "pat@hollowmere.example",
            "full_name": "Pat Post",
            "role": "staff",
            "starts_on": "2026-11-02",
            "job_title": "Assistant Clerk",
            "line_manager_id": hollowmere.clerk.pk,
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    person = response.json()
    assert person["roles"][0]["job_title"] == "Assistant Clerk"
    assert person["roles"][0]["line_manager"]["name"] == "Clara Clerk"
    response = client.post(
        f"/api/v1/roles/{person['roles'][0]['id']}/end",
        data={"ends_on": "2026-12-31"},
        content_type="application/json",
        headers=headers,
    )
    assert response.json()["ends_on"] == "2026-12-31"


def test_set_up_changes_decide_on_the_row_as_it_is_now(hollowmere: Hollowmere) -> None:
    """Two Clerks' tabs: the second acts on a stale copy; the lock re-reads it first."""
    from propriety.councils.models import Committee

    stale = Committee.objects.for_council(hollowmere.council).get(pk=hollowmere.planning.pk)
    do_close_body(hollowmere.planning, closed_on=TODAY, acting_user=hollowmere.clerk)
    assert stale.closed_on is None
    with pytest.raises(ValidationError):
        do_close_body(stale, closed_on=TODAY, acting_user=hollowmere.clerk)
    council_tab = Council.objects.get(pk=hollowmere.council.pk)
    do_change_council_rulebook(hollowmere.council, rulebook="ludlow", acting_user=hollowmere.clerk)
    with pytest.raises(ValidationError):
        # The other tab still thinks acses-town is in force; ludlow is, so it is refused.
        do_change_council_rulebook(council_tab, rulebook="ludlow", acting_user=hollowmere.clerk)


def test_officers_are_offered_with_their_job_titles(hollowmere: Hollowmere) -> None:
    from propriety.enquiries.forms import OfficerChoiceField

    do_add_role(
        hollowmere.officer_junior,
        role=Role.STAFF,
        starts_on=TODAY,
        job_title="Facilities Officer",
        acting_user=None,
    )
    assert hollowmere.officer_junior.name_and_post() == "Jo Junior, Facilities Officer"
    field = OfficerChoiceField([hollowmere.officer_junior], blank="Choose")
    assert (str(hollowmere.officer_junior.pk), "Jo Junior, Facilities Officer") in field.choices


def test_an_empty_upload_says_what_is_missing(clerk_client: Client) -> None:
    for name, message in (
        ("setup:people_import", "Choose the CSV file to import"),
        ("documents:import", "Choose the CSV file of documents"),
        ("documents:new", "Enter the document&#x27;s title"),
    ):
        page = clerk_client.post(reverse(name), {}).content.decode()
        assert message in page or message.replace("&#x27;", "'") in page, name
