"""Emails about ward notices, sent after the record commits."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from propriety.enquiries.notify import send
from propriety.people.models import Person
from propriety.protocol import format_date
from propriety.wardnotices.models import EVENT_LABELS, WardNotice


def ward_notice(notice: WardNotice, people: Iterable[Person]) -> None:
    asks = "\n".join(
        f"- {o['text']} ({', '.join(o.get('clauses', []))})"
        for o in notice.decision.get("obligations", [])
    )
    wards = ", ".join(w.name for w in notice.wards.order_by("name"))
    base = getattr(settings, "PROPRIETY_BASE_URL", "").rstrip("/")
    send(
        people,
        f"Ward notice: {notice.title}",
        f"{notice.recorded_by.full_name} has recorded {EVENT_LABELS[notice.event].lower()}: "
        f"{notice.title}.\nWard: {wards}\nDate: {format_date(notice.takes_place_on)}\n"
        + (
            f"Officer visiting: {notice.visiting_officer.full_name}\n"
            if notice.visiting_officer
            else ""
        )
        + f"The protocol: {notice.decision.get('explanation', '')}\n"
        + (f"\nWhat the protocol asks:\n{asks}\n" if asks else "")
        + (f"\n{notice.details}\n" if notice.details else "")
        + f"\n{notice.reference}\n{base}/ward-notices/{notice.pk}/\n",
    )


def ward_notice_decided(notice: WardNotice) -> None:
    send(
        [notice.recorded_by],
        f"Ward notice decided: {notice.title}",
        f"{notice.decided_by.full_name if notice.decided_by else 'Someone'} decided that it "
        f"{'may' if notice.decided_allow else 'may not'} go ahead.\n\nReasons: {notice.reasons}\n"
        f"\n{notice.reference}\n",
    )
