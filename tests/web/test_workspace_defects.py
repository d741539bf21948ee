"""The defects and dead ends found trying the workspace as a new user, each pinned down."""

from __future__ import annotations

import datetime
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.enquiries.actions import EnquiryRefused, do_submit_enquiry
from propriety.press.actions import do_draft_press_release, do_record_election
from propriety.press.models import PressRelease

from . import factories as f
from .conftest import Hollowmere


def _client(person: object) -> Client:
    client = Client()
    client.force_login(person)  # type: ignore[arg-type]
    return client


def test_a_blocked_release_can_be_changed_resubmitted_or_withdrawn(hollowmere: Hollowmere) -> None:
    h = hollowmere
    today = timezone.localdate()
    do_record_election(
        h.council,
        title="Parish elections",
        notice_of_election=today - datetime.timedelta(days=3),
        polling_day=today + datetime.timedelta(days=30),
        acting_user=h.clerk,
    )
    release = do_draft_press_release(
        h.officer_junior,
        title="Play area",
        body="Vote for us",
        promotes_party_group=True,
        acting_user=h.officer_junior,
    )
    officer = _client(h.officer_junior)
    page = officer.post(reverse("press:submit", args=[release.pk]), follow=True).content.decode()
    release.refresh_from_db()
    assert release.status == PressRelease.Status.BLOCKED
    assert "Change it and submit it again, or withdraw it." in page
    assert reverse("press:edit", args=[release.pk]) in page
    assert reverse("press:withdraw", args=[release.pk]) in page
    # Change it (no party promotion now) and submit again: the protocol is asked afresh.
    edited = officer.post(
        reverse("press:edit", args=[release.pk]),
        {
            "kind": "release",
            "title": "Play area",
            "body": "The play area reopens on Monday.",
            "on_behalf_of_council": "yes",
        },
    )
    assert edited.status_code == 302
    officer.post(reverse("press:submit", args=[release.pk]))
    release.refresh_from_db()
    assert release.status == PressRelease.Status.AWAITING_APPROVAL
    page = officer.get(reverse("press:detail", args=[release.pk])).content.decode()
    # Waiting: the approver is "to approve", not yet "Approved by".
    assert "To be approved by" in page and "Approved by" not in page
    # Withdraw needs confirming.
    unconfirmed = officer.post(reverse("press:withdraw", args=[release.pk]), {"reason": "Late"})
    assert "Confirm that you want to withdraw the release" in unconfirmed.content.decode()
    release.refresh_from_db()
    assert release.status == PressRelease.Status.AWAITING_APPROVAL
    officer.post(reverse("press:withdraw", args=[release.pk]), {"reason": "Late", "confirm": "on"})
    release.refresh_from_db()
    assert release.status == PressRelease.Status.WITHDRAWN
    page = officer.get(reverse("press:detail", args=[release.pk])).content.decode()
    assert "withdrew the release (it was waiting for approval): Late" in page
    assert reverse("press:withdraw", args=[release.pk]) not in page
    # Nobody else withdraws it.
    other = do_draft_press_release(h.cllr_ward, title="T", body="B", acting_user=h.cllr_ward)
    assert (
        _client(h.clerk)
        .post(reverse("press:withdraw", args=[other.pk]), {"confirm": "on"})
        .status_code
        == 403
    )


def test_a_town_council_is_not_offered_a_chief_executive(hollowmere: Hollowmere) -> None:
    page = _client(hollowmere.cllr_ward).get(reverse("enquiries:new")).content.decode()
    assert "Chief Executive" not in page and "A Chief Officer" not in page
    assert "The manager of the service concerned" not in page
    assert "Another officer" in page and "(Proper Officer)" in page


def test_a_district_council_is_offered_its_chief_officers(db: None) -> None:
    council = f.make_council(
        "Wexcombe District Council", rulebook="part5-district", kind="principal"
    )
    member = f.make_person(council, "councillor", name="Dee District")
    page = _client(member).get(reverse("enquiries:new")).content.decode()
    assert "The Chief Executive" in page and "A Chief Officer" in page


