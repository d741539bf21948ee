"""The register, briefings and delegated-action API: the same decisions and clauses as the
pages, 403 citing the clause for a chair, and nothing of one group shown to another."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from propriety.people.actions import do_create_api_token
from propriety.people.models import Person

from .registers import registers_world  # noqa: F401  (shared fixture)
from .test_permission_table import World


def _api(person: Person, method: str, path: str, body: Any = None) -> tuple[int, Any]:
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


def test_the_register_and_panels_through_the_api(registers_world: World) -> None:  # noqa: F811
    w = registers_world
    member, chair, clerk = w.people["cllr_ward"], w.people["cllr_chair"], w.people["clerk"]
    assert member is not None and chair is not None and clerk is not None
    status, body = _api(
        chair, "POST", "/api/v1/declarations", {"nature": "interest", "related_name": "Mill Farm"}
    )
    assert status == 201
    assert body["decision"]["outcome"] == "refer"  # a business interest: ask the Town Clerk
    assert {c["clause"] for c in body["decision"]["citations"]} == {"§4.3", "§15.1"}
    status, panel = _api(clerk, "GET", f"/api/v1/panels/{w.ids['panel']}")
    refused = [s for s in panel["seats"] if s["status"] == "refused"]
    assert [s["member"]["id"] for s in refused] == [member.pk]
    assert refused[0]["decision"]["citations"][0]["clause"] == "§4.4"
    # The chair does not see the ward councillor's declaration.
    status, _ = _api(chair, "GET", f"/api/v1/declarations/{w.ids['declaration']}")
    assert status == 404


def test_a_chair_cannot_take_the_decision_through_the_api(registers_world: World) -> None:  # noqa: F811
    w = registers_world
    chair, officer = w.people["cllr_chair"], w.people["officer_junior"]
    assert chair is not None and officer is not None
    path = f"/api/v1/delegated-actions/{w.ids['action']}/decision"
    decision = {"consulted_on": "2026-11-23", "chair_view": "Go ahead", "decision_text": "Smith's"}
    status, body = _api(chair, "POST", path, decision)
    assert status == 403 and "§7.4" in body["detail"]
    status, body = _api(officer, "POST", path, decision)
    assert status == 200 and body["status"] == "decided"
    assert [c["clause"] for c in body["decision"]["citations"]] == ["§7.4"]


def test_briefings_through_the_api(registers_world: World) -> None:  # noqa: F811
    w = registers_world
    member, clerk = w.people["cllr_ward"], w.people["clerk"]
    assert member is not None and clerk is not None
    status, body = _api(
        member,
        "POST",
        "/api/v1/briefings",
        {
            "group_id": w.ids["group"],
            "matter": "Election leaflets",
            "matter_kind": "party_business",
        },
    )
    assert status == 201 and body["status"] == "refused"
    assert "§8.3" in {c["clause"] for c in body["decision"]["citations"]}
    status, body = _api(
        clerk, "POST", f"/api/v1/briefings/{w.ids['briefing']}/decide", {"agree": True}
    )
    assert status == 200 and body["status"] == "agreed"
    status, body = _api(
        clerk,
        "POST",
        f"/api/v1/briefings/{w.ids['briefing']}/record",
        {
            "given_on": "2026-11-23",
            "advice": "The budget rises 2%.",
            "officer_ids": [clerk.pk],
            "non_members_attended": True,
        },
    )
    assert status == 422 and "§8.2" in body["detail"]


def test_text_with_a_nul_character_is_refused_not_a_server_error(
    registers_world: World,  # noqa: F811
) -> None:
    member = registers_world.people["cllr_ward"]
    assert member is not None
    status, body = _api(
        member, "POST", "/api/v1/declarations", {"nature": "interest", "related_name": "Mill\x00"}
    )
    assert status == 422 and "NUL" in json.dumps(body)
    status, _ = _api(
        member,
        "POST",
        "/api/v1/briefings",
        {"group_id": registers_world.ids["group"], "matter": "Budget\x00"},
    )
    assert status == 422
