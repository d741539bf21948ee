"""The home page's "Waiting on you" for the registers: a written report, a referred
resource request, a referred ward notice and a briefing request wait on whoever must
decide them, on nobody else, and leave the queue once decided."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from propriety.briefings.actions import do_decide_briefing, do_request_briefing
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.reports.actions import do_request_report, do_respond_to_report_request
from propriety.resources.actions import do_decide_resource_request, do_request_resources
from propriety.wardnotices.actions import do_decide_ward_notice, do_record_ward_notice
from propriety.workspace.queues import waiting_on

from . import factories as f
from .conftest import Hollowmere


def _waiting(person: Person) -> dict[str, Any]:
    queue = waiting_on(person, timezone.localdate())
    return {i.reference: i for i in queue.overdue + queue.this_week + queue.later}


def _home(person: Person) -> str:
    client = Client()
    client.force_login(person)
    response = client.get("/")
    assert response.status_code == 200, response
    return response.content.decode()


def test_a_report_for_committee_waits_on_the_clerk_until_decided(hollowmere: Hollowmere) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, "ludlow")
    report = do_request_report(
        h.cllr_ward, subject="Allotment rents", for_body="committee", acting_user=h.cllr_ward
    )
    assert report.status == "referred"
    item = _waiting(h.clerk)[report.reference]
    assert item.action == "Decide whether to provide it"
    assert item.url == f"/reports/{report.pk}/"
    page = _home(h.clerk)
    assert "Allotment rents" in page and "Nothing is waiting on you." not in page
    for other in (h.cllr_ward, h.officer_junior, h.cllr_chair):
        assert report.reference not in _waiting(other)
    do_respond_to_report_request(
        report, provide=False, reasons="Not for committee", acting_user=h.clerk
    )
    assert report.reference not in _waiting(h.clerk)


def test_a_referred_resource_request_waits_on_the_officer_asked(hollowmere: Hollowmere) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, "grantham")
    needed = timezone.localdate() - datetime.timedelta(days=1)
    request = do_request_resources(
        h.cllr_ward,
        kind="staff_time",
        purpose="other_authority",
        description="Help with a district council question",
        officer=h.officer_junior,
        needed_on=needed,
        acting_user=h.cllr_ward,
    )
    assert request.status == "referred" and request.decider_role == "officer"
    queue = waiting_on(h.officer_junior, timezone.localdate())
    assert [i.reference for i in queue.overdue] == [request.reference]  # needed yesterday
    assert queue.overdue[0].due == needed and queue.overdue[0].url == f"/resources/{request.pk}/"
    # The Clerk keeps the register and sees it, but it is not the Clerk's to decide.
    for other in (h.clerk, h.cllr_ward, h.cllr_chair):
        assert request.reference not in _waiting(other)
    do_decide_resource_request(
        request, allow=False, reasons="District work", acting_user=h.officer_junior
    )
    assert request.reference not in _waiting(h.officer_junior)


def test_a_referred_ward_notice_waits_on_the_chief_officer(hollowmere: Hollowmere) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, "part5-district")
    chief = f.make_person(h.council, Role.CHIEF_OFFICER, name="Cai Chief")
    on = timezone.localdate() + datetime.timedelta(days=30)
    notice = do_record_ward_notice(
        h.cllr_ward,
        event="member_public_meeting",
        title="Parking on Mill Lane",
        takes_place_on=on,
        wards=[h.brookside],
        acting_user=h.cllr_ward,
    )
    assert notice.outcome == "refer" and notice.decider_role == "chief_officer"
    item = _waiting(chief)[notice.reference]
    assert item.due == on and item.action == "Decide whether it goes ahead"
    assert "Parking on Mill Lane" in _home(chief)
    for other in (h.clerk, h.officer_junior, h.cllr_ward):
        assert notice.reference not in _waiting(other)
    do_decide_ward_notice(notice, allow=True, reasons="Fine", acting_user=chief)
    assert notice.reference not in _waiting(chief)


def test_a_briefing_request_waits_on_the_clerk(hollowmere: Hollowmere) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, "acses-town")
    reds = f.make_party_group(h.council, "Reds")
    red = f.make_person(
        h.council, Role.COUNCILLOR, Role.PARTY_GROUP_MEMBER, name="Rita Red", party_group=reds
    )
    meeting = timezone.localdate() + datetime.timedelta(days=60)
    briefing = do_request_briefing(
        reds, matter="The 2027/28 budget", meeting_on=meeting, acting_user=red
    )
    assert briefing.status == "requested"
    item = _waiting(h.clerk)[briefing.reference]
    assert item.action == "Agree or decline it" and item.due == meeting
    for other in (red, h.officer_junior, h.cllr_ward):
        assert briefing.reference not in _waiting(other)
    do_decide_briefing(briefing, agree=True, acting_user=h.clerk)
    # Agreed: now it waits on the Clerk to record what was said, and on nobody else.
    assert _waiting(h.clerk)[briefing.reference].action == "Record the briefing given"
    assert briefing.reference not in _waiting(h.officer_junior)
    do_decide_briefing(
        do_request_briefing(reds, matter="Car parks", acting_user=red),
        agree=False,
        reasons="Busy",
        acting_user=h.clerk,
    )
    assert "Car parks" not in {i.title for i in _waiting(h.clerk).values()}


def test_the_queue_costs_the_same_queries_however_many_cases_wait(
    hollowmere: Hollowmere, django_assert_max_num_queries: Any
) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, "west-mersea")

    def ask(n: int) -> None:
        for i in range(n):
            do_request_resources(
                h.cllr_ward,
                kind="printing",
                purpose="private",
                description=f"Leaflets {i}",
                acting_user=h.cllr_ward,
            )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ask(1)
    with CaptureQueriesContext(connection) as one:
        assert len(_waiting(h.clerk)) == 1
    ask(9)
    with django_assert_max_num_queries(len(one)):
        assert len(_waiting(h.clerk)) == 10


def _nav(person: Person) -> str:
    page = _home(person)
    return page[page.index('id="navigation"') : page.index("</nav>")]


def test_the_header_links_the_registers_the_rulebook_and_roles_make_usable(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, "ludlow")  # reports and resources; no ward notices
    for person in (h.clerk, h.cllr_ward):
        nav = _nav(person)
        assert 'href="/reports/"' in nav and 'href="/resources/"' in nav
        assert "/ward-notices/" not in nav
    f.follow_rulebook(h.council, "part5-district")  # ward notices and resources; no reports
    nav = _nav(h.cllr_ward)
    assert 'href="/ward-notices/"' in nav and 'href="/resources/"' in nav
    assert "/reports/" not in nav
    # The register's own page marks its link as the current one.
    client = Client()
    client.force_login(h.cllr_ward)
    page = client.get("/ward-notices/").content.decode()
    assert 'href="/ward-notices/" aria-current="true"' in page
