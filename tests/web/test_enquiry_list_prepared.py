"""The enquiry list page reads its rows through prepared queries (enquiries/list_page.py):
for every sort, filter, page and reader they are exactly the rows the querysets the
downloads and the API use give."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from propriety.councils.models import Ward
from propriety.enquiries import access
from propriety.enquiries.list_page import Asked, PreparedEnquiries, names, ward_options
from propriety.enquiries.listing import SORTS, filter_enquiries, sorted_enquiries
from propriety.enquiries.models import Enquiry
from propriety.people.holders import is_casework_manager
from propriety.people.models import Person

from .conftest import Hollowmere
from .test_enquiry_list_order import _mixed


def _expected(asked: Asked) -> list[int]:
    rows = filter_enquiries(
        access.enquiries_visible_to(asked.person, asked.today),
        show=asked.show,
        officer=asked.officer,
        ward=asked.ward,
        status=asked.status,
        today=asked.today,
    )
    return [e.pk for e in sorted_enquiries(rows, asked.sort, asked.today)]


@pytest.mark.django_db(transaction=False)
def test_every_sort_filter_and_page_matches_the_querysets(hollowmere: Hollowmere) -> None:
    h = hollowmere
    _mixed(h)
    today = timezone.localdate()
    first = Enquiry.objects.for_council(h.council).order_by("pk").first()
    assert first is not None
    with_officer = Enquiry.objects.for_council(h.council).filter(officer__isnull=False).first()
    officers = [None, with_officer.officer_id if with_officer else h.officer_junior.pk, 999999]
    readers: list[Person] = [h.clerk, h.cllr_ward, h.cllr_chair, h.officer_junior]
    checked = 0
    for person, sort, show, officer, status in itertools.product(
        readers,
        SORTS,
        ("", "overdue", "due_this_week"),
        officers,
        ("", "allocated", "with_clerk"),
    ):
        asked = Asked(
            council=h.council,
            person=person,
            manager=is_casework_manager(person, today),
            today=today,
            sort=sort,
            show=show,
            officer=officer,
            ward=h.brookside.pk if status == "allocated" else None,
            status=status,
        )
        expected = _expected(asked)
        rows = PreparedEnquiries(asked)
        assert len(rows) == len(expected)
        for size in (4, 25):
            paged = [e.pk for start in range(0, 30, size) for e in rows[start : start + size]]
            assert paged == expected, asked
        checked += bool(expected)
    assert checked > 20  # the filters left rows to compare in most combinations


@pytest.mark.django_db(transaction=False)
def test_rows_are_named_and_wards_offered_from_this_council_only(hollowmere: Hollowmere) -> None:
    h = hollowmere
    _mixed(h)
    today = timezone.localdate()
    asked = Asked(council=h.council, person=h.clerk, manager=True, today=today, sort="urgency")
    page = PreparedEnquiries(asked)[0:25]
    named = names(h.council, page)
    assert named[h.cllr_ward.pk] == h.cllr_ward.full_name
    assert ward_options(h.council) == [
        (w.pk, w.name) for w in Ward.objects.for_council(h.council).order_by("name")
    ]
    assert (h.brookside.pk, h.brookside.name) in ward_options(h.council)
    # A day in the past answers as that day, not as the first day asked.
    earlier = Asked(
        council=h.council,
        person=h.clerk,
        manager=True,
        today=today - datetime.timedelta(days=30),
        sort="urgency",
        show="overdue",
    )
    assert [e.pk for e in PreparedEnquiries(earlier)[0:30]] == _expected(earlier)


@pytest.mark.django_db(transaction=False)
def test_both_counts_are_index_only_in_their_one_statement_on_postgresql(
    hollowmere: Hollowmere,
) -> None:
    """The national-scale list relies on COUNT(*)s that read only an index (bench/scale.py):
    asked in one statement, each scalar subquery is still planned as one."""
    from django.db import connection, transaction

    from propriety.enquiries.list_page import _ENQUIRIES

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner; SQLite has no index-only distinction to check")
    _mixed(hollowmere)
    asked = Asked(
        council=hollowmere.council,
        person=hollowmere.clerk,
        manager=True,
        today=timezone.localdate(),
        sort="urgency",
    )
    compiled, values = _ENQUIRIES._for(asked.shape("counts"), asked.slots(), "default")
    params = [
        values[slot[0]] if slot else constant
        for slot, constant in zip(compiled.slots, compiled.constants, strict=True)
    ]
    assert set(params) == {hollowmere.council.pk, "with_clerk", "allocated"}
    with transaction.atomic(), connection.cursor() as cursor:
        # A handful of rows: make the planner use an index where one can serve at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {compiled.sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count("Index Only Scan") == 2, plan
