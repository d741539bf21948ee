"""The interests API's rows of the API permission table (see test_api_permission_table.py
for the semantics): every interests path x every role x objects of the same and of another
council. The keys are the paths exactly as the OpenAPI schema has them."""

from __future__ import annotations

from typing import Any

import pytest

from .registers import check_api_row, registers_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

# (method, path) -> (statuses for ROLES, body):
#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/declarations"): ((401, 200, 200, 200, 200, 200), None),
    # Nobody named: 422; the Monitoring Officer is neither member nor officer: 403.
    ("POST", "/api/v1/declarations"): ((401, 422, 422, 422, 422, 403), {"nature": "relative"}),
    ("GET", "/api/v1/declarations/{declaration_id}"): ((401, 200, 404, 200, 404, 200), None),
    ("POST", "/api/v1/declarations/{declaration_id}/end"): (
        (401, 200, 404, 200, 404, 403),
        {},
    ),
    ("GET", "/api/v1/panels"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/panels"): ((401, 422, 403, 403, 403, 403), {"kind": "pay", "title": ""}),
    ("GET", "/api/v1/panels/{panel_id}"): ((401, 200, 200, 200, 404, 200), None),
    # An officer cannot sit on a panel of members: 422 for the Clerk.
    ("POST", "/api/v1/panels/{panel_id}/seats"): (
        (401, 422, 403, 403, 404, 403),
        {"member_id": "{officer_junior}"},
    ),
    ("POST", "/api/v1/panels/{panel_id}/close"): (
        (401, 422, 403, 403, 404, 403),
        {"outcome": ""},
    ),
}

_OBJECTS = {"declaration_id": "declaration", "panel_id": "panel"}


@pytest.mark.parametrize(("method", "path"), list(API), ids=lambda v: str(v))
def test_interests_api_permission_table(
    registers_world: World,  # noqa: F811
    method: str,
    path: str,
) -> None:
    want, body = API[(method, path)]
    check_api_row(registers_world, method, path, want, body, _OBJECTS)
