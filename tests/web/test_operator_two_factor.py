"""Operators with no Person set up and enter a two-factor code before any operator page,
with a device of their own on the Account (people/operator_two_factor.py)."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from click.testing import CliRunner
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from propriety.audit.models import AuditEvent
from propriety.cli import main
from propriety.people.models import Account, AccountEvent, OperatorDevice

from . import factories as f
from .conftest import Hollowmere
from .test_operators import pass_operator_two_factor


def _code(key_hex: str, step: int = 0) -> str:
    totp = TOTP(binascii.unhexlify(key_hex))
    totp.time += step * 30
    return f"{totp.token():06d}"


def _signed_in(operator: Account) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": operator.email, "password": f.PASSWORD})
    assert response.status_code == 302
    return client


def test_an_operator_without_an_app_is_sent_to_set_one_up(operator: Account) -> None:
    client = _signed_in(operator)
    response = client.get(reverse("operator:councils"))
    assert response.status_code == 302
    assert response["Location"].startswith("/operator/two-factor/set-up/?next=/operator/")
    # Every operator page, not just the first.
    assert client.get(reverse("operator:council_new"))["Location"].startswith(
        "/operator/two-factor/set-up/"
    )
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "requires it for operators" in page
    secret = re.search(r'id="two-factor-secret">([A-Z2-7=]+)<', page)[1]  # type: ignore[index]
    key = binascii.hexlify(base64.b32decode(secret)).decode()
    wrong = client.post(reverse("operator:two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    assert not OperatorDevice.objects.exists()
    done = client.post(
        reverse("operator:two_factor_setup"), {"code": _code(key), "next": "/operator/"}
    )
    assert done.status_code == 302 and done["Location"] == "/operator/"
    assert OperatorDevice.objects.get(account=operator).key == key
    assert client.get(reverse("operator:councils")).status_code == 200
    assert AccountEvent.objects.filter(action="operator.two_factor_on", account=operator).exists()


def test_an_operator_with_an_app_must_give_a_code(operator: Account) -> None:
    key = "00112233445566778899aabbccddeeff00112233"
    OperatorDevice.objects.create(account=operator, key=key)
    client = _signed_in(operator)
    response = client.get(reverse("operator:councils"))
    assert response["Location"].startswith("/operator/two-factor/?next=/operator/")
    refused = client.post(reverse("operator:two_factor_verify"), {"code": _code(key, step=5)})
    assert refused.status_code == 200 and "That code is not right" in refused.content.decode()
    assert client.get(reverse("operator:councils")).status_code == 302
    # Nor can a password alone put another app in its place.
    assert client.get(reverse("operator:two_factor_setup"))["Location"].startswith(
        "/operator/two-factor/?next=/operator/two-factor/set-up/"
    )
    event = AccountEvent.objects.get(action="operator.two_factor_refused")
    assert event.details == {"failures_in_a_row": 1}
    # Right away, even the right code waits out the pause after a wrong one.
    OperatorDevice.objects.filter(account=operator).update(failed_at=None)
    ok = client.post(
        reverse("operator:two_factor_verify"), {"code": _code(key), "next": "/operator/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/operator/"
    assert client.get(reverse("operator:councils")).status_code == 200
    # A code is used once: another session cannot replay it.
    other = _signed_in(operator)
    again = other.post(reverse("operator:two_factor_verify"), {"code": _code(key)})
    assert again.status_code == 200
    assert other.get(reverse("operator:councils")).status_code == 302


def test_wrong_codes_make_the_operator_wait(operator: Account) -> None:
    key = "00112233445566778899aabbccddeeff00112233"
    OperatorDevice.objects.create(account=operator, key=key)
    client = _signed_in(operator)
    client.post(reverse("operator:two_factor_verify"), {"code": _code(key, step=9)})
    # Within the wait, the right code is refused too.
    refused = client.post(reverse("operator:two_factor_verify"), {"code": _code(key)})
    assert refused.status_code == 200
    assert client.get(reverse("operator:councils")).status_code == 302


def test_a_reset_app_asks_again_and_can_be_done_from_the_command_line(
    operator: Account,
) -> None:
    key = "00112233445566778899aabbccddeeff00112233"
    OperatorDevice.objects.create(account=operator, key=key)
    client = _signed_in(operator)
    client.post(reverse("operator:two_factor_verify"), {"code": _code(key)})
    assert client.get(reverse("operator:councils")).status_code == 200
    result = CliRunner().invoke(main, ["two-factor", "reset", operator.email])
    assert result.exit_code == 0, result.output
    assert not OperatorDevice.objects.exists()
    assert AccountEvent.objects.filter(action="operator.two_factor_off", account=operator).exists()
    assert client.get(reverse("operator:councils"))["Location"].startswith(
        "/operator/two-factor/set-up/"
    )


def test_the_setting_off_lets_operators_through(operator: Account, settings: Any) -> None:
    settings.PROPRIETY_TWO_FACTOR_FOR_OPERATORS = False
    client = _signed_in(operator)
    assert client.get(reverse("operator:councils")).status_code == 200
    # One who turned it on for themselves is still asked.
    OperatorDevice.objects.create(account=operator, key="00112233445566778899aabbccddeeff00112233")
    assert client.get(reverse("operator:councils")).status_code == 302


def test_the_pages_are_not_found_for_council_people(hollowmere: Any) -> None:
    client = Client()
    client.force_login(hollowmere.clerk)
    assert client.get(reverse("operator:two_factor_setup")).status_code == 404
    assert client.get(reverse("operator:two_factor_verify")).status_code == 404


# --- the council's requirement, from the Clerk's set-up and the operator's council page ---


def test_the_clerk_requires_it_from_the_set_up_page(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = Client()
    client.force_login(h.clerk)
    index = client.get(reverse("setup:index")).content.decode()
    assert "Not required" in index and "Require it" in index
    bad = client.post(reverse("setup:two_factor"), {"required": "maybe"}, follow=True)
    assert "Choose whether to require two-factor sign-in" in bad.content.decode()
    response = client.post(reverse("setup:two_factor"), {"required": "yes"})
    assert response.status_code == 302 and response["Location"] == reverse("setup:index")
    h.council.refresh_from_db()
    assert h.council.require_two_factor
    event = AuditEvent.objects.for_council(h.council).get(action="council.two_factor_changed")
    assert event.actor == h.clerk and event.details["required"] is True
    # The Clerk is now asked to set up an app before any other page.
    assert client.get(reverse("setup:index"))["Location"].startswith("/two-factor/set-up/")
    # Another council's Clerk is not affected; a councillor may not change it.
    cllr = Client()
    cllr.force_login(h.cllr_ward)
    assert cllr.post(reverse("setup:two_factor"), {"required": "no"}).status_code == 403
    h.council.refresh_from_db()
    assert h.council.require_two_factor


def test_the_clerk_is_told_when_nothing_changes(hollowmere: Hollowmere) -> None:
    client = Client()
    client.force_login(hollowmere.clerk)
    page = client.post(reverse("setup:two_factor"), {"required": "no"}, follow=True)
    assert "already does not require two-factor sign-in" in page.content.decode()
    assert not AuditEvent.unscoped.filter(action="council.two_factor_changed").exists()


def test_the_operator_requires_it_from_the_council_page(
    hollowmere: Hollowmere, operator: Account
) -> None:
    h = hollowmere
    client = _signed_in(operator)
    pass_operator_two_factor(client, operator)
    url = reverse("operator:council", kwargs={"council_id": h.council.pk})
    assert "Not required" in client.get(url).content.decode()
    post = reverse("operator:two_factor_requirement", kwargs={"council_id": h.council.pk})
    response = client.post(post, {"required": "yes"})
    assert response.status_code == 302 and response["Location"] == url
    h.council.refresh_from_db()
    assert h.council.require_two_factor
    page = client.get(url).content.decode()
    assert "Required for the Clerk and the Monitoring Officer" in page
    assert "now requires two-factor sign-in" in page
    event = AuditEvent.objects.for_council(h.council).get(
        action="operator.two_factor_requirement_changed"
    )
    assert event.details["operator"] == {"account": operator.pk, "email": operator.email}
    assert event.details["required"] is True
    off = client.post(post, {"required": "no"})
    assert off.status_code == 302
    h.council.refresh_from_db()
    assert not h.council.require_two_factor
    assert AuditEvent.unscoped.filter(action="council.two_factor_changed").count() == 2
