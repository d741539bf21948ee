"""Who may see and act on which piece of correspondence.

- The Clerk (whoever manages casework: see people.holders) sees all the
  council's correspondence.
- Whoever drafted it, its sender (the author) and its signatory see it.
- The council's people it is addressed or copied to (To, Cc or Bcc) see it.
- A member whose request to see it was granted (documents.AccessRequest with
  a correspondence target, released) sees it.
Everyone else gets the same 404 as for correspondence that does not exist,
and nobody ever reaches another council's correspondence.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from propriety.correspondence.models import Correspondence, IncomingLetter
from propriety.people.holders import (
    holders_of,
    is_casework_manager,
    is_officer,
    rulebook_roles_held,
)
from propriety.people.models import Person


def _all(person: Person) -> QuerySet[Correspondence]:
    return Correspondence.objects.for_council(person.council).select_related(
        "drafted_by", "sender", "signatory", "sent_by"
    )


def correspondence_visible_to(
    person: Person, day: datetime.date | None = None
) -> QuerySet[Correspondence]:
    letters = _all(person)
    if is_casework_manager(person, day):
        return letters
    ids = letters.filter(
        Q(drafted_by=person)
        | Q(sender=person)
        | Q(signatory=person)
        | Q(recipients__person=person)
        | Q(access_requests__member=person, access_requests__status="released")
    ).values("pk")
    return letters.filter(pk__in=ids)


def access_correspondence_by_id(
    person: Person, correspondence_id: int, day: datetime.date | None = None
) -> Correspondence:
    """The correspondence, or 404 if missing, another council's, or not this person's."""
    letter: Correspondence | None = (
        correspondence_visible_to(person, day).filter(pk=correspondence_id).first()
    )
    if letter is None:
        raise Http404("No such correspondence.")
    return letter


def access_correspondence_to_ask(
    person: Person, correspondence_id: int, day: datetime.date | None = None
) -> Correspondence:
    """Correspondence a serving member may ask to see: sent, of their council, not theirs.

    Only the reference and the date it was sent are shown before a request is
    granted; whether the council's protocol opens it to them is the rulebook's
    decision (see opening.py).
    """
    letter: Correspondence | None = None
    if person.is_councillor_on(day):
        letter = (
            _all(person)
            .filter(pk=correspondence_id, status=Correspondence.Status.SENT)
            .exclude(pk__in=correspondence_visible_to(person, day).values("pk"))
            .first()
        )
    if letter is None:
        raise Http404("No such correspondence.")
    return letter


# --- what a person may do with correspondence they can see ----------------------------


def can_draft(person: Person, day: datetime.date | None = None) -> bool:
    """Councillors and officers write correspondence."""
    return person.is_councillor_on(day) or is_officer(person, day)


def is_writer(person: Person, letter: Correspondence) -> bool:
    return person.pk in (letter.drafted_by_id, letter.sender_id)


def can_edit(person: Person, letter: Correspondence) -> bool:
    """Whoever drafted it, or its author, while it is a draft."""
    return letter.is_draft and is_writer(person, letter)


def can_check(person: Person, letter: Correspondence, day: datetime.date | None = None) -> bool:
    """The writers, or the Clerk, while it is a draft."""
    return letter.is_draft and (is_writer(person, letter) or is_casework_manager(person, day))


def can_record_sent(person: Person, letter: Correspondence) -> bool:
    return can_edit(person, letter)


# --- incoming correspondence to the council ---------------------------------------------
#
# Recorded by the council's officers (who open its post); seen by the Clerk, whoever
# recorded it, and whoever holds the role the protocol gives it to (for example the chair,
# where abusive letters go to the chair to decide). 404 for everyone else.


def may_record_incoming(person: Person, day: datetime.date | None = None) -> bool:
    return is_officer(person, day)


def incoming_visible_to(
    person: Person, day: datetime.date | None = None
) -> QuerySet[IncomingLetter]:
    letters = IncomingLetter.objects.for_council(person.council).select_related(
        "recorded_by", "dealt_with_by"
    )
    if is_casework_manager(person, day):
        return letters
    return letters.filter(
        Q(recorded_by=person) | Q(handler_role__in=rulebook_roles_held(person, day))
    )


def access_incoming_by_id(
    person: Person, letter_id: int, day: datetime.date | None = None
) -> IncomingLetter:
    """The letter, or 404 if missing, another council's, or not this person's to see."""
    found = incoming_visible_to(person, day).filter(pk=letter_id).first()
    if found is None:
        raise Http404("No such letter.")
    return found


def incoming_handlers(letter: IncomingLetter, day: datetime.date | None = None) -> list[Person]:
    """Who deals with it: the holders of the role the protocol names, else the Clerk."""
    return holders_of(letter.council, letter.handler_role, day) or holders_of(
        letter.council, "proper_officer", day
    )


def can_deal_with_incoming(
    person: Person, letter: IncomingLetter, day: datetime.date | None = None
) -> bool:
    """Whoever the protocol gives it to records what was done; where it is not left to a
    named person's decision (not referred), the Clerk may record it too."""
    if letter.status == IncomingLetter.Status.DEALT_WITH:
        return False
    if any(p.pk == person.pk for p in incoming_handlers(letter, day)):
        return True
    return letter.status == IncomingLetter.Status.OPEN and is_casework_manager(person, day)
