"""Access ends at once: term ended or person disabled means signed out on the next request."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.people.actions import do_disable_person, do_end_role
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere


def _signed_in(email: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": email, "password": f.PASSWORD})
    assert response.status_code == 302, response.content
    assert client.get(reverse("home")).status_code == 200
    return client


def test_a_councillor_whose_term_ends_is_signed_out_on_the_next_request(
    hollowmere: Hollowmere,
) -> None:
    client = _signed_in(hollowmere.cllr_ward.email)
    term = hollowmere.cllr_ward.role_assignments.get(role=Role.COUNCILLOR)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    do_end_role(term, ends_on=yesterday, acting_user=hollowmere.clerk)

    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Your access has ended: you hold no role at Hollowmere Parish Council" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert (
        AuditEvent.objects.for_council(hollowmere.council)
        .filter(action="person.access_ended", object_id=str(hollowmere.cllr_ward.pk))
        .exists()
    )
    # Still out on the request after that.
    assert client.get(reverse("home")).status_code == 302


def test_disabling_a_person_ends_their_session_in_another_client(hollowmere: Hollowmere) -> None:
    elsewhere = _signed_in(hollowmere.officer_junior.email)
    do_disable_person(hollowmere.officer_junior, acting_user=hollowmere.clerk)

    response = elsewhere.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Your access has ended" in response.content.decode()
    assert "_auth_user_id" not in elsewhere.session


def test_a_disabled_person_cannot_sign_in(hollowmere: Hollowmere) -> None:
    do_disable_person(hollowmere.officer_junior, acting_user=hollowmere.clerk)
    response = Client().post(
        reverse("login"), {"username": hollowmere.officer_junior.email, "password": f.PASSWORD}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_other_sessions_of_other_people_are_untouched(hollowmere: Hollowmere) -> None:
    clerk = _signed_in(hollowmere.clerk.email)
    do_disable_person(hollowmere.officer_junior, acting_user=hollowmere.clerk)
    assert clerk.get(reverse("home")).status_code == 200
