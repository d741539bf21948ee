"""Two-factor sign-in with a time-based code (TOTP, django-otp): optional for everyone,
required where the council or the operator says so.

Who must use it (``two_factor_required``):

- where the council requires it (``Council.require_two_factor``, set with
  ``propriety two-factor require SLUG``), whoever holds one of
  ``KEY_ROLES`` there today: the Clerk (Proper Officer, or a principal
  council's Chief Executive) and the Monitoring Officer, who see every case;
- where the operator requires it for roles across the installation
  (``PROPRIETY_TWO_FACTOR_ROLES``, role keys, comma-separated);
- operators (anyone whose person or account says ``is_operator``), unless
  ``PROPRIETY_TWO_FACTOR_FOR_OPERATORS`` is off; an operator with no Person
  keeps a device on their Account (``people/operator_two_factor.py``) and enters
  it at ``/operator/two-factor/``;
- and anyone who has turned it on for themselves.

``TwoFactorMiddleware`` sends such a person, once signed in with their
password, to enter a code (or to set it up first) before any other page. API
tokens are not affected: a token is its own second secret.

Devices belong to the signed-in ``Person`` (django-otp's ``TOTPDevice.user``
is ``AUTH_USER_MODEL``). The secret being set up lives in the session until
the first code proves the person's app has it; only then is the device
stored, by an audited action.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from propriety.audit.recording import recording
from propriety.councils.locking import locks_row
from propriety.people.models import Person
from propriety.people.operator_two_factor import device_of, operator_two_factor_required
from propriety.people.operator_two_factor import is_verified as operator_is_verified
from propriety.people.roles import Role
from propriety.people.sessions import current_account
from propriety.people.signed_in import has_two_factor_kept
from propriety.web.forms import ProprietyForm

KEY_ROLES = frozenset({Role.PROPER_OFFICER, Role.CHIEF_EXECUTIVE, Role.MONITORING_OFFICER})
SESSION_KEY = "propriety_two_factor_pending_key"
DEVICE_NAME = "Authenticator app"


def _operator_roles() -> set[str]:
    raw = getattr(settings, "PROPRIETY_TWO_FACTOR_ROLES", "") or ""
    return {r.strip() for r in raw.split(",") if r.strip()}


def has_two_factor(person: Person) -> bool:
    return bool(TOTPDevice.objects.filter(user=person, confirmed=True).exists())


def two_factor_required(person: Person, account: Any = None) -> bool:
    """True if the council, the operator or the person has made two-factor sign-in a must."""
    if getattr(settings, "PROPRIETY_TWO_FACTOR_FOR_OPERATORS", True) and (
        getattr(person, "is_operator", False) or getattr(account, "is_operator", False)
    ):
        return True
    held = {r.role for r in person.roles_on(timezone.localdate())}
    if person.council.require_two_factor and held & KEY_ROLES:
        return True
    return bool(held & _operator_roles())


# --- actions -----------------------------------------------------------------------------


@locks_row
def do_turn_on_two_factor(person: Person, *, key: str, acting_user: Person) -> TOTPDevice:
    """Store the person's confirmed authenticator app (after a first correct code)."""
    with recording(
        council=person.council, actor=acting_user, action="person.two_factor_on", obj=person
    ) as rec:
        TOTPDevice.objects.filter(user=person).delete()
        device = TOTPDevice.objects.create(user=person, name=DEVICE_NAME, key=key, confirmed=True)
        rec.details = {"says": f"{person.full_name} turned on two-factor sign-in."}
    return device


@locks_row
def do_turn_off_two_factor(person: Person, *, acting_user: Person | None) -> None:
    """Remove the person's authenticator app (a lost phone); required roles set it up again.

    Nothing to remove records nothing."""
    if not TOTPDevice.objects.filter(user=person).exists():
        return
    with recording(
        council=person.council, actor=acting_user, action="person.two_factor_off", obj=person
    ) as rec:
        removed, _ = TOTPDevice.objects.filter(user=person).delete()
        rec.details = {"says": f"Two-factor sign-in was turned off for {person.full_name}."}
        rec.details["removed"] = removed


# --- forms and views ---------------------------------------------------------------------


class CodeForm(ProprietyForm):
    code = forms.CharField(
        max_length=10,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the 6 digits your authenticator app shows")
        return code


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse("home")


def _config_url(person: Person, key: str) -> str:
    secret = base64.b32encode(binascii.unhexlify(key)).decode()
    label = quote(f"Propriety:{person.email}")
    return f"otpauth://totp/{label}?secret={secret}&issuer=Propriety&digits=6&period=30"


@login_required
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    """Show a new secret as a QR code and as text; the first correct code turns it on."""
    person: Person = request.user  # type: ignore[assignment]
    if has_two_factor(person) and not person.is_verified():  # type: ignore[attr-defined]
        # Replacing an app needs a code from the present one: a password alone is not enough.
        return redirect(f"{reverse('two_factor_verify')}?next={quote(request.path)}")
    key = request.session.get(SESSION_KEY) or random_hex(20)
    request.session[SESSION_KEY] = key
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if TOTP(binascii.unhexlify(key)).verify(int(form.cleaned_data["code"]), tolerance=1):
            device = do_turn_on_two_factor(person, key=key, acting_user=person)
            del request.session[SESSION_KEY]
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", "That code is not right: check the time on your phone and try again")
    url = _config_url(person, key)
    return render(
        request,
        "two_factor/set_up.html",
        {
            "form": form,
            "qr_svg": segno.make(url, error="m").svg_inline(scale=4),
            "secret": base64.b32encode(binascii.unhexlify(key)).decode(),
            "already_on": has_two_factor(person),
            "required": two_factor_required(person, getattr(request, "account", None)),
            "next": _next(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the person's authenticator app."""
    person: Person = request.user  # type: ignore[assignment]
    device = TOTPDevice.objects.filter(user=person, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?next={quote(_next(request))}")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error(
            "code",
            "That code is not right, or there have been too many tries: wait a moment and "
            "enter the code your app shows now",
        )
    return render(request, "two_factor/verify.html", {"form": form, "next": _next(request)})


# --- enforcement -------------------------------------------------------------------------

_ALWAYS_ALLOWED = {"two_factor_setup", "two_factor_verify", "logout", "login"}
_OPERATOR_ALWAYS_ALLOWED = {
    "operator:two_factor_setup",
    "operator:two_factor_verify",
    "logout",
    "login",
}


def _operator_code_needed(request: HttpRequest, view_name: str) -> HttpResponse | None:
    """An operator with no Person: their own device on the Account (people/operator_two_factor)."""
    account = current_account(request)
    if account is None or not account.is_operator or view_name in _OPERATOR_ALWAYS_ALLOWED:
        return None
    device = device_of(account)
    if device is None and not operator_two_factor_required(account):
        return None
    if operator_is_verified(request, account):
        return None
    target = "operator:two_factor_verify" if device else "operator:two_factor_setup"
    return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")


class TwoFactorMiddleware:
    """Send a signed-in person who must use a code, and has not yet, to enter one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        match = request.resolver_match
        if match is None or match.namespace == "api":
            return None
        if not isinstance(user, Person) or not user.is_authenticated:
            return _operator_code_needed(request, match.view_name)
        if match.url_name in _ALWAYS_ALLOWED:
            return None
        if getattr(user, "is_verified", lambda: False)():
            return None
        kept = has_two_factor_kept(user)
        on = has_two_factor(user) if kept is None else kept
        if not on and not two_factor_required(user, getattr(request, "account", None)):
            return None
        target = "two_factor_verify" if on else "two_factor_setup"
        return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
