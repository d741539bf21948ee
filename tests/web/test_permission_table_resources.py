"""The council resources pages' rows of the permission table (semantics:
test_permission_table.py)."""

from __future__ import annotations

import pytest

from .protocol_rest import check_page, rest_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "resources:list", ""): (302, 200, 200, 200, 200, 200),
    # Serving members ask.
    ("GET", "resources:new", ""): (302, 404, 200, 200, 404, 404),
    ("POST", "resources:new", ""): (302, 404, 200, 200, 404, 404),
    # The ward councillor's printing for council business, allowed (acses-town §14.2):
    # the member and the Clerk, who keeps the register; nobody decides it again.
    ("GET", "resources:detail", "resource"): (302, 200, 404, 200, 404, 404),
    ("POST", "resources:decide", "resource"): (302, 403, 404, 403, 404, 404),
}


@pytest.mark.parametrize("key", list(PAGES), ids=str)
def test_resources_permission_table(rest_world: World, key: tuple[str, str, str]) -> None:  # noqa: F811
    check_page(rest_world, PAGES, key)
