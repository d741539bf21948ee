"""The written reports and acting Proper Officer API's rows of the API permission table
(semantics: test_api_permission_table.py)."""

from __future__ import annotations

from typing import Any

import pytest

from .protocol_rest import check_api, rest_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

_ACTING = {"councillor_id": 999_999, "starts_on": "2026-12-01", "reason": ""}

#            anonymous clerk chair ward junior MO
API: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]] = {
    ("GET", "/api/v1/reports"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/reports"): (
        (401, 403, 422, 422, 403, 403),
        {"subject": "", "for_body": "council"},
    ),
    ("GET", "/api/v1/reports/{report_id}"): ((401, 200, 404, 200, 404, 404), None),
    ("POST", "/api/v1/reports/{report_id}/respond"): (
        (401, 422, 404, 403, 404, 404),
        {"provide": True},
    ),
    ("GET", "/api/v1/reports/acting-proper-officer"): ((401, 200, 200, 200, 200, 200), None),
    ("POST", "/api/v1/reports/acting-proper-officer"): ((401, 422, 422, 403, 403, 403), _ACTING),
    ("GET", "/api/v1/reports/acting-proper-officer/{arrangement_id}"): (
        (401, 200, 200, 200, 200, 200),
        None,
    ),
}


@pytest.mark.parametrize("key", list(API), ids=str)
def test_reports_api_permission_table(rest_world: World, key: tuple[str, str]) -> None:  # noqa: F811
    check_api(rest_world, API, key)
