"""The Clerk's set-up lists (people; committees, wards and party groups): paged with a
total, current or open first, filters kept across pages, downloads as filtered and only the
council's own, the people API's Paged shape."""

from __future__ import annotations

import csv
import datetime
import io
import re

from django.utils import timezone
from openpyxl import load_workbook

from propriety.councils.actions import do_close_body
from propriety.councils.models import Council
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .list_checks import api_for, check_api_paged, client_for


def _csv_names(response: object) -> list[str]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))  # type: ignore[attr-defined]
    assert rows[0][0] == "Name"
    return [r[0] for r in rows[1:]]


def test_the_people_list_pages_current_first_filters_and_downloads(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    h = hollowmere
    today = timezone.localdate()
    for n in range(55):
        f.make_person(h.council, Role.COUNCILLOR, name=f"Zed Member {n:02d}")
    for n in range(2):
        f.make_person(
            h.council,
            Role.COUNCILLOR,
            name=f"Abe Former {n}",
            starts_on=today - datetime.timedelta(days=400),
            ends_on=today - datetime.timedelta(days=30),
        )
    f.make_person(fernley, Role.COUNCILLOR, name="Fern Outsider")
    clerk = client_for(h.clerk)

    def names(html: str) -> list[str]:
        return re.findall(r'href="/setup/people/\d+/">([^<]+)</a>', html)

    # Current people first: the former members (A...) come after every current one.
    first = clerk.get("/setup/people/").content.decode()
    assert "Showing 1 to 50 of 62 people" in first
    second = clerk.get("/setup/people/", {"page": "2"}).content.decode()
    assert "Showing 51 to 62 of 62 people" in second
    assert names(second)[-2:] == ["Abe Former 0", "Abe Former 1"]
    assert _csv_names(clerk.get("/setup/people/", {"format": "csv"})) == names(first) + names(
        second
    )
    # A filter is kept in the page links and applied to the download.
    current = clerk.get("/setup/people/", {"status": "current"}).content.decode()
    assert "of 60 people" in current and 'href="?status=current&amp;page=2"' in current
    assert _csv_names(clerk.get("/setup/people/", {"status": "no_role", "format": "csv"})) == [
        "Abe Former 0",
        "Abe Former 1",
    ]
    assert "Fern Outsider" not in clerk.get("/setup/people/", {"format": "csv"}).content.decode()
    assert client_for(h.cllr_chair).get("/setup/people/", {"format": "csv"}).status_code == 403

    body = check_api_paged(api_for(h.clerk), "/api/v1/people", 62)
    assert all(p["full_name"] != "Fern Outsider" for p in body["items"])


def test_the_wards_list_pages_open_first_filters_and_downloads(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    h = hollowmere
    wards = [f.make_ward(h.council, f"Ward {n:02d}") for n in range(29)]
    for ward in wards[:2]:
        do_close_body(ward, closed_on=timezone.localdate(), acting_user=h.clerk)
    f.make_ward(fernley, "Fern Ward")
    clerk = client_for(h.clerk)

    def names(html: str) -> list[str]:
        return re.findall(r'href="/setup/wards/\d+/">([^<]+)</a>', html)

    first = clerk.get("/setup/wards/").content.decode()
    assert "Showing 1 to 25 of 30 wards" in first
    second = clerk.get("/setup/wards/", {"page": "2"}).content.decode()
    # Open wards by name (Brookside first), then the closed ones.
    assert names(first)[0] == "Brookside" and names(second)[-2:] == ["Ward 00", "Ward 01"]
    listed = names(first) + names(second)
    assert _csv_names(clerk.get("/setup/wards/", {"format": "csv"})) == listed
    open_only = clerk.get("/setup/wards/", {"status": "open"}).content.decode()
    assert "of 28 wards" in open_only and 'href="?status=open&amp;page=2"' in open_only
    assert _csv_names(clerk.get("/setup/wards/", {"status": "closed", "format": "csv"})) == [
        "Ward 00",
        "Ward 01",
    ]
    sheet = load_workbook(io.BytesIO(clerk.get("/setup/wards/", {"format": "xlsx"}).content)).active
    assert sheet is not None
    assert [sheet.cell(n, 1).value for n in range(2, sheet.max_row + 1)] == listed  # no Fern Ward
    # Members today: the ward councillor holds Brookside.
    rows = list(
        csv.reader(
            io.StringIO(clerk.get("/setup/wards/", {"format": "csv"}).content.decode("utf-8-sig"))
        )
    )
    assert rows[1][:3] == ["Brookside", "1", "Open"]
