"""Emails about delegated actions, sent after the change commits."""

from __future__ import annotations

from django.conf import settings

from propriety.consultations.models import DelegatedAction
from propriety.interests.notify import send

__all__ = ["link", "send"]


def link(action: DelegatedAction) -> str:
    base = getattr(settings, "PROPRIETY_BASE_URL", "").rstrip("/")
    return f"{base}/consultations/{action.pk}/"
