"""The governance report counted by the database gives exactly the page, PDF and spreadsheet
it gave when it counted every enquiry in Python (the oracle below is that code, kept as it
was), on the demo council with two years of varied casework added; and its queries stay few
whatever the history."""

from __future__ import annotations

import datetime
import io
import random
import re
import statistics
from collections import Counter, defaultdict
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from propriety.audit.recording import recording
from propriety.concerns.models import STAGE_LABELS, Concern
from propriety.councils.models import Council
from propriety.councils.protocol import calendar_for
from propriety.documents.models import AccessDispute, AccessRequest
from propriety.enquiries.models import Enquiry
from propriety.people.holders import holders_of
from propriety.press.models import PressRelease
from propriety.workspace import views
from propriety.workspace.report import (
    RUNNING,
    MonthRow,
    OfficerRow,
    Report,
    _month,
    _months_back,
    build_report,
)

from . import factories as f


def _report_counted_in_python(council: Council, today: datetime.date, months: int = 12) -> Report:
    """The report as it was built before the counting moved into SQL (the oracle)."""
    window = _months_back(today, months)
    report = Report(council=council, today=today, since=window[0])
    calendar = calendar_for(council)
    enquiries = Enquiry.objects.for_council(council).select_related("officer")
    answered = enquiries.filter(answered_on__gte=report.since, answered_on__isnull=False)
    by_month: dict[datetime.date, list[int]] = {m: [0, 0] for m in window}
    per_officer: dict[str, list[Any]] = defaultdict(lambda: [0, 0, [], 0, 0])
    all_days: list[int] = []
    for e in answered.only("answered_on", "respond_due", "received_on", "officer__full_name"):
        assert e.answered_on is not None
        on_time = e.answered_on <= e.respond_due
        bucket = by_month.setdefault(_month(e.answered_on), [0, 0])
        bucket[0] += 1
        bucket[1] += on_time
        name = e.officer.full_name if e.officer else "Not allocated"
        days = calendar.between(e.received_on, e.answered_on)
        row = per_officer[name]
        row[0] += 1
        row[1] += on_time
        row[2].append(days)
        all_days.append(days)
    for e in enquiries.filter(status__in=Enquiry.OPEN_STATUSES).only(
        "status", "respond_due", "officer__full_name"
    ):
        name = e.officer.full_name if e.officer else "Not allocated"
        overdue = e.status in RUNNING and e.respond_due < today
        per_officer[name][4] += 1
        per_officer[name][3] += overdue
        report.open_now += 1
        report.overdue_now += overdue
    report.months = [MonthRow(m, *by_month[m]) for m in window]
    report.officers = sorted(
        (
            OfficerRow(
                name, row[0], row[1], statistics.median(row[2]) if row[2] else None, row[3], row[4]
            )
            for name, row in per_officer.items()
        ),
        key=lambda o: (-o.overdue_now, o.officer),
    )
    report.median_days = statistics.median(all_days) if all_days else None
    requests = Counter(AccessRequest.objects.for_council(council).values_list("status", flat=True))
    report.requests = [(label, requests[value]) for value, label in AccessRequest.Status.choices]
    disputes = Counter(AccessDispute.objects.for_council(council).values_list("status", flat=True))
    report.disputes = [(label, disputes[value]) for value, label in AccessDispute.Status.choices]
    concerns = Counter(Concern.objects.for_council(council).values_list("stage", "status"))
    status_labels = dict(Concern.Status.choices)
    report.concerns = [
        (STAGE_LABELS.get(stage, stage), status_labels.get(status, status), n)
        for (stage, status), n in sorted(concerns.items())
    ]
    releases = Counter(PressRelease.objects.for_council(council).values_list("status", flat=True))
    report.releases = [(label, releases[value]) for value, label in PressRelease.Status.choices]
    return report


