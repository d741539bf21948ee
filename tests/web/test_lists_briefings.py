"""The briefings list: paged with a total, open first (soonest meeting first), filters kept
across pages, downloads as filtered and only a group's own, the API's Paged shape."""

from __future__ import annotations

import datetime

from django.utils import timezone

from propriety.briefings.models import Briefing
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .list_checks import api_for, check_api_paged, check_downloads, check_pages, client_for, seeding


def test_briefings_page_open_first_filter_and_download_a_groups_own(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    today = timezone.localdate()
    reds, blues = f.make_party_group(h.council, "Reds"), f.make_party_group(h.council, "Blues")
    rita = f.make_person(h.council, Role.COUNCILLOR, Role.PARTY_GROUP_MEMBER, party_group=reds)
    f.make_person(h.council, Role.COUNCILLOR, Role.PARTY_GROUP_MEMBER, party_group=blues)

    def briefings(
        group: object, n: int, status: str, asked_days_ago: int, meeting: int
    ) -> list[str]:
        with seeding(h.council):
            return [
                Briefing.objects.for_council(h.council)
                .create(
                    council=h.council,
                    group=group,
                    requested_by=rita,
                    matter=f"The budget {k}",
                    requested_on=today - datetime.timedelta(days=asked_days_ago),
                    meeting_on=today + datetime.timedelta(days=meeting + k),
                    status=status,
                )
                .reference
                for k in range(n)
            ]

    given = briefings(reds, 2, Briefing.Status.GIVEN, 1, -10)
    waiting = briefings(reds, 26, Briefing.Status.REQUESTED, 40, 5)
    theirs = briefings(blues, 3, Briefing.Status.REQUESTED, 2, 1)

    clerk = client_for(h.clerk)
    params = {"group": str(reds.pk)}
    listed = check_pages(clerk, "/briefings/", "BRF", 28, "briefings", params)
    # Open first, the soonest meeting first, though the given ones were asked later.
    assert listed[:26] == waiting and set(listed[26:]) == set(given)
    check_downloads(clerk, "/briefings/", params, listed)
    assert theirs[0] not in clerk.get("/briefings/", params).content.decode()
    # Rita's group's briefings only, never the Blues'.
    check_downloads(client_for(rita), "/briefings/", {}, listed)
    check_api_paged(api_for(h.clerk), "/api/v1/briefings", 31)
    assert api_for(rita).get("/api/v1/briefings").json()["count"] == 28
