"""Emails about press and media, sent after the change commits (enquiries.notify.send)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from propriety.enquiries.notify import send
from propriety.people.models import Person
from propriety.press.models import MediaInterest, PressRelease


def _link(path: str) -> str:
    return f"{getattr(settings, 'PROPRIETY_BASE_URL', '').rstrip('/')}{path}"


def release_submitted(release: PressRelease, approvers: Iterable[Person]) -> None:
    send(
        approvers,
        f"Press release to approve: {release.title}",
        f"{release.drafted_by.full_name} has sent a press release for your approval."
        f"\n\n{release.reference}: {release.title}\n{_link(f'/press/{release.pk}/')}\n",
    )


def release_decided(release: PressRelease) -> None:
    send(
        [release.drafted_by],
        f"Your press release was {release.get_status_display().lower()}: {release.title}",
        f"{release.get_status_display()}."
        + (f"\n\nReasons: {release.reasons}" if release.reasons else "")
        + f"\n\n{release.reference}: {release.title}\n{_link(f'/press/{release.pk}/')}\n",
    )


def media_interest(record: MediaInterest, people: Iterable[Person], obligation: str) -> None:
    send(
        people,
        f"Media interest: {record.matter}",
        f"{record.recorded_by.full_name} has recorded media interest in: {record.matter}."
        + (f"\nMedia: {record.outlet}" if record.outlet else "")
        + (f"\nWard: {record.ward.name}" if record.ward else "")
        + (f"\n\n{record.details}" if record.details else "")
        + (f"\n\nYou are told because: {obligation}" if obligation else "")
        + f"\n\n{record.reference}\n{_link(f'/press/media-interest/{record.pk}/')}\n",
    )
