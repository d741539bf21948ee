"""Every council's rulebook answers the questions the app will ask of it."""

from __future__ import annotations

import pytest

from propriety.protocol import rulebook
from propriety.protocol._features import app_problems
from tests.rulebooks.conftest import concrete_names

pytestmark = pytest.mark.core


@pytest.mark.parametrize("name", concrete_names())
def test_the_app_can_ask_every_question_it_needs(name: str) -> None:
    assert [str(p) for p in app_problems(rulebook(name))] == []
