"""The hook to the register of relationships and interests: warnings for an access
request on a matter the member declared an interest in, or decided by someone related
to them (shown only to those who may see the declaration)."""

from __future__ import annotations

import datetime
from typing import Any

from propriety.documents.models import AccessRequest
from propriety.people.models import Person


def conflict_warnings(
    viewer: Person, access_request: AccessRequest, day: datetime.date
) -> list[dict[str, Any]]:
    from propriety.interests.checks import access_request_warnings

    return access_request_warnings(viewer, access_request, day)
