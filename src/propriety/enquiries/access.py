"""Who may see and act on which enquiry.

- The Clerk (whoever manages casework: see people.holders) sees every
  enquiry of the council.
- A member sees the enquiries they made.
- An officer sees the enquiries allocated to them.
Everyone else gets the same 404 as for an enquiry that does not exist, and
nobody ever reaches another council's enquiries.

Agreements for direct contact (DirectContactAgreement):
- The Clerk sees every agreement of the council, and records and ends them.
- A member sees the agreements that apply to them (theirs, or for every member).
- An officer sees the agreements that name them.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from propriety.councils.models import Council
from propriety.enquiries.models import DirectContactAgreement, Enquiry
from propriety.people.holders import is_casework_manager, is_officer
from propriety.people.models import Person


def enquiries_visible_to(person: Person, day: datetime.date | None = None) -> QuerySet[Enquiry]:
    return visible_enquiries(person.council, person, manager=is_casework_manager(person, day))


def visible_enquiries(
    council: Council, person: Person | int | None, *, manager: bool
) -> QuerySet[Enquiry]:
    """What ``enquiries_visible_to`` gives, with the person's standing already asked
    (``manager``: they manage casework); ``person`` may be their id, and only a
    manager's may be left out."""
    enquiries = Enquiry.objects.for_council(council).select_related(
        "member", "officer", "ward", "addressed_officer"
    )
    if manager:
        return enquiries
    if person is None:
        raise ValueError("Whose enquiries? Only a casework manager's list names no person.")
    return enquiries.filter(Q(member=person) | Q(officer=person))


def access_enquiry_by_id(
    person: Person, enquiry_id: int, day: datetime.date | None = None
) -> Enquiry:
    """The enquiry, or 404 if missing, another council's, or none of this person's business."""
    enquiry: Enquiry | None = enquiries_visible_to(person, day).filter(pk=enquiry_id).first()
    if enquiry is None:
        raise Http404("No such enquiry.")
    return enquiry


# --- what a person may do with an enquiry they can see ---------------------------------


def can_submit(person: Person, day: datetime.date | None = None) -> bool:
    """Serving members (councillors and co-opted members) make enquiries."""
    return person.is_councillor_on(day)


def can_manage(person: Person, day: datetime.date | None = None) -> bool:
    """Triage, set priority, allocate, close: the Clerk's work."""
    return is_casework_manager(person, day)


def can_answer(person: Person, enquiry: Enquiry, day: datetime.date | None = None) -> bool:
    """The allocated officer, or the Clerk."""
    if not enquiry.is_open or enquiry.status == Enquiry.Status.AWAITING_MEMBER:
        return False
    return (enquiry.officer_id == person.pk and is_officer(person, day)) or can_manage(person, day)


def can_ask_clarification(
    person: Person, enquiry: Enquiry, day: datetime.date | None = None
) -> bool:
    return enquiry.status == Enquiry.Status.ALLOCATED and can_answer(person, enquiry, day)


def is_asker(person: Person, enquiry: Enquiry) -> bool:
    return enquiry.member_id == person.pk


def can_clarify(person: Person, enquiry: Enquiry) -> bool:
    return is_asker(person, enquiry) and enquiry.status == Enquiry.Status.AWAITING_MEMBER


def can_give_feedback(person: Person, enquiry: Enquiry) -> bool:
    return is_asker(person, enquiry) and enquiry.status == Enquiry.Status.ANSWERED


def can_withdraw(person: Person, enquiry: Enquiry) -> bool:
    return is_asker(person, enquiry) and enquiry.is_open


# --- agreements for direct contact -------------------------------------------------------


def agreements_visible_to(
    person: Person, day: datetime.date | None = None
) -> QuerySet[DirectContactAgreement]:
    agreements = DirectContactAgreement.objects.for_council(person.council).select_related(
        "officer", "member", "agreed_by"
    )
    if can_manage(person, day):
        return agreements
    mine = Q(officer=person)
    if person.is_councillor_on(day):
        mine |= Q(member__isnull=True) | Q(member=person)
    return agreements.filter(mine)


def access_agreement_by_id(
    person: Person, agreement_id: int, day: datetime.date | None = None
) -> DirectContactAgreement:
    """The agreement, or 404 if missing, another council's, or not one that concerns them."""
    agreement: DirectContactAgreement | None = (
        agreements_visible_to(person, day).filter(pk=agreement_id).first()
    )
    if agreement is None:
        raise Http404("No such agreement.")
    return agreement


def agreements_usable_by(member: Person, day: datetime.date) -> list[DirectContactAgreement]:
    """The agreements a member may make an enquiry under today: current and theirs to use."""
    if not can_submit(member, day):
        return []
    agreements = DirectContactAgreement.objects.for_council(member.council).select_related(
        "officer"
    )
    return [
        a
        for a in agreements.filter(Q(member__isnull=True) | Q(member=member))
        if a.is_current(day) and is_officer(a.officer, day)
    ]


def can_end_agreement(
    person: Person, agreement: DirectContactAgreement, day: datetime.date
) -> bool:
    """The Clerk ends an agreement that has not already ended or run out."""
    return can_manage(person, day) and agreement.state(day) in ("Current", "Not started yet")
