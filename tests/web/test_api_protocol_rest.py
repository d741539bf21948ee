"""The API of issue 12's capabilities does what the pages do, with the clauses."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from propriety.councils.actions import do_change_council_rulebook
from propriety.people.actions import do_create_api_token
from propriety.people.models import Person

from .conftest import Hollowmere


def _call(person: Person, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    _, key = do_create_api_token(person, name="test", acting_user=person)
    client = Client()
    headers = {"authorization": f"Bearer {key}"}
    if method == "GET":
        response = client.get(path, headers=headers)
    else:
        response = client.post(
            path, data=json.dumps(body or {}), content_type="application/json", headers=headers
        )
    return response.status_code, response.json()


def test_ward_notice_through_the_api(hollowmere: Hollowmere) -> None:
    h = hollowmere
    status, data = _call(
        h.officer_junior,
        "POST",
        "/api/v1/ward-notices",
        {
            "event": "consultation",
            "title": "Parking",
            "takes_place_on": "2026-12-01",
            "ward_ids": [h.brookside.pk],
        },
    )
    assert status == 201
    assert data["outcome"] == "allow"
    assert [p["name"] for p in data["members_told"]] == ["Wendy Ward"]
    assert "§9.2(c)" in [c["clause"] for c in data["decision"]["citations"]]
    status, seen = _call(h.cllr_ward, "GET", f"/api/v1/ward-notices/{data['id']}")
    assert status == 200 and seen["reference"] == data["reference"]


def test_resource_refusal_and_referral_through_the_api(hollowmere: Hollowmere) -> None:
    h = hollowmere
    status, data = _call(
        h.cllr_ward,
        "POST",
        "/api/v1/resource-requests",
        {"kind": "printing", "purpose": "private", "description": "Party invitations"},
    )
    assert status == 201 and data["status"] == "refused"
    assert "§14.3(e)" in [c["clause"] for c in data["decision"]["citations"]]
    do_change_council_rulebook(h.council, rulebook="west-mersea", acting_user=None)
    status, data = _call(
        h.cllr_ward,
        "POST",
        "/api/v1/resource-requests",
        {"kind": "room", "purpose": "non_council_capacity", "description": "Rotary dinner"},
    )
    assert status == 201 and data["status"] == "referred"
    status, decided = _call(
        h.clerk,
        "POST",
        f"/api/v1/resource-requests/{data['id']}/decide",
        {"allow": False, "reasons": "Not council business"},
    )
    assert status == 200 and decided["status"] == "refused"
    assert decided["decided_by"]["name"] == "Clara Clerk"


def test_protocol_and_questions_through_the_api(hollowmere: Hollowmere) -> None:
    h = hollowmere
    status, data = _call(h.cllr_ward, "GET", "/api/v1/protocol")
    assert status == 200
    assert data["review"]["status"] == "unset"
    assert {"§15.1", "§9.4"} <= {c["id"] for c in data["clauses"]}
    status, asked = _call(
        h.cllr_ward, "POST", "/api/v1/protocol/questions", {"question": "Who do I ask?"}
    )
    assert status == 201 and asked["decision"]["refer_to"]["role"] == "proper_officer"
    status, answered = _call(
        h.clerk, "POST", f"/api/v1/protocol/questions/{asked['id']}/answer", {"answer": "Me."}
    )
    assert status == 200 and answered["status"] == "answered"


def test_report_and_acting_through_the_api(hollowmere: Hollowmere) -> None:
    h = hollowmere
    do_change_council_rulebook(h.council, rulebook="ludlow", acting_user=None)
    status, report = _call(
        h.cllr_ward, "POST", "/api/v1/reports", {"subject": "Rents", "for_body": "council"}
    )
    assert status == 201 and report["status"] == "accepted"
    status, done = _call(
        h.clerk,
        "POST",
        f"/api/v1/reports/{report['id']}/respond",
        {"provide": True, "report_text": "Facts, options, merits."},
    )
    assert status == 200 and done["status"] == "provided"
    do_change_council_rulebook(h.council, rulebook="grantham", acting_user=None)
    status, acting = _call(
        h.cllr_chair,
        "POST",
        "/api/v1/reports/acting-proper-officer",
        {
            "councillor_id": h.cllr_ward.pk,
            "starts_on": "2026-12-01",
            "reason": "Vacancy",
            "paid": True,
        },
    )
    assert status == 201 and acting["allowed"] is False
    assert acting["decision"]["citations"][0]["clause"] == "Officers ¶6"
