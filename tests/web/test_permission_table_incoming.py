"""The incoming-correspondence pages' rows of the permission table (semantics:
test_permission_table.py). The letter is abusive: the protocol (Ashcombe §3.3) gives it
to the chair to decide, so the chair and the Clerk see it and only the chair records
what was done."""

from __future__ import annotations

import pytest

from .incoming_world import incoming_world  # noqa: F401  (shared fixture)
from .protocol_rest import check_page
from .test_permission_table import World

#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "correspondence:incoming", ""): (302, 200, 200, 200, 200, 200),
    # The council's officers record what it receives.
    ("GET", "correspondence:incoming_new", ""): (302, 200, 404, 404, 200, 404),
    ("POST", "correspondence:incoming_new", ""): (302, 200, 404, 404, 200, 404),
    ("GET", "correspondence:incoming_detail", "letter"): (302, 200, 200, 404, 404, 404),
    ("POST", "correspondence:incoming_dealt_with", "letter"): (302, 403, 200, 404, 404, 404),
}


@pytest.mark.parametrize("key", list(PAGES), ids=str)
def test_incoming_permission_table(incoming_world: World, key: tuple[str, str, str]) -> None:  # noqa: F811
    check_page(incoming_world, PAGES, key)
