"""Recording events that change no row (sign-out, access ended).

Changes to rows are recorded by the action that makes them, through
:func:`propriety.audit.recording.recording`; this is for the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from propriety.audit.recording import recording
from propriety.councils.models import Council
from propriety.people.models import Person


def do_record_event(
    council: Council,
    *,
    action: str,
    obj: models.Model | None = None,
    details: Mapping[str, Any] | None = None,
    acting_user: Person | None,
) -> None:
    with recording(council=council, actor=acting_user, action=action, obj=obj, details=details):
        pass
