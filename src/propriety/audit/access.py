"""Who may read the audit trail, its checkpoints, and what is held about a person.

A case's own history is read through the case (audit/timeline.py). The
oversight pages (filters, export, checkpoints, verification) are for the
Monitoring Officer and the governance committee; subject access requests are
answered by the Proper Officer or the Monitoring Officer.
"""

from __future__ import annotations

from typing import cast

from django.http import Http404

from propriety.audit.models import Checkpoint
from propriety.people.holders import holds, is_casework_manager
from propriety.people.models import Person


def can_oversee(person: Person) -> bool:
    """The Monitoring Officer and the governance (audit and standards) committee.

    They read the whole trail, checkpoints and the log's verification: the
    people who hold the council to its protocol, rather than its Clerk, whose
    own actions (and reads) are on the trail. ``people.holders`` says who
    answers for each role.
    """
    return holds(person, "monitoring_officer") or holds(person, "audit_and_standards_committee")


def can_answer_subject_access(person: Person) -> bool:
    """The Proper Officer answers for the council as controller; the Monitoring Officer too."""
    return can_oversee(person) or is_casework_manager(person)


def require_oversight(person: Person) -> None:
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
