"""The enquiry list's urgency order, read as two index-backed queries (``OpenFirst``),
is exactly the order of sorting every row by its urgency, on any page (issue 16)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.enquiries.access import enquiries_visible_to
from propriety.enquiries.actions import do_submit_enquiry
from propriety.enquiries.listing import SORTS, OpenFirst, sorted_enquiries
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


@pytest.mark.django_db(transaction=False)
def test_the_list_names_rows_read_by_key_in_every_sort_and_download(
    client: Client, hollowmere: Hollowmere
) -> None:
    """Members and officers are no longer joined into the list's query: each sort, each
    page and the CSV download still name them, in a fixed number of queries."""
    _mixed(hollowmere)
    today = timezone.localdate()
    rows = enquiries_visible_to(hollowmere.clerk, today)
    for sort in SORTS:
        ordered = sorted_enquiries(rows, sort, today)
        with CaptureQueriesContext(connection) as queries:
            page = list(ordered[0:25])
            names = {e.member.full_name for e in page}
        assert names == {hollowmere.cllr_ward.full_name}
        # Overdue-first: two counts and two row queries; then one query a relation
        # the rows name (members, officers, wards, addressed officers), by key.
        assert len(queries.captured_queries) <= 8, sort
    client.force_login(hollowmere.clerk)
    response = client.get("/enquiries/?format=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig")
    assert text.count(hollowmere.cllr_ward.full_name) == 23
    assert "Lights 22" in text
