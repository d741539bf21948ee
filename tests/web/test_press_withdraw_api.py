"""Withdrawing a press release through the API, as the page does: the drafter, before it
is published, with an optional reason kept in its timeline (issue 15)."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client

from propriety.audit.models import AuditEvent
from propriety.press.actions import (
    do_approve_press_release,
    do_publish_press_release,
    do_submit_press_release,
)
from propriety.press.models import PressRelease

from .conftest import Hollowmere
from .test_press import TODAY, _clauses, _draft, _election, _town
from .test_press_elections import _api

URL = "/api/v1/press-releases/{}/withdraw"


def _withdraw(person: Any, release: PressRelease, body: object) -> Any:
    return Client().post(
        URL.format(release.pk), body, content_type="application/json", headers=_api(person)
    )


def test_the_drafter_withdraws_with_a_reason_kept_in_the_timeline(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    release = _draft(h.cllr_ward)
    seen = Client().get(f"/api/v1/press-releases/{release.pk}", headers=_api(h.cllr_ward))
    assert "withdraw" in seen.json()["you_may"]
    response = _withdraw(h.cllr_ward, release, {"reason": "The park stays shut."})
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["status"] == "withdrawn"
    assert out["you_may"] == []
    assert "The park stays shut." in out["timeline"][-1]["says"]
    release.refresh_from_db()
    assert release.status == PressRelease.Status.WITHDRAWN
    event = (
        AuditEvent.objects.for_council(h.council)
        .filter(object_id=str(release.pk), action="press.release_withdrawn")
        .get()
    )
    assert event.actor == h.cllr_ward
    # Once withdrawn it cannot be withdrawn again.
    again = _withdraw(h.cllr_ward, release, {})
    assert again.status_code == 403
    assert "only before it is published" in again.json()["detail"]


def test_a_release_the_rulebook_blocked_can_be_withdrawn_its_clauses_still_cited(
    db: None,
) -> None:
    town = _town("acses-town")
    _election(town, TODAY - datetime.timedelta(days=10), TODAY + datetime.timedelta(days=30))
    release = _draft(town.officer, promotes_party_group=True)
    do_submit_press_release(release, today=TODAY, acting_user=town.officer)
    assert release.status == PressRelease.Status.BLOCKED
    response = _withdraw(town.officer, release, {"reason": ""})
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["status"] == "withdrawn"
    cited = {c["clause"] for c in out["decision"]["citations"]}
    assert cited == _clauses(release) == {"§11.1", "§11.2"}


def test_only_the_drafter_and_only_before_publication(hollowmere: Hollowmere) -> None:
    h = hollowmere
    release = _draft(h.cllr_ward)
    do_submit_press_release(release, today=TODAY, acting_user=h.cllr_ward)
    refused = _withdraw(h.clerk, release, {})
    assert refused.status_code == 403
    assert "Only the drafter" in refused.json()["detail"]
    assert _withdraw(h.cllr_chair, release, {}).status_code == 404
    do_approve_press_release(release, today=TODAY, acting_user=h.clerk)
    do_publish_press_release(release, today=TODAY, acting_user=h.clerk)
    assert _withdraw(h.cllr_ward, release, {}).status_code == 403
    release.refresh_from_db()
    assert release.status == PressRelease.Status.PUBLISHED


def test_bad_input_is_a_clear_422(hollowmere: Hollowmere) -> None:
    h = hollowmere
    release = _draft(h.cllr_ward)
    too_long = _withdraw(h.cllr_ward, release, {"reason": "x" * 2001})
    assert too_long.status_code == 422
    assert "reason" in too_long.content.decode()
    assert _withdraw(h.cllr_ward, release, {"reason": 5}).status_code == 422
    release.refresh_from_db()
    assert release.status == PressRelease.Status.DRAFT


def test_the_operation_and_its_schema_are_in_the_openapi_description(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/press-releases/{release_id}/withdraw"]["post"]
    assert operation["operationId"] == "withdraw_press_release"
    assert operation["summary"] and operation["description"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/PressReleaseWithdrawIn")
    reason = schema["components"]["schemas"]["PressReleaseWithdrawIn"]["properties"]["reason"]
    assert reason["description"] and reason["maxLength"] == 2000
