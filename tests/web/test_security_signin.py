"""Sign-in protection: lockout per account and per address, failures recorded, the person
told by email, and password rules (12+ characters, not common, not like the person)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from . import factories as f
from .conftest import Hollowmere

LIMIT = settings.AXES_FAILURE_LIMIT


def _sign_in(client: Client, email: str, password: str, address: str = "192.0.2.10") -> int:
    response = client.post(
        "/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=address
    )
    return response.status_code


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(
    hollowmere: Hollowmere,
) -> None:
    client = Client()
    email = hollowmere.clerk.email
    for n in range(LIMIT - 1):
        assert _sign_in(client, email, f"wrong-{n}") == 200  # the form again, with its error
    assert _sign_in(client, email, "wrong-last") == 429
    # The right password no longer helps, from this address or any other.
    assert _sign_in(client, email, f.PASSWORD) == 429
    response = client.post(
        "/sign-in/", {"username": email, "password": f.PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Signing in is paused" in html
    assert f"paused for {settings.AXES_COOLOFF_TIME.total_seconds() // 60:.0f} minutes" in html
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_are_recorded_and_the_person_is_emailed(hollowmere: Hollowmere) -> None:
    client = Client()
    email = hollowmere.clerk.email
    for n in range(LIMIT):
        _sign_in(client, email, f"wrong-{n}")
    attempt = AccessAttempt.objects.get(username=email)
    assert attempt.failures_since_start >= LIMIT
    assert attempt.ip_address == "192.0.2.10"
    assert AccessFailureLog.objects.filter(username=email).count() == LIMIT
    (message,) = [m for m in mail.outbox if email in m.to]
    assert "paused" in message.subject
    assert "192.0.2.10" in message.body
    assert f"{LIMIT} times" in message.body


def test_an_unknown_address_is_locked_too_and_nobody_is_emailed(db: None) -> None:
    client = Client()
    for n in range(LIMIT):
        _sign_in(client, "nobody@nowhere.example", f"guess-{n}")
    assert _sign_in(client, "nobody@nowhere.example", "guess") == 429
    assert mail.outbox == []


def test_one_address_trying_many_accounts_is_locked(hollowmere: Hollowmere) -> None:
    client = Client()
    emails = [
        hollowmere.clerk.email,
        hollowmere.cllr_chair.email,
        hollowmere.cllr_ward.email,
        hollowmere.officer_junior.email,
        hollowmere.monitoring_officer.email,
        "someone@else.example",
    ]
    for n in range(LIMIT):
        _sign_in(client, emails[n % len(emails)], "Password123!", address="203.0.113.5")
    # The sixth person's right password from that address is refused; elsewhere it works.
    assert _sign_in(client, hollowmere.officer_junior.email, f.PASSWORD, "203.0.113.5") == 429
    assert _sign_in(client, hollowmere.officer_junior.email, f.PASSWORD, "192.0.2.99") == 302


def test_a_successful_sign_in_clears_earlier_failures(hollowmere: Hollowmere) -> None:
    client = Client()
    email = hollowmere.cllr_ward.email
    for n in range(LIMIT - 1):
        _sign_in(client, email, f"wrong-{n}")
    assert _sign_in(client, email, f.PASSWORD) == 302
    client.logout()
    for n in range(LIMIT - 1):
        assert _sign_in(client, email, f"again-{n}") == 200


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("Short1!pass", "at least 12 characters"),
        ("password1234", "too common"),
        ("wendyward2026", "too similar"),
        ("918273645546372", "entirely numeric"),
    ],
)
def test_passwords_must_be_long_uncommon_and_unlike_the_person(
    hollowmere: Hollowmere, password: str, why: str
) -> None:
    with pytest.raises(ValidationError) as error:
        validate_password(password, user=hollowmere.cllr_ward)
    assert why in " ".join(error.value.messages)


def test_a_long_unusual_password_is_accepted(hollowmere: Hollowmere) -> None:
    validate_password("lantern-orchard-quietly-47", user=hollowmere.cllr_ward)
