"""The header's links to the registers a person can use: ward notices, written reports
and resource requests. A link shows only where the council's rulebook answers the
register's question at all and the person's roles let them use it (record or ask, or
handle it as an officer): the same tests the register pages apply."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone


def register_links(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(user, "council", None) is None:
        return {"register_links": []}
    from propriety.people.holders import is_officer
    from propriety.protocoltext.scope import answers
    from propriety.reports import access as reports
    from propriety.reports.actions import QUESTION as REPORTS
    from propriety.resources import access as resources
    from propriety.resources.actions import QUESTION as RESOURCES
    from propriety.wardnotices import access as notices
    from propriety.wardnotices.actions import QUESTION as NOTICES

    today = timezone.localdate()
    officer = is_officer(user, today)
    links = []
    if answers(user.council, NOTICES) and notices.events_for(user, today):
        links.append(("wardnotices", "wardnotices:list", "Ward notices"))
    if answers(user.council, REPORTS) and (officer or reports.may_request(user, today)):
        links.append(("reports", "reports:list", "Reports"))
    if answers(user.council, RESOURCES) and (officer or resources.may_request(user, today)):
        links.append(("resources", "resources:list", "Resources"))
    return {"register_links": links}
