"""The Clerk sends an invitation from a person's set-up page: to someone added without
one, or whose link has expired (the "link does not work" page tells them to ask their
Clerk for a new one)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.people.accounts import SetPasswordLink
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.people.setup_actions import (
    do_add_person,
    do_disable_person_by_clerk,
    do_invite_person_by_clerk,
)

from .conftest import Hollowmere


@pytest.fixture
def clerk_client(hollowmere: Hollowmere) -> Client:
    client = Client()
    client.force_login(hollowmere.clerk)
    return client


def _added_without_invitation(h: Hollowmere) -> Person:
    return do_add_person(
        h.council,
        email="nia.new@hollowmere.example",
        full_name="Nia New",
        role=Role.COUNCILLOR,
        starts_on=timezone.localdate(),
        invite=False,
        acting_user=h.clerk,
    )


def test_the_clerk_invites_someone_added_without_an_invitation(
    clerk_client: Client, hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    h = hollowmere
    nia = _added_without_invitation(h)
    page = clerk_client.get(reverse("setup:person", args=[nia.pk])).content.decode()
    assert "Not signed in yet" in page and "No invitation has been sent." in page
    assert "Send an invitation" in page
    url = reverse("setup:person_invite", args=[nia.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(url)
    assert response.status_code == 302 and response.url == reverse("setup:person", args=[nia.pk])
    [sent] = [m for m in mail.outbox if m.to == ["nia.new@hollowmere.example"]]
    assert "/account/set-password/" in sent.body
    event = AuditEvent.objects.for_council(h.council).latest("pk")
    assert (event.action, event.actor, event.object_id) == ("person.invited", h.clerk, str(nia.pk))
    page = clerk_client.get(response.url).content.decode()
    assert "We emailed nia.new@hollowmere.example an invitation" in page
    link = SetPasswordLink.objects.get(account=nia.account, closed_at__isnull=True)
    expires = timezone.localtime(link.expires_at).date()
    assert f"Invited on {timezone.localdate().day} " in page
    assert f"The link works until {expires.day} {expires:%B %Y} at " in page
    assert "Send a new invitation" in page


def test_a_new_invitation_replaces_an_expired_one(
    clerk_client: Client, hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    h = hollowmere
    nia = _added_without_invitation(h)
    with django_capture_on_commit_callbacks(execute=True):
        do_invite_person_by_clerk(nia, acting_user=h.clerk)
    SetPasswordLink.objects.filter(account=nia.account).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = clerk_client.get(reverse("setup:person", args=[nia.pk])).content.decode()
    assert "The link has expired." in page and "Send a new invitation" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        clerk_client.post(reverse("setup:person_invite", args=[nia.pk]))
    assert [m.to for m in mail.outbox] == [["nia.new@hollowmere.example"]]
    assert SetPasswordLink.objects.filter(account=nia.account, closed_at__isnull=True).count() == 1


def test_no_invitation_for_someone_with_a_password_or_disabled(
    clerk_client: Client, hollowmere: Hollowmere
) -> None:
    h = hollowmere
    # The ward councillor already signs in: the page offers no invitation, and a post says why.
    page = clerk_client.get(reverse("setup:person", args=[h.cllr_ward.pk])).content.decode()
    assert "Send an invitation" not in page and "Send a new invitation" not in page
    response = clerk_client.post(reverse("setup:person_invite", args=[h.cllr_ward.pk]))
    assert response.status_code == 302
    page = clerk_client.get(response.url).content.decode()
    assert "already set a password" in page and "Forgotten your password?" in page
    with pytest.raises(ValidationError):
        do_invite_person_by_clerk(h.cllr_ward, acting_user=h.clerk)
    nia = _added_without_invitation(h)
    do_disable_person_by_clerk(nia, acting_user=h.clerk)
    nia.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        do_invite_person_by_clerk(nia, acting_user=h.clerk)
    assert "disabled" in " ".join(refused.value.messages)
    with pytest.raises(PermissionDenied):
        do_invite_person_by_clerk(nia, acting_user=h.cllr_chair)


def test_set_up_refusals_give_dates_in_words(clerk_client: Client, hollowmere: Hollowmere) -> None:
    """Ending a role before it started, or giving a seat on a closed committee, is refused
    with the date as the Clerk reads it ("1 May 2026"), not as the database keeps it."""
    from propriety.councils.actions import do_close_body
    from propriety.people.setup_actions import do_add_role

    h = hollowmere
    nia = do_add_person(
        h.council,
        email="nia.new@hollowmere.example",
        full_name="Nia New",
        role=Role.COUNCILLOR,
        starts_on=datetime.date(2026, 5, 1),
        invite=False,
        acting_user=h.clerk,
    )
    role = nia.role_assignments.get()
    page = clerk_client.post(
        reverse("setup:role_end", args=[role.pk]), {"ends_on": "2026-04-30"}
    ).content.decode()
    assert "The role started on 1 May 2026: end it then or later." in page
    assert "2026-05-01" not in page
    do_close_body(h.planning, closed_on=datetime.date(2026, 6, 30), acting_user=h.clerk)
    with pytest.raises(ValidationError) as refused:
        do_add_role(
            nia,
            role=Role.COMMITTEE_MEMBER,
            committee=h.planning,
            starts_on=datetime.date(2026, 7, 1),
            acting_user=h.clerk,
        )
    assert refused.value.message_dict["committee"] == [
        f"{h.planning} closed on 30 June 2026: choose another."
    ]
