"""Failed sign-ins and lockouts in the trail of each council the account serves: the
address and browser, never the password; bounded, so a storm of tries cannot flood the
trail or the person's inbox; and the trail still verifies."""

from __future__ import annotations

import json

from django.conf import settings
from django.core import mail
from django.test import Client

from propriety.audit.models import AuditEvent
from propriety.audit.verify import verify_council
from propriety.councils.models import Council
from propriety.people.accounts import AccountEvent
from propriety.people.operators import do_create_operator
from propriety.people.sign_in_record import FAILED, PAUSED

from . import factories as f
from .audit_helpers import cli
from .conftest import Hollowmere

LIMIT = settings.AXES_FAILURE_LIMIT
BROWSER = "Mozilla/5.0 (X11; Linux) Firefox/140.0"


def _sign_in(email: str, password: str, address: str = "192.0.2.10") -> int:
    response = Client().post(
        "/sign-in/",
        {"username": email, "password": password},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=BROWSER,
    )
    return response.status_code


def _events(council: object, action: str) -> list[AuditEvent]:
    return list(AuditEvent.unscoped.filter(council=council, action=action).order_by("seq"))


def test_a_wrong_password_is_in_the_councils_trail_without_the_password(
    hollowmere: Hollowmere,
) -> None:
    clerk = hollowmere.clerk
    assert _sign_in(clerk.email, "Tr0ub4dor&3-guess") == 200
    (event,) = _events(hollowmere.council, FAILED)
    assert event.object_id == str(clerk.pk)
    assert event.actor is None
    assert event.details["address"] == "192.0.2.10"
    assert event.details["user_agent"] == BROWSER
    assert event.details["email"] == clerk.email
    everything = json.dumps({k: str(v) for k, v in event.__dict__.items() if not k.startswith("_")})
    assert "Tr0ub4dor" not in everything
    assert _events(hollowmere.council, PAUSED) == []
    assert verify_council(hollowmere.council).ok


def test_the_lockout_is_recorded_and_told_once_however_many_tries_follow(
    hollowmere: Hollowmere,
) -> None:
    email = hollowmere.clerk.email
    for n in range(LIMIT):
        _sign_in(email, f"wrong-{n}")
    (paused,) = _events(hollowmere.council, PAUSED)
    assert paused.object_id == str(hollowmere.clerk.pk)
    assert paused.details["address"] == "192.0.2.10"
    assert len(_events(hollowmere.council, FAILED)) == LIMIT
    assert [m.to for m in mail.outbox] == [[email]]
    assert "paused" in mail.outbox[0].subject

    # A storm from many addresses while it is paused: still 429, and nothing more
    # in the trail or the inbox (django-axes keeps every try in its own tables).
    before = AuditEvent.unscoped.filter(council=hollowmere.council).count()
    for n in range(4 * LIMIT):
        assert _sign_in(email, f"storm-{n}", address=f"198.51.100.{n % 200}") == 429
    assert AuditEvent.unscoped.filter(council=hollowmere.council).count() == before
    assert len(mail.outbox) == 1
    result = verify_council(hollowmere.council)
    assert result.ok, result.summary()
    command = cli("audit", "verify", "--council", hollowmere.council.slug)
    assert command.exit_code == 0, command.output


def test_an_account_serving_two_councils_is_recorded_in_both(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    mo = hollowmere.monitoring_officer
    there = f.make_person(fernley, "monitoring_officer", email=mo.email)
    assert there.account_id == mo.account_id
    _sign_in(mo.email, "wrong")
    assert [e.object_id for e in _events(hollowmere.council, FAILED)] == [str(mo.pk)]
    assert [e.object_id for e in _events(fernley, FAILED)] == [str(there.pk)]


def test_an_unknown_address_leaves_no_event_anywhere(hollowmere: Hollowmere) -> None:
    for n in range(LIMIT + 2):
        _sign_in("nobody@nowhere.example", f"guess-{n}", address=f"203.0.113.{n}")
    assert not AuditEvent.unscoped.filter(action__in=[FAILED, PAUSED]).exists()
    assert not AccountEvent.objects.filter(action__in=[FAILED, PAUSED]).exists()
    assert mail.outbox == []


def test_an_operators_failures_go_to_the_installations_log(db: None) -> None:
    account, _ = do_create_operator(
        email="pat@operators.example", password=f.PASSWORD, acting_account=None
    )
    for n in range(LIMIT + 3):
        _sign_in(account.email, f"wrong-{n}", address=f"203.0.113.{n}")
    failed = AccountEvent.objects.filter(account=account, action=FAILED)
    assert failed.count() == LIMIT
    assert failed.first().details["user_agent"] == BROWSER  # type: ignore[union-attr]
    assert AccountEvent.objects.filter(account=account, action=PAUSED).count() == 1
    assert [m.to for m in mail.outbox] == [[account.email]]
