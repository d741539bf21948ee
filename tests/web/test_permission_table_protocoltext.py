"""The protocol pages' rows of the permission table (semantics: test_permission_table.py)."""

from __future__ import annotations

import pytest

from .protocol_rest import check_page, rest_world  # noqa: F401  (shared fixture)
from .test_permission_table import World

#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    # The protocol is everyone's to read.
    ("GET", "protocoltext:text", ""): (302, 200, 200, 200, 200, 200),
    # Members and officers ask (the Monitoring Officer is neither at a town council).
    ("GET", "protocoltext:ask", ""): (302, 200, 200, 200, 200, 404),
    ("POST", "protocoltext:ask", ""): (302, 200, 200, 200, 200, 404),
    ("GET", "protocoltext:questions", ""): (302, 200, 200, 200, 200, 200),
    # The ward councillor's question goes to the Town Clerk (acses-town §15.1).
    ("GET", "protocoltext:question", "question"): (302, 200, 404, 200, 404, 404),
    ("POST", "protocoltext:answer", "question"): (302, 200, 404, 403, 404, 404),
}


@pytest.mark.parametrize("key", list(PAGES), ids=str)
def test_protocoltext_permission_table(rest_world: World, key: tuple[str, str, str]) -> None:  # noqa: F811
    check_page(rest_world, PAGES, key)
