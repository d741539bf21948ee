"""Paging, sorting and downloads of the casework lists, on pages and in the API."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from propriety.enquiries.actions import do_submit_enquiry, do_triage_enquiry
from propriety.enquiries.models import Enquiry
from propriety.people.actions import do_create_api_token

from .conftest import Hollowmere

LIST = "/enquiries/"


def _enquiries(
    h: Hollowmere, count: int, *, days_ago: int = 0, subject: str = "Lights"
) -> list[Enquiry]:
    received = timezone.localdate() - datetime.timedelta(days=days_ago)
    return [
        do_submit_enquiry(
            h.cllr_ward,
            subject=f"{subject} {n}",
            body="When will the lights be fixed?",
            kind="information",
            addressed_to="proper_officer",
            today=received,
            acting_user=h.cllr_ward,
        )
        for n in range(count)
    ]


def _client(person: object) -> Client:
    client = Client()
    client.force_login(person)  # type: ignore[arg-type]
    return client


def _refs(html: str) -> list[str]:
    import re

    return re.findall(r'id="enquiry-(\d+)"', html)


def test_the_list_pages_with_a_total_and_keeps_filters_in_the_links(hollowmere: Hollowmere) -> None:
    h = hollowmere
    _enquiries(h, 30)
    clerk = _client(h.clerk)
    first = clerk.get(LIST, {"status": "with_clerk"}).content.decode()
    assert len(_refs(first)) == 25
    assert "Showing 1 to 25 of 30 enquiries" in first
    assert 'href="?status=with_clerk&amp;page=2"' in first
    second = clerk.get(LIST, {"status": "with_clerk", "page": "2"}).content.decode()
    assert len(_refs(second)) == 5
    assert "Showing 26 to 30 of 30 enquiries" in second
    # A page past the end shows the last page; nonsense shows the first: never an error.
    assert _refs(clerk.get(LIST, {"page": "99"}).content.decode()) == _refs(second)
    assert len(_refs(clerk.get(LIST, {"page": "x"}).content.decode())) == 25


def test_overdue_comes_first_by_default_and_newest_when_asked(hollowmere: Hollowmere) -> None:
    h = hollowmere
    late = _enquiries(h, 1, days_ago=60, subject="Late")[0]
    fresh = _enquiries(h, 1, subject="Fresh")[0]
    clerk = _client(h.clerk)
    assert _refs(clerk.get(LIST).content.decode()) == [str(late.pk), str(fresh.pk)]
    assert _refs(clerk.get(LIST, {"sort": "newest"}).content.decode()) == [
        str(fresh.pk),
        str(late.pk),
    ]
    # An unknown sort falls back to the default.
    assert _refs(clerk.get(LIST, {"sort": "pk; drop"}).content.decode())[0] == str(late.pk)


def test_downloads_hold_every_filtered_row_not_one_page(hollowmere: Hollowmere) -> None:
    h = hollowmere
    made = _enquiries(h, 27)
    do_triage_enquiry(made[0], priority="high", officer=h.officer_junior, acting_user=h.clerk)
    _enquiries(h, 1, subject="=HYPERLINK(1)")
    clerk = _client(h.clerk)
    response = clerk.get(LIST, {"status": "with_clerk", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reference", "Subject", "Member"]
    assert len(rows) == 1 + 27  # the allocated one is filtered out, the rest are all there
    # A subject a spreadsheet would run as a formula is written as text.
    assert any(r[1] == "'=HYPERLINK(1) 0" for r in rows)

    book = load_workbook(io.BytesIO(clerk.get(LIST, {"format": "xlsx"}).content))
    sheet = book.active
    assert sheet is not None and sheet.max_row == 1 + 28
    assert isinstance(sheet.cell(2, 7).value, datetime.datetime)  # received: a real date


def test_a_member_downloads_only_their_own(hollowmere: Hollowmere) -> None:
    h = hollowmere
    _enquiries(h, 2)
    rows = _client(h.cllr_chair).get(LIST, {"format": "csv"}).content.decode("utf-8-sig")
    assert rows.strip().splitlines() == [rows.strip().splitlines()[0]]


@pytest.mark.parametrize(
    "path",
    [
        "/documents/",
        "/documents/requests/",
        "/press/",
        "/concerns/",
        "/correspondence/",
        "/press/media-contacts/",
        "/press/media-interest/",
    ],
)
def test_every_list_pages_and_downloads(hollowmere: Hollowmere, path: str) -> None:
    clerk = _client(hollowmere.clerk)
    assert clerk.get(path, {"page": "3"}).status_code == 200
    for fmt in ("csv", "xlsx"):
        response = clerk.get(path, {"format": fmt})
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]


def test_the_api_pages_with_a_total(hollowmere: Hollowmere) -> None:
    h = hollowmere
    _enquiries(h, 7)
    _, key = do_create_api_token(h.clerk, name="t", acting_user=h.clerk)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    body = api.get("/api/v1/enquiries", {"per_page": 3, "page": 3}).json()
    assert (body["count"], body["page"], body["pages"], body["per_page"]) == (7, 3, 3, 3)
    assert len(body["items"]) == 1
    assert api.get("/api/v1/enquiries", {"page": 9}).json()["items"] == []
    # A page number past 64 bits is just past the end, not a database error.
    huge = api.get("/api/v1/enquiries", {"page": 35752024361443307520}).json()
    assert (huge["count"], huge["items"]) == (7, [])
    assert api.get("/api/v1/enquiries", {"per_page": 500}).status_code == 422
    assert api.get("/api/v1/documents", {"per_page": 1}).json()["count"] == 0
