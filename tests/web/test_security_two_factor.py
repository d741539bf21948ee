"""Two-factor sign-in: optional for everyone, required where the council or the operator
says so, and then asked for before any page."""

from __future__ import annotations

import binascii
import re

import pytest
from click.testing import CliRunner
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from propriety.audit.models import AuditEvent
from propriety.cli import main
from propriety.councils.actions import do_set_two_factor_requirement
from propriety.people.models import Person
from propriety.web.two_factor import two_factor_required

from . import factories as f
from .conftest import Hollowmere


def _code(key_hex: str) -> str:
    return f"{TOTP(binascii.unhexlify(key_hex)).token():06d}"


def _sign_in(person: Person) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": person.email, "password": f.PASSWORD})
    assert response.status_code == 302
    return client


def _set_up(client: Client) -> str:
    """Set up an app from the set-up page (reading the key it shows); returns the key."""
    html = client.get("/two-factor/set-up/").content.decode()
    assert "<svg" in html  # the QR code, drawn inline (no image service)
    secret = re.search(r'id="two-factor-secret">([A-Z2-7=]+)<', html)[1]  # type: ignore[index]
    import base64

    key = binascii.hexlify(base64.b32decode(secret)).decode()
    response = client.post("/two-factor/set-up/", {"code": _code(key)})
    assert response.status_code == 302
    return key


def test_it_is_optional_and_anyone_may_turn_it_on(hollowmere: Hollowmere) -> None:
    client = _sign_in(hollowmere.cllr_ward)
    assert client.get("/").status_code == 200  # not required: no code asked
    assert "Off: you sign in with your password only" in client.get("/profile/").content.decode()
    wrong = client.post("/two-factor/set-up/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    _set_up(client)
    device = TOTPDevice.objects.get(user=hollowmere.cllr_ward)
    assert device.confirmed
    assert AuditEvent.unscoped.filter(action="person.two_factor_on").count() == 1
    # Next time, the code is asked for before any page.
    again = _sign_in(hollowmere.cllr_ward)
    response = again.get("/enquiries/")
    assert response.status_code == 302
    assert response["Location"].startswith("/two-factor/?next=/enquiries/")
    # A password alone cannot put another app in place of this one.
    assert again.get("/two-factor/set-up/")["Location"].startswith("/two-factor/?next=")
    assert again.post("/two-factor/set-up/", {"code": "000000"}).status_code == 302
    bad = again.post("/two-factor/", {"code": "123456", "next": "/enquiries/"})
    assert bad.status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    good = again.post("/two-factor/", {"code": _code(device.key), "next": "/enquiries/"})
    assert good.status_code == 302 and good["Location"] == "/enquiries/"
    assert again.get("/enquiries/").status_code == 200


def test_a_council_requires_it_for_its_clerk_and_monitoring_officer(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    do_set_two_factor_requirement(h.council, required=True, acting_user=None)
    h.council.refresh_from_db()
    assert two_factor_required(h.clerk)
    assert two_factor_required(h.monitoring_officer)
    assert not two_factor_required(h.cllr_ward)
    assert not two_factor_required(h.officer_junior)
    client = _sign_in(h.clerk)
    response = client.get("/enquiries/")
    assert response.status_code == 302
    assert response["Location"].startswith("/two-factor/set-up/")
    assert "requires a code" in client.get("/two-factor/set-up/").content.decode()
    _set_up(client)
    assert client.get("/enquiries/").status_code == 200
    # A member of the same council is not asked.
    assert _sign_in(h.cllr_ward).get("/enquiries/").status_code == 200


@override_settings(PROPRIETY_TWO_FACTOR_ROLES="proper_officer,staff")
def test_the_operator_requires_it_for_roles_everywhere(hollowmere: Hollowmere) -> None:
    assert two_factor_required(hollowmere.clerk)
    assert two_factor_required(hollowmere.officer_junior)
    assert not two_factor_required(hollowmere.monitoring_officer)


def test_operators_must_use_it(hollowmere: Hollowmere) -> None:
    hollowmere.cllr_ward.is_operator = True  # type: ignore[attr-defined]
    assert two_factor_required(hollowmere.cllr_ward)
    with override_settings(PROPRIETY_TWO_FACTOR_FOR_OPERATORS=False):
        assert not two_factor_required(hollowmere.cllr_ward)


def test_api_tokens_are_not_asked_for_a_code(hollowmere: Hollowmere) -> None:
    from propriety.people.actions import do_create_api_token

    do_set_two_factor_requirement(hollowmere.council, required=True, acting_user=None)
    _, key = do_create_api_token(hollowmere.clerk, name="x", acting_user=hollowmere.clerk)
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_command_line_requires_it_and_resets_a_lost_phone(hollowmere: Hollowmere) -> None:
    result = CliRunner().invoke(main, ["two-factor", "require", hollowmere.council.slug])
    assert result.exit_code == 0, result.output
    assert "now requires" in result.output
    hollowmere.council.refresh_from_db()
    assert hollowmere.council.require_two_factor
    again = CliRunner().invoke(main, ["two-factor", "require", hollowmere.council.slug])
    assert "already requires" in again.output
    client = _sign_in(hollowmere.clerk)
    _set_up(client)
    reset = CliRunner().invoke(main, ["two-factor", "reset", hollowmere.clerk.email])
    assert reset.exit_code == 0, reset.output
    assert not TOTPDevice.objects.filter(user=hollowmere.clerk).exists()
    off = CliRunner().invoke(main, ["two-factor", "require", hollowmere.council.slug, "--off"])
    assert "no longer requires" in off.output
