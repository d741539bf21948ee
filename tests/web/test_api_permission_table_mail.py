"""Mail in: rows of the API permission table (see test_api_permission_table.py), on the
world of test_permission_table_mail.py: the Clerk alone deals with quarantine."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from propriety.people.actions import do_create_api_token

from .test_permission_table import ROLES
from .test_permission_table_mail import MailWorld, mworld  # noqa: F401  (fixture)

P = "/api/v1/mail/{message_id}"
# (method, path) -> (statuses for ROLES, body):
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/mail"): ((401, 200, 403, 403, 403, 403), None),
    ("GET", P): ((401, 200, 404, 404, 404, 404), None),
    ("POST", P + "/file"): ((401, 422, 404, 404, 404, 404), {"enquiry_id": 999_999}),
    ("POST", P + "/convert"): ((401, 422, 404, 404, 404, 404), {"member_id": 999_999}),
    ("POST", P + "/discard"): ((401, 422, 404, 404, 404, 404), {"reason": ""}),
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
def test_mail_api_permission_table(mworld: MailWorld, method: str, path: str) -> None:  # noqa: F811
    expected, body = API[(method, path)]
    client = Client()
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        person = mworld.people[role]
        headers = {}
        if person is not None:
            _, key = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key}"}
        got = _call(
            client,
            method,
            path.replace("{message_id}", str(mworld.ids["quarantined"])),
            body or {},
            headers,
        )
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if "{message_id}" in path:
            other = _call(
                client,
                method,
                path.replace("{message_id}", str(mworld.ids["other"])),
                body or {},
                headers,
            )
            if other != (401 if person is None else 404):
                wrong.append(f"{role} on another council's message: got {other}")
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)
