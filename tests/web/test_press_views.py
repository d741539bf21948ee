"""The press pages through HTTP, per role, and the demo council's press records."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.press.actions import do_draft_press_release, do_record_election
from propriety.press.models import MediaInterest, PressRelease, Spokesperson

from .conftest import Hollowmere


def _client(person: object) -> Client:
    client = Client()
    client.force_login(person)  # type: ignore[arg-type]
    return client


def test_a_members_release_from_draft_to_published(hollowmere: Hollowmere) -> None:
    h = hollowmere
    member = _client(h.cllr_ward)
    response = member.post(
        reverse("press:new"),
        {
            "kind": "release",
            "title": "Brookside flood fund",
            "body": "The council has set up a fund.",
            "on_behalf_of_council": "yes",
        },
    )
    release = PressRelease.objects.for_council(h.council).get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "press:detail", args=[release.pk]
    )
    assert release.drafter_role == "councillor"
    response = member.post(reverse("press:submit", args=[release.pk]), follow=True)
    page = response.content.decode()
    assert "Sent to the Town Clerk to approve." in page
    assert "§11.5(c)" in page
    # The Town Clerk sees the approver's form with the clauses; the chair cannot see it.
    clerk = _client(h.clerk)
    page = clerk.get(reverse("press:detail", args=[release.pk])).content.decode()
    assert "Approve or send back" in page and "§11.5" in page
    assert _client(h.cllr_chair).get(reverse("press:detail", args=[release.pk])).status_code == 404
    assert (
        clerk.post(reverse("press:approve", args=[release.pk]), {"reasons": ""}).status_code == 302
    )
    release.refresh_from_db()
    assert release.status == PressRelease.Status.APPROVED
    assert member.post(reverse("press:publish", args=[release.pk])).status_code == 302
    release.refresh_from_db()
    assert release.status == PressRelease.Status.PUBLISHED
    # Published: everyone of the council sees it.
    page = _client(h.cllr_chair).get(reverse("press:detail", args=[release.pk])).content.decode()
    assert "Brookside flood fund" in page and "History" in page


def test_an_empty_form_shows_the_error_summary(hollowmere: Hollowmere) -> None:
    page = _client(hollowmere.cllr_ward).post(reverse("press:new"), {}).content.decode()
    assert "There is a problem" in page
    assert "Enter a title for the release." in page


def test_sending_back_needs_reasons(hollowmere: Hollowmere) -> None:
    h = hollowmere
    release = do_draft_press_release(h.cllr_ward, title="T", body="B", acting_user=h.cllr_ward)
    _client(h.cllr_ward).post(reverse("press:submit", args=[release.pk]))
    page = _client(h.clerk).post(reverse("press:send_back", args=[release.pk]), {}).content.decode()
    assert "Say why you are sending it back." in page


def test_blocked_in_the_pre_election_period(hollowmere: Hollowmere) -> None:
    h = hollowmere
    today = timezone.localdate()
    do_record_election(
        h.council,
        title="Parish elections",
        notice_of_election=today - datetime.timedelta(days=3),
        polling_day=today + datetime.timedelta(days=30),
        acting_user=h.clerk,
    )
    officer = _client(h.officer_junior)
    assert (
        "pre-election period for Parish elections"
        in officer.get(reverse("press:list")).content.decode()
    )
    release = do_draft_press_release(
        h.officer_junior,
        title="T",
        body="Vote for us",
        promotes_party_group=True,
        acting_user=h.officer_junior,
    )
    page = officer.post(reverse("press:submit", args=[release.pk]), follow=True).content.decode()
    assert "does not allow this release to go" in page
    assert "Pre-election period" in page and "§11.2" in page and "§11.1" in page
    assert (
        "Approve or send back"
        not in _client(h.clerk).get(reverse("press:detail", args=[release.pk])).content.decode()
    )


def test_the_political_hint_is_shown_to_the_approver(hollowmere: Hollowmere) -> None:
    h = hollowmere
    release = do_draft_press_release(
        h.officer_junior,
        title="Budget",
        body="The opposition voted against it.",
        acting_user=h.officer_junior,
    )
    _client(h.officer_junior).post(reverse("press:submit", args=[release.pk]))
    page = _client(h.clerk).get(reverse("press:detail", args=[release.pk])).content.decode()
    assert "may stray into political opinion" in page and "the opposition" in page


def test_register_elections_and_media_pages(hollowmere: Hollowmere) -> None:
    h = hollowmere
    clerk = _client(h.clerk)
    page = clerk.get(reverse("press:spokespeople")).content.decode()
    assert "Charles Chair: Chair of the council" in page
    assert "Charles Chair: Chair of the Planning Committee" in page
    response = clerk.post(
        reverse("press:appoint"),
        {
            "person": h.cllr_ward.pk,
            "basis": "resolution",
            "resolution_reference": "PC 2027/4",
            "resolved_on": "2027-01-11",
            "scope": "Flooding",
        },
    )
    assert response.status_code == 302
    assert Spokesperson.objects.for_council(h.council).get().person == h.cllr_ward
    response = clerk.post(
        reverse("press:election_new"),
        {"title": "Elections", "notice_of_election": "2027-03-22", "polling_day": "2027-03-01"},
    )
    assert "Polling day must be on or after the notice of election." in response.content.decode()
    # A member speaking to the media states their capacity; the protocol answers with clauses.
    member = _client(h.cllr_ward)
    response = member.post(
        reverse("press:media_contact_new"),
        {"capacity": "ward_member", "outlet": "Gazette", "topic": "Floods"},
        follow=True,
    )
    page = response.content.decode()
    assert "You may speak" in page and "§11.5(a)" in page
    # An officer records media interest; the ward councillor is told and can see it.
    response = _client(h.officer_junior).post(
        reverse("press:media_interest_new"),
        {"matter": "Flooding", "ward": h.brookside.pk},
    )
    record = MediaInterest.objects.for_council(h.council).get()
    assert response.status_code == 302
    page = member.get(reverse("press:media_interest", args=[record.pk])).content.decode()
    assert "Wendy Ward" in page and "§11.3" in page


def test_the_demo_has_press_records_in_every_state(db: None) -> None:
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    load_demo()
    statuses = set(PressRelease.objects.for_council(council).values_list("status", flat=True))
    assert statuses == set(PressRelease.Status.values)
    blocked = PressRelease.objects.for_council(council).get(status="blocked")
    assert blocked.pre_election
    assert PressRelease.objects.for_council(council).count() == 8
    assert any(
        r.political_suggestions and r.drafter_role == "officer"
        for r in PressRelease.objects.for_council(council)
    )
    record = MediaInterest.objects.for_council(council).get()
    assert record.members_told.count() == 4
    entries = Spokesperson.objects.for_council(council)
    assert entries.count() == 3
    assert entries.filter(ends_on__isnull=False).count() == 1  # the register's "Ended" list
