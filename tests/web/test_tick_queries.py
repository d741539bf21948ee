"""What ``tick`` costs per overdue case, counted (issue 16), never timed.

Each chase is its own audited action: it re-reads its row under the lock,
saves it, rewrites its search entry (delete, insert: the workspace's index
follows every save) and appends one event to the council's hash chain (read
the head, insert, update the head). That is seven statements, which this test
holds it to; the issue's target of two needs a batched action
that chains many events at once (see docs/performance.md).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from propriety.enquiries.actions import do_triage_enquiry
from propriety.enquiries.tick import tick

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


def _queries_for_tick(capture: Any) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        report = tick(FIRST_OVERDUE_DAY)
    statements = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    return len(statements), report.reminders


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
    assert per_case <= 7, f"{few} statements for 2 cases, {many} for 6"
