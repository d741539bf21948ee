"""The protocol API's rows of the API permission table (semantics:
test_api_permission_table.py)."""

from __future__ import annotations

from typing import Any

import pytest

from .protocol_rest import check_api, rest_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/protocol"): ((401, 200, 200, 200, 200, 200), None),
    ("GET", "/api/v1/protocol/questions"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/protocol/questions"): ((401, 422, 422, 422, 422, 403), {"question": ""}),
    ("GET", "/api/v1/protocol/questions/{question_id}"): ((401, 200, 404, 200, 404, 404), None),
    ("POST", "/api/v1/protocol/questions/{question_id}/answer"): (
        (401, 422, 404, 403, 404, 404),
        {"answer": ""},
    ),
}


@pytest.mark.parametrize("key", list(API), ids=str)
def test_protocoltext_api_permission_table(rest_world: World, key: tuple[str, str]) -> None:  # noqa: F811
    check_api(rest_world, API, key)
