"""Helpers shared by the press actions."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied

from propriety.audit.recording import action_day
from propriety.councils.protocol import the
from propriety.protocol import Decision


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


_the = the


def _clauses(decision: Decision) -> str:
    return ", ".join(dict.fromkeys(decision.clauses))
