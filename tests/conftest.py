"""Keeps tests that share one budget or one browser on one pytest-xdist worker.

``scripts/test`` spreads the suite over worker processes (``-n``, ``--dist loadgroup``).
The API fuzzer spends one time budget (``PROPRIETY_FUZZ_SECONDS``) counted from its
first test, so its tests stay together on one worker and the budget stays one per
run; the browser tests share one Chromium, so they too stay together. Everything
else goes to whichever worker is free.
"""

from __future__ import annotations

from typing import Any

import pytest

GROUPED = ("fuzz", "browser")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        for name in GROUPED:
            if item.get_closest_marker(name) is not None:
                item.add_marker(pytest.mark.xdist_group(name))
                break
