"""The oversight trail: a council's events filtered by date, person, kind and case.

The governance committee reads it redacted (see ``audit/access.py`` for why):
``redacted=True`` drops each event's description and what it says, withholds
who acted on a confidential kind of record (``reads.CONFIDENTIAL``: concerns,
access requests and disputes, documents), and, when filtering by person, leaves
out events on those kinds, so a filter cannot say who raised a concern.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from propriety.audit.labels import action_label
from propriety.audit.log import canonical_time
from propriety.audit.models import AuditEvent
from propriety.audit.reads import CONFIDENTIAL
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.web.forms import ProprietyForm

SYSTEM = "system"
WITHHELD = "Withheld (confidential record)"
CONFIDENTIAL_KINDS = frozenset(CONFIDENTIAL)


def actor_withheld(event: AuditEvent) -> bool:
    """Whether the redacted trail hides who acted: any event on a confidential kind."""
    return event.object_type in CONFIDENTIAL_KINDS


class TrailFilterForm(ProprietyForm):
    date_from = forms.DateField(required=False, label="From")
    date_to = forms.DateField(required=False, label="To")
    person = forms.ChoiceField(required=False, label="Who")
    kind = forms.ChoiceField(required=False, label="What happened")
    case = forms.CharField(
        required=False,
        max_length=170,
        label="Case",
        help_text="As shown in the Case column, e.g. concerns.concern:12",
    )

    def __init__(self, council: Council, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        people = Person.objects.for_council(council).order_by("full_name")
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", "Anyone"),
            (SYSTEM, "Propriety (automatic)"),
            *[(str(p.pk), p.full_name) for p in people],
        ]
        kinds = (
            AuditEvent.objects.for_council(council)
            .order_by("action")
            .values_list("action", flat=True)
            .distinct()
        )
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            ("", "Anything"),
            *sorted(((k, action_label(k)) for k in kinds), key=lambda c: c[1].lower()),
        ]

    def clean_case(self) -> str:
        case = str(self.cleaned_data.get("case") or "").strip()
        if case and (":" not in case or not case.split(":", 1)[1]):
            raise forms.ValidationError(
                "Enter a case as shown in the Case column, like concerns.concern:12"
            )
        return case

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered(
    council: Council, form: TrailFilterForm, *, redacted: bool = False
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.for_council(council).select_related("actor").order_by("-seq")
    if not form.is_valid():
        return events
    data = form.cleaned_data
    if data.get("date_from"):
        events = events.filter(occurred_at__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        end = data["date_to"] + datetime.timedelta(days=1)
        events = events.filter(occurred_at__lt=_day_start(end))
    person = data.get("person")
    if person == SYSTEM:
        events = events.filter(actor__isnull=True)
    elif person:
        events = events.filter(actor_id=int(person))
    if person and redacted:
        events = events.exclude(object_type__in=CONFIDENTIAL_KINDS)
    if data.get("kind"):
        events = events.filter(action=data["kind"])
    if data.get("case"):
        object_type, object_id = data["case"].split(":", 1)
        events = events.filter(object_type=object_type, object_id=object_id)
    return events


CSV_HEADER = (
    "number",
    "event_id",
    "time_utc",
    "who",
    "what",
    "case",
    "description",
    "says",
    "clauses",
    "rulebook",
    "leaf_hash",
)


def _cell(value: str) -> str:
    # Spreadsheets run cells starting with these as formulas.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _who(event: AuditEvent, redacted: bool) -> str:
    if redacted and actor_withheld(event):
        return WITHHELD
    return event.actor.full_name if event.actor else "Propriety (automatic)"


def csv_rows(events: Iterable[AuditEvent], *, redacted: bool = False) -> Iterable[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for event in events:
        writer.writerow(
            [
                event.seq,
                event.pk,
                canonical_time(event.occurred_at),
                _cell(_who(event, redacted)),
                event.action,
                f"{event.object_type}:{event.object_id}" if event.object_type else "",
                "" if redacted else _cell(event.object_repr),
                "" if redacted else _cell(str(event.details.get("says", ""))),
                "; ".join(str(c.get("clause", "")) for c in event.citations if c),
                event.rulebook,
                event.leaf_hash,
            ]
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
    yield buffer.getvalue()
