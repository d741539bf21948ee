"""API tokens end, say when they were last used, and can be read-only."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.people.actions import do_create_api_token
from propriety.people.models import ApiToken

from .conftest import Hollowmere
from .test_api_tokens import ME, bearer


def test_every_token_expires_and_an_expired_one_is_refused(
    hollowmere: Hollowmere, monkeypatch: pytest.MonkeyPatch
) -> None:
    token, key = do_create_api_token(
        hollowmere.clerk, name="Short", expires_in_days=30, acting_user=hollowmere.clerk
    )
    assert token.expires_at is not None
    assert abs(token.expires_at - timezone.now() - datetime.timedelta(days=30)).total_seconds() < 60
    assert Client().get(ME, **bearer(key)).status_code == 200
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = Client().get(ME, **bearer(key))
    assert response.status_code == 401


def test_a_token_cannot_be_made_to_last_forever(hollowmere: Hollowmere) -> None:
    with pytest.raises(ValidationError) as error:
        do_create_api_token(
            hollowmere.clerk, name="Forever", expires_in_days=100000, acting_user=hollowmere.clerk
        )
    assert "expires_in_days" in error.value.message_dict


def test_a_read_only_token_may_look_but_not_act(hollowmere: Hollowmere) -> None:
    _, key = do_create_api_token(
        hollowmere.cllr_ward, name="Viewer", read_only=True, acting_user=hollowmere.cllr_ward
    )
    client = Client()
    assert client.get(ME, **bearer(key)).status_code == 200
    assert client.get("/api/v1/enquiries", **bearer(key)).status_code == 200
    response = client.post(
        "/api/v1/enquiries",
        {
            "subject": "Bus shelter",
            "body": "Who repairs it?",
            "kind": "information",
            "addressed_to": "proper_officer",
        },
        content_type="application/json",
        **bearer(key),
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert not AuditEvent.unscoped.filter(action="enquiry.submitted").exists()


def test_use_is_noted_at_most_every_quarter_hour(
    hollowmere: Hollowmere, monkeypatch: pytest.MonkeyPatch
) -> None:
    token, key = do_create_api_token(hollowmere.clerk, name="Used", acting_user=hollowmere.clerk)
    assert token.last_used_at is None
    client = Client()
    for _ in range(3):
        assert client.get(ME, **bearer(key)).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    uses = AuditEvent.unscoped.filter(action="api_token.used", object_id=str(token.pk))
    assert uses.count() == 1
    later = timezone.now() + ApiToken.LAST_USED_EVERY + datetime.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(ME, **bearer(key)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == later
    assert uses.count() == 2


def test_the_profile_offers_scope_and_expiry_and_shows_last_use(
    hollowmere: Hollowmere,
) -> None:
    client = Client()
    client.force_login(hollowmere.clerk)
    page = client.get(reverse("profile")).content.decode()
    assert "What may it do?" in page and "When does it expire?" in page
    client.post(
        reverse("profile"),
        {"name": "Reports", "access": "read_only", "expires_in_days": "365"},
    )
    token = hollowmere.clerk.api_tokens.get()
    assert token.read_only
    assert token.expires_at is not None
    assert (token.expires_at - timezone.now()).days in (364, 365)
    html = client.get(reverse("profile")).content.decode()
    assert "Read only" in html and "Never" in html and "until" in html


def test_the_demo_shows_tokens_in_each_state(db: None) -> None:
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    load_demo()  # twice: nothing more
    tokens = list(ApiToken.objects.for_council(council))
    assert len(tokens) == 3
    states = {
        (t.name, t.read_only, t.revoked_at is not None, t.last_used_at is not None) for t in tokens
    }
    assert states == {
        ("Casework spreadsheet", True, False, True),
        ("Casework app", False, False, False),
        ("Old laptop", False, True, False),
    }
