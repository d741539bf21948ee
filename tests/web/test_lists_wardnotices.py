"""The ward notices list: paged with a total, those waiting for a decision first, filters
kept across pages, downloads as filtered and only what a member was told of, the API's
Paged shape."""

from __future__ import annotations

import datetime

from django.utils import timezone

from propriety.wardnotices.models import WardNotice

from .conftest import Hollowmere
from .list_checks import api_for, check_api_paged, check_downloads, check_pages, client_for, seeding


def test_ward_notices_page_waiting_first_filter_and_download_what_a_member_was_told(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    today = timezone.localdate()

    def notices(n: int, event: str, outcome: str, days_ahead: int, told: bool) -> list[str]:
        made = []
        with seeding(h.council):
            for k in range(n):
                notice = WardNotice.objects.for_council(h.council).create(
                    council=h.council,
                    event=event,
                    title=f"Library hours {k}",
                    takes_place_on=today + datetime.timedelta(days=days_ahead + k),
                    recorded_by=h.officer_junior,
                    recorded_on=today - datetime.timedelta(days=days_ahead),
                    outcome=outcome,
                )
                notice.wards.add(h.brookside)
                if told:
                    notice.members_told.add(h.cllr_ward)
                made.append(notice.reference)
        return made

    allowed = notices(2, "consultation", WardNotice.Outcome.ALLOWED, 1, True)
    referred = notices(26, "consultation", WardNotice.Outcome.REFERRED, 30, False)
    other = notices(3, "policy_development", WardNotice.Outcome.ALLOWED, 2, True)

    clerk = client_for(h.clerk)
    params = {"event": "consultation"}
    listed = check_pages(clerk, "/ward-notices/", "WN", 28, "ward notices", params)
    # Waiting for a decision first (the soonest first), though recorded earlier.
    assert listed[:26] == referred and set(listed[26:]) == set(allowed)
    check_downloads(clerk, "/ward-notices/", params, listed)
    assert other[0] not in clerk.get("/ward-notices/", params).content.decode()
    # A member downloads only what they were told of (newest recorded first).
    member_rows = client_for(h.cllr_ward).get("/ward-notices/", {"format": "csv"}).content
    assert {line.split(",")[0] for line in member_rows.decode("utf-8-sig").splitlines()[1:]} == set(
        allowed + other
    )
    check_downloads(client_for(h.cllr_chair), "/ward-notices/", {}, [])
    api = api_for(h.clerk)
    check_api_paged(api, "/api/v1/ward-notices", 31)
    by_ward = api.get("/api/v1/ward-notices", {"ward": h.brookside.pk, "event": "consultation"})
    assert by_ward.json()["count"] == 28
    assert api.get("/api/v1/ward-notices", {"ward": 999999}).status_code == 422
    assert api_for(h.cllr_ward).get("/api/v1/ward-notices").json()["count"] == 5
