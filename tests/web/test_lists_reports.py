"""Written report requests and acting Proper Officer arrangements: paged with a total, open
(or acting now) first, filters kept across pages, downloads as filtered and only what the
person may see, the API's Paged shape."""

from __future__ import annotations

import datetime

from django.utils import timezone

from propriety.councils.models import Council
from propriety.people.roles import Role
from propriety.reports.models import ActingArrangement, ReportRequest

from . import factories as f
from .conftest import Hollowmere
from .list_checks import api_for, check_api_paged, check_downloads, check_pages, client_for, seeding


def test_report_requests_page_open_first_filter_and_download_a_members_own(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    today = timezone.localdate()

    def asks(who: object, n: int, status: str, for_body: str, days_ago: int) -> list[str]:
        with seeding(h.council):
            return [
                ReportRequest.objects.for_council(h.council)
                .create(
                    council=h.council,
                    requested_by=who,
                    requested_on=today - datetime.timedelta(days=days_ago),
                    subject=f"Options for the pavilion {k}",
                    for_body=for_body,
                    status=status,
                )
                .reference
                for k in range(n)
            ]

    provided = asks(h.cllr_ward, 2, ReportRequest.Status.PROVIDED, "council", 1)
    waiting = asks(h.cllr_ward, 26, ReportRequest.Status.REFERRED, "council", 30)
    chairs = asks(h.cllr_chair, 3, ReportRequest.Status.REFERRED, "committee", 2)

    clerk = client_for(h.clerk)
    params = {"for_body": "council"}
    listed = check_pages(clerk, "/reports/", "WR", 28, "report requests", params)
    assert listed[:26] == waiting[::-1] and listed[26:] == provided[::-1]
    check_downloads(clerk, "/reports/", params, listed)
    assert chairs[0] not in clerk.get("/reports/", params).content.decode()
    check_downloads(client_for(h.cllr_chair), "/reports/", {}, chairs[::-1])
    check_api_paged(api_for(h.clerk), "/api/v1/reports", 31)
    assert api_for(h.cllr_chair).get("/api/v1/reports").json()["count"] == 3


def test_acting_arrangements_page_acting_now_first_and_download_the_councils_own(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    h = hollowmere
    today = timezone.localdate()
    outsider = f.make_person(fernley, Role.COUNCILLOR, Role.COUNCIL_CHAIR)

    def arrangements(council: Council, who: object, n: int, allowed: bool, ago: int) -> list[str]:
        with seeding(council):
            return [
                ActingArrangement.objects.for_council(council)
                .create(
                    council=council,
                    councillor=who,
                    starts_on=today - datetime.timedelta(days=ago + k),
                    ends_on=today - datetime.timedelta(days=1) if ago < 5 else None,
                    reason="A vacancy",
                    allowed=allowed,
                    recorded_by=who,
                    recorded_on=today,
                )
                .reference
                for k in range(n)
            ]

    ended = arrangements(h.council, h.cllr_chair, 2, True, 2)
    acting = arrangements(h.council, h.cllr_chair, 26, True, 60)
    refused = arrangements(h.council, h.cllr_chair, 3, False, 60)
    theirs = arrangements(fernley, outsider, 1, True, 60)

    member = client_for(h.cllr_ward)
    params = {"allowed": "yes"}
    listed = check_pages(
        member, "/reports/acting-proper-officer/", "AP", 28, "arrangements", params
    )
    # Acting now first, though the ended ones started later.
    assert listed[:26] == acting and listed[26:] == ended
    check_downloads(member, "/reports/acting-proper-officer/", params, listed)
    page = member.get(
        "/reports/acting-proper-officer/", {"allowed": "yes", "format": "csv"}
    ).content.decode()
    assert refused[0] not in page and theirs[0] not in page
    check_api_paged(api_for(h.cllr_ward), "/api/v1/reports/acting-proper-officer", 31)
