"""Emails about access requests, sent once the change commits."""

from __future__ import annotations

from django.conf import settings

from propriety.documents.models import AccessRequest
from propriety.enquiries.notify import send
from propriety.people.holders import holders_of
from propriety.people.models import Person


def notify_request(request: AccessRequest, event: str) -> None:
    link = (
        f"\n\n{getattr(settings, 'PROPRIETY_BASE_URL', '').rstrip('/')}"
        f"/documents/requests/{request.pk}/\n"
    )
    doc = f"{request.target_reference}: {request.target_title}"
    people: list[Person] = []
    if event in ("made", "allocated"):
        if request.status == AccessRequest.Status.AWAITING_DECISION and request.decider:
            people = [request.decider]
        subject = f"A member asks to see {doc}"
        body = f"{request.member.full_name} asks to see {doc} for: {request.purpose}"
    elif event in ("determined", "dispute_decided"):
        people = [request.member]
        subject = f"Your request to see {doc}: {request.get_status_display().lower()}"
        body = f"Decision: {request.get_status_display()}. Reasons: {request.reasons}"
    else:  # disputed
        dispute = request.dispute
        people = holders_of(request.council, dispute.handler_role)
        subject = f"Dispute over access to {doc}"
        body = f"{request.member.full_name} disputes the refusal: {dispute.grounds}"
    send(people, subject, body + link)
