"""The council resources register: paged with a total, those waiting for a decision first,
filters kept across pages, downloads as filtered and only a member's own, the API's Paged
shape."""

from __future__ import annotations

import datetime

from django.utils import timezone

from propriety.resources.models import ResourceRequest

from .conftest import Hollowmere
from .list_checks import api_for, check_api_paged, check_downloads, check_pages, client_for, seeding


def test_the_register_pages_waiting_first_filters_and_downloads_a_members_own(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    today = timezone.localdate()

    def asks(who: object, n: int, kind: str, status: str, days_ago: int) -> list[str]:
        with seeding(h.council):
            return [
                ResourceRequest.objects.for_council(h.council)
                .create(
                    council=h.council,
                    kind=kind,
                    purpose="council_business",
                    description="Agendas for the ward forum",
                    needed_on=today + datetime.timedelta(days=k),
                    requested_by=who,
                    requested_on=today - datetime.timedelta(days=days_ago),
                    status=status,
                )
                .reference
                for k in range(n)
            ]

    allowed = asks(h.cllr_ward, 2, "printing", ResourceRequest.Status.ALLOWED, 1)
    waiting = asks(h.cllr_ward, 26, "printing", ResourceRequest.Status.REFERRED, 20)
    rooms = asks(h.cllr_chair, 3, "room", ResourceRequest.Status.ALLOWED, 3)

    clerk = client_for(h.clerk)
    params = {"kind": "printing"}
    listed = check_pages(clerk, "/resources/", "CR", 28, "requests", params)
    assert listed[:26] == waiting and set(listed[26:]) == set(allowed)
    check_downloads(clerk, "/resources/", params, listed)
    assert rooms[0] not in clerk.get("/resources/", params).content.decode()
    # The chair downloads their own requests, never Wendy's.
    check_downloads(client_for(h.cllr_chair), "/resources/", {}, rooms[::-1])
    check_api_paged(api_for(h.clerk), "/api/v1/resource-requests", 31)
    assert api_for(h.cllr_ward).get("/api/v1/resource-requests").json()["count"] == 28
