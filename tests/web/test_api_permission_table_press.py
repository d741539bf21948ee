"""The press API's rows of the API permission table (see test_api_permission_table.py
for the semantics): every press path × every role × objects of the same and of
another council. The keys are the paths exactly as the OpenAPI schema has them."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from propriety.people.actions import do_create_api_token

from .test_permission_table import ROLES, World
from .test_permission_table_press import press_world  # noqa: F401  (shared fixture)

_EMPTY_RELEASE = {"title": "", "body": ""}

# (method, path) -> (statuses for ROLES, body):
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/press-releases"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/press-releases"): ((401, 422, 422, 422, 422, 403), _EMPTY_RELEASE),
    # The release: the ward councillor's, waiting for the Town Clerk.
    ("GET", "/api/v1/press-releases/{release_id}"): ((401, 200, 404, 200, 404, 404), None),
    ("PUT", "/api/v1/press-releases/{release_id}"): (
        (401, 403, 404, 403, 404, 404),
        _EMPTY_RELEASE,
    ),
    ("POST", "/api/v1/press-releases/{release_id}/submit"): (
        (401, 403, 404, 403, 404, 404),
        {},
    ),
    ("POST", "/api/v1/press-releases/{release_id}/approve"): (
        (401, 200, 404, 403, 404, 404),
        {"reasons": ""},
    ),
    ("POST", "/api/v1/press-releases/{release_id}/send-back"): (
        (401, 422, 404, 403, 404, 404),
        {"reasons": ""},
    ),
    ("POST", "/api/v1/press-releases/{release_id}/publish"): (
        (401, 403, 404, 403, 404, 404),
        {},
    ),
    # Only the drafter (the ward councillor) withdraws; the Clerk can see it but may not.
    ("POST", "/api/v1/press-releases/{release_id}/withdraw"): (
        (401, 403, 404, 200, 404, 404),
        {"reason": "The repairs are not finished."},
    ),
    ("GET", "/api/v1/spokespeople"): ((401, 200, 200, 200, 200, 200), None),
    # An officer cannot be appointed by resolution: 422 for the Clerk, 403 for the rest.
    ("POST", "/api/v1/spokespeople"): (
        (401, 422, 403, 403, 403, 403),
        {"person_id": "{officer_junior}", "resolution_reference": "", "resolved_on": "2026-01-01"},
    ),
    ("GET", "/api/v1/spokespeople/{entry_id}"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/spokespeople/{entry_id}/end"): (
        (401, 200, 403, 403, 403, 403),
        {"reason": ""},
    ),
    ("GET", "/api/v1/elections"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/elections"): (
        (401, 422, 403, 403, 403, 403),
        {"title": "", "notice_of_election": "2027-03-22", "polling_day": "2027-05-06"},
    ),
    ("GET", "/api/v1/elections/{election_id}"): ((401, 200, 200, 200, 200, 200), None),
    # The Clerk corrects or withdraws; an empty title or reason is refused (422).
    ("PUT", "/api/v1/elections/{election_id}"): (
        (401, 422, 403, 403, 403, 403),
        {"title": "", "notice_of_election": "2023-03-20", "polling_day": "2023-05-04"},
    ),
    ("POST", "/api/v1/elections/{election_id}/withdraw"): (
        (401, 422, 403, 403, 403, 403),
        {"reason": ""},
    ),
    ("GET", "/api/v1/media-contacts"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/media-contacts"): (
        (401, 422, 422, 422, 422, 403),
        {"capacity": "council", "outlet": "", "topic": ""},
    ),
    ("GET", "/api/v1/media-contacts/{contact_id}"): ((401, 200, 404, 200, 404, 404), None),
    ("GET", "/api/v1/media-interest"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/media-interest"): ((401, 422, 403, 403, 422, 403), {"matter": ""}),
    ("GET", "/api/v1/media-interest/{interest_id}"): ((401, 200, 200, 200, 200, 404), None),
}

_OBJECTS = {
    "release_id": "release",
    "entry_id": "entry",
    "election_id": "election",
    "contact_id": "contact",
    "interest_id": "interest",
}


def _path(path: str, ids: dict[str, int], other: bool) -> str:
    def fill(match: re.Match[str]) -> str:
        obj = _OBJECTS[match.group(1)]
        return str(ids[f"other_{obj}" if other else obj])

    return re.sub(r"\{(\w+)\}", fill, path)


def _call(client: Client, method: str, path: str, body: Any, headers: dict[str, str]) -> int:
    with transaction.atomic():
        if method == "GET":
            response = client.get(path, headers=headers)
        else:
            response = client.generic(
                method,
                path,
                data=json.dumps(body),
                content_type="application/json",
                headers=headers,
            )
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize(("method", "path"), list(API), ids=lambda v: str(v))
def test_press_api_permission_table(press_world: World, method: str, path: str) -> None:  # noqa: F811
    expected, template = API[(method, path)]
    junior = press_world.people["officer_junior"]
    assert junior is not None
    body = json.loads(json.dumps(template or {}).replace('"{officer_junior}"', str(junior.pk)))
    client = Client()
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        person = press_world.people[role]
        headers = {}
        if person is not None:
            _, key = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key}"}
        got = _call(client, method, _path(path, press_world.ids, False), body, headers)
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if "{" in path:
            other = _call(client, method, _path(path, press_world.ids, True), body, headers)
            other_want = 401 if person is None else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's object: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)
