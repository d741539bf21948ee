"""The consultations API's rows of the API permission table (see test_api_permission_table.py
for the semantics): every consultations path x every role x objects of the same and of another
council. The keys are the paths exactly as the OpenAPI schema has them."""

from __future__ import annotations

from typing import Any

import pytest

from .registers import check_api_row, registers_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

# (method, path) -> (statuses for ROLES, body):
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/delegated-actions"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/delegated-actions"): (
        (401, 422, 403, 403, 422, 403),
        {"resolution_reference": "", "matter": "", "officer_id": 0, "chair_id": 0},
    ),
    ("GET", "/api/v1/delegated-actions/{action_id}"): ((401, 200, 200, 404, 200, 404), None),
    # Only the named officer decides; the chair is refused citing §7.4.
    ("POST", "/api/v1/delegated-actions/{action_id}/decision"): (
        (401, 403, 403, 404, 422, 404),
        {"consulted_on": "2026-11-23", "chair_view": "", "decision_text": ""},
    ),
}

_OBJECTS = {"action_id": "action"}


@pytest.mark.parametrize(("method", "path"), list(API), ids=lambda v: str(v))
def test_consultations_api_permission_table(
    registers_world: World,  # noqa: F811
    method: str,
    path: str,
) -> None:
    want, body = API[(method, path)]
    check_api_row(registers_world, method, path, want, body, _OBJECTS)
