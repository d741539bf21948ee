"""The oversight and data protection pages as their readers see them: what is held
is told in plain English, every link opens, codes have labels, tables scroll in
their own box on a narrow screen."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from propriety.councils.actions import do_set_governance_committee
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import long_date

from . import factories as f
from .conftest import Hollowmere
from .test_audit_pages import raise_concern, signed_in

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?!\d)")


class _Page(HTMLParser):
    """The hrefs, the kind filter's options and the tables (with whether each sits
    inside an ``app-table-scroll`` box) of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.options: list[tuple[str, str]] = []
        self.tables: list[bool] = []
        self._open: list[str] = []
        self._option: str | None = None
        self._in_kind = False
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
        if tag == "select":
            self._in_kind = a.get("name") == "kind"
        if tag == "option" and self._in_kind:
            self._option, self._text = str(a.get("value") or ""), ""
        if tag == "table":
            self.tables.append(any("app-table-scroll" in c for c in self._open))
        if tag == "div":
            self._open.append(str(a.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._open:
            self._open.pop()
        if tag == "option" and self._option is not None:
            self.options.append((self._option, self._text.strip()))
            self._option = None
        if tag == "select":
            self._in_kind = False

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._text += data


def parsed(response: Any) -> _Page:
    assert response.status_code == 200
    page = _Page()
    page.feed(response.content.decode())
    return page


def _main(response: Any) -> str:
    text = response.content.decode()
    return text[text.index("<main") : text.index("</main>")]


@pytest.fixture
def governor(hollowmere: Hollowmere) -> Person:
    h = hollowmere
    committee = f.make_committee(h.council, "Audit and Governance Committee")
    member = f.make_person(
        h.council, Role.COUNCILLOR, Role.COMMITTEE_MEMBER, name="Gwen Governor", committee=committee
    )
    do_set_governance_committee(h.council, committee=committee, acting_user=h.clerk)
    return member


def test_the_subject_access_export_page_reads_as_plain_english(hollowmere: Hollowmere) -> None:
    h = hollowmere
    raise_concern(h)
    client = signed_in(h.clerk)
    url = reverse("audit:subject_access_export", args=[h.cllr_ward.pk])
    main = _main(client.get(url))
    assert "person_id" not in main and "{'" not in main
    assert not ISO_DATE.search(main), ISO_DATE.findall(main)[:5]
    assert long_date(datetime.date.today()) in main
    assert "Full name" in main and "full_name" not in main
    assert "Third party" in main  # the concern names the officer it is about
    # The JSON export is unchanged: field names and ISO dates, for machines.
    data = client.get(url, {"format": "json"}).json()
    person = data["records"][0]
    assert "full_name" in person["fields"]
    assert ISO_DATE.match(str(data["made_at"]))


def test_every_link_on_the_audit_pages_opens_for_its_reader(
    hollowmere: Hollowmere, governor: Person
) -> None:
    h = hollowmere
    readers = {
        h.clerk: ["audit:processing", "audit:subject_access"],
        h.monitoring_officer: [
            "audit:trail",
            "audit:checkpoints",
            "audit:processing",
            "audit:subject_access",
        ],
        governor: ["audit:trail", "audit:checkpoints"],
    }
    for person, pages in readers.items():
        client = signed_in(person)
        for name in pages:
            page = parsed(client.get(reverse(name)))
            for href in {h for h in page.hrefs if h.startswith("/audit/")}:
                status = client.get(href).status_code
                assert status == 200, f"{person.full_name} on {name}: {href} gave {status}"


def test_the_trail_filter_names_each_kind_in_words_keeping_the_code(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    f.make_document(h.council, "public", title="Budget papers")
    raise_concern(h)
    client = signed_in(h.monitoring_officer)
    page = parsed(client.get(reverse("audit:trail")))
    kinds = dict(page.options)
    assert "document.created" in kinds and "concern.raised" in kinds
    for code, label in kinds.items():
        if code:
            assert label != code and "." not in label and "_" not in label, (code, label)
    assert kinds["concern.raised"] == "Concern raised"
    # The code is still what is sent, so existing links and CSV exports work.
    filtered = client.get(reverse("audit:trail"), {"kind": "document.created"})
    assert "Budget papers" in filtered.content.decode()
    export = client.get(reverse("audit:export"), {"kind": "document.created"})
    assert b"document.created" in b"".join(export.streaming_content)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["audit:processing", "audit:subject_access"])
def test_the_data_protection_tables_scroll_in_their_own_box(
    hollowmere: Hollowmere, name: str
) -> None:
    page = parsed(signed_in(hollowmere.clerk).get(reverse(name)))
    assert page.tables and all(page.tables)


def test_the_subject_access_export_tables_scroll_in_their_own_box(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    raise_concern(h)
    url = reverse("audit:subject_access_export", args=[h.cllr_ward.pk])
    page = parsed(signed_in(h.clerk).get(url))
    assert page.tables and all(page.tables)


def test_every_record_the_demo_holds_about_a_councillor_reads_in_words() -> None:
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    people = Person.objects.for_council(council)
    clerk = people.get(email="clerk@kestrelford.example")
    subject = people.get(email="ward-councillor@kestrelford.example")
    url = reverse("audit:subject_access_export", args=[subject.pk])
    main = _main(signed_in(clerk).get(url))
    assert "Records (" in main
    assert not ISO_DATE.search(main), ISO_DATE.findall(main)[:5]
    for raw in ("{'", "['", "person_id", "True<", "False<", "None<"):
        assert raw not in main, raw
