"""The ward notice pages' rows of the permission table (semantics: test_permission_table.py)."""

from __future__ import annotations

import pytest

from .protocol_rest import check_page, rest_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "wardnotices:list", ""): (302, 200, 200, 200, 200, 200),
    # Officers and serving members record (an empty form comes back with its errors).
    ("GET", "wardnotices:new", ""): (302, 200, 200, 200, 200, 404),
    ("POST", "wardnotices:new", ""): (302, 200, 200, 200, 200, 404),
    # The officer's consultation in Brookside: officers, and its ward councillor (told).
    ("GET", "wardnotices:detail", "notice"): (302, 200, 404, 200, 200, 404),
    # acses-town decides a consultation itself: nobody decides it again.
    ("POST", "wardnotices:decide", "notice"): (302, 403, 404, 403, 403, 404),
}


@pytest.mark.parametrize("key", list(PAGES), ids=str)
def test_wardnotices_permission_table(rest_world: World, key: tuple[str, str, str]) -> None:  # noqa: F811
    check_page(rest_world, PAGES, key)
