"""Who may read the audit trail, its checkpoints, and what is held about a person.

A case's own history is read through the case (audit/timeline.py). The
oversight pages (filters, export, checkpoints, verification) are for the
Monitoring Officer and the members of the council's governance committee;
subject access requests are answered by the Proper Officer or the Monitoring
Officer.

The governance committee's members are councillors, who may not see the cases
behind the events (the access rules of each app keep a case to the people
party to it), so they read a redacted trail (``trail.redacted_for``): each
event's number, time, kind, case reference, clauses and leaf hash, never its
description or what it says, and never who acted on a confidential record.
That is enough to see whether the protocol's steps were taken, when and under
which clauses, and that the log is intact; the Monitoring Officer, who
investigates, reads the whole. Only the Monitoring Officer makes checkpoints.
"""

from __future__ import annotations

from typing import cast

from django.http import Http404

from propriety.audit.models import Checkpoint
from propriety.people.holders import (
    holds,
    is_casework_manager,
    is_governance_committee_member,
)
from propriety.people.models import Person


def can_oversee(person: Person) -> bool:
    """The Monitoring Officer and the governance (audit and standards) committee.

    They read the whole trail, checkpoints and the log's verification: the
    people who hold the council to its protocol, rather than its Clerk, whose
    own actions (and reads) are on the trail. ``people.holders`` says who
    answers for each role.
    """
    return holds(person, "monitoring_officer") or holds(person, "audit_and_standards_committee")


def sees_redacted_trail(person: Person) -> bool:
    """A governance committee member who is not also an overseer in full."""
    return not can_oversee(person) and is_governance_committee_member(person)


def can_read_oversight(person: Person) -> bool:
    """May open the oversight pages: in full, or (the governance committee) redacted."""
    return can_oversee(person) or is_governance_committee_member(person)


def can_answer_subject_access(person: Person) -> bool:
    """The Proper Officer answers for the council as controller; the Monitoring Officer too."""
    return can_oversee(person) or is_casework_manager(person)


def require_oversight(person: Person) -> None:
    """The read-only oversight pages: the Monitoring Officer and the governance committee."""
    if not can_read_oversight(person):
        raise Http404("No such page.")


def require_full_oversight(person: Person) -> None:
    """What changes the log's record (making a checkpoint): the Monitoring Officer only."""
    if not can_oversee(person):
        raise Http404("No such page.")


def access_checkpoint_by_id(person: Person, checkpoint_id: int) -> Checkpoint:
    require_oversight(person)
    checkpoint = Checkpoint.objects.for_council(person.council).filter(pk=checkpoint_id).first()
    if checkpoint is None:
        raise Http404("No such checkpoint.")
    return cast(Checkpoint, checkpoint)


def access_subject_by_id(person: Person, subject_id: int) -> Person:
    """Someone of the council whose data ``person`` may export (404 otherwise)."""
    if not can_answer_subject_access(person):
        raise Http404("No such person.")
    subject = Person.objects.for_council(person.council).filter(pk=subject_id).first()
    if subject is None:
        raise Http404("No such person.")
    return cast(Person, subject)
