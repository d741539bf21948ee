"""The consultations pages' rows of the permission table (see test_permission_table.py for the
semantics): every consultations URL x every role x objects of the same and of another council."""

from __future__ import annotations

import pytest

from .registers import check_page_row, registers_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "consultations:list", ""): (302, 200, 200, 200, 200, 200),
    # Officers record a delegation.
    ("GET", "consultations:new", ""): (302, 200, 403, 403, 200, 403),
    ("POST", "consultations:new", ""): (302, 200, 403, 403, 200, 403),
    # Delegated to the junior officer in consultation with the chair.
    ("GET", "consultations:detail", "action"): (302, 200, 200, 404, 200, 404),
    # Only the named officer decides: the chair is refused citing §7.4 (403).
    ("POST", "consultations:decide", "action"): (302, 403, 403, 404, 200, 404),
}

_KWARGS = {"action": "action_id"}


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_consultations_permission_table(
    registers_world: World,  # noqa: F811
    method: str,
    name: str,
    obj: str,
) -> None:
    check_page_row(registers_world, method, name, obj, PAGES[(method, name, obj)], _KWARGS)
