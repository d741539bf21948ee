"""Documents in the demo council (Kestrelford Town Council, acses-town).

Loaded through the actions, like everything in the demo, from ``web/demo.py``:
the council's documents (public, exempt, confidential and personal data) and
members' requests to see them in every state, dated in working days back from
the day the demo loads.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from propriety.councils.models import Committee, Council
from propriety.documents.actions import do_create_document
from propriety.documents.models import AccessRequest, Classification, Document, ExemptCategory
from propriety.documents.requests import (
    do_allocate_access_request,
    do_decide_dispute,
    do_determine_access_request,
    do_raise_dispute,
    do_request_access,
    do_withdraw_access_request,
)
from propriety.people.models import Person

Who = Callable[[str], Person]  # a demo person's key -> the person
Back = Callable[[int], datetime.date]  # working days back -> the date


def load_documents_demo(
    council: Council, committees: dict[str, Committee], clerk: Person | None
) -> None:
    """The council's documents, one of each classification, created by the Clerk."""
    planning = committees["Planning Committee"]
    finance = committees["Finance and General Purposes Committee"]
    personnel = committees["Personnel Committee"]
    documents = (
        (
            "KTC/FC/2026/01",
            "Minutes of the Full Council, 8 June 2026",
            Classification.PUBLIC,
            None,
            None,
            datetime.date(2026, 6, 8),
        ),
        (
            "KTC/PL/2026/14",
            "Planning application 26/0412: Millfield Lane car park",
            Classification.PUBLIC,
            None,
            planning,
            datetime.date(2026, 11, 3),
        ),
        (
            "KTC/FGP/2026/07",
            "Draft budget and precept 2027/28",
            Classification.COMMITTEE,
            None,
            finance,
            datetime.date(2026, 11, 17),
        ),
        (
            "KTC/FGP/2026/08",
            "Tender evaluation: grounds maintenance contract",
            Classification.EXEMPT,
            ExemptCategory.FINANCIAL,
            finance,
            datetime.date(2026, 11, 17),
        ),
        (
            "KTC/PC/2026/03",
            "Staffing review: Deputy Clerk post",
            Classification.EXEMPT,
            ExemptCategory.LABOUR_RELATIONS,
            personnel,
            datetime.date(2026, 10, 20),
        ),
        (
            "KTC/PC/2026/04",
            "Grievance hearing arrangements",
            Classification.EXEMPT,
            ExemptCategory.INDIVIDUAL,
            personnel,
            datetime.date(2026, 10, 20),
        ),
        (
            "KTC/CL/2026/22",
            "Legal advice on the Riverside lease",
            Classification.CONFIDENTIAL,
            None,
            None,
            None,
        ),
        (
            "KTC/CL/2026/23",
            "Complaint from a Riverside resident (with correspondence)",
            Classification.PERSONAL_DATA,
            None,
            None,
            None,
        ),
    )
    for reference, title, classification, category, committee, meeting_date in documents:
        do_create_document(
            council,
            title=title,
            reference=reference,
            classification=classification,
            exempt_category=category,
            committee=committee,
            meeting_date=meeting_date,
            summary=f"{title}.",
            acting_user=clerk,
        )


def load_access_requests_demo(person: Who, documents: dict[str, Document], back: Back) -> None:
    """Requests to see documents in every state, dated ``back(n)`` working days ago."""
    clerk = person("clerk")
    budget = documents["KTC/FGP/2026/07"]
    tender = documents["KTC/FGP/2026/08"]
    staffing = documents["KTC/PC/2026/03"]
    complaint = documents["KTC/CL/2026/23"]
    minutes = documents["KTC/FC/2026/01"]
    car_park = documents["KTC/PL/2026/14"]

    def request(
        key: str,
        document: Document,
        day: datetime.date,
        *,
        purpose: str,
        justification: str = "",
        member_interest: bool = False,
    ) -> AccessRequest:
        member = person(key)
        return do_request_access(
            member,
            document,
            purpose=purpose,
            justification=justification,
            member_interest=member_interest,
            today=day,
            acting_user=member,
        )

    # Released at once: a member of the committee that owns the document.
    request(
        "green-valley-leader",
        tender,
        back(6),
        purpose="preparing for the committee's decision on the grounds maintenance contract",
    )
    # Released at once: a public document.
    request(
        "deputy-mayor",
        minutes,
        back(15),
        purpose="checking what the council agreed about the Millfield play area in June",
    )

    # Refused by the protocol (not on the committee, exempt), and disputed: open.
    staffing_request = request(
        "deputy-mayor",
        staffing,
        back(4),
        purpose="understanding the cost of the proposed Deputy Clerk post before the budget",
        justification="The post affects the precept, which every member votes on.",
    )
    do_raise_dispute(
        staffing_request,
        grounds="I am not asking about any individual, only the cost of the post, which the "
        "whole council must approve in the budget.",
        today=back(2),
        acting_user=person("deputy-mayor"),
    )

    # Refused by the protocol, disputed, and the Town Clerk upheld the refusal.
    tender_request = request(
        "planning-chair",
        tender,
        back(10),
        purpose="seeing how the tenders were scored",
        justification="Residents have asked me why the current contractor was not shortlisted.",
    )
    dispute = do_raise_dispute(
        tender_request,
        grounds="The grounds maintenance contract affects every ward, not only the committee's "
        "members.",
        today=back(9),
        acting_user=person("planning-chair"),
    )
    do_decide_dispute(
        dispute,
        grant=False,
        reasons="The evaluation contains the bidders' prices, which are exempt, and Cllr Raman "
        "is not on the Finance and General Purposes Committee. The committee's decision and "
        "the winning price will be published once the contract is signed.",
        today=back(6),
        acting_user=clerk,
    )

    # Waiting for the Clerk, recommended to allow (a need to know shown).
    request(
        "independents-leader",
        budget,
        back(2),
        purpose="answering residents' questions about the precept",
        justification="The draft budget sets the precept for Riverside ward residents, who "
        "have asked me how much it will rise.",
    )

    # Waiting, recommended to refuse (no need to know shown); the Clerk asked the Deputy
    # Clerk to decide.
    complaint_request = request(
        "ward-councillor",
        complaint,
        back(3),
        purpose="understanding the complaint",
    )
    do_allocate_access_request(
        complaint_request, decider=person("deputy-clerk"), today=back(2), acting_user=clerk
    )

    # Released by the Clerk, with reasons.
    play_request = request(
        "riverside-councillor",
        budget,
        back(8),
        purpose="checking whether the Riverside play area bid is in the draft budget",
        justification="I put the bid in for Riverside ward and need to report back to the "
        "residents' association.",
    )
    do_determine_access_request(
        play_request,
        release=True,
        reasons="Cllr Begum has shown a need to know: the play area bid is her ward's, and "
        "nothing confidential or exempt is in the draft budget.",
        today=back(7),
        acting_user=clerk,
    )

    # Withdrawn: the member declared an interest and no longer needs the document.
    interest_request = request(
        "finance-chair",
        car_park,
        back(12),
        purpose="reading the application before the Planning Committee meets",
        member_interest=True,
    )
    do_withdraw_access_request(
        interest_request, today=back(10), acting_user=person("finance-chair")
    )
