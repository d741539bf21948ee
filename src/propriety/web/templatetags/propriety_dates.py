"""Dates the way councils write them: "11 January 2027" (one formatter for the
whole project: ``propriety.protocol.long_date``, independent of the locale)."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from propriety.protocol import long_date as core_long_date

register = template.Library()


@register.filter
def long_date(value: datetime.date | datetime.datetime | None) -> str:
    """``11 January 2027``; datetimes are shown in local (UK) time. Empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return core_long_date(value)


@register.filter
def long_datetime(value: datetime.datetime | None) -> str:
    """``11 January 2027 at 2:05pm`` in UK time."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    return f"{long_date(value)} at {hour}:{value:%M}{'am' if value.hour < 12 else 'pm'}"


@register.filter
def in_words(value: str | datetime.date | None) -> str:
    """An ISO date or timestamp kept in a record ("2026-11-23T10:05:00+00:00") in words:
    ``23 November 2026 at 10:05am``, or ``23 November 2026`` for a date."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        return long_datetime(value)
    if isinstance(value, datetime.date):
        return long_date(value)
    text = str(value)
    try:
        if "T" in text:
            return long_datetime(datetime.datetime.fromisoformat(text))
        return long_date(datetime.date.fromisoformat(text))
    except ValueError:
        return text
