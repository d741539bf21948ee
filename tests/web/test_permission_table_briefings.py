"""The briefings pages' rows of the permission table (see test_permission_table.py for the
semantics): every briefings URL x every role x objects of the same and of another council."""

from __future__ import annotations

import pytest

from .registers import check_page_row, registers_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "briefings:list", ""): (302, 200, 200, 200, 200, 200),
    # Only members of a party group ask (the ward councillor is in one).
    ("GET", "briefings:new", ""): (302, 404, 404, 200, 404, 404),
    ("POST", "briefings:new", ""): (302, 404, 404, 200, 404, 404),
    # The group's briefing: its members and the Clerk; never another group or member.
    ("GET", "briefings:detail", "briefing"): (302, 200, 404, 200, 404, 404),
    ("POST", "briefings:decide", "briefing"): (302, 200, 404, 403, 404, 404),
    ("POST", "briefings:same_matter", "briefing"): (302, 302, 404, 403, 404, 404),
    # Not agreed yet: nobody records it.
    ("POST", "briefings:record", "briefing"): (302, 403, 404, 403, 404, 404),
}

_KWARGS = {"briefing": "briefing_id"}


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_briefings_permission_table(
    registers_world: World,  # noqa: F811
    method: str,
    name: str,
    obj: str,
) -> None:
    check_page_row(registers_world, method, name, obj, PAGES[(method, name, obj)], _KWARGS)
