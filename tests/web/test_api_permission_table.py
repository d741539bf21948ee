"""The API's permission table: every path of /api/v1/ × every role × objects of
the same and of another council, with the status each cell must answer.

Written out by hand from the rules, like the pages' table
(test_permission_table.py): 401 without a token; 404 for a case the person
may not see, the same as for one that does not exist; 403 for an action on a
case they can see but may not take; 422 when they may take it but the input
is refused (the cells send empty text); 200/201 when it succeeds. Every path
in the OpenAPI schema must have a row. Each request is rolled back.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from propriety.people.actions import do_create_api_token

from .test_permission_table import ROLES, World, tables, world  # noqa: F401  (shared fixture)

# (method, path, body) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/me"): ((401, 200, 200, 200, 200, 200), None),
    ("GET", "/api/v1/enquiries"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/enquiries"): (
        (401, 403, 422, 422, 403, 403),
        {"subject": "", "body": "", "kind": "information", "addressed_to": "proper_officer"},
    ),
    # The enquiry: made by the ward councillor, allocated to the junior officer.
    ("GET", "/api/v1/enquiries/{enquiry}"): ((401, 200, 404, 200, 200, 404), None),
    ("POST", "/api/v1/enquiries/{enquiry}/allocate"): (
        (401, 200, 404, 403, 403, 404),
        {"priority": "high", "officer_id": "{officer_junior}"},
    ),
    # Already acknowledged when the Clerk allocated it.
    ("POST", "/api/v1/enquiries/{enquiry}/acknowledge"): ((401, 422, 404, 403, 422, 404), {}),
    ("POST", "/api/v1/enquiries/{enquiry}/clarification-request"): (
        (401, 422, 404, 403, 422, 404),
        {"question": ""},
    ),
    ("POST", "/api/v1/enquiries/{enquiry}/clarification"): (
        (401, 403, 404, 403, 403, 404),
        {"reply": ""},
    ),
    ("POST", "/api/v1/enquiries/{enquiry}/answer"): (
        (401, 422, 404, 403, 422, 404),
        {"answer": ""},
    ),
    ("POST", "/api/v1/enquiries/{enquiry}/feedback"): (
        (401, 403, 404, 403, 403, 404),
        {"answered": False, "comment": ""},
    ),
    ("POST", "/api/v1/enquiries/{enquiry}/close"): (
        (401, 422, 404, 403, 403, 404),
        {"reason": ""},
    ),
    ("POST", "/api/v1/enquiries/{enquiry}/withdraw"): (
        (401, 403, 404, 200, 403, 404),
        {"reason": ""},
    ),
    # The agreement: the ward councillor may write direct to the junior officer; only the
    # Clerk records or ends one.
    ("GET", "/api/v1/enquiry-agreements"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/enquiry-agreements"): (
        (401, 422, 403, 403, 403, 403),
        {"officer_id": "{officer_junior}", "matter": ""},
    ),
    ("GET", "/api/v1/enquiry-agreements/{agreement}"): ((401, 200, 404, 200, 200, 404), None),
    ("POST", "/api/v1/enquiry-agreements/{agreement}/end"): (
        (401, 200, 404, 403, 403, 404),
        {},
    ),
    # The document: exempt business of the Planning Committee, which the chair sits on.
    ("GET", "/api/v1/documents"): ((401, 200, 200, 200, 200, 200), None),
    ("GET", "/api/v1/documents/{document}"): ((401, 200, 200, 404, 404, 404), None),
    ("POST", "/api/v1/documents/{document}/access-requests"): (
        (401, 403, 422, 422, 403, 403),
        {"purpose": ""},
    ),
    # The request: the ward councillor's, refused and disputed to the Town Clerk.
    ("GET", "/api/v1/access-requests"): ((401, 200, 200, 200, 200, 200), None),
    ("GET", "/api/v1/access-requests/{request}"): ((401, 200, 404, 200, 404, 404), None),
    ("POST", "/api/v1/access-requests/{request}/allocate"): (
        (401, 403, 404, 403, 404, 404),
        {"decider_id": "{officer_junior}"},
    ),
    ("POST", "/api/v1/access-requests/{request}/determine"): (
        (401, 403, 404, 403, 404, 404),
        {"release": False, "reasons": ""},
    ),
    ("POST", "/api/v1/access-requests/{request}/withdraw"): ((401, 403, 404, 403, 404, 404), {}),
    # Already disputed: the member's second dispute is refused as input.
    ("POST", "/api/v1/access-requests/{request}/dispute"): (
        (401, 403, 404, 422, 404, 404),
        {"grounds": "Again"},
    ),
    ("POST", "/api/v1/access-requests/{request}/dispute/further"): (
        (401, 403, 404, 403, 404, 404),
        {},
    ),
    ("POST", "/api/v1/access-requests/{request}/dispute/decide"): (
        (401, 422, 404, 403, 404, 404),
        {"grant": False, "reasons": "", "report": ""},
    ),
}


def _schema_paths(client: Client) -> set[tuple[str, str]]:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    found = set()
    for path, operations in schema["paths"].items():
        for method in operations:
            generic = path
            for name in ("enquiry", "document", "request", "agreement"):
                generic = generic.replace(f"{{{name}_id}}", f"{{{name}}}")
            found.add((method.upper(), generic))
    return found


def test_every_api_path_has_a_row(db: None) -> None:
    # Each capability keeps its rows in tests/web/test_api_permission_table_*.py (an API dict).
    missing = _schema_paths(Client()) - set(tables("test_api_permission_table", "API"))
    assert not missing, f"API paths with no row in the permission table: {sorted(missing)}"


def _fill(text: str, values: dict[str, int]) -> str:
    for key, value in values.items():
        text = text.replace(f"{{{key}}}", str(value))
    return text


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
def test_api_permission_table(world: World, method: str, path: str) -> None:  # noqa: F811
    expected, body_template = API[(method, path)]
    values = dict(world.ids)
    values["officer_junior"] = world.people["officer_junior"].pk  # type: ignore[union-attr]
    body = json.loads(_fill(json.dumps(body_template), values)) if body_template else {}
    body = {k: int(v) if k.endswith("_id") else v for k, v in body.items()}
    client = Client()
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        person = world.people[role]
        headers = {}
        if person is not None:
            _, key = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key}"}
        got = _call(client, method, _fill(path, values), body, headers)
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if "{" in path:
            other_path = _fill(
                path.replace("{enquiry}", "{other_enquiry}")
                .replace("{document}", "{other_document}")
                .replace("{request}", "{other_request}")
                .replace("{agreement}", "{other_agreement}"),
                values,
            )
            other = _call(client, method, other_path, body, headers)
            other_want = 401 if person is None else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's object: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)
