"""Who may see and act on which press and media record.

- Press releases: a draft is seen by its drafter, the Clerk, and (once
  submitted) whoever holds the role the protocol names to approve it; a
  published release by everyone of the council.
- The election timetable and the spokesperson register: everyone of the council.
- Media contacts: the person who spoke, whoever recorded it, and the Clerk.
- Media interest: the council's officers, and the members who were told.
Everyone else gets the same 404 as for a record that does not exist, and
nobody ever reaches another council's records.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from propriety.people.holders import holders_of, is_casework_manager, is_officer
from propriety.people.models import Person
from propriety.press.models import Election, MediaContact, MediaInterest, PressRelease, Spokesperson
from propriety.press.rules import may_draft

_SUBMITTED = (
    PressRelease.Status.AWAITING_APPROVAL,
    PressRelease.Status.APPROVED,
    PressRelease.Status.RETURNED,
    PressRelease.Status.PUBLISHED,
    PressRelease.Status.BLOCKED,
)


def _day(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def is_clerk(person: Person, day: datetime.date | None = None) -> bool:
    return is_casework_manager(person, day)


def approvers_of(release: PressRelease, day: datetime.date | None = None) -> list[Person]:
    """The holders of the approving role; the Clerk where nobody holds it."""
    if not release.approver_role:
        return []
    holders = holders_of(release.council, release.approver_role, _day(day))
    return holders or holders_of(release.council, "proper_officer", _day(day))


def approver_roles_of(person: Person, day: datetime.date | None = None) -> set[str]:
    """The approving roles on this council's releases that ``person`` answers for."""
    roles = (
        PressRelease.objects.for_council(person.council)
        .exclude(approver_role="")
        .values_list("approver_role", flat=True)
        .distinct()
    )
    day = _day(day)
    held = set()
    for role in roles:
        holders = holders_of(person.council, role, day) or holders_of(
            person.council, "proper_officer", day
        )
        if any(p.pk == person.pk for p in holders):
            held.add(role)
    return held


# --- press releases ----------------------------------------------------------------------


def releases_visible_to(person: Person, day: datetime.date | None = None) -> QuerySet[PressRelease]:
    releases = PressRelease.objects.for_council(person.council).select_related(
        "drafted_by", "decided_by", "published_by", "election"
    )
    if is_clerk(person, day):
        return releases
    return releases.filter(
        Q(drafted_by=person)
        | Q(status=PressRelease.Status.PUBLISHED)
        | Q(status__in=_SUBMITTED, approver_role__in=approver_roles_of(person, day))
    )


def access_press_release_by_id(
    person: Person, release_id: int, day: datetime.date | None = None
) -> PressRelease:
    """The release, or 404 if missing, another council's, or none of this person's business."""
    release = releases_visible_to(person, day).filter(pk=release_id).first()
    if release is None:
        raise Http404("No such press release.")
    return release


def can_draft(person: Person, day: datetime.date | None = None) -> bool:
    """Officers and serving members draft releases."""
    return may_draft(person, _day(day))


def is_drafter(person: Person, release: PressRelease) -> bool:
    return release.drafted_by_id == person.pk


def can_edit(person: Person, release: PressRelease) -> bool:
    return is_drafter(person, release) and release.is_editable


def can_submit(person: Person, release: PressRelease) -> bool:
    return is_drafter(person, release) and release.is_editable


def can_withdraw(person: Person, release: PressRelease) -> bool:
    """The drafter withdraws their release at any point before it is published."""
    return is_drafter(person, release) and release.status in PressRelease.WITHDRAWABLE


def can_approve(person: Person, release: PressRelease, day: datetime.date | None = None) -> bool:
    """Whoever holds the approving role (the Clerk where nobody does), while it waits."""
    if release.status != PressRelease.Status.AWAITING_APPROVAL:
        return False
    return any(p.pk == person.pk for p in approvers_of(release, day))


def can_publish(person: Person, release: PressRelease, day: datetime.date | None = None) -> bool:
    if release.status != PressRelease.Status.APPROVED:
        return False
    return (
        is_drafter(person, release)
        or is_clerk(person, day)
        or any(p.pk == person.pk for p in approvers_of(release, day))
    )


# --- elections and the spokesperson register --------------------------------------------


def elections_visible_to(person: Person) -> QuerySet[Election]:
    return Election.objects.for_council(person.council)


def access_election_by_id(person: Person, election_id: int) -> Election:
    election = elections_visible_to(person).filter(pk=election_id).first()
    if election is None:
        raise Http404("No such election.")
    return election


def spokespeople_visible_to(person: Person) -> QuerySet[Spokesperson]:
    return Spokesperson.objects.for_council(person.council).select_related("person")


def access_spokesperson_by_id(person: Person, entry_id: int) -> Spokesperson:
    entry = spokespeople_visible_to(person).filter(pk=entry_id).first()
    if entry is None:
        raise Http404("No such register entry.")
    return entry


def can_keep_register(person: Person, day: datetime.date | None = None) -> bool:
    """The Clerk records elections and register entries (the council's resolutions)."""
    return is_clerk(person, day)


def can_change_election(
    person: Person, election: Election, day: datetime.date | None = None
) -> bool:
    """The Clerk corrects or withdraws an election, until it is withdrawn."""
    return not election.is_withdrawn and is_clerk(person, day)


# --- media contacts ----------------------------------------------------------------------


def media_contacts_visible_to(
    person: Person, day: datetime.date | None = None
) -> QuerySet[MediaContact]:
    contacts = MediaContact.objects.for_council(person.council).select_related(
        "person", "recorded_by"
    )
    if is_clerk(person, day):
        return contacts
    return contacts.filter(Q(person=person) | Q(recorded_by=person))


def access_media_contact_by_id(
    person: Person, contact_id: int, day: datetime.date | None = None
) -> MediaContact:
    contact = media_contacts_visible_to(person, day).filter(pk=contact_id).first()
    if contact is None:
        raise Http404("No such media contact.")
    return contact


def can_record_media_contact(person: Person, day: datetime.date | None = None) -> bool:
    return may_draft(person, _day(day))


# --- media interest ------------------------------------------------------------------------


def media_interest_visible_to(
    person: Person, day: datetime.date | None = None
) -> QuerySet[MediaInterest]:
    records = MediaInterest.objects.for_council(person.council).select_related(
        "recorded_by", "ward"
    )
    if is_officer(person, day):
        return records
    return records.filter(members_told=person).distinct()


def access_media_interest_by_id(
    person: Person, interest_id: int, day: datetime.date | None = None
) -> MediaInterest:
    record = media_interest_visible_to(person, day).filter(pk=interest_id).first()
    if record is None:
        raise Http404("No such record of media interest.")
    return record


def can_record_media_interest(person: Person, day: datetime.date | None = None) -> bool:
    return is_officer(person, day)
