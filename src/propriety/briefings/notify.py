"""Emails about briefings, sent after the change commits. They go to the Clerk and to the
group's own members only, and never carry the group's discussion."""

from __future__ import annotations

from django.conf import settings

from propriety.briefings.models import Briefing
from propriety.interests.notify import send

__all__ = ["link", "send"]


def link(briefing: Briefing) -> str:
    return f"{getattr(settings, 'PROPRIETY_BASE_URL', '').rstrip('/')}/briefings/{briefing.pk}/"
