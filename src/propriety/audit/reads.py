"""Recording who read a confidential record.

A view that shows a confidential record calls ``record_read(person, obj)``
once it has the object (one line). Whether the record is confidential is
decided here, from what kind of record it is, so the views need not know:
exempt, confidential and personal-data documents; every concern (its parties
and subject are confidential); every access request (the decision on a
member's need to know). Public and committee documents are not recorded.
The read is an event like any other (action ``record.read``), so it is in the
council's log and on the oversight pages, but not in the case's timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models

from propriety.audit.recording import recording

READ_ACTION = "record.read"
M = TypeVar("M", bound=models.Model)

_OPEN_DOCUMENTS = frozenset({"public", "committee"})

# Per kind of record: is this one confidential? Kinds not listed are not recorded.
CONFIDENTIAL: dict[str, Callable[[Any], bool]] = {
    "documents.document": lambda d: d.classification not in _OPEN_DOCUMENTS,
    "concerns.concern": lambda c: True,
    "documents.accessrequest": lambda r: True,
    "documents.accessdispute": lambda d: True,
}


def is_confidential(obj: models.Model) -> bool:
    test = CONFIDENTIAL.get(obj._meta.label_lower)
    return bool(test and test(obj))


def record_read(person: Any, obj: M, *, why: str = "") -> M:
    """Record that ``person`` read ``obj`` if it is confidential; returns ``obj``."""
    if not is_confidential(obj) or not getattr(person, "pk", None):
        return obj
    kind = obj._meta.verbose_name
    says = f"{person.full_name} read this {kind}." + (f" {why}" if why else "")
    with recording(
        council=obj.council,  # type: ignore[attr-defined]
        actor=person,
        action=READ_ACTION,
        obj=obj,
        details={"says": says},
    ):
        pass
    return obj
