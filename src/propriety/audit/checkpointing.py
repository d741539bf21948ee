"""Making checkpoints: on demand (the oversight page, the command) and on the schedule.

``propriety tick`` calls :func:`make_due_checkpoints`: a council gets a new
checkpoint when its log has grown since the last one by anything other than
that checkpoint's own event, so ticking again changes nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from propriety.audit import log
from propriety.audit.checkpoints import sign_note
from propriety.audit.models import AuditLogHead, Checkpoint
from propriety.audit.recording import recording
from propriety.councils.models import Council
from propriety.people.models import Person

CHECKPOINT_ACTION = "audit.checkpoint_made"


def do_make_checkpoint(council: Council, *, acting_user: Person | None) -> Checkpoint:
    """Sign the council's log as it stands; the signing is itself the next event."""
    with recording(council=council, actor=acting_user, action=CHECKPOINT_ACTION) as rec:
        head = log.locked_head(council)
        note = sign_note(council.slug, head.size, head.root_hash, timezone.now())
        checkpoint = Checkpoint(
            council=council,
            tree_size=head.size,
            root_hash=head.root_hash,
            made_at=timezone.now(),
            key_id=note.key_id,
            note=note.text,
            made_by=acting_user,
        )
        checkpoint.save()
        rec.obj = checkpoint
        rec.details = {
            "says": f"The audit log was signed at {head.size} events.",
            "tree_size": head.size,
            "root_hash": head.root_hash,
        }
    return checkpoint


def checkpoint_due(council: Council) -> bool:
    head = AuditLogHead.unscoped.filter(council=council).first()
    if head is None or head.size == 0:
        return False
    last = Checkpoint.unscoped.filter(council=council).order_by("-tree_size").first()
    # The last checkpoint's own event is the one event it cannot cover.
    return last is None or head.size > last.tree_size + 1


def _maybe_due() -> list[Council]:
    """The councils whose log has grown since its last checkpoint, found in one query
    (however many councils there are: ``propriety tick`` runs this every time)."""
    last = (
        Checkpoint.unscoped.filter(council=OuterRef("council"))
        .order_by("-tree_size")
        .values("tree_size")[:1]
    )
    heads = (
        AuditLogHead.unscoped.filter(size__gt=0)
        .annotate(last=Subquery(last))
        .filter(Q(last__isnull=True) | Q(size__gt=F("last") + 1))
        .select_related("council")
        .order_by("council_id")
    )
    return [head.council for head in heads]


def make_due_checkpoints() -> list[Checkpoint]:
    made = []
    for council in _maybe_due():
        with transaction.atomic():
            # Asked again with the log head locked: of two runs at once, the second
            # waits here and then finds the log already signed.
            log.locked_head(council)
            if checkpoint_due(council):
                made.append(do_make_checkpoint(council, acting_user=None))
    return made


def scheduled_checkpoints() -> str:
    """The schedule's run (from ``propriety tick``): sign every log that has grown."""
    made = make_due_checkpoints()
    if not made:
        return "Audit checkpoints: every council's log is already signed."
    return f"Audit checkpoints: signed {len(made)} council log{'s' if len(made) != 1 else ''}."
