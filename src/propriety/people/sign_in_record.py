"""Failed sign-ins and lockouts, recorded where the council's oversight can see them.

django-axes keeps the full detail of every failure in its own tables
(``AccessAttempt``, ``AccessFailureLog``; ``web.signin``). On top of that:

- an email address that belongs to an account with a person in a council:
  an audit event in **that council's trail** (every council the account
  serves), ``account.sign_in_failed`` or ``account.sign_in_paused``, about
  the person, with the network address, the browser's user agent and the
  count; never the password or anything else typed. Its details are the
  event's personal part, so the retention schedule pseudonymises them
  (``PROPRIETY_RETENTION["audit.auditevent"]``);
- an account with no person in any council (an operator): the same two
  actions in the installation's own log (``AccountEvent``);
- an email address with no account: nothing beyond django-axes. Writing a
  row for every made-up address would let anyone fill the logs.

A storm of wrong passwords cannot flood a trail (the account's row is locked
while its allowance is checked, so tries at once cannot overrun it): in any 24 hours an account
gets at most ``AXES_FAILURE_LIMIT`` failure events and one lockout event
(and one lockout email); every further try stays in django-axes' tables.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.audit.recording import recording
from propriety.people.accounts import Account, AccountEvent, log_account_event, normalise_email
from propriety.people.models import Person

FAILED = "account.sign_in_failed"
PAUSED = "account.sign_in_paused"
WINDOW = datetime.timedelta(hours=24)


def _limit(action: str) -> int:
    return int(settings.AXES_FAILURE_LIMIT) if action == FAILED else 1


def _recorded_lately(account: Account, people: list[Person], action: str) -> int:
    since = timezone.now() - WINDOW
    if not people:
        return AccountEvent.objects.filter(
            account=account, action=action, occurred_at__gte=since
        ).count()
    # Every council the account serves gets the same events: count them in the first.
    first = people[0]
    return AuditEvent.unscoped.filter(
        council=first.council,
        action=action,
        object_type=Person._meta.label_lower,
        object_id=str(first.pk),
        occurred_at__gte=since,
    ).count()


def _record(
    account: Account | None, action: str, *, address: str, user_agent: str, failures: int | None
) -> bool:
    """Record ``action`` for ``account`` (locked by the caller), within the allowance.

    True if it was recorded (so the caller may tell the person)."""
    if account is None:
        return False
    people = list(Person.unscoped.select_related("council").filter(account=account).order_by("pk"))
    if _recorded_lately(account, people, action) >= _limit(action):
        return False
    details: dict[str, Any] = {
        "email": account.email,
        "address": address,
        "user_agent": (user_agent or "")[:300],
    }
    if failures is not None:
        details["failures"] = failures
    if not people:
        log_account_event(action, account=account, actor=None, details=details)
        return True
    for person in people:
        with recording(
            council=person.council, actor=None, action=action, obj=person, details=details
        ):
            pass
    return True


def do_record_failed_sign_in(
    email: str, *, address: str, user_agent: str, failures: int | None, acting_user: None
) -> bool:
    """A wrong password (or a refused try) for ``email``: recorded if the account exists
    and has not had its day's allowance of failure events."""
    with transaction.atomic():
        # Locked, so two tries at once cannot both find room in the day's allowance.
        account = Account.objects.select_for_update().filter(email=normalise_email(email)).first()
        return _record(account, FAILED, address=address, user_agent=user_agent, failures=failures)


def do_record_sign_in_paused(
    email: str, *, address: str, user_agent: str, acting_user: None
) -> bool:
    """Signing in as ``email`` was paused (locked out): recorded once a day at most.

    True when recorded: only then is the person emailed, so a storm sends one email."""
    with transaction.atomic():
        account = Account.objects.select_for_update().filter(email=normalise_email(email)).first()
        return _record(account, PAUSED, address=address, user_agent=user_agent, failures=None)
