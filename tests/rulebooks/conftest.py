"""Shared helpers for rulebook tests (pure core: no database)."""

from __future__ import annotations

import pytest

from propriety.protocol import rulebook, rulebook_names


def concrete_names() -> list[str]:
    return [n for n in rulebook_names() if not rulebook(n).abstract]


@pytest.fixture(autouse=True)
def _core_only() -> None:
    """Rulebook tests never touch the database."""
