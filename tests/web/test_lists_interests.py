"""The register of relationships and interests, and the panels: paged with a total, current
or open first, filters kept across pages, downloads as filtered, the API's Paged shape."""

from __future__ import annotations

import datetime

from django.utils import timezone

from propriety.interests.models import Declaration, Panel

from .conftest import Hollowmere
from .list_checks import api_for, check_api_paged, check_downloads, check_pages, client_for, seeding


def _declare(h: Hollowmere, who: object, n: int, nature: str, **dates: datetime.date) -> list[str]:
    today = timezone.localdate()
    with seeding(h.council):
        made = [
            Declaration.objects.for_council(h.council).create(
                council=h.council,
                declarer=who,
                related_name=f"Mill Farm {k}",
                nature=nature,
                starts_on=dates.get("starts_on", today - datetime.timedelta(days=30)),
                ends_on=dates.get("ends_on"),
                declared_on=dates.get("declared_on", today - datetime.timedelta(days=30)),
            )
            for k in range(n)
        ]
    return [d.reference for d in made]


def test_the_register_pages_filters_and_downloads_what_the_person_may_see(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    today = timezone.localdate()
    mine = _declare(h, h.cllr_ward, 27, "business")
    # Declared most recently, but it has ended: it goes after every current one.
    ended = _declare(
        h,
        h.cllr_ward,
        1,
        "business",
        ends_on=today - datetime.timedelta(days=1),
        declared_on=today,
    )
    others = _declare(h, h.cllr_chair, 3, "relative")

    clerk = client_for(h.clerk)
    listed = check_pages(clerk, "/interests/", "DEC", 28, "declarations", {"nature": "business"})
    assert listed[-1] == ended[0]
    assert set(listed) == set(mine + ended)
    check_downloads(clerk, "/interests/", {"nature": "business"}, listed)
    current = clerk.get("/interests/", {"state": "current", "format": "csv"}).content.decode()
    assert ended[0] not in current and others[0] in current

    # A member sees, and downloads, only their own declarations.
    member = client_for(h.cllr_chair)
    check_downloads(member, "/interests/", {}, sorted(others, key=lambda r: -int(r[4:])))
    api = api_for(h.clerk)
    check_api_paged(api, "/api/v1/declarations", 31)
    # The API takes the page's filters and sort; a value it does not offer is a 422.
    assert api.get("/api/v1/declarations", {"nature": "relative"}).json()["count"] == 3
    items = api.get("/api/v1/declarations", {"nature": "business", "per_page": 30}).json()
    assert [d["reference"] for d in items["items"]] == listed
    newest = api.get("/api/v1/declarations", {"sort": "newest"}).json()["items"][0]
    assert newest["reference"] == ended[0]
    bad = api.get("/api/v1/declarations", {"nature": "aunt"})
    assert bad.status_code == 422 and "nature" in bad.content.decode()
    assert api.get("/api/v1/declarations", {"sort": "pk"}).status_code == 422
    assert api_for(h.cllr_chair).get("/api/v1/declarations").json()["count"] == 3


def test_the_panels_list_pages_open_first_and_downloads(hollowmere: Hollowmere) -> None:
    h = hollowmere
    today = timezone.localdate()

    def panels(n: int, status: str, kind: str, days_ago: int) -> list[str]:
        with seeding(h.council):
            return [
                Panel.objects.for_council(h.council)
                .create(
                    council=h.council,
                    kind=kind,
                    title=f"Panel {k}",
                    status=status,
                    formed_on=today - datetime.timedelta(days=days_ago),
                    formed_by=h.clerk,
                )
                .reference
                for k in range(n)
            ]

    old_open = panels(26, Panel.Status.OPEN, Panel.Kind.PAY, 90)
    closed = panels(2, Panel.Status.CLOSED, Panel.Kind.PAY, 1)
    other_kind = panels(1, Panel.Status.OPEN, Panel.Kind.APPOINTMENT, 5)
    clerk = client_for(h.clerk)
    listed = check_pages(clerk, "/interests/panels/", "PAN", 28, "panels", {"kind": "pay"})
    # Open first, though the closed ones are newer.
    assert set(listed[:26]) == set(old_open) and set(listed[26:]) == set(closed)
    check_downloads(clerk, "/interests/panels/", {"kind": "pay"}, listed)
    assert other_kind[0] not in clerk.get("/interests/panels/", {"kind": "pay"}).content.decode()
    # A member sees no panel they were not considered for, and downloads none.
    check_downloads(client_for(h.cllr_ward), "/interests/panels/", {}, [])
    check_api_paged(api_for(h.clerk), "/api/v1/panels", 29)
