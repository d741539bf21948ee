"""The ward notices API's rows of the API permission table (semantics:
test_api_permission_table.py)."""

from __future__ import annotations

from typing import Any

import pytest

from .protocol_rest import check_api, rest_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

_EMPTY = {"event": "consultation", "title": "", "takes_place_on": "2026-12-01", "ward_ids": []}

#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/ward-notices"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/ward-notices"): ((401, 422, 422, 422, 422, 403), _EMPTY),
    ("GET", "/api/v1/ward-notices/{notice_id}"): ((401, 200, 404, 200, 200, 404), None),
    ("POST", "/api/v1/ward-notices/{notice_id}/decide"): (
        (401, 403, 404, 403, 403, 404),
        {"allow": True, "reasons": "Fine"},
    ),
}


@pytest.mark.parametrize("key", list(API), ids=str)
def test_wardnotices_api_permission_table(rest_world: World, key: tuple[str, str]) -> None:  # noqa: F811
    check_api(rest_world, API, key)