def test_an_instruction_to_the_clerk_is_not_sent_back_to_the_clerk(hollowmere: Hollowmere) -> None:
    h = hollowmere
    try:
        do_submit_enquiry(
            h.cllr_ward,
            subject="Cut the hedge",
            body="Please get the hedge cut.",
            kind="instruction",
            addressed_to="proper_officer",
            acting_user=h.cllr_ward,
        )
    except EnquiryRefused as refused:
        advice = refused.proper_route
    else:
        raise AssertionError("an individual member's instruction is refused")
    assert "council or the committee concerned" in advice
    assert not re.search(r"Raise the matter with", advice)


def test_withdrawing_an_enquiry_needs_confirmation(hollowmere: Hollowmere) -> None:
    h = hollowmere
    enquiry = do_submit_enquiry(
        h.cllr_ward,
        subject="Bins",
        body="When are the bins emptied?",
        kind="information",
        addressed_to="proper_officer",
        acting_user=h.cllr_ward,
    )
    member = _client(h.cllr_ward)
    page = member.get(reverse("enquiries:detail", args=[enquiry.pk])).content.decode()
    assert f"Yes, withdraw {enquiry.reference}" in page
    member.post(reverse("enquiries:withdraw", args=[enquiry.pk]), {"reason": ""})
    enquiry.refresh_from_db()
    assert enquiry.is_open


def test_a_dispute_cannot_release_what_the_protocol_refuses(hollowmere: Hollowmere) -> None:
    """acses-town §10.3(b): exempt papers are not for a member who is not on the committee."""
    from propriety.documents.models import AccessRequest
    from propriety.documents.requests import do_raise_dispute, do_request_access

    h = hollowmere
    exempt = f.make_document(h.council, "exempt", exempt_category=3, committee=h.planning)
    request = do_request_access(
        h.cllr_ward, exempt, purpose="Ward casework", acting_user=h.cllr_ward
    )
    assert request.status == AccessRequest.Status.REFUSED
    do_raise_dispute(request, grounds="I need it.", acting_user=h.cllr_ward)
    clerk = _client(h.clerk)
    page = clerk.get(reverse("documents:request", args=[request.pk])).content.decode()
    assert "What the protocol says about the request:" in page
    assert "It cannot be released on a dispute" in page and "§10.3(b)" in page
    response = clerk.post(
        reverse("documents:dispute_decide", args=[request.pk]),
        {"grant": "grant", "reasons": "I think it is fine."},
    )
    assert response.status_code == 200
    assert "The protocol refuses access to this (§10.3, §10.3(b))" in response.content.decode()
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.REFUSED
    # Upholding is open, and the dispute no longer says it is at the "Raised" stage.
    clerk.post(
        reverse("documents:dispute_decide", args=[request.pk]),
        {"grant": "uphold", "reasons": "Exempt information."},
    )
    page = clerk.get(reverse("documents:request", args=[request.pk])).content.decode()
    assert "Refusal upheld" in page
    assert ">Raised<" not in page.replace("\n", "").replace("  ", "")


def test_where_the_protocol_leaves_discretion_a_release_records_its_reasons(
    hollowmere: Hollowmere,
) -> None:
    from propriety.documents.models import AccessRequest
    from propriety.documents.requests import (
        do_determine_access_request,
        do_raise_dispute,
        do_request_access,
    )

    h = hollowmere
    paper = f.make_document(h.council, "committee", committee=h.planning)
    request = do_request_access(
        h.cllr_ward, paper, purpose="Ward casework", acting_user=h.cllr_ward
    )
    do_determine_access_request(
        request, release=False, reasons="No need shown.", acting_user=h.clerk
    )
    do_raise_dispute(request, grounds="The site is in my ward.", acting_user=h.cllr_ward)
    clerk = _client(h.clerk)
    assert (
        "The protocol leaves this to judgment"
        in clerk.get(reverse("documents:request", args=[request.pk])).content.decode()
    )
    clerk.post(
        reverse("documents:dispute_decide", args=[request.pk]),
        {"grant": "grant", "reasons": "The site is in her ward."},
    )
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.RELEASED
    page = (
        _client(h.cllr_ward).get(reverse("documents:request", args=[request.pk])).content.decode()
    )
    assert "On dispute: The site is in her ward." in page


