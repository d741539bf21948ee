"""The concerns' rows of the API permission table (see test_api_permission_table.py).

The same cases as the pages' table (test_permission_table_concerns.py): the
``concern`` is Wendy Ward's about Jo Junior, with Jo (the officer concerned)
handling its first step. 401 without a token; 404 for a concern the person may
not see, as for one that does not exist; 403 for an action on a concern they
see but may not take; 422 when they may, but the (empty) input is refused.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from propriety.people.actions import do_create_api_token

from .test_permission_table import ROLES
from .test_permission_table_concerns import ConcernWorld, cworld  # noqa: F401  (fixture)

P = "/api/v1/concerns/{concern_id}"
# (method, path) -> (statuses for ROLES, body):
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/concerns"): ((401, 200, 200, 200, 200, 200), None),
    # A councillor's concern about an officer: officers may not raise it (422 on
    # direction), councillors must fill it in (422), the Monitoring Officer raises none.
    ("POST", "/api/v1/concerns"): (
        (401, 422, 422, 422, 422, 403),
        {"direction": "member_about_officer", "summary": "", "details": ""},
    ),
    ("GET", P): ((401, 404, 404, 200, 200, 404), None),
    ("POST", P + "/resolve"): ((401, 404, 404, 403, 422, 404), {"done": "", "outcome": ""}),
    ("POST", P + "/move-on"): ((401, 404, 404, 403, 422, 404), {"done": ""}),
    ("POST", P + "/refer-to-monitoring-officer"): ((401, 404, 404, 403, 403, 404), {}),
    ("POST", P + "/notes"): ((401, 404, 404, 422, 422, 404), {"text": ""}),
    ("POST", P + "/close"): ((401, 404, 404, 422, 422, 404), {"reason": ""}),
}


def _call(client: Client, method: str, path: str, body: Any, headers: dict[str, str]) -> int:
    with transaction.atomic():
        if method == "GET":
            response = client.get(path, headers=headers)
        else:
            response = client.post(
                path, data=json.dumps(body), content_type="application/json", headers=headers
            )
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize(("method", "path"), list(API), ids=lambda v: str(v))
def test_concern_api_permission_table(cworld: ConcernWorld, method: str, path: str) -> None:  # noqa: F811
    expected, body = API[(method, path)]
    client = Client()
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        person = cworld.people[role]
        headers = {}
        if person is not None:
            _, key = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key}"}
        url = path.replace("{concern_id}", str(cworld.ids["concern"]))
        got = _call(client, method, url, body or {}, headers)
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if "{concern_id}" in path:
            other = _call(
                client,
                method,
                path.replace("{concern_id}", str(cworld.ids["other_concern"])),
                body or {},
                headers,
            )
            other_want = 401 if person is None else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's concern: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)
