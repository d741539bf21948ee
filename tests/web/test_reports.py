"""Written reports (Ludlow §4.4, ``report.request``) and councillors acting as Proper Officer
(national model Officers ¶6: Grantham and West Mersea, ``proper_officer.acting``)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from propriety.audit.models import AuditEvent
from propriety.reports.acting import do_record_acting_arrangement
from propriety.reports.actions import do_request_report, do_respond_to_report_request
from propriety.reports.models import ReportRequest

from . import factories as f
from .conftest import Hollowmere

DAY = datetime.date(2026, 11, 23)


def _report(h: Hollowmere, for_body: str, rulebook: str = "ludlow") -> ReportRequest:
    f.follow_rulebook(h.council, rulebook)
    return do_request_report(
        h.cllr_ward,
        subject="Allotment rents",
        for_body=for_body,
        today=DAY,
        acting_user=h.cllr_ward,
    )


def test_report_for_council_is_prepared_with_facts_options_and_merits(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    report = _report(h, "council")
    assert report.status == "accepted"
    clauses = {c["clause"] for c in report.decision["citations"]}
    assert {"§4.4.1", "§4.4.2", "§4.4.3"} <= clauses
    with pytest.raises(ValidationError):  # a report the member is entitled to is not declined
        do_respond_to_report_request(report, provide=False, reasons="No", acting_user=h.clerk)
    with pytest.raises(ValidationError):
        do_respond_to_report_request(report, provide=True, acting_user=h.clerk)
    with pytest.raises(PermissionDenied):
        do_respond_to_report_request(report, provide=True, report_text="x", acting_user=h.cllr_ward)
    do_respond_to_report_request(
        report,
        provide=True,
        report_text="Facts; two options; merits.",
        recommendation="Option A",
        acting_user=h.clerk,
    )
    report.refresh_from_db()
    assert report.status == "provided" and report.recommendation == "Option A"
    event = AuditEvent.objects.for_council(h.council).get(action="reports.provided")
    assert "§4.4.2" in {c["clause"] for c in event.citations}


def test_report_for_committee_is_the_clerks_call_and_may_be_declined(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    report = _report(h, "committee")
    assert report.status == "referred" and report.handler_role == "proper_officer"
    client = Client()
    client.force_login(h.clerk)
    response = client.post(f"/reports/{report.pk}/respond/", {"provide": "no", "reasons": ""})
    assert "Give the reasons for declining." in response.content.decode()
    client.post(f"/reports/{report.pk}/respond/", {"provide": "no", "reasons": "Not for committee"})
    report.refresh_from_db()
    assert report.status == "declined" and report.reasons == "Not for committee"


@pytest.mark.parametrize("rulebook", ["acses-town", "grantham", "west-mersea", "part5-district"])
def test_rulebooks_without_report_rules_say_so(hollowmere: Hollowmere, rulebook: str) -> None:
    h = hollowmere
    with pytest.raises(ValidationError):
        _report(h, "council", rulebook)
    client = Client()
    client.force_login(h.cllr_ward)
    page = client.get("/reports/new/").content.decode()
    assert "does not say how members ask for written reports" in page


@pytest.mark.parametrize("rulebook", ["grantham", "west-mersea"])
def test_acting_proper_officer_unpaid_short_term_only(
    hollowmere: Hollowmere, rulebook: str
) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, rulebook)

    def record(**kw: Any) -> Any:
        return do_record_acting_arrangement(
            h.cllr_chair,
            councillor=h.cllr_ward,
            starts_on=DAY,
            reason="Vacancy",
            today=DAY,
            acting_user=h.cllr_chair,
            **kw,
        )

    fine = record(capacity_clear=True)
    assert fine.allowed and fine.decision["citations"][0]["clause"] == "Officers ¶6"
    paid = record(paid=True)
    assert not paid.allowed and paid.decision["outcome"] == "refuse"
    long = record(short_term=False)
    assert not long.allowed
    with pytest.raises(PermissionDenied):
        do_record_acting_arrangement(
            h.cllr_ward,
            councillor=h.cllr_ward,
            starts_on=DAY,
            reason="x",
            acting_user=h.cllr_ward,
        )
    with pytest.raises(ValidationError):
        do_record_acting_arrangement(
            h.clerk, councillor=h.clerk, starts_on=DAY, reason="x", acting_user=h.clerk
        )


@pytest.mark.parametrize("rulebook", ["acses-town", "ludlow", "part5-district"])
def test_acting_not_answered_elsewhere(hollowmere: Hollowmere, rulebook: str) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, rulebook)
    client = Client()
    client.force_login(h.clerk)
    page = client.get("/reports/acting-proper-officer/new/").content.decode()
    assert "does not say whether a councillor may act as Proper Officer" in page
