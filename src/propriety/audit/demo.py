"""The demo council's audit data: checkpoints signed on the schedule and on
demand, reads of confidential records on the trail, and a subject access
export answered by the Clerk."""

from __future__ import annotations

from propriety.audit.actions import do_record_event
from propriety.audit.checkpointing import do_make_checkpoint
from propriety.audit.models import Checkpoint
from propriety.audit.reads import record_read
from propriety.concerns.models import Concern
from propriety.councils.models import Council
from propriety.documents.models import Document
from propriety.people.models import Person


def load_audit_demo(council: Council) -> None:
    """Once, after the other apps' demos: reads, then a scheduled and an on-demand checkpoint."""
    if Checkpoint.objects.for_council(council).exists():
        return
    people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
    mo, clerk = people.get("monitoring-officer"), people.get("clerk")
    referred = Concern.objects.for_council(council).filter(status=Concern.Status.REFERRED).first()
    if mo is not None and referred is not None:
        record_read(mo, referred, why="Reviewing the referral.")
    exempt = (
        Document.objects.for_council(council)
        .filter(classification__in=["exempt", "confidential"])
        .first()
    )
    if clerk is not None and exempt is not None:
        record_read(clerk, exempt)
    subject = people.get("ward-councillor")
    if clerk is not None and subject is not None:
        do_record_event(
            council,
            action="subject_access.exported",
            obj=subject,
            details={"says": f"{clerk.full_name} exported what is held about {subject.full_name}."},
            acting_user=clerk,
        )
    do_make_checkpoint(council, acting_user=None)
    if mo is not None:
        do_make_checkpoint(council, acting_user=mo)
