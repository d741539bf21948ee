"""What the Clerk's enquiry list and a case page cost in queries (issue 16): counted, never timed.

Both pages name the council's officers with their posts (the officer filter, the
allocation form). Each officer's roles used to be read with a query of their own,
and the case page built its allocation form twice; now the officers' roles are
read in one query, so neither page's query count grows with the officers or
with the enquiries.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from propriety.councils.models import Council
from propriety.enquiries.actions import do_submit_enquiry
from propriety.enquiries.models import Enquiry
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere


def _more(h: Hollowmere, officers: int, enquiries: int) -> None:
    for n in range(officers):
        f.make_person(h.council, Role.STAFF, name=f"Olive Officer {n}")
    for n in range(enquiries):
        do_submit_enquiry(
            h.cllr_ward,
            subject=f"Bins on route {n}",
            body="The bins were not collected.",
            kind="information",
            addressed_to="proper_officer",
            acting_user=h.cllr_ward,
        )


def _cost(client: Client, url: str) -> tuple[int, int, str]:
    client.get(url)  # the first request of a session may set things up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    roles = sum('FROM "people_roleassignment"' in q["sql"] for q in queries.captured_queries)
    return len(queries.captured_queries), roles, response.content.decode()


def _council_with_officers() -> Council:
    """Three officers (one also a councillor) and a councillor who is not one."""
    council = f.make_council()
    f.make_person(council, Role.PROPER_OFFICER, name="Clara Clerk")
    f.make_person(council, Role.STAFF, Role.LINE_MANAGER, name="Lucy Lead")
    f.make_person(council, Role.COUNCILLOR, Role.STAFF, name="Dual Role")
    f.make_person(council, Role.COUNCILLOR, name="Not An Officer")
    return council


def _pages(h: Hollowmere) -> list[str]:
    case = Enquiry.objects.for_council(h.council).order_by("pk").first()
    assert case is not None
    return [reverse("enquiries:list"), reverse("enquiries:detail", args=[case.pk])]


def test_the_clerks_list_and_a_case_page_cost_the_same_whatever_the_officers(
    client: Client, hollowmere: Hollowmere
) -> None:
    h = hollowmere
    _more(h, officers=1, enquiries=3)
    client.force_login(h.clerk)
    few = [_cost(client, url) for url in _pages(h)]
    _more(h, officers=6, enquiries=30)
    many = [_cost(client, url) for url in _pages(h)]
    for (queries_few, _, _), (queries_many, roles, page) in zip(few, many, strict=True):
        assert queries_many == queries_few
        # The signed-in person's roles, the council's officers, and their roles at once.
        assert roles <= 3
        # Still named with their posts, as before.
        assert "Olive Officer 5" in page
    list_queries, case_queries = (q for q, _, _ in many)
    # The list: the signed-in person (one query, people/signed_in.py), the two counts
    # (each an index-only COUNT(*), in one statement), the waiting rows a status at a time (each in its
    # index's order: enquiries/list_page.py; here every row waits, so no other rows
    # are read), the names of the rows' members and officers (read by key, not joined:
    # a join hashed every person of every council on PostgreSQL; bench/scale.py), the
    # officers with their roles, the wards. Each is a prepared query (web/prepared.py):
    # its SQL costs nothing to build, so a query more is 0.05 ms, not 0.8.
    assert list_queries <= 7, list_queries
    assert case_queries <= 6, case_queries


@pytest.mark.django_db
def test_priming_roles_gives_each_officer_the_roles_they_would_read() -> None:
    from django.utils import timezone

    from propriety.people.holders import officers_of
    from propriety.people.models import Person

    council = _council_with_officers()
    today = timezone.localdate()
    expected = {p.pk: [r.pk for r in p.roles_on(today)] for p in officers_of(council, today)}
    primed = officers_of(council, today)
    with CaptureQueriesContext(connection) as queries:
        Person.prime_roles_on(council, primed, today)
        got = {p.pk: [r.pk for r in p.roles_on(today)] for p in primed}
        titles = [p.name_and_title for p in primed]
    assert len(queries.captured_queries) == 1
    assert got == expected
    assert len(titles) == 3


@pytest.mark.django_db
def test_officers_with_roles_reads_officers_and_every_role_in_one_query() -> None:
    from django.utils import timezone

    from propriety.people.holders import officers_of, officers_with_roles

    council = _council_with_officers()
    today = timezone.localdate()
    expected = [(p.pk, [r.pk for r in p.roles_on(today)]) for p in officers_of(council, today)]
    with CaptureQueriesContext(connection) as queries:
        officers = officers_with_roles(council, today)
        got = [(p.pk, [r.pk for r in p.roles_on(today)]) for p in officers]
        titles = [p.name_and_title for p in officers]
    assert len(queries.captured_queries) == 1
    assert got == expected
    assert len(titles) == 3


def test_the_list_tags_each_status_as_the_case_page_does() -> None:
    from django.template.loader import render_to_string

    from propriety.enquiries.listing import STATUS_TAGS

    for status, _label in Enquiry.Status.choices:
        html = render_to_string("enquiries/_status_tag.html", {"enquiry": Enquiry(status=status)})
        assert f'class="govuk-tag {STATUS_TAGS.get(status, "govuk-tag--grey")}"' in html, status


def test_the_list_rows_escape_what_members_typed(client: Client, hollowmere: Hollowmere) -> None:
    h = hollowmere
    do_submit_enquiry(
        h.cllr_ward,
        subject='<script>alert("x")</script> & "bins"',
        body="The bins were not collected.",
        kind="information",
        addressed_to="proper_officer",
        acting_user=h.cllr_ward,
    )
    client.force_login(h.clerk)
    html = client.get(reverse("enquiries:list")).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;bins&quot;" in html
    assert "Not allocated yet" in html
