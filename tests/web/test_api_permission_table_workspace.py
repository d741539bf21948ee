"""The workspace API's rows of the API permission table (see test_api_permission_table.py
for the semantics): search, for every role; the results are each person's own."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from propriety.enquiries.actions import do_submit_enquiry
from propriety.people.actions import do_create_api_token

from .conftest import Hollowmere
from .test_permission_table import ROLES

# (method, path) -> (statuses for ROLES, body):
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/search"): ((401, 200, 200, 200, 200, 200), None),
}


@pytest.mark.parametrize(("method", "path"), list(API), ids=lambda v: str(v))
def test_workspace_api_permission_table(hollowmere: Hollowmere, method: str, path: str) -> None:
    h = hollowmere
    made = do_submit_enquiry(
        h.cllr_ward,
        subject="Lamp posts",
        body="The lamp posts on Mill Lane are out.",
        kind="information",
        addressed_to="proper_officer",
        acting_user=h.cllr_ward,
    )
    people = {
        "anonymous": None,
        "clerk": h.clerk,
        "cllr_chair": h.cllr_chair,
        "cllr_ward": h.cllr_ward,
        "officer_junior": h.officer_junior,
        "monitoring_officer": h.monitoring_officer,
    }
    # Who finds the ward councillor's enquiry: the member and the Clerk only.
    finds = {"clerk": 1, "cllr_ward": 1}
    expected, _ = API[(method, path)]
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        person = people[role]
        headers = {}
        if person is not None:
            _, key = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key}"}
        response = Client().get(path, {"q": "lamp"}, headers=headers)
        if response.status_code != want:
            wrong.append(f"{role}: expected {want}, got {response.status_code}")
        elif want == 200:
            body = response.json()
            if body["count"] != finds.get(role, 0):
                wrong.append(f"{role}: found {body['count']}, expected {finds.get(role, 0)}")
            if body["count"] and body["items"][0]["reference"] != made.reference:
                wrong.append(f"{role}: found {body['items'][0]['reference']}")
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)


def test_an_empty_search_is_refused_clearly(hollowmere: Hollowmere) -> None:
    _, key = do_create_api_token(hollowmere.clerk, name="t", acting_user=hollowmere.clerk)
    response = Client().get("/api/v1/search", {"q": ""}, headers={"authorization": f"Bearer {key}"})
    assert response.status_code == 422
