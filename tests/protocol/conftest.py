from __future__ import annotations

from pathlib import Path

import pytest

from propriety.protocol import Engine, Rulebook, load_rulebook

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def testford() -> Rulebook:
    return load_rulebook("testford", FIXTURES)


@pytest.fixture(scope="session")
def engine(testford: Rulebook) -> Engine:
    return Engine(testford)
