"""The workspace: the home page's work, search, calendar feeds, the governance report and
the decide-by date of an access request."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from propriety.documents.models import AccessRequest
from propriety.documents.requests import do_request_access
from propriety.enquiries.actions import do_answer_enquiry, do_submit_enquiry, do_triage_enquiry
from propriety.enquiries.models import Enquiry
from propriety.people.actions import do_disable_person
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.press.actions import do_record_election
from propriety.workspace.actions import do_create_calendar_feed, do_revoke_calendar_feed
from propriety.workspace.queues import queue_by_officer, waiting_on
from propriety.workspace.search import fts_available, search

from . import factories as f
from .conftest import Hollowmere


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _enquiry(
    h: Hollowmere, subject: str, days_ago: int = 0, member: Person | None = None
) -> Enquiry:
    member = member or h.cllr_ward
    return do_submit_enquiry(
        member,
        subject=subject,
        body=f"About {subject.lower()}: please reply.",
        kind="information",
        addressed_to="proper_officer",
        today=timezone.localdate() - datetime.timedelta(days=days_ago),
        acting_user=member,
    )


# --- home ------------------------------------------------------------------------------


def test_the_officer_sees_overdue_work_first_then_this_week(hollowmere: Hollowmere) -> None:
    h = hollowmere
    today = timezone.localdate()
    late = _enquiry(h, "Flooded lane", days_ago=40)
    soon = _enquiry(h, "Bus shelter")
    for e in (late, soon):
        do_triage_enquiry(e, priority="normal", officer=h.officer_junior, acting_user=h.clerk)
    queue = waiting_on(h.officer_junior, today)
    assert [i.reference for i in queue.overdue] == [late.reference]
    assert soon.reference in [i.reference for i in queue.this_week + queue.later]
    page = _client(h.officer_junior).get("/").content.decode()
    assert page.index("Overdue") < page.index("Flooded lane") < page.index("Bus shelter")
    assert "Answer it" in page
    # Nothing of it waits on the member who asked: it shows under what they asked.
    member_page = _client(h.cllr_ward).get("/").content.decode()
    assert "Nothing is waiting on you." in member_page
    assert "What you asked" in member_page and "Flooded lane" in member_page


def test_the_clerk_sees_what_to_allocate_and_the_queue_by_officer(hollowmere: Hollowmere) -> None:
    h = hollowmere
    today = timezone.localdate()
    waiting = _enquiry(h, "Allotment rents")
    late = _enquiry(h, "Dog bins", days_ago=40)
    do_triage_enquiry(late, priority="normal", officer=h.officer_junior, acting_user=h.clerk)
    queue = waiting_on(h.clerk, today)
    assert waiting.reference in [i.reference for i in queue.this_week + queue.later]
    loads = {
        (load.officer.full_name if load.officer else None): load
        for load in queue_by_officer(h.clerk, today)
    }
    assert (loads["Jo Junior"].open, loads["Jo Junior"].overdue) == (1, 1)
    assert loads[None].open == 1
    page = _client(h.clerk).get("/").content.decode()
    assert "The council’s enquiries by officer" in page
    assert f"?officer={h.officer_junior.pk}&amp;show=overdue" in page
    # Nobody but the Clerk sees the council's queue.
    assert queue_by_officer(h.officer_junior, today) == []
    assert "by officer" not in _client(h.officer_junior).get("/").content.decode()


def test_recent_decisions_show_what_was_answered(hollowmere: Hollowmere) -> None:
    h = hollowmere
    e = _enquiry(h, "Village sign")
    do_triage_enquiry(e, priority="normal", officer=h.officer_junior, acting_user=h.clerk)
    do_answer_enquiry(e, answer="It goes up in May.", acting_user=h.officer_junior)
    page = _client(h.cllr_ward).get("/").content.decode()
    assert "Decided in the last 30 days" in page
    assert "Village sign" in page.split("Decided in the last 30 days")[1]


def test_a_member_asked_to_decide_an_access_request_sees_its_decide_by_date(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    document = f.make_document(h.council, "committee", committee=h.planning)
    asked = do_request_access(
        h.cllr_ward, document, purpose="Ward casework", acting_user=h.cllr_ward
    )
    assert asked.status == AccessRequest.Status.AWAITING_DECISION
    page = _client(h.cllr_ward).get(f"/documents/requests/{asked.pk}/").content.decode()
    assert "Decide by" in page and "working days from the request" in page
    listing = _client(h.clerk).get("/documents/requests/").content.decode()
    assert "Decide by" in listing
    item = next(
        i
        for i in waiting_on(h.clerk, timezone.localdate()).later
        + waiting_on(h.clerk, timezone.localdate()).this_week
        if i.reference == asked.reference
    )
    assert item.due is not None and item.due > asked.requested_on


# --- search ----------------------------------------------------------------------------


def test_search_finds_only_what_the_person_may_see(hollowmere: Hollowmere, fernley: Any) -> None:
    h = hollowmere
    today = timezone.localdate()
    mine = _enquiry(h, "Hedgehog crossing")
    theirs = _enquiry(h, "Hedgehog survey", member=h.cllr_chair)
    other_member = f.make_person(fernley, Role.COUNCILLOR, name="Fern Member")
    do_submit_enquiry(
        other_member,
        subject="Hedgehog hospital",
        body="Fernley's hedgehogs.",
        kind="information",
        addressed_to="proper_officer",
        acting_user=other_member,
    )
    from django.db import connection

    # SQLite searches its FTS5 index; PostgreSQL its own full-text search.
    assert fts_available() == (connection.vendor == "sqlite")
    assert {hit.reference for hit in search(h.cllr_ward, "hedgehog", today)} == {mine.reference}
    assert {hit.reference for hit in search(h.clerk, "hedgehogs", today)} == {
        mine.reference,
        theirs.reference,
    }
    # What a person types is words, never FTS5 syntax: no error, and the words still match.
    assert {hit.reference for hit in search(h.clerk, 'hedgehog OR "NEAR(', today)} <= {
        mine.reference,
        theirs.reference,
    }
    page = _client(h.cllr_ward).get("/search/", {"q": "hedgehog"}).content.decode()
    assert "Hedgehog crossing" in page and "Hedgehog survey" not in page
    assert (
        "Hedgehog hospital"
        not in _client(h.clerk).get("/search/", {"q": "hedgehog"}).content.decode()
    )


def test_search_follows_changes_and_explains_bad_input(hollowmere: Hollowmere) -> None:
    h = hollowmere
    e = _enquiry(h, "Pond")
    do_triage_enquiry(e, priority="normal", officer=h.officer_junior, acting_user=h.clerk)
    do_answer_enquiry(e, answer="The newts are protected.", acting_user=h.officer_junior)
    assert [hit.reference for hit in search(h.cllr_ward, "newts", timezone.localdate())] == [
        e.reference
    ]
    clerk = _client(h.clerk)
    empty = clerk.get("/search/", {"q": "  "})
    assert empty.status_code == 200 and "Enter what you are looking for" in empty.content.decode()
    long = clerk.get("/search/", {"q": "x" * 500})
    assert "200 characters or fewer" in long.content.decode()
    assert clerk.get("/search/", {"q": "'\" OR 1=1 --"}).status_code == 200
    # A control character is refused for every page by the security branch's
    # BadInputMiddleware: a 422 that says why, never a 500.
    nul = clerk.get("/search/", {"q": "\x00'\""})
    assert nul.status_code == 422 and "control character" in nul.content.decode()


def test_a_search_hit_shows_where_the_words_are_not_its_title_again(
    hollowmere: Hollowmere,
) -> None:
    """Under each hit's title, the words around the match in the rest of the case; a
    match in the title alone shows the case's opening words, never the title twice."""
    h = hollowmere
    today = timezone.localdate()
    e = _enquiry(h, "Hedgehog crossing")
    do_triage_enquiry(e, priority="normal", officer=h.officer_junior, acting_user=h.clerk)
    do_answer_enquiry(e, answer="Signs go up by the pond in March.", acting_user=h.officer_junior)
    [in_title] = search(h.cllr_ward, "crossing", today)
    assert in_title.snippet == "About hedgehog crossing: please reply."
    [in_answer] = search(h.cllr_ward, "pond", today)
    assert in_answer.snippet == "Signs go up by the pond in March."
    page = _client(h.cllr_ward).get("/search/", {"q": "crossing"}).content.decode()
    assert page.count("Hedgehog crossing") == 1


