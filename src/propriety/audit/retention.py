"""UK GDPR storage limitation: pseudonymise personal data once its retention ends.

The schedule is ``PROPRIETY_RETENTION`` in settings: for each kind of record,
how many years after which date its personal free text is replaced. Records
are pseudonymised, not deleted: the case, its dates, clauses and outcome stay
(the council's record of how it followed its protocol), but what people wrote
and named goes. Audit events keep their place in the log: their personal part
(description and details) is replaced and its salt cleared, so the leaf, which
commits only to the salted hash, still verifies, and the hash cannot be
reversed by guessing. Each run is itself an audited event per council, listing
the events it pseudonymised (verify accepts only those).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.audit.recording import recording
from propriety.audit.verify import RETENTION_ACTION
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.protocol import format_date

MARK = "[pseudonymised under the council's retention schedule]"
PSEUDONYMOUS_DOMAIN = "@pseudonymised.invalid"


def schedule() -> dict[str, dict[str, Any]]:
    return dict(getattr(settings, "PROPRIETY_RETENTION", {}))


def retention_for(kind: str) -> str:
    rule = schedule().get(kind)
    if rule is None:
        return "Kept while the council needs it (no retention period set)"
    after = apps.get_model(kind)._meta.get_field(rule["after"]).verbose_name
    return f"{rule['years']} years after its {after}; then personal data is pseudonymised"


def _cutoff(years: int, today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@dataclass
class RetentionReport:
    today: datetime.date
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        done = {k: n for k, n in self.counts.items() if n}
        if not done:
            return f"Retention on {format_date(self.today)}: nothing is past its retention period."
        parts = ", ".join(f"{n} {kind}" for kind, n in sorted(done.items()))
        return f"Retention on {format_date(self.today)}: pseudonymised {parts}."


def _due(model: type[models.Model], rule: dict[str, Any], council: Council, cutoff: Any) -> Any:
    after = model._meta.get_field(rule["after"])
    if isinstance(after, models.DateTimeField):
        cutoff = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    rows = model._base_manager.filter(council=council, **{f"{rule['after']}__lt": cutoff})
    return rows


def _pseudonymise_events(council: Council, cutoff: datetime.date) -> list[int]:
    start = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    due = AuditEvent.unscoped.filter(
        council=council, occurred_at__lt=start, pseudonymised_at__isnull=True
    ).exclude(action=RETENTION_ACTION)
    ids = list(due.values_list("pk", flat=True))
    if ids:
        # The one sanctioned change to an event: its personal part, never its leaf.
        models.QuerySet.update(
            AuditEvent.unscoped.filter(pk__in=ids),
            object_repr=MARK[:200],
            details={"pseudonymised": True},
            personal_salt="",
            pseudonymised_at=timezone.now(),
        )
    return ids


def _pseudonymise_people(council: Council, cutoff: datetime.date) -> int:
    """People whose every role ended before the cutoff (and who were added before it)."""
    start = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    due = (
        Person.unscoped.filter(council=council, created_at__lt=start)
        .exclude(role_assignments__ends_on__isnull=True)
        .exclude(role_assignments__ends_on__gte=cutoff)
        .exclude(email__endswith=PSEUDONYMOUS_DOMAIN)
    )
    n = 0
    for pk in due.values_list("pk", flat=True):
        n += Person.unscoped.filter(pk=pk).update(
            full_name=f"Former member of the council #{pk}",
            email=f"former-{pk}{PSEUDONYMOUS_DOMAIN}",
            is_active=False,
        )
    return n


def apply_retention(today: datetime.date | None = None) -> RetentionReport:
    today = today or timezone.localdate()
    report = RetentionReport(today)
    rules = schedule()
    for council in Council.objects.order_by("pk"):
        counts: dict[str, int] = {}
        try:
            with recording(council=council, actor=None, action=RETENTION_ACTION) as rec:
                event_ids: list[int] = []
                for kind, rule in rules.items():
                    cutoff = _cutoff(int(rule["years"]), today)
                    if kind == AuditEvent._meta.label_lower:
                        event_ids = _pseudonymise_events(council, cutoff)
                        counts[kind] = len(event_ids)
                    elif kind == Person._meta.label_lower:
                        counts[kind] = _pseudonymise_people(council, cutoff)
                    else:
                        model = apps.get_model(kind)
                        rows = _due(model, rule, council, cutoff)
                        fields = list(rule["fields"])
                        pending = rows.exclude(**{fields[0]: MARK})
                        # The search index's triggers take the words out in this
                        # same transaction (propriety/workspace/search_fts.py).
                        counts[kind] = pending.update(**dict.fromkeys(fields, MARK))
                if not any(counts.values()):
                    raise _NothingToDo  # roll the empty run back: no event
                rec.details = {
                    "says": "Personal data past the council's retention schedule was "
                    "pseudonymised.",
                    "counts": counts,
                    "event_ids": event_ids,
                }
        except _NothingToDo:
            continue
        for kind, n in counts.items():
            report.counts[kind] = report.counts.get(kind, 0) + n
    return report


class _NothingToDo(Exception):
    pass