def _add_casework(council: Council, count: int, seed: int) -> None:
    """``count`` enquiries over two years: answered on time, late, the same day, after
    weekends, by officers (two of them sharing a name) and unallocated; open, overdue."""
    rng = random.Random(seed)
    template = Enquiry.objects.for_council(council).order_by("pk").first()
    assert template is not None
    officers = [
        f.make_person(council, "staff", name="Sam Twin"),
        f.make_person(council, "staff", name="Sam Twin"),
        f.make_person(council, "staff", name="Ada Early"),
        None,
    ]
    fields = {
        fd.attname: getattr(template, fd.attname)
        for fd in Enquiry._meta.concrete_fields
        if fd.attname != "id"
    }
    today = timezone.localdate()
    rows = []
    for _ in range(count):
        row = Enquiry(**fields)
        row.received_on = today - datetime.timedelta(days=rng.randrange(730))
        row.respond_due = row.received_on + datetime.timedelta(days=rng.choice((5, 10, 14)))
        officer = rng.choice(officers)
        row.officer_id = officer.pk if officer else None
        row.status = rng.choice(
            [Enquiry.Status.CLOSED, Enquiry.Status.ANSWERED, *RUNNING, Enquiry.Status.WITH_CLERK]
        )
        if row.status in (Enquiry.Status.ANSWERED, Enquiry.Status.CLOSED):
            row.answered_on = row.received_on + datetime.timedelta(days=rng.randrange(0, 30))
        else:
            row.answered_on = None
        rows.append(row)
    with recording(council=council, actor=None, action="test.casework"):
        Enquiry.unscoped.bulk_create(rows)


def _same_page(html: str) -> str:
    # Per-request tokens (CSRF, CSP nonces) are the only differences allowed.
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'nonce="[^"]*"', "", html)


def _outputs(client: Client) -> tuple[str, str, list[Any]]:
    page = client.get("/report/")
    assert page.status_code == 200
    pdf_html = client.get("/report/", {"format": "pdf"}).content.decode()
    book = load_workbook(io.BytesIO(client.get("/report/", {"format": "xlsx"}).content))
    sheets = [
        (ws.title, [[(type(v).__name__, v) for v in r] for r in ws.iter_rows(values_only=True)])
        for ws in book.worksheets
    ]
    return _same_page(page.content.decode()), _same_page(pdf_html), sheets


@pytest.mark.django_db
def test_the_report_counted_in_sql_matches_the_report_counted_in_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    _add_casework(council, 1500, seed=16)
    clerk = holders_of(council, "proper_officer")[0]
    client = Client()
    client.force_login(clerk)
    # The PDF's HTML is what is compared (the PDF itself carries its making time).
    monkeypatch.setattr(views, "pdf_response", lambda html, **kw: HttpResponse(html))

    today = timezone.localdate()
    for day in (today, today - datetime.timedelta(days=200)):
        old, new = _report_counted_in_python(council, day), build_report(council, day)
        assert repr(new) == repr(old)
        assert [[(type(v), v) for v in row] for rows in new.sheets().values() for row in rows] == [
            [(type(v), v) for v in row] for rows in old.sheets().values() for row in rows
        ]
    assert any(o.officer == "Sam Twin" for o in new.officers)
    assert any(isinstance(o.median_days, float) for o in old.officers)  # an even count's median

    after = _outputs(client)
    monkeypatch.setattr(views, "build_report", _report_counted_in_python)
    before = _outputs(client)
    assert after == before


@pytest.mark.django_db
def test_the_reports_queries_do_not_grow_with_the_casework() -> None:
    from propriety.web.demo import load_demo

    council, _ = load_demo()
    today = timezone.localdate()

    def queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            build_report(council, today)
        return [q["sql"] for q in captured]

    _add_casework(council, 200, seed=1)
    small = queries()
    _add_casework(council, 2000, seed=2)
    large = queries()
    # One grouped query for the answers, one for the open cases, one per register.
    assert len(large) == len(small) <= 6
    assert all("GROUP BY" in sql for sql in large if "enquiries_enquiry" in sql)
