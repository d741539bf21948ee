"""The demo council's casework: every state shows, whatever day the demo is loaded."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import models
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.councils.models import Council
from propriety.documents.models import AccessDispute, AccessRequest
from propriety.enquiries.clocks import is_overdue
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.web import demo
from propriety.web.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def council() -> Council:
    council, created = load_demo()
    assert created
    return council


def _events_for(council: Council, obj: models.Model) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.for_council(council).filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
    )


def _counts(council: Council) -> tuple[int, ...]:
    return (
        Person.objects.for_council(council).count(),
        Enquiry.objects.for_council(council).count(),
        AccessRequest.objects.for_council(council).count(),
        AccessDispute.objects.for_council(council).count(),
        AuditEvent.objects.for_council(council).count(),
    )


def test_every_enquiry_state_appears(council: Council) -> None:
    enquiries = list(Enquiry.objects.for_council(council))
    assert {e.status for e in enquiries} == set(Enquiry.Status.values)
    today = timezone.localdate()
    overdue = [e for e in enquiries if is_overdue(e, today)]
    assert len(overdue) >= 2
    assert any((today - e.respond_due).days > 7 for e in overdue)
    assert sum(e.status == Enquiry.Status.AWAITING_MEMBER for e in enquiries) == 1
    # Everything happened on or before the day the demo was loaded.
    assert all(e.received_on <= today for e in enquiries)


def test_the_demo_shows_the_enquiries_the_protocol_has_words_about(council: Council) -> None:
    enquiries = list(Enquiry.objects.for_council(council))
    constituent = [e for e in enquiries if e.constituent_name]
    assert constituent
    assert any(
        ob["id"] == "third-party-conditions"
        for e in constituent
        for ob in e.route.get("obligations", [])
    )
    priority = [e for e in enquiries if e.asks_for_priority]
    assert priority
    assert any(
        ob["id"] == "no-queue-jumping" for e in priority for ob in e.route.get("obligations", [])
    )
    reopened = [e for e in enquiries if e.member_satisfied is False]
    assert reopened and all(e.is_open for e in reopened)
    assert any(e.member_satisfied for e in enquiries if e.status == Enquiry.Status.CLOSED)
    today = timezone.localdate()
    answered = [e for e in enquiries if e.status == Enquiry.Status.ANSWERED]
    assert answered and all(e.follow_up_until and e.follow_up_until >= today for e in answered)


def test_the_refused_instruction_leaves_a_cited_audit_event(council: Council) -> None:
    refused = AuditEvent.objects.for_council(council).filter(action="enquiry.refused")
    assert refused.count() == 1
    event = refused.get()
    assert event.citations
    assert event.details["kind"] == "instruction"
    assert not Enquiry.objects.for_council(council).filter(kind="instruction").exists()


def test_every_access_request_state_and_an_open_dispute(council: Council) -> None:
    requests = list(AccessRequest.objects.for_council(council))
    assert {r.status for r in requests} == set(AccessRequest.Status.values)
    disputes = list(AccessDispute.objects.for_council(council))
    assert sum(d.status == AccessDispute.Status.OPEN for d in disputes) == 1
    assert any(d.status != AccessDispute.Status.OPEN for d in disputes)
    waiting = [r for r in requests if r.status == AccessRequest.Status.AWAITING_DECISION]
    assert {r.recommendation.get("recommendation") for r in waiting} >= {"allow", "refuse"}
    assert any(
        r.status == AccessRequest.Status.RELEASED and r.determined_by_id and r.reasons
        for r in requests
    )
    # Released at once by the protocol: no officer decided it.
    assert any(
        r.status == AccessRequest.Status.RELEASED and r.determined_by_id is None for r in requests
    )


def test_every_enquiry_request_and_dispute_has_a_cited_audit_event(council: Council) -> None:
    objects: list[models.Model] = [
        *Enquiry.objects.for_council(council),
        *AccessRequest.objects.for_council(council),
        *AccessDispute.objects.for_council(council),
    ]
    assert objects
    for obj in objects:
        assert any(e.citations for e in _events_for(council, obj)), obj


def test_loading_twice_writes_nothing(council: Council) -> None:
    before = _counts(council)
    again, created = load_demo()
    assert (again, created) == (council, False)
    assert _counts(council) == before


def test_a_demo_loaded_before_it_had_casework_gets_it_once() -> None:
    from django.db import transaction

    with transaction.atomic():
        council = demo._load()  # the people and documents only, as older demos were
    assert not Enquiry.objects.for_council(council).exists()
    load_demo()
    assert Enquiry.objects.for_council(council).exists()
    before = _counts(council)
    load_demo()
    assert _counts(council) == before


@pytest.mark.django_db(transaction=True)
def test_loading_emails_nobody() -> None:
    # As at the command line: the load's own transaction commits, so the emails the
    # actions queue would go now (to the test outbox) if the demo did not stop them.
    load_demo()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(2026, 12, 29),  # between Christmas and New Year: bank holidays
        datetime.date(2027, 1, 2),  # a Saturday
        datetime.date(2027, 3, 29),  # Easter Monday
    ],
)
def test_the_states_hold_whatever_day_the_demo_is_loaded(
    day: datetime.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    council, _ = load_demo()
    enquiries = list(Enquiry.objects.for_council(council))
    assert {e.status for e in enquiries} == set(Enquiry.Status.values)
    assert sum(is_overdue(e, day) for e in enquiries) == 2
    assert all(e.received_on <= day for e in enquiries)
    requests = AccessRequest.objects.for_council(council)
    assert set(requests.values_list("status", flat=True)) == set(AccessRequest.Status.values)
