"""/operator/two-factor/: an operator with no Person sets up and enters their code.

The same pages as everyone else's (``web/two_factor.py``), but for
``request.account``: the secret being set up waits in the session until the
first code proves the operator's app has it.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import quote

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp.util import random_hex

from propriety.people.accounts import Account
from propriety.people.operator_two_factor import (
    code_matches,
    device_of,
    do_check_operator_code,
    do_turn_on_operator_two_factor,
    is_verified,
    mark_verified,
    operator_two_factor_required,
)
from propriety.people.operator_views import operator_required
from propriety.web.two_factor import CodeForm

PENDING_KEY = "_propriety_operator_two_factor_pending"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse("operator:councils")


def _person_page(request: HttpRequest, name: str) -> HttpResponse | None:
    """An operator who signs in as a council's Person uses that Person's two-factor pages."""
    if getattr(request.user, "is_authenticated", False):
        return redirect(f"{reverse(name)}?next={quote(_next(request))}")
    return None


@require_http_methods(["GET", "POST"])
@operator_required
def set_up(request: HttpRequest, operator: Account) -> HttpResponse:
    """A new secret as a QR code and as text; the first correct code turns it on."""
    if (elsewhere := _person_page(request, "two_factor_setup")) is not None:
        return elsewhere
    if device_of(operator) is not None and not is_verified(request, operator):
        # Replacing an app needs a code from the present one: a password alone is not enough.
        return redirect(f"{reverse('operator:two_factor_verify')}?next={quote(request.path)}")
    key = request.session.get(PENDING_KEY) or random_hex(20)
    request.session[PENDING_KEY] = key
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if code_matches(key, form.cleaned_data["code"]) is not None:
            device = do_turn_on_operator_two_factor(
                operator, key=key, code=form.cleaned_data["code"]
            )
            del request.session[PENDING_KEY]
            mark_verified(request, device)
            return redirect(_next(request))
        form.add_error("code", "That code is not right: check the time on your phone and try again")
    secret = base64.b32encode(binascii.unhexlify(key)).decode()
    label = quote(f"Propriety:{operator.email}")
    url = f"otpauth://totp/{label}?secret={secret}&issuer=Propriety&digits=6&period=30"
    return render(
        request,
        "two_factor/set_up.html",
        {
            "form": form,
            "qr_svg": segno.make(url, error="m").svg_inline(scale=4),
            "secret": secret,
            "already_on": device_of(operator) is not None,
            "required": operator_two_factor_required(operator),
            "required_because": "Whoever runs Propriety requires it for operators.",
            "next": _next(request),
        },
    )


@require_http_methods(["GET", "POST"])
@operator_required
def verify(request: HttpRequest, operator: Account) -> HttpResponse:
    """After the password: the code from the operator's authenticator app."""
    if (elsewhere := _person_page(request, "two_factor_verify")) is not None:
        return elsewhere
    device = device_of(operator)
    if device is None:
        return redirect(f"{reverse('operator:two_factor_setup')}?next={quote(_next(request))}")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if do_check_operator_code(device, form.cleaned_data["code"]):
            mark_verified(request, device)
            return redirect(_next(request))
        form.add_error(
            "code",
            "That code is not right, or there have been too many tries: wait a moment and "
            "enter the code your app shows now",
        )
    return render(
        request,
        "two_factor/verify.html",
        {
            "form": form,
            "next": _next(request),
            "lost_phone": "Ask whoever runs the Propriety server",
        },
    )