# --- calendar feeds --------------------------------------------------------------------


def test_a_personal_feed_holds_my_due_dates_until_revoked(hollowmere: Hollowmere) -> None:
    h = hollowmere
    e = _enquiry(h, "Street lights")
    do_triage_enquiry(e, priority="normal", officer=h.officer_junior, acting_user=h.clerk)
    officer = _client(h.officer_junior)
    made = officer.post("/feeds/", {"kind": "mine"}).content.decode()
    assert "Feed address created" in made
    feed, key = do_create_calendar_feed(h.officer_junior, kind="mine", acting_user=h.officer_junior)
    response = Client().get(f"/calendar/{key}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = [c for c in cal.walk("VEVENT")]
    assert [str(ev["summary"]) for ev in events] == [f"Answer it: {e.reference} Street lights"]
    assert events[0].decoded("dtstart") == e.respond_due
    do_revoke_calendar_feed(feed, acting_user=h.officer_junior)
    assert Client().get(f"/calendar/{key}.ics").status_code == 404
    # The address stops when its person can no longer sign in.
    _, other_key = do_create_calendar_feed(
        h.officer_junior, kind="mine", acting_user=h.officer_junior
    )
    do_disable_person(h.officer_junior, acting_user=h.clerk)
    assert Client().get(f"/calendar/{other_key}.ics").status_code == 404


def test_the_council_feed_has_pre_election_periods(hollowmere: Hollowmere) -> None:
    h = hollowmere
    election = do_record_election(
        h.council,
        title="Parish elections 2027",
        notice_of_election=datetime.date(2027, 3, 22),
        polling_day=datetime.date(2027, 5, 6),
        acting_user=h.clerk,
    )
    _, key = do_create_calendar_feed(h.cllr_ward, kind="council", acting_user=h.cllr_ward)
    cal = Calendar.from_ical(Client().get(f"/calendar/{key}.ics").content)
    period = next(ev for ev in cal.walk("VEVENT") if "Pre-election period" in str(ev["summary"]))
    assert period.decoded("dtstart") == election.notice_of_election
    # All-day DTEND is the day after the last day.
    assert period.decoded("dtend") == datetime.date(2027, 5, 7)


def test_a_feed_kind_must_be_chosen(hollowmere: Hollowmere) -> None:
    page = _client(hollowmere.clerk).post("/feeds/", {"kind": "everything"})
    assert page.status_code == 200 and "Choose which calendar you want." in page.content.decode()


# --- the governance report ---------------------------------------------------------------


def test_the_report_counts_on_time_answers_as_a_page_pdf_and_xlsx(hollowmere: Hollowmere) -> None:
    h = hollowmere
    e = _enquiry(h, "Benches", days_ago=3)
    do_triage_enquiry(e, priority="normal", officer=h.officer_junior, acting_user=h.clerk)
    do_answer_enquiry(e, answer="Ordered.", acting_user=h.officer_junior)
    _enquiry(h, "Gritting", days_ago=60)
    clerk = _client(h.clerk)
    page = clerk.get("/report/").content.decode()
    assert "<svg" in page and "Governance report" in page
    assert "Jo Junior" in page
    pdf = clerk.get("/report/", {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(clerk.get("/report/", {"format": "xlsx"}).content))
    officers = book["Enquiries by officer"]
    rows = {r[0]: r for r in officers.iter_rows(min_row=2, values_only=True)}
    assert rows["Jo Junior"][1:3] == (1, 1)
    assert rows["Not allocated"][5] == 1  # the gritting enquiry is overdue
    assert _client(h.cllr_chair).get("/report/").status_code == 404


def test_the_report_chart_does_not_draw_none_answered_as_a_median_of_0_days(
    hollowmere: Hollowmere,
) -> None:
    """An officer who has answered nothing has no median: the table said "–" but the chart
    beside it drew "0 days", the best figure of all, for them and for "Not allocated"."""
    h = hollowmere
    e = _enquiry(h, "Benches", days_ago=3)
    do_triage_enquiry(e, priority="normal", officer=h.officer_junior, acting_user=h.clerk)
    do_answer_enquiry(e, answer="Ordered.", acting_user=h.officer_junior)
    _enquiry(h, "Gritting", days_ago=60)
    page = _client(h.clerk).get("/report/").content.decode()
    chart = page[page.index("Median working days to answer, by officer") :]
    chart = chart[: chart.index("</svg>")]
    assert "Not allocated: none answered" in chart
    assert "Not allocated: 0 days" not in chart
    assert ">none answered</text>" in chart


def test_the_demo_has_feeds_in_every_state(db: None) -> None:
    from propriety.web.demo import load_demo
    from propriety.workspace.models import CalendarFeed

    council, _ = load_demo()
    load_demo()  # twice: still one of each
    feeds = CalendarFeed.objects.for_council(council)
    assert sorted((f.kind, f.is_revoked) for f in feeds) == [("council", True), ("mine", False)]
