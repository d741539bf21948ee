"""Tests in a real browser: Playwright for Python driving Debian's Chromium, with axe-core.

``scripts/test`` installs what they need before running them: Debian's ``chromium``
(with apt, when absent) and npm's ``axe-core`` (into ``var/cache/axe-core``). Run
alone, they look for the same two things (or ``PROPRIETY_CHROMIUM`` and
``PROPRIETY_AXE_JS``) and are skipped, saying why, when either is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PROPRIETY_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(
    os.environ.get("PROPRIETY_AXE_JS", ROOT / "var/cache/axe-core/node_modules/axe-core/axe.min.js")
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.skip(f"axe-core is not installed at {AXE_JS}: scripts/test installs it")
    return AXE_JS.read_text()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: scripts/test installs it")
    # Playwright's event loop must not be the one pytest-django's live server might see.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
