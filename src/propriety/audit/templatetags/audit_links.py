"""``{% oversight_links %}``: the audit pages a person may open, for the home page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from propriety.audit import access

register = template.Library()


@register.inclusion_tag("audit/_home_links.html")
def oversight_links(person: Any) -> dict[str, Any]:
    links: list[tuple[str, str]] = []
    if getattr(person, "is_authenticated", False):
        if access.can_read_oversight(person):
            links += [
                ("The governance report", reverse("workspace:report")),
                ("The council's audit trail", reverse("audit:trail")),
                ("Checkpoints and verification of the audit log", reverse("audit:checkpoints")),
            ]
        if access.can_answer_subject_access(person):
            links += [
                ("Subject access requests", reverse("audit:subject_access")),
                ("Record of processing activities", reverse("audit:processing")),
            ]
    return {"links": links}
