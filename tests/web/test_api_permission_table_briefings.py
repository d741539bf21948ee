"""The briefings API's rows of the API permission table (see test_api_permission_table.py
for the semantics): every briefings path x every role x objects of the same and of another
council. The keys are the paths exactly as the OpenAPI schema has them."""

from __future__ import annotations

from typing import Any

import pytest

from .registers import check_api_row, registers_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

# (method, path) -> (statuses for ROLES, body):
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/briefings"): ((401, 200, 200, 200, 200, 200), None),
    # Only the group's member asks (an empty matter: 422).
    ("POST", "/api/v1/briefings"): (
        (401, 403, 403, 422, 403, 403),
        {"group_id": "{group}", "matter": ""},
    ),
    ("GET", "/api/v1/briefings/{briefing_id}"): ((401, 200, 404, 200, 404, 404), None),
    ("POST", "/api/v1/briefings/{briefing_id}/same-matter"): (
        (401, 200, 404, 403, 404, 404),
        {"earlier_id": None},
    ),
    # Declining needs reasons: 422.
    ("POST", "/api/v1/briefings/{briefing_id}/decide"): (
        (401, 422, 404, 403, 404, 404),
        {"agree": False, "reasons": ""},
    ),
    ("POST", "/api/v1/briefings/{briefing_id}/record"): (
        (401, 403, 404, 403, 404, 404),
        {"given_on": "2026-11-23", "advice": "", "officer_ids": []},
    ),
}

_OBJECTS = {"briefing_id": "briefing"}


@pytest.mark.parametrize(("method", "path"), list(API), ids=lambda v: str(v))
def test_briefings_api_permission_table(
    registers_world: World,  # noqa: F811
    method: str,
    path: str,
) -> None:
    want, body = API[(method, path)]
    check_api_row(registers_world, method, path, want, body, _OBJECTS)
