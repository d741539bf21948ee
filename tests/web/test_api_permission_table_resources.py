"""The council resources API's rows of the API permission table (semantics:
test_api_permission_table.py)."""

from __future__ import annotations

from typing import Any

import pytest

from .protocol_rest import check_api, rest_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

_EMPTY = {"kind": "printing", "purpose": "council_business", "description": ""}

#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/resource-requests"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/resource-requests"): ((401, 403, 422, 422, 403, 403), _EMPTY),
    ("GET", "/api/v1/resource-requests/{resource_id}"): ((401, 200, 404, 200, 404, 404), None),
    # Allowed already under acses-town §14.2: nobody decides it again.
    ("POST", "/api/v1/resource-requests/{resource_id}/decide"): (
        (401, 403, 404, 403, 404, 404),
        {"allow": True, "reasons": "Council business"},
    ),
}


@pytest.mark.parametrize("key", list(API), ids=str)
def test_resources_api_permission_table(rest_world: World, key: tuple[str, str]) -> None:  # noqa: F811
    check_api(rest_world, API, key)
