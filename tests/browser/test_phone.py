"""A ward councillor on a phone (320 and 375 px wide), in Chromium on the demo council:
what they need to read is on the screen without scrolling sideways."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from propriety.web.demo import load_demo

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser: Any, transactional_db: None, live_server: Any) -> Iterator[Any]:
    load_demo()
    contexts = []

    def sign_in(who: str, width: int) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/sign-in/")
        page.fill("#id_username", f"{who}@kestrelford.example")
        page.fill("#id_password", f"demo-{who}-2026")
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state("load")
        page.base = live_server.url
        return page

    yield sign_in
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_a_member_reads_each_enquirys_status_and_due_date_without_scrolling_sideways(
    phone: Any, width: int
) -> None:
    """The enquiry list was a seven-column table scrolled inside its box: on a phone the
    status and the due date were off the screen, behind the member's own name."""
    page = phone("ward-councillor", width)
    page.goto(page.base + "/enquiries/")
    rows = page.locator("table.app-enquiries tbody tr")
    assert rows.count() >= 2
    for i in range(rows.count()):
        row = rows.nth(i)
        for cell in (row.locator(".govuk-tag").first, row.locator("td").last):
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (
                f"{cell.inner_text()!r} is off a {width} px screen: {box}"
            )
    # Each value still says what it is.
    labels = rows.first.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert '"Status: "' in labels and '"Answer due by: "' in labels
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


# Each list a member reads on a phone, and what must be on the screen in each row.
LISTS = {
    "/documents/": ("table.app-register", ["td:last-child a", "td:first-child"]),
    "/documents/requests/": ("table.app-requests", [".govuk-tag", "td:last-child"]),
    "/concerns/": ("table.app-concerns", [".govuk-tag", "td:first-child"]),
    "/resources/": ("table.app-resources", ["td:last-child"]),
    "/press/": ("table.app-press-releases", [".govuk-tag"]),
    "/correspondence/": ("table.app-correspondence", [".govuk-tag", "td:last-child"]),
    "/ward-notices/": ("table.app-ward-notices", ["td:last-child"]),
}


@pytest.mark.parametrize("path", sorted(LISTS))
def test_a_member_reads_the_other_lists_on_a_phone(phone: Any, path: str) -> None:
    """The register's "Ask to see", an access request's status and decide-by date, and a
    concern's, a resource request's, a press release's, a letter's and a ward notice's
    status were off a 320 px screen, as the enquiries' were."""
    table, wanted = LISTS[path]
    page = phone(
        "ward-councillor" if path in ("/resources/", "/ward-notices/") else "riverside-councillor",
        320,
    )
    page.goto(page.base + path)
    rows = page.locator(f"{table} tbody tr")
    assert rows.count() >= 1
    for i in range(rows.count()):
        for selector in wanted:
            cells = rows.nth(i).locator(selector)
            if not cells.count():
                continue
            box = cells.first.bounding_box()
            assert box is not None and box["x"] + box["width"] <= 320, (
                f"{path}: {cells.first.inner_text()!r} is off a 320 px screen: {box}"
            )


def test_the_governance_reports_charts_are_legible_or_left_to_their_tables(phone: Any) -> None:
    """On a 320 px screen each chart shrank to a third of its size, its labels about 4 px
    high: unreadable. Below tablet width the tables beside them (the same figures) carry
    the report; on a desktop the charts are there, at a readable size."""
    for width, charts_shown in ((320, False), (1024, True)):
        page = phone("riverside-councillor", width)
        page.goto(page.base + "/report/")
        charts = page.locator("svg.app-chart")
        assert charts.count() >= 3
        for i in range(charts.count()):
            chart = charts.nth(i)
            box = chart.bounding_box()
            if box is None or box["width"] == 0:
                assert not charts_shown, f"chart {i} is hidden at {width} px"
                continue
            assert charts_shown, f"chart {i} is drawn at {width} px, {box['width']} px wide"
            viewbox_width = float(chart.get_attribute("width") or 640)
            text_height = 13 * box["width"] / viewbox_width
            assert text_height >= 10, f"chart {i}'s labels are {text_height:.1f} px high"
        assert page.locator("table").count() >= 3
