"""The "Can I…?" rows of the API permission table (see test_api_permission_table.py).

The ``question`` is the ward councillor's kept answer: only they see it (404 for anyone
else, as for one that does not exist). 401 without a token; 403 for the Monitoring
Officer, who is neither a serving member nor an officer; 422 when the (empty) input is
refused.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from propriety.people.actions import do_create_api_token

from .test_permission_table import ROLES, World
from .test_permission_table_conduct import conduct_world  # noqa: F401  (fixture)

ASK = {"action": "criticise", "forum": "social_media", "concerning": "officer"}
Q = "/api/v1/conduct/questions/{question_id}"
# (method, path) -> (statuses for ROLES, body):
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("POST", "/api/v1/conduct/ask"): ((401, 200, 200, 200, 200, 403), ASK),
    ("GET", "/api/v1/conduct/questions"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/conduct/questions"): (
        (401, 422, 422, 422, 422, 403),
        {**ASK, "forum": "the pub"},
    ),
    ("GET", Q): ((401, 404, 404, 200, 404, 404), None),
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
def test_conduct_api_permission_table(conduct_world: World, method: str, path: str) -> None:  # noqa: F811
    expected, body = API[(method, path)]
    client = Client()
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        person = conduct_world.people[role]
        headers = {}
        if person is not None:
            _, key = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key}"}
        url = path.replace("{question_id}", str(conduct_world.ids["question"]))
        got = _call(client, method, url, body or {}, headers)
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if "{question_id}" in path:
            other_url = path.replace("{question_id}", str(conduct_world.ids["other_question"]))
            other = _call(client, method, other_url, body or {}, headers)
            other_want = 401 if person is None else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's question: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)


def test_asking_through_the_api_cites_the_clause_and_keeps_nothing(conduct_world: World) -> None:  # noqa: F811
    from propriety.conduct.models import ConductQuestion

    member = conduct_world.people["cllr_chair"]
    assert member is not None
    _, key = do_create_api_token(member, name="t", acting_user=member)
    response = Client().post(
        "/api/v1/conduct/ask",
        data=json.dumps(ASK),
        content_type="application/json",
        headers={"authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["outcome"] == "refuse"
    assert [c["clause"] for c in data["citations"]] == ["§15.2(c)"]
    assert not ConductQuestion.objects.for_council(member.council).filter(asked_by=member).exists()
