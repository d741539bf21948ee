"""The enquiry list's urgency order, read as two index-backed queries (``OpenFirst``),
is exactly the order of sorting every row by its urgency, on any page (issue 16)."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Q
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.enquiries.access import enquiries_visible_to
from propriety.enquiries.actions import do_submit_enquiry
from propriety.enquiries.listing import OpenFirst, sorted_enquiries
from propriety.enquiries.models import Enquiry
from propriety.web.paging import ordered_by_urgency

from .conftest import Hollowmere


def _mixed(h: Hollowmere) -> None:
    """Enquiries in every status, some overdue, some sharing a due day or a received day."""
    today = timezone.localdate()
    statuses = list(Enquiry.Status)
    for n in range(23):
        enquiry = do_submit_enquiry(
            h.cllr_ward,
            subject=f"Lights {n}",
            body="When will the lights be fixed?",
            kind="information",
            addressed_to="proper_officer",
            today=today - datetime.timedelta(days=n % 9),
            acting_user=h.cllr_ward,
        )
        with recording(council=h.council, actor=None, action="test.arranged"):
            enquiry.status = statuses[n % len(statuses)]
            enquiry.respond_due = today + datetime.timedelta(days=(n % 7) - 3)
            enquiry.save()


@pytest.mark.django_db(transaction=False)
def test_open_first_pages_match_sorting_every_row(hollowmere: Hollowmere) -> None:
    _mixed(hollowmere)
    today = timezone.localdate()
    rows = enquiries_visible_to(hollowmere.clerk, today)
    running = Q(status__in=(Enquiry.Status.WITH_CLERK, Enquiry.Status.ALLOCATED))
    expected = [
        e.pk for e in ordered_by_urgency(rows, running, "respond_due", today, "-received_on", "-pk")
    ]
    ordered = sorted_enquiries(rows, "urgency", today)
    assert isinstance(ordered, OpenFirst)
    assert len(ordered) == 23
    assert [e.pk for e in ordered] == expected
    for size in (1, 4, 10):
        paged = [e.pk for start in range(0, 30, size) for e in ordered[start : start + size]]
        assert paged == expected, size
    assert ordered[22].pk == expected[22]
    with pytest.raises(IndexError):
        ordered[23]
