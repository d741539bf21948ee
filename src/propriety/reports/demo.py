"""Written reports and acting Proper Officer arrangements in the demo.

Kestrelford's protocol (acses-town) answers neither, so its pages say so. The states
come from the demo's other councils:

- Larkhythe Town Council (Ludlow's protocol, §4.4): a report for the council being
  prepared (§4.4.1 lets the member have it), one for a committee waiting for the Town
  Clerk's decision, one provided with the Clerk's recommendation, and one for a member
  alone that the Clerk declined with reasons.
- Quillerton Parish Council (the national model, "Officers ¶6"): a councillor who acted as
  Proper Officer, unpaid and short term, until the new Clerk started (allowed), and a paid
  arrangement proposed for the Clerk's leave (refused, citing the clause).

People are found by their email's local part (``clerk``, ``chair``, ``councillor``).
Each loader writes once.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.reports.acting import do_record_acting_arrangement
from propriety.reports.actions import do_request_report, do_respond_to_report_request
from propriety.reports.models import ActingArrangement, ReportRequest


def _people(council: Council) -> dict[str, Person]:
    return {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}


def load_report_requests_demo(council: Council, today: datetime.date | None = None) -> None:
    if ReportRequest.objects.for_council(council).exists():
        return
    day = today or timezone.localdate()
    people = _people(council)

    def ago(days: int) -> datetime.date:
        return day - datetime.timedelta(days=days)

    def ask(who: str, subject: str, for_body: str, days: int, details: str) -> ReportRequest:
        return do_request_report(
            people[who],
            subject=subject,
            for_body=for_body,
            details=details,
            today=ago(days),
            acting_user=people[who],
        )

    with transaction.atomic():
        ask(
            "councillor",
            "Repairing or replacing the Market Hall roof",
            "council",
            4,
            "The surveyor's letter says the roof has five winters left. What are the options?",
        )
        ask(
            "chair",
            "The allotment waiting list",
            "committee",
            2,
            "For the Amenities Committee: how long people wait, and what other towns do.",
        )
        provided = ask(
            "councillor",
            "Renewing the Christmas lights contract",
            "council",
            30,
            "The contract ends in January.",
        )
        do_respond_to_report_request(
            provided,
            provide=True,
            report_text="Facts: the contract with Brightway Illuminations ends on 31 January "
            "and cost £6,200 a year. Options: (1) renew for three years at £6,500 a year; "
            "(2) buy the lights (£21,000) and pay for fitting only (£2,400 a year); "
            "(3) go to tender. Merits: (1) is simplest but dearest over five years; (2) is "
            "cheapest after four years but the council then stores and maintains the lights; "
            "(3) tests the market but takes three months.",
            recommendation="Go to tender, with buying the lights as one of the options.",
            today=ago(20),
            acting_user=people["clerk"],
        )
        declined = ask(
            "councillor",
            "The history of the town twinning association",
            "member_alone",
            12,
            "Background for a talk I am giving to the Rotary Club.",
        )
        do_respond_to_report_request(
            declined,
            provide=False,
            reasons="A written report is for the council to consider; this is for a talk you "
            "are giving. The association's own minutes are in the library, and I am happy to "
            "point you to them.",
            today=ago(10),
            acting_user=people["clerk"],
        )


def load_acting_demo(council: Council, today: datetime.date | None = None) -> None:
    if ActingArrangement.objects.for_council(council).exists():
        return
    day = today or timezone.localdate()
    people = _people(council)
    chair = people["chair"]
    with transaction.atomic():
        do_record_acting_arrangement(
            chair,
            councillor=people["councillor"],
            starts_on=day - datetime.timedelta(days=120),
            ends_on=day - datetime.timedelta(days=30),
            reason="The Clerk's post was vacant until the new Clerk started",
            paid=False,
            short_term=True,
            capacity_clear=True,
            today=day - datetime.timedelta(days=121),
            acting_user=chair,
        )
        do_record_acting_arrangement(
            chair,
            councillor=chair,
            starts_on=day + datetime.timedelta(days=30),
            ends_on=day + datetime.timedelta(days=44),
            reason="Cover for the Clerk's summer leave, with a responsibility allowance",
            paid=True,
            short_term=True,
            today=day - datetime.timedelta(days=3),
            acting_user=chair,
        )
