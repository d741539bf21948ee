"""The written report and acting Proper Officer pages' rows of the permission table
(semantics: test_permission_table.py)."""

from __future__ import annotations

import pytest

from .protocol_rest import check_page, rest_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "reports:list", ""): (302, 200, 200, 200, 200, 200),
    # Serving members ask (acses-town does not answer: the page says so).
    ("GET", "reports:new", ""): (302, 404, 200, 200, 404, 404),
    ("POST", "reports:new", ""): (302, 404, 200, 200, 404, 404),
    # The ward councillor's report for the council, made under Ludlow §4.4.1.
    ("GET", "reports:detail", "report"): (302, 200, 404, 200, 404, 404),
    ("POST", "reports:respond", "report"): (302, 200, 404, 403, 404, 404),
    # Who acts as Proper Officer is public; the chair of the council or the Clerk records it.
    ("GET", "reports:acting_list", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "reports:acting_new", ""): (302, 200, 200, 404, 404, 404),
    ("POST", "reports:acting_new", ""): (302, 200, 200, 404, 404, 404),
    ("GET", "reports:acting", "acting"): (302, 200, 200, 200, 200, 200),
}


@pytest.mark.parametrize("key", list(PAGES), ids=str)
def test_reports_permission_table(rest_world: World, key: tuple[str, str, str]) -> None:  # noqa: F811
    check_page(rest_world, PAGES, key)
