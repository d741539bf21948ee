"""What ``tick`` costs, counted (issue 16), never timed.

"Per overdue case" counts every statement sent to the database except
savepoints: reads, locks, updates and inserts, the audit event's included.
Each chase is still its own audited action (``do_escalate_enquiry``: the row
locked and re-read, the checks, the save, one audit event), but a council's
chases share one transaction: their rows are locked and re-read in one query
(``locked_together``) and the council's log head is locked and written once
(``one_log_head``), so each case adds exactly its update and its audit event.
A chase's save touches no searchable text, so the search entry is left alone.

With nothing to do, a run costs the same statements for 2 councils as for 12.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from propriety.audit.checkpointing import scheduled_checkpoints
from propriety.audit.models import AuditEvent
from propriety.audit.verify import verify_council
from propriety.enquiries import tick as tick_module
from propriety.enquiries.actions import do_triage_enquiry
from propriety.enquiries.models import Enquiry
from propriety.enquiries.tick import tick
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_tick import RECEIVED, _submit

D = datetime.date
FIRST_OVERDUE_DAY = D(2027, 1, 12)


def _overdue_cases(h: Hollowmere, n: int) -> None:
    for i in range(n):
        enquiry = _submit(h.cllr_ward, f"Bins in Brookside {i}")
        do_triage_enquiry(
            enquiry,
            priority="normal",
            officer=h.officer_junior,
            today=RECEIVED,
            acting_user=h.clerk,
        )


def _statements(queries: CaptureQueriesContext) -> int:
    return sum(
        1
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    )


def _queries_for_tick(capture: Any) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        report = tick(FIRST_OVERDUE_DAY)
    assert report.problems == []
    return _statements(queries), report.reminders


@pytest.mark.django_db(transaction=False)
def test_each_overdue_case_costs_a_fixed_number_of_statements(
    hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    _overdue_cases(hollowmere, 2)
    mail.outbox.clear()
    few, reminded_few = _queries_for_tick(django_capture_on_commit_callbacks)
    assert reminded_few == 2
    # Same day, more cases: the second run changes nothing for the first two.
    _overdue_cases(hollowmere, 6)
    many, reminded_many = _queries_for_tick(django_capture_on_commit_callbacks)
    assert reminded_many == 6
    # The 2 chased cases are skipped in the second run, reading nothing more:
    # the difference is what 4 more cases cost. Who holds each role on the
    # ladder is read once per council, not per case.
    per_case = (many - few) / 4
    assert per_case <= 2, f"{few} statements for 2 cases, {many} for 6"
    # Batched, the chain is still whole: every chase its own event, in order.
    council = hollowmere.council
    assert (
        AuditEvent.objects.for_council(council).filter(action="enquiry.reminder_sent").count() == 8
    )
    assert verify_council(council).ok


@pytest.mark.django_db(transaction=False)
def test_a_batch_that_fails_is_chased_one_case_at_a_time(
    hollowmere: Hollowmere,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _overdue_cases(hollowmere, 3)
    real = tick_module.do_escalate_enquiry
    calls: list[int] = []

    def third_call_fails(enquiry: Enquiry, **kwargs: Any) -> Enquiry:
        calls.append(enquiry.pk)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return real(enquiry, **kwargs)

    monkeypatch.setattr(tick_module, "do_escalate_enquiry", third_call_fails)
    with django_capture_on_commit_callbacks(execute=True):
        report = tick(FIRST_OVERDUE_DAY)
    # The batch of three rolled back at its third case; one at a time, the first
    # two are chased again and the third (the sixth call) is chased too.
    assert report.reminders == 3, report.summary()
    assert report.problems == []
    council = hollowmere.council
    chased = Enquiry.objects.for_council(council).filter(escalation_level=1).count()
    assert chased == 3
    assert (
        AuditEvent.objects.for_council(council).filter(action="enquiry.reminder_sent").count() == 3
    )
    assert verify_council(council).ok


def _nothing_to_do(capture: Any) -> int:
    """A run of ``propriety tick`` (the clock's work, then the checkpoints) with nothing to do."""
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        report = tick(FIRST_OVERDUE_DAY)
        scheduled_checkpoints()
    assert not report.changed
    return _statements(queries)


def _add_councils(start: int, n: int) -> None:
    """Councils with casework that needs nothing today: an enquiry not due yet."""
    for i in range(start, start + n):
        council = f.make_council(f"Council{i} Town Council", slug=f"council{i}")
        member = f.make_person(council, Role.COUNCILLOR, name=f"Cllr {i}", email=f"c{i}@t.example")
        f.make_person(council, Role.PROPER_OFFICER, name=f"Clerk {i}", email=f"k{i}@t.example")
        _submit(member, "Not due yet", day=FIRST_OVERDUE_DAY)


@pytest.mark.django_db(transaction=False)
def test_nothing_to_do_costs_the_same_for_any_number_of_councils(
    hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    _add_councils(0, 1)
    scheduled_checkpoints()  # sign every log once: the runs below have nothing to sign
    two = _nothing_to_do(django_capture_on_commit_callbacks)
    _add_councils(1, 10)
    scheduled_checkpoints()
    twelve = _nothing_to_do(django_capture_on_commit_callbacks)
    assert twelve == two <= 5, f"{two} statements for 2 councils, {twelve} for 12"
