"""The interests pages' rows of the permission table (see test_permission_table.py for the
semantics): every interests URL x every role x objects of the same and of another council."""

from __future__ import annotations

import pytest

from .registers import check_page_row, registers_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "interests:list", ""): (302, 200, 200, 200, 200, 200),
    # Members and officers declare their own; the Monitoring Officer is neither.
    ("GET", "interests:new", ""): (302, 200, 200, 200, 200, 404),
    ("POST", "interests:new", ""): (302, 200, 200, 200, 200, 404),
    # The ward councillor's declaration: the declarer, the Clerk and the MO only.
    ("GET", "interests:detail", "declaration"): (302, 200, 404, 200, 404, 200),
    ("POST", "interests:end", "declaration"): (302, 302, 404, 302, 404, 403),
    ("GET", "interests:panels", ""): (302, 200, 200, 200, 200, 200),
    ("GET", "interests:panel_new", ""): (302, 200, 403, 403, 403, 403),
    ("POST", "interests:panel_new", ""): (302, 200, 403, 403, 403, 403),
    # The panel: the Clerk, the MO and the members considered (seated or refused).
    ("GET", "interests:panel", "panel"): (302, 200, 200, 200, 404, 200),
    ("POST", "interests:seat", "panel"): (302, 200, 403, 403, 404, 403),
    ("POST", "interests:panel_close", "panel"): (302, 200, 403, 403, 404, 403),
}

_KWARGS = {"declaration": "declaration_id", "panel": "panel_id"}


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_interests_permission_table(
    registers_world: World,  # noqa: F811
    method: str,
    name: str,
    obj: str,
) -> None:
    check_page_row(registers_world, method, name, obj, PAGES[(method, name, obj)], _KWARGS)
