"""The hook to the register of relationships and interests: warnings for a concern about,
or handled by, a related person (shown only to those who may see the declaration)."""

from __future__ import annotations

import datetime
from typing import Any

from propriety.concerns.models import Concern
from propriety.people.models import Person


def conflict_warnings(viewer: Person, concern: Concern, day: datetime.date) -> list[dict[str, Any]]:
    from propriety.interests.checks import concern_warnings

    return concern_warnings(viewer, concern, day)