def test_the_demo_history_is_stamped_with_the_days_it_happened(db: None) -> None:
    from propriety.audit.timeline import timeline_for
    from propriety.enquiries.models import Enquiry
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    old = (
        Enquiry.objects.for_council(council)
        .filter(received_on__lt=timezone.localdate() - datetime.timedelta(days=7))
        .first()
    )
    assert old is not None
    first = timeline_for(old)[0]
    assert timezone.localtime(first.event.occurred_at).date() == old.received_on
    # Outside the demo, events are stamped now, whatever day the action is told.
    late = do_submit_enquiry(
        old.member,
        subject="Now",
        body="Today.",
        kind="information",
        addressed_to="proper_officer",
        today=timezone.localdate() - datetime.timedelta(days=30),
        acting_user=old.member,
    )
    assert timezone.localtime(timeline_for(late)[0].event.occurred_at).date() == (
        timezone.localdate()
    )


def test_the_demo_names_its_district_council_apart_from_the_town(db: None) -> None:
    from propriety.web.demo import demo_sign_ins, load_demo

    council, _ = load_demo()
    assert "Kestrelford District" not in council.principal_council_name
    assert all("Kestrelford District" not in s.role for s in demo_sign_ins())


def test_a_release_timeline_names_each_clause_once(hollowmere: Hollowmere) -> None:
    from propriety.audit.timeline import timeline_for
    from propriety.press.actions import do_submit_press_release

    h = hollowmere
    release = do_draft_press_release(h.cllr_ward, title="T", body="B", acting_user=h.cllr_ward)
    do_submit_press_release(release, acting_user=h.cllr_ward)
    submitted = timeline_for(release)[-1]
    assert submitted.clauses
    # The clauses are listed with the entry, not repeated inside its sentence.
    assert not any(clause in submitted.says for clause in submitted.clauses)


def test_a_page_lists_a_clause_two_provisions_cite_once() -> None:
    from propriety.web.templatetags.propriety_clauses import each_clause_once

    twice = [
        {"rulebook": "ludlow", "clause": "§4.5.2", "provision": "concern.route"},
        {"rulebook": "ludlow", "clause": "§4.5.2", "provision": "concern.handler"},
        {"rulebook": "ludlow", "clause": "§4.6", "provision": "concern.handler"},
    ]
    assert [c["clause"] for c in each_clause_once(twice)] == ["§4.5.2", "§4.6"]


def test_officers_are_listed_with_their_job_titles_where_known(hollowmere: Hollowmere) -> None:
    from propriety.people.actions import do_assign_role, do_create_person

    h = hollowmere
    titled = do_create_person(
        h.council,
        email="pat@hollowmere.example",
        full_name="Pat Planner",
        password=None,
        job_title="Planning Officer",
        acting_user=None,
    )
    do_assign_role(titled, role="staff", starts_on=datetime.date(2020, 1, 1), acting_user=None)
    enquiry = do_submit_enquiry(
        h.cllr_ward,
        subject="Hedges",
        body="Who cuts them?",
        kind="information",
        addressed_to="proper_officer",
        acting_user=h.cllr_ward,
    )
    page = _client(h.clerk).get(reverse("enquiries:detail", args=[enquiry.pk])).content.decode()
    assert ">Pat Planner, Planning Officer</option>" in page
    assert ">Jo Junior</option>" in page  # no title known: the name alone
