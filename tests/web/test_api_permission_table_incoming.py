"""The incoming-correspondence API's rows of the API permission table (semantics:
test_api_permission_table.py); the letter is the chair's to decide (Ashcombe §3.3)."""

from __future__ import annotations

from typing import Any

import pytest

from .incoming_world import incoming_world  # noqa: F401  (shared fixture)
from .protocol_rest import check_api
from .test_permission_table import World

P = "/api/v1/correspondence/incoming"

#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", P): ((401, 200, 200, 200, 200, 200), None),
    ("POST", P): (
        (401, 422, 403, 403, 422, 403),
        {"received_on": "2026-11-20", "summary": "", "sender": "A Resident"},
    ),
    ("GET", P + "/{letter_id}"): ((401, 200, 200, 404, 404, 404), None),
    ("POST", P + "/{letter_id}/dealt-with"): (
        (401, 403, 422, 404, 404, 404),
        {"action": "answered", "reasons": ""},
    ),
}


@pytest.mark.parametrize("key", list(API), ids=str)
def test_incoming_api_permission_table(incoming_world: World, key: tuple[str, str]) -> None:  # noqa: F811
    check_api(incoming_world, API, key)
