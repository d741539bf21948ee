"""Members' enquiries in the demo council (Kestrelford Town Council, acses-town).

Loaded through the actions, like everything in the demo, as part of ``web/demo.py``'s
casework: an enquiry in every state, dated in working days back from the day the
demo loads, so it always shows one that has just arrived, one on time, two
overdue, and so on.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable

from propriety.enquiries.actions import (
    EnquiryRefused,
    do_acknowledge_enquiry,
    do_answer_enquiry,
    do_clarify_enquiry,
    do_close_enquiry,
    do_record_feedback,
    do_request_clarification,
    do_submit_enquiry,
    do_triage_enquiry,
    do_withdraw_enquiry,
)
from propriety.enquiries.agreements import do_record_direct_contact_agreement
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person

Who = Callable[[str], Person]  # a demo person's key -> the person
Back = Callable[[int], datetime.date]  # working days back -> the date


def _ask(
    member: Person,
    received: datetime.date,
    subject: str,
    body: str,
    *,
    kind: str = "information",
    addressed_to: str = "proper_officer",
    addressed_officer: Person | None = None,
    constituent_name: str = "",
    asks_for_priority: bool = False,
) -> Enquiry:
    return do_submit_enquiry(
        member,
        subject=subject,
        body=body,
        kind=kind,
        addressed_to=addressed_to,
        addressed_officer=addressed_officer,
        constituent_name=constituent_name,
        asks_for_priority=asks_for_priority,
        today=received,
        acting_user=member,
    )


def load_enquiries_demo(person: Who, back: Back) -> None:
    """Members' enquiries in every state, dated ``back(n)`` working days ago."""
    clerk = person("clerk")
    deputy = person("deputy-clerk")
    lucy = person("staff")
    kwame = person("staff2")

    # With the Clerk: arrived today, not yet triaged.
    _ask(
        person("ward-councillor"),
        back(0),
        "Grass cutting on Millfield recreation ground",
        "Several residents have told me the grass on Millfield recreation ground has not been "
        "cut since early October and the football pitches are now unusable. When is the next "
        "cut scheduled, and is it part of the grounds maintenance contract?",
    )

    # With the Clerk: the member asks for it to be dealt with first (no queue-jumping).
    _ask(
        person("independents-leader"),
        back(1),
        "Flooding at the Riverside allotments",
        "The lower plots at the Riverside allotments flooded again this week. Could the "
        "Council look at clearing the ditch along the boundary? Please treat this as urgent: "
        "I would like it dealt with ahead of other work.",
        asks_for_priority=True,
    )

    # With an officer, on time.
    lights = _ask(
        person("green-valley-leader"),
        back(4),
        "Cost of the Christmas lights",
        "Could you tell me what the Christmas lights in the town centre cost this year, "
        "including putting them up and taking them down, and how that compares with last year?",
    )
    do_triage_enquiry(lights, priority="normal", officer=deputy, today=back(3), acting_user=clerk)

    # A purely factual question sent straight to the officer concerned.
    toilets = _ask(
        person("mayor"),
        back(2),
        "Opening hours of the Abbey Road public toilets",
        "What are the winter opening hours of the public toilets on Abbey Road? A visitor "
        "asked me at the weekend and the sign on the door is out of date.",
        kind="factual",
        addressed_to="other_officer",
        addressed_officer=lucy,
    )
    do_acknowledge_enquiry(toilets, today=back(1), acting_user=lucy)

    # On behalf of a named constituent.
    drain = _ask(
        person("riverside-councillor"),
        back(3),
        "Blocked drain outside 14 Mill Street",
        "Mrs Joan Pemberton of Mill Street has asked me to find out whether the blocked drain "
        "outside her house has been reported to the highways authority, and if so when it "
        "will be cleared.",
        constituent_name="Mrs Joan Pemberton",
    )
    do_triage_enquiry(drain, priority="normal", officer=lucy, today=back(2), acting_user=clerk)

    # Overdue by more than a week.
    swing = _ask(
        person("deputy-mayor"),
        back(18),
        "Broken swing in Millfield play area",
        "One of the toddler swings in the Millfield play area has a broken chain and has been "
        "tied up out of use. When will it be repaired, and has the play area had its annual "
        "safety inspection?",
    )
    do_triage_enquiry(swing, priority="high", officer=lucy, today=back(17), acting_user=clerk)

    # Overdue by a couple of days.
    verge = _ask(
        person("independents-leader"),
        back(12),
        "Parking on the verge outside Riverside surgery",
        "Cars are parking on the grass verge outside Riverside surgery and churning it up. Is "
        "the verge the Council's land, and could bollards or a low rail be put in?",
    )
    do_triage_enquiry(verge, priority="normal", officer=kwame, today=back(11), acting_user=clerk)

    # Paused: waiting for the councillor to clarify.
    hedge = _ask(
        person("personnel-chair"),
        back(7),
        "Hedge overhanging the footpath on Church Lane",
        "The hedge on Church Lane is overhanging the footpath so badly that people with "
        "pushchairs have to step into the road. Is it the Council's hedge to cut?",
    )
    do_triage_enquiry(hedge, priority="normal", officer=lucy, today=back(6), acting_user=clerk)
    do_request_clarification(
        hedge,
        question="Church Lane is about half a mile long. Which stretch do you mean: the end by "
        "St Mary's church, or the end by the old school?",
        today=back(5),
        acting_user=lucy,
    )

    # Answered, still within the follow-up window.
    visits = _ask(
        person("planning-chair"),
        back(8),
        "Booking the Abbey community hall for the planning consultation",
        "Is the Abbey community hall free on the evenings of the second and third weeks of "
        "January for the Millfield Lane car park consultation, and what would it cost?",
    )
    do_triage_enquiry(visits, priority="normal", officer=deputy, today=back(7), acting_user=clerk)
    do_answer_enquiry(
        visits,
        answer="The main hall is free on the Tuesday and Thursday evenings of both weeks. "
        "Council events are not charged for; I have pencilled in the first Tuesday and will "
        "hold it until you confirm.",
        today=back(2),
        acting_user=deputy,
    )

    # Answered after a clarification, and the member confirmed it answered the question.
    hire = _ask(
        person("finance-chair"),
        back(20),
        "Hire charges for the Abbey community hall",
        "Could you send me the current hire charges for the Abbey community hall and say when "
        "they were last reviewed?",
    )
    do_triage_enquiry(hire, priority="low", officer=deputy, today=back(19), acting_user=clerk)
    do_request_clarification(
        hire,
        question="Do you need the charges for the main hall only, or for the meeting rooms too?",
        today=back(18),
        acting_user=deputy,
    )
    do_clarify_enquiry(
        hire,
        reply="Both, please: the finance committee is reviewing all the charges.",
        today=back(16),
        acting_user=person("finance-chair"),
    )
    do_answer_enquiry(
        hire,
        answer="The main hall is £18 an hour and each meeting room £9 an hour; local "
        "charities pay half. The charges were last reviewed by the Finance and General "
        "Purposes Committee in February 2025. The full table is attached.",
        today=back(12),
        acting_user=deputy,
    )
    do_record_feedback(hire, answered=True, today=back(11), acting_user=person("finance-chair"))

    # Answered; the follow-up window ended without a word, so Propriety closed it.
    bins = _ask(
        person("riverside-councillor"),
        back(30),
        "Litter bins on the riverside path",
        "How often are the litter bins on the riverside path emptied? They were overflowing "
        "after the regatta.",
    )
    do_triage_enquiry(bins, priority="normal", officer=kwame, today=back(29), acting_user=clerk)
    do_answer_enquiry(
        bins,
        answer="The bins are emptied every Monday and Thursday. After the regatta we arranged "
        "an extra collection, and we will book one for events from now on.",
        today=back(24),
        acting_user=kwame,
    )
    do_close_enquiry(
        bins,
        reason="The follow-up window ended without a reply from the councillor.",
        today=back(13),
        acting_user=None,
    )

    # Answered, but the member said it did not answer the question: back with the officer.
    lighting = _ask(
        person("ward-councillor"),
        back(9),
        "Street lighting on Kestrel Way",
        "Two of the street lights on Kestrel Way have been out for a month. Are they the "
        "Council's lights, and when will they be fixed?",
    )
    do_triage_enquiry(lighting, priority="normal", officer=kwame, today=back(8), acting_user=clerk)
    do_answer_enquiry(
        lighting,
        answer="The lights on Kestrel Way are the Council's footway lights. They were last "
        "inspected in September.",
        today=back(4),
        acting_user=kwame,
    )
    do_record_feedback(
        lighting,
        answered=False,
        comment="You have told me when the lights were last inspected, but not when the two "
        "broken ones will be fixed.",
        today=back(3),
        acting_user=person("ward-councillor"),
    )

    # Withdrawn by the member before it was allocated.
    parking = _ask(
        person("mayor"),
        back(6),
        "Parking for the Remembrance Sunday civic service",
        "Could the car park behind the town hall be kept free for guests at the civic service?",
    )
    do_withdraw_enquiry(
        parking,
        reason="Sorted out directly with the churchwardens.",
        today=back(5),
        acting_user=person("mayor"),
    )

    # The Town Clerk agreed that the ward councillor may go direct to Kwame about allotment
    # lettings (§4.6), and an enquiry made under it went straight to him.
    allotments = do_record_direct_contact_agreement(
        officer=kwame,
        matter="Allotment lettings",
        member=person("ward-councillor"),
        starts_on=back(20),
        today=back(20),
        acting_user=clerk,
    )
    do_submit_enquiry(
        person("ward-councillor"),
        subject="Waiting list for the Brookside allotments",
        body="How many people are on the waiting list for the Brookside allotments, and how "
        "long is the wait for a half plot?",
        kind="information",
        addressed_to="other_officer",
        agreement=allotments,
        today=back(1),
        acting_user=person("ward-councillor"),
    )

    # An instruction to an officer: the protocol refuses it and says where to take it.
    # The refusal leaves an audit event citing its clauses, but no enquiry.
    with contextlib.suppress(EnquiryRefused):
        _ask(
            person("finance-chair"),
            back(2),
            "Re-lay the Abbey car park surface",
            "Please tell the contractor to re-lay the surface of the Abbey car park this month; "
            "the potholes are a disgrace.",
            kind="instruction",
            addressed_to="other_officer",
            addressed_officer=lucy,
        )
