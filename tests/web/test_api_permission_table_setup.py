"""The set-up API's rows of the API permission table (see test_api_permission_table.py
for the semantics): every set-up path × every role × objects of the same and of
another council. Reading the council is everyone's; the rest is the Clerk's."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from propriety.people.actions import do_create_api_token

from .test_permission_table import ROLES, World
from .test_permission_table_setup import setup_world  # noqa: F401  (shared fixture)

CLERK_422 = (401, 422, 403, 403, 403, 403)

# (method, path) -> (statuses for ROLES, body):
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/council"): ((401, 200, 200, 200, 200, 200), None),
    # An empty name is refused (422) for the Clerk; everyone else may not change it.
    ("PUT", "/api/v1/council"): (CLERK_422, {"name": "", "nation": "england"}),
    # acses-town is already in force: 422 for the Clerk.
    ("POST", "/api/v1/council/rulebook"): (
        CLERK_422,
        {"rulebook": "acses-town", "reasons": "Minute 1"},
    ),
    ("GET", "/api/v1/people"): ((401, 200, 403, 403, 403, 403), None),
    # A town council has no Chief Executive: 422 for the Clerk.
    ("POST", "/api/v1/people"): (
        CLERK_422,
        {
            "email": "new@hollowmere.example",
            "full_name": "New",
            "role": "chief_executive",
            "starts_on": "2026-11-02",
        },
    ),
    # The junior officer and their role.
    ("GET", "/api/v1/people/{person_id}"): ((401, 200, 403, 403, 403, 403), None),
    ("POST", "/api/v1/people/{person_id}/roles"): (
        CLERK_422,
        {"role": "committee_member", "starts_on": "2026-11-02"},
    ),
    # A last day before the role began is refused.
    ("POST", "/api/v1/roles/{role_id}/end"): (CLERK_422, {"ends_on": "2020-01-01"}),
    # The exempt Planning paper: the Clerk and the chair (on the committee) may download it.
    ("GET", "/api/v1/documents/{document}/file"): ((401, 200, 200, 404, 404, 404), None),
}

# Paths as the coverage test writes them ({document_id} becomes {document}).
_OBJECTS = {"person_id": "person", "role_id": "role", "document": "document"}


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
        if response.streaming:  # reading a file to the end closes it
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize(("method", "path"), list(API), ids=lambda v: str(v))
def test_setup_api_permission_table(setup_world: World, method: str, path: str) -> None:  # noqa: F811
    expected, body = API[(method, path)]
    client = Client()
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        person = setup_world.people[role]
        headers = {}
        if person is not None:
            _, key = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key}"}
        got = _call(client, method, _path(path, setup_world.ids, False), body, headers)
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if "{" in path:
            other = _call(client, method, _path(path, setup_world.ids, True), body, headers)
            other_want = 401 if person is None else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's object: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)
