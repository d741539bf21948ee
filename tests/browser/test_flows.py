"""One main flow per role, end to end in Chromium on the demo council, and on every page
those flows reach: axe-core finds no WCAG 2.2 A/AA violation, and nothing scrolls the
page sideways at 320 px wide.

Exempted, narrowly, as GOV.UK Frontend knowingly trips them: ``aria-allowed-attr`` on
the inputs of conditionally revealed radios and checkboxes (``aria-controls`` on a
radio), and ``region`` for content GOV.UK places outside landmarks (the skip link).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from propriety.web.demo import load_demo

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CONDITIONAL_INPUT = re.compile(r"govuk-(radios|checkboxes)__input")


def _exempt(rule: str, node: dict[str, Any]) -> bool:
    html = str(node.get("html", ""))
    if rule == "aria-allowed-attr":
        return bool(CONDITIONAL_INPUT.search(html)) and "aria-controls" in html
    if rule == "region":
        return "govuk-skip-link" in html
    return False


@dataclass
class Checked:
    """Every page a flow reached, and what was wrong with any of them."""

    page: Any
    axe: str
    problems: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)

    def _settled(self) -> None:
        """Wait until the page a click led to is the one loaded: a click that submits a
        form returns before the next page commits, and evaluating while it does finds no
        document (``documentElement`` is null) or a context already gone."""
        for _ in range(50):
            self.page.wait_for_load_state("load")
            from playwright.sync_api import Error as PlaywrightError

            try:
                if self.page.evaluate("document.readyState === 'complete' && !!document.body"):
                    return
            except PlaywrightError:  # the context went with the navigation: try again
                pass
            self.page.wait_for_timeout(100)
        raise AssertionError(f"{self.page.url} never finished loading")

    def check(self) -> None:
        self._settled()
        url = self.page.url
        self.seen.append(url)
        for width in (1024, 320):
            self.page.set_viewport_size({"width": width, "height": 900})
            overflow = self.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                self.problems.append(f"{url}: scrolls sideways by {overflow}px at {width}px")
        self.page.set_viewport_size({"width": 1024, "height": 900})
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(content=self.axe)
        result = self.page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        for violation in result["violations"]:
            nodes = [n for n in violation["nodes"] if not _exempt(violation["id"], n)]
            for node in nodes:
                self.problems.append(f"{url}: {violation['id']} at {node['target']}")

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.check()

    base: str = ""


@pytest.fixture
def demo(transactional_db: None, live_server: Any) -> str:
    load_demo()
    return str(live_server.url)


@pytest.fixture
def visit(browser: Any, axe_source: str, demo: str) -> Iterator[Any]:
    contexts = []

    def sign_in(who: str) -> Checked:
        # bypass_csp: axe-core is injected as a script of the test's own, which the pages'
        # Content-Security-Policy (no inline script) rightly refuses; the policy itself is
        # tested in tests/web/test_security_headers.py.
        context = browser.new_context(viewport={"width": 1024, "height": 900}, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        checked = Checked(page=page, axe=axe_source, base=demo)
        checked.go("/sign-in/")
        page.fill("#id_username", f"{who}@kestrelford.example")
        page.fill("#id_password", f"demo-{who}-2026")
        page.click("button[type=submit]")
        checked.check()
        return checked

    yield sign_in
    for context in contexts:
        context.close()


def _done(checked: Checked) -> None:
    assert len(checked.seen) >= 4
    assert not checked.problems, "\n".join(checked.problems)


def test_a_member_makes_an_enquiry_and_finds_it_at_home(visit: Any) -> None:
    member = visit("ward-councillor")
    page = member.page
    assert page.get_by_role("heading", name="Waiting on you").is_visible()
    page.get_by_role("link", name="Enquiries", exact=True).first.click()
    member.check()
    page.get_by_role("button", name="Make an enquiry").click()
    member.check()
    page.fill("#id_subject", "Potholes on Mill Lane")
    page.fill("#id_body", "When will the potholes on Mill Lane be filled?")
    page.check("input[name=kind][value=information]")
    page.check("input[name=addressed_to][value=proper_officer]")
    page.get_by_role("button", name=re.compile("Send")).click()
    member.check()
    assert page.get_by_role("heading", name="Potholes on Mill Lane").is_visible()
    member.go("/")
    assert "Potholes on Mill Lane" in page.locator("#you-asked + *").inner_text()
    member.go("/search/?q=potholes")
    assert page.get_by_role("link", name="Potholes on Mill Lane").is_visible()
    _done(member)


def test_the_clerk_allocates_from_the_queue_and_reads_the_report(visit: Any) -> None:
    clerk = visit("clerk")
    page = clerk.page
    assert page.get_by_role("heading", name="The council’s enquiries by officer").is_visible()
    page.get_by_role("link", name="Not allocated yet").click()
    clerk.check()
    page.locator("table.app-enquiries a.govuk-link").first.click()
    clerk.check()
    allocate = page.locator("form[action$='/allocate/']")
    allocate.locator("input[name=priority][value=high]").check()
    allocate.locator("select[name=officer]").select_option(index=1)
    allocate.locator("button[type=submit]").click()
    clerk.check()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    clerk.go("/documents/requests/")
    clerk.go("/report/")
    assert page.locator("svg.app-chart").first.is_visible()
    clerk.go("/feeds/")
    page.get_by_role("button", name="Make the address").click()
    clerk.check()
    assert "/calendar/" in page.locator("#new-feed-url").inner_text()
    _done(clerk)


def test_an_officer_answers_what_waits_on_them(visit: Any) -> None:
    officer = visit("staff")
    page = officer.page
    waiting = page.locator("#waiting-on-you ~ div table a.govuk-link").first
    waiting.click()
    officer.check()
    page.fill("#answer-answer", "The swing is repaired; the inspection was in March.")
    page.locator("form[action$='/answer/'] button[type=submit]").click()
    officer.check()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    officer.go("/enquiries/?sort=newest")
    officer.go("/correspondence/")
    _done(officer)


def test_the_monitoring_officer_reads_a_referral(visit: Any) -> None:
    mo = visit("monitoring-officer")
    page = mo.page
    page.get_by_role("link", name="Concerns", exact=True).first.click()
    mo.check()
    page.locator("table.app-concerns tr", has_text="Referred").locator("a").first.click()
    mo.check()
    pdf = page.locator("a[href$='?format=pdf']")
    assert pdf.count(), "the Monitoring Officer's referred case links its PDF record"
    response = page.request.get(mo.base + (pdf.first.get_attribute("href") or ""))
    assert response.headers["content-type"] == "application/pdf"
    mo.go("/report/")
    mo.go("/documents/")
    _done(mo)


def test_someone_serving_several_councils_can_read_which_one_they_are_in(
    browser: Any, demo: str
) -> None:
    """The switcher's select is readable with the pages' own Content-Security-Policy in
    force (the flows above bypass it for axe-core): under ``style-src 'self'`` a style
    attribute is ignored, and the select was left white on white in the black header."""
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(demo + "/sign-in/")
        page.fill("#id_username", "monitoring-officer@kestrelford.example")
        page.fill("#id_password", "demo-monitoring-officer-2026")
        page.click("button[type=submit]")
        page.wait_for_load_state("load")
        colours = page.evaluate(
            "() => { const s = getComputedStyle(document.querySelector('#switch-council'));"
            " return [s.color, s.backgroundColor]; }"
        )
        assert colours == ["rgb(11, 12, 12)", "rgb(255, 255, 255)"], colours
        assert page.locator("#switch-council option:checked").inner_text() == (
            "Kestrelford Town Council"
        )
    finally:
        context.close()


def test_the_checks_catch_a_violation_and_a_sideways_scroll(browser: Any, axe_source: str) -> None:
    """The checks above can fail: an image with no text and a too-wide box are caught."""
    page = browser.new_page()
    try:
        page.set_content(
            '<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            '<div style="width:600px">Too wide</div></main></body></html>'
        )
        checked = Checked(page=page, axe=axe_source)
        checked.check()
    finally:
        page.close()
    assert any("image-alt" in p for p in checked.problems)
    assert any("scrolls sideways" in p and "320px" in p for p in checked.problems)
