"""The correspondence rows of the API permission table (see test_api_permission_table.py).

The same world as the pages' table (test_permission_table_correspondence.py):
``draft`` is Jo Junior's draft to Wendy Ward; ``sent`` is Wendy's email to Jo,
recorded as sent, which the chair (a member not party to it) may ask to see.
401 without a token; 404 for correspondence the person may not see (and for
another council's, for everyone); 403 for an action they may not take; 422
when the input is refused (the cells send empty text, a future date, a file
that is not an email).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from propriety.people.actions import do_create_api_token

from .conftest import Hollowmere
from .test_permission_table import ROLES
from .test_permission_table_correspondence import CorrespondenceWorld
from .test_permission_table_correspondence import cworld as cworld

_EMPTY = {"subject": "", "body": "", "to": []}

# (method, path) -> statuses for ROLES, in order, and the JSON body sent:
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/correspondence"): ((401, 200, 200, 200, 200, 200), None),
    # The register: everyone of the council (acses-town §12.1 lists nothing).
    ("GET", "/api/v1/correspondence/register"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/correspondence"): ((401, 422, 422, 422, 422, 403), _EMPTY),
    # Multipart: a file that is not an email.
    ("POST", "/api/v1/correspondence/upload"): ((401, 422, 422, 422, 422, 403), None),
    ("POST", "/api/v1/correspondence/eml"): ((401, 422, 422, 422, 422, 403), {"raw": ""}),
    ("GET", "/api/v1/correspondence/{correspondence_id}"): (
        (401, 200, 404, 200, 200, 404),
        None,
    ),
    ("PUT", "/api/v1/correspondence/{correspondence_id}"): (
        (401, 403, 404, 403, 422, 404),
        _EMPTY,
    ),
    ("POST", "/api/v1/correspondence/{correspondence_id}/check"): (
        (401, 200, 404, 403, 200, 404),
        {},
    ),
    # No footer is missing (acses-town has no footer rule): refused as input.
    ("POST", "/api/v1/correspondence/{correspondence_id}/fix-footer"): (
        (401, 403, 404, 403, 422, 404),
        {},
    ),
    # A day after today (in the years a date may take): refused as input by the action.
    ("POST", "/api/v1/correspondence/{correspondence_id}/sent"): (
        (401, 403, 404, 403, 422, 404),
        {"acknowledge": [], "sent_on": "2199-01-01"},
    ),
    # On the sent email: only the chair, a member not party to it, may ask.
    ("POST", "/api/v1/correspondence/{correspondence_id}/access-requests"): (
        (401, 404, 422, 404, 404, 404),
        {"purpose": ""},
    ),
}
_ON_SENT = {("POST", "/api/v1/correspondence/{correspondence_id}/access-requests")}


def _call(client: Client, method: str, path: str, body: Any, headers: dict[str, str]) -> int:
    with transaction.atomic():
        if method == "GET":
            response = client.get(path, headers=headers)
        elif path.endswith("/upload"):
            upload = SimpleUploadedFile("note.eml", b"this is not an email at all")
            response = client.post(path, {"eml": upload}, headers=headers)
        else:
            response = client.generic(
                method, path, json.dumps(body), content_type="application/json", headers=headers
            )
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize(("method", "path"), list(API), ids=lambda v: str(v))
def test_correspondence_api_permission_table(
    cworld: CorrespondenceWorld,
    hollowmere: Hollowmere,
    method: str,
    path: str,
) -> None:
    expected, body = API[(method, path)]
    obj = "sent" if (method, path) in _ON_SENT else "draft"
    client = Client()
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        person = cworld.people[role]
        headers = {}
        if person is not None:
            _, key = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key}"}
        url = path.replace("{correspondence_id}", str(cworld.ids[obj]))
        got = _call(client, method, url, body or {}, headers)
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if "{" in path:
            other_url = path.replace("{correspondence_id}", str(cworld.ids[f"other_{obj}"]))
            other = _call(client, method, other_url, body or {}, headers)
            other_want = 401 if person is None else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's {obj}: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)
