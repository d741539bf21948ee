"""The enquiry list's kept page bodies (enquiries/list_cache.py): a kept page is served
only while nothing it shows can have changed, and only to its own reader."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from propriety.enquiries import list_cache
from propriety.enquiries.actions import (
    do_answer_enquiry,
    do_submit_enquiry,
    do_triage_enquiry,
    do_withdraw_enquiry,
)
from propriety.enquiries.models import Enquiry
from propriety.people.actions import do_assign_role
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

LIST = reverse("enquiries:list")
OVERDUE = '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'


@pytest.fixture(autouse=True)
def cache_on(settings: Any) -> Iterator[None]:
    settings.PROPRIETY_LIST_CACHE = 128
    list_cache.PAGES.clear()
    yield
    list_cache.PAGES.clear()


def _submit(member: Person, subject: str, today: datetime.date | None = None) -> Enquiry:
    return do_submit_enquiry(
        member,
        subject=subject,
        body="When will it be mended?",
        kind="information",
        addressed_to="proper_officer",
        today=today,
        acting_user=member,
    )


def _page(client: Client, person: Person, query: str = "", **headers: str) -> str:
    client.force_login(person)
    response = client.get(LIST + query, **headers)
    assert response.status_code == 200
    # The CSRF token (the header's sign-out form) is masked afresh for every response.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_kept_page_is_the_page_and_reads_only_the_log_head(
    client: Client, hollowmere: Hollowmere, settings: Any
) -> None:
    _submit(hollowmere.cllr_ward, "Broken bench")
    first = _page(client, hollowmere.clerk)
    with CaptureQueriesContext(connection) as queries:
        kept = _page(client, hollowmere.clerk)
    assert kept == first and "Broken bench" in kept
    assert len(list_cache.PAGES) == 1
    page_reads = [q["sql"] for q in queries.captured_queries if "enquiries_enquiry" in q["sql"]]
    assert page_reads == []
    assert any("audit_auditloghead" in q["sql"] for q in queries.captured_queries)
    settings.PROPRIETY_LIST_CACHE = 0
    assert _page(client, hollowmere.clerk) == first


def _allocate(h: Hollowmere, e: Enquiry) -> None:
    do_triage_enquiry(e, priority="high", officer=h.officer_junior, acting_user=h.clerk)


def _answer(h: Hollowmere, e: Enquiry) -> None:
    _allocate(h, e)
    e.refresh_from_db()
    do_answer_enquiry(e, answer="Mended on Friday.", acting_user=h.officer_junior)


def _withdraw(h: Hollowmere, e: Enquiry) -> None:
    do_withdraw_enquiry(e, reason="Sorted.", acting_user=h.cllr_ward)


def _another(h: Hollowmere, e: Enquiry) -> None:
    _submit(h.cllr_chair, "Flooded underpass")


def _new_officer(h: Hollowmere, e: Enquiry) -> None:
    person = f.make_person(h.council, name="Owen Newcomer")
    do_assign_role(
        person, role=Role.STAFF, starts_on=datetime.date(2020, 1, 1), acting_user=h.clerk
    )


@pytest.mark.parametrize(
    ("write", "shows"),
    [
        (_allocate, "High"),
        (_answer, 'govuk-tag--green">Answered</strong>'),
        (_withdraw, '">Withdrawn</strong>'),
        (_another, "Flooded underpass"),
        (_new_officer, "Owen Newcomer"),
    ],
)
def test_any_write_through_an_action_changes_the_next_page(
    client: Client, hollowmere: Hollowmere, write: Any, shows: str
) -> None:
    enquiry = _submit(hollowmere.cllr_ward, "Broken bench")
    before = _page(client, hollowmere.clerk)
    assert shows not in before
    write(hollowmere, enquiry)
    after = _page(client, hollowmere.clerk)
    assert shows in after
    assert len(list_cache.PAGES) == 2  # the old page is not served again, only pushed out


def test_a_new_day_changes_the_page(
    client: Client, hollowmere: Hollowmere, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = timezone.localdate()
    enquiry = _submit(hollowmere.cllr_ward, "Broken bench", today)
    _page(client, hollowmere.clerk)  # warm: the person's session, the menu
    before = _page(client, hollowmere.clerk, "?show=overdue&status=with_clerk")
    assert "Broken bench" not in before and OVERDUE not in before
    after_due = enquiry.respond_due + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: after_due)
    page = _page(client, hollowmere.clerk, "?show=overdue&status=with_clerk")
    assert "Broken bench" in page
    assert OVERDUE in page


def test_another_reader_never_gets_someone_elses_page(
    client: Client, hollowmere: Hollowmere
) -> None:
    _submit(hollowmere.cllr_ward, "Broken bench")
    _submit(hollowmere.cllr_chair, "Chair's own question")
    clerks = _page(client, hollowmere.clerk)
    assert "Broken bench" in clerks and "Chair&#x27;s own question" in clerks
    # A member sees only their own, even with the Clerk's page kept for the same query.
    ward = _page(client, hollowmere.cllr_ward)
    assert "Broken bench" in ward and "own question" not in ward
    chair = _page(client, hollowmere.cllr_chair)
    assert "Broken bench" not in chair and "own question" in chair
    # A second Clerk-like reader (the same roles) still gets a page of their own.
    deputy = f.make_person(hollowmere.council, Role.PROPER_OFFICER, name="Dana Deputy")
    _page(client, deputy)
    assert len(list_cache.PAGES) == 4
    keys = list(list_cache.PAGES._pages)
    assert len({key.reader for key in keys}) == 4  # one reader each


def test_a_reader_whose_roles_change_gets_a_new_page(hollowmere: Hollowmere) -> None:
    request = RequestFactory().get(LIST)
    today = timezone.localdate()
    person = Person.unscoped.get(pk=hollowmere.cllr_ward.pk)
    before = list_cache.page_key(request, person, today)
    # The key names each role held today (besides the log head, which moves too).
    do_assign_role(
        person, role=Role.COUNCIL_CHAIR, starts_on=datetime.date(2020, 1, 1), acting_user=None
    )
    again = Person.unscoped.get(pk=person.pk)
    after = list_cache.page_key(request, again, today)
    assert after.roles != before.roles and Role.COUNCIL_CHAIR in str(after.roles)


def test_another_council_never_shares_a_page(
    client: Client, hollowmere: Hollowmere, fernley: Any
) -> None:
    fernley_clerk = f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    member = f.make_person(fernley, Role.COUNCILLOR, name="Fern Member")
    _submit(member, "Fernley lamp post")
    _submit(hollowmere.cllr_ward, "Hollowmere bench")
    theirs = _page(client, fernley_clerk)
    ours = _page(client, hollowmere.clerk)
    assert "Fernley lamp post" in theirs and "Hollowmere bench" not in theirs
    assert "Hollowmere bench" in ours and "Fernley lamp post" not in ours
    assert {key.council for key in list_cache.PAGES._pages} == {fernley.pk, hollowmere.council.pk}


def test_the_cache_is_bounded(client: Client, hollowmere: Hollowmere, settings: Any) -> None:
    settings.PROPRIETY_LIST_CACHE = 3
    for n in range(6):
        _page(client, hollowmere.clerk, f"?page={n + 1}")
    assert len(list_cache.PAGES) == 3
    queries = [dict(key.query).get("page") for key in list_cache.PAGES._pages]
    assert queries == [("4",), ("5",), ("6",)]  # the least recently used went first


def test_kept_pages_expire() -> None:
    now = [100.0]
    pages = list_cache.PageCache(clock=lambda: now[0])
    pages.put("k", "page", size=2)  # type: ignore[arg-type]
    assert pages.get("k", seconds=60) == "page"
    now[0] += 61
    assert pages.get("k", seconds=60) is None
    assert len(pages) == 0


def test_only_the_bench_may_skip_the_cache(
    client: Client, hollowmere: Hollowmere, settings: Any
) -> None:
    skip = {"HTTP_X_PROPRIETY_BENCH": "uncached"}
    _page(client, hollowmere.clerk, **skip)
    assert len(list_cache.PAGES) == 1  # the header means nothing to a real server
    list_cache.PAGES.clear()
    settings.PROPRIETY_BENCH_VIEWS = True
    _page(client, hollowmere.clerk, **skip)
    assert len(list_cache.PAGES) == 0
    _page(client, hollowmere.clerk)
    assert len(list_cache.PAGES) == 1
