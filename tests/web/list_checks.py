"""Checks every paged, filtered, downloadable list must pass (``web.paging``,
``web.list_controls``, ``web.exports``, ``api.paging``): used by each app's list tests."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.test import Client
from openpyxl import load_workbook

from propriety.audit.recording import recording
from propriety.people.actions import do_create_api_token


def seeding(council: Any) -> Any:
    """Many rows for a list test, written in one audited block rather than one action each."""
    return recording(council=council, actor=None, action="test.seed")


def client_for(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def api_for(person: Any) -> Client:
    _, key = do_create_api_token(person, name="lists", acting_user=person)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def refs_on(html: str, prefix: str) -> list[str]:
    """The references (``PREFIX-n``) linked in the page's table, in order."""
    return re.findall(rf">({re.escape(prefix)}-\d+)(?:</a>|:)", html)


def check_pages(
    client: Client, url: str, prefix: str, total: int, noun: str, params: dict[str, str]
) -> list[str]:
    """Page 1 holds 25 of ``total`` with the count shown; page 2 holds the rest and its
    link keeps ``params``. Returns every reference, in list order."""
    assert total > 25
    first = client.get(url, params)
    assert first.status_code == 200
    html = first.content.decode()
    assert f"Showing 1 to 25 of {total} {noun}" in html
    kept = "&amp;".join(f"{k}={v}" for k, v in params.items())
    assert f'href="?{kept + "&amp;" if kept else ""}page=2"' in html
    second = client.get(url, {**params, "page": "2"}).content.decode()
    assert f"Showing 26 to {total} of {total} {noun}" in second
    page_one, page_two = refs_on(html, prefix), refs_on(second, prefix)
    assert len(page_one) == 25 and len(page_two) == total - 25
    assert not set(page_one) & set(page_two)
    return page_one + page_two


def check_downloads(client: Client, url: str, params: dict[str, str], expected: list[str]) -> None:
    """The CSV and the spreadsheet hold exactly ``expected`` (every filtered row, in order)."""
    response = client.get(url, {**params, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Reference"
    assert [r[0] for r in rows[1:]] == expected
    book = load_workbook(io.BytesIO(client.get(url, {**params, "format": "xlsx"}).content))
    sheet = book.active
    assert sheet is not None
    assert [sheet.cell(n, 1).value for n in range(2, sheet.max_row + 1)] == expected


def check_api_paged(api: Client, path: str, total: int) -> dict[str, Any]:
    """The shared Paged shape: a total ``count``, pages, and only the asked-for page."""
    body: dict[str, Any] = api.get(path, {"per_page": 10, "page": 2}).json()
    assert set(body) == {"count", "page", "pages", "per_page", "items"}
    assert (body["count"], body["page"], body["per_page"]) == (total, 2, 10)
    assert body["pages"] == -(-total // 10)
    assert len(body["items"]) == min(10, total - 10)
    assert api.get(path, {"page": 99}).json()["items"] == []
    # A page past 64 bits is past the end too, not a database error (found by the fuzzer).
    far = api.get(path, {"page": 10**20})
    assert (far.status_code, far.json()["items"], far.json()["count"]) == (200, [], total)
    assert api.get(path, {"per_page": 500}).status_code == 422
    return body
