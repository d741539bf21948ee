"""The shape of one race for tests/web/test_races.py, shared with the modules of cases
it gathers (races_registers.py, races_more.py, races_decisions.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from .conftest import Hollowmere

Act = Callable[[Any], object]  # one person's action on their own copy of the row


@dataclass(frozen=True)
class Race:
    """Two conflicting actions on one row: ``setup`` makes the row, ``first``/``second`` act.

    ``repeatable`` marks an action that is harmless to repeat (revoking a
    revoked token): the loser then changes nothing and records nothing
    instead of being refused. ``staggered`` starts ``second`` a moment after
    ``first`` has taken the lock, for pairs that conflict only in that order
    (an edit after a submission is refused; a submission after an edit is
    simply the edited draft's submission).
    """

    name: str
    covers: tuple[str, ...]
    setup: Callable[[Hollowmere], models.Model]
    first: Callable[[Hollowmere], Act]
    second: Callable[[Hollowmere], Act]
    repeatable: bool = False
    staggered: bool = False
    events: int = 1  # how many audit events one winning action writes on the row
