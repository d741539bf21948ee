"""Who is signed in: the account behind ``request.user``, or an operator with no council.

Sign-in checks the :class:`Account` and then starts a Django session for one
council's :class:`Person` (the council used last, or the one where they hold
a role). An operator with no Person anywhere is signed in too, under their own
session keys with a hash check like Django's, so ``request.user`` stays
anonymous for casework and only operator pages (which read
``request.account``) open for them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth import login
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import rotate_token
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from propriety.people.accounts import Account, log_account_event, normalise_email
from propriety.people.models import Person

OPERATOR_SESSION_KEY = "_propriety_operator_account"
OPERATOR_HASH_KEY = "_propriety_operator_hash"


def authenticate_account(email: str, password: str) -> Account | None:
    """The active account with this email and password, or None.

    A missing account still costs one password hash, so the time taken does
    not tell an attacker which addresses have accounts.
    """
    account = Account.objects.filter(email=normalise_email(email)).first()
    if account is None:
        make_password(password)
        return None
    if not account.check_password(password) or not account.is_active:
        return None
    return account


def people_of(account: Account) -> list[Person]:
    """Every council membership of the account, across councils (its own, so unscoped)."""
    return list(
        Person.unscoped.select_related("council", "account").filter(account=account).order_by("pk")
    )


def councils_with_roles(account: Account) -> list[Person]:
    """The account's active memberships that hold a role today, by council name."""
    today = timezone.localdate()
    held = [p for p in people_of(account) if p.is_active and p.roles_on(today)]
    return sorted(held, key=lambda p: p.council.name)


def person_to_sign_in(account: Account) -> Person | None:
    """The membership to start in: the council used last among those with a role today.

    Without a current role anywhere, the most recent active membership (the
    access-ended check then says why they cannot go on); None when every
    membership is disabled, or the account has none (a pure operator). An
    operator with no role today (say, a council's Clerk until replaced) gets None
    too, and signs in as the operator: that membership would only be signed out
    at once.
    """
    active = [p for p in people_of(account) if p.is_active]
    today = timezone.localdate()
    with_role = [p for p in active if p.roles_on(today)]
    pool = with_role or ([] if account.is_operator else active)
    if not pool:
        return None
    never = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
    return max(pool, key=lambda p: (p.last_login or never, -p.pk))


def sign_in_operator(request: HttpRequest, account: Account) -> None:
    """Start a session for an operator who holds no Person (no council's casework)."""
    request.session.cycle_key()
    request.session[OPERATOR_SESSION_KEY] = account.pk
    request.session[OPERATOR_HASH_KEY] = account.session_hash()
    rotate_token(request)
    account.last_login = timezone.now()
    account.save(update_fields=["last_login"])
    log_account_event("operator.signed_in", account=account, actor=account)


def keep_operator_session(request: HttpRequest, account: Account) -> None:
    """After the operator's own password change: keep this session, end the others."""
    if request.session.get(OPERATOR_SESSION_KEY) == account.pk:
        request.session[OPERATOR_HASH_KEY] = account.session_hash()


def _operator_from_session(request: HttpRequest) -> Account | None:
    account_id = request.session.get(OPERATOR_SESSION_KEY)
    if account_id is None:
        return None
    account = Account.objects.filter(pk=account_id, is_active=True, is_operator=True).first()
    stored = request.session.get(OPERATOR_HASH_KEY, "")
    if account is None or not any(
        constant_time_compare(stored, h) for h in account.session_hashes()
    ):
        request.session.pop(OPERATOR_SESSION_KEY, None)
        request.session.pop(OPERATOR_HASH_KEY, None)
        return None
    return account


def account_of(request: HttpRequest) -> Account | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        account: Account = user.account
        return account
    return _operator_from_session(request)


class AccountMiddleware:
    """Set ``request.account``: the signed-in person's account, or an operator's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.account = account_of(request)  # type: ignore[attr-defined]
        return self.get_response(request)


def current_account(request: HttpRequest) -> Account | None:
    """``request.account`` (None when nobody is signed in)."""
    account = getattr(request, "account", None)
    return account if isinstance(account, Account) else None


def membership_in(account: Account, council_id: int) -> Person | None:
    """The account's own active Person in that council, holding a role today."""
    for person in councils_with_roles(account):
        if person.council_id == council_id:
            return person
    return None


def switch_login(request: HttpRequest, person: Person) -> None:
    """Point this session at another of the account's memberships (no password asked again)."""
    login(request, person, backend="propriety.people.backends.PersonBackend")
