"""UK GDPR Article 15: everything held about a person, for a subject access request.

Found from the models themselves, so a new app's records are included without
anyone remembering to: every row of every Propriety model with a link to the
person, their own record, and the audit events they caused or that are about
them. Other people named in those rows are marked for redaction review, and
so are free-text fields (they may name anyone). Credentials (password and
token hashes, the session stamp) are withheld and said to be.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.people.models import Person

WITHHELD = frozenset({"password", "key_hash", "security_stamp", "personal_salt"})


def project_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.app_config.name.startswith("propriety.")]


def person_links(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The fields linking a row to people: foreign keys and many-to-many fields
    (such as the members told of a ward notice)."""
    return [
        f
        for f in (*model._meta.concrete_fields, *model._meta.many_to_many)
        if isinstance(f, models.ForeignKey | models.ManyToManyField) and f.related_model is Person
    ]


def free_text_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.TextField)]


@dataclass
class HeldRecord:
    kind: str
    kind_name: str
    record_id: Any
    title: str
    links: list[str]
    fields: dict[str, Any]
    third_parties: list[dict[str, Any]] = field(default_factory=list)
    review_free_text: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | bool | str | list | dict) or value is None:
        return value
    return str(value)


def _record(obj: models.Model, subject: Person, links: list[str]) -> HeldRecord:
    meta = obj._meta
    held = HeldRecord(
        kind=meta.label_lower,
        kind_name=str(meta.verbose_name).capitalize(),
        record_id=obj.pk,
        title=str(obj)[:200],
        links=links,
        fields={},
    )
    for f in meta.concrete_fields:
        if f.name in WITHHELD:
            held.withheld.append(f.name)
            continue
        if isinstance(f, models.ForeignKey):
            target_id = getattr(obj, f.attname)
            if f.related_model is Person and target_id is not None:
                target = getattr(obj, f.name)
                held.fields[f.name] = {"person_id": target_id, "name": target.full_name}
                if target_id != subject.pk:
                    held.third_parties.append(
                        {"field": f.name, "person_id": target_id, "name": target.full_name}
                    )
            else:
                held.fields[f.name] = None if target_id is None else str(getattr(obj, f.name))
            continue
        held.fields[f.name] = _value(getattr(obj, f.attname))
    for m2m in meta.many_to_many:
        if m2m.related_model is not Person:
            continue
        people = [{"person_id": p.pk, "name": p.full_name} for p in getattr(obj, m2m.name).all()]
        held.fields[m2m.name] = people
        held.third_parties += [
            {"field": m2m.name, **p} for p in people if p["person_id"] != subject.pk
        ]
    held.review_free_text = [n for n in free_text_fields(type(obj)) if held.fields.get(n)]
    return held


def records_about(subject: Person) -> list[HeldRecord]:
    """Every row linked to ``subject``, their own record first."""
    found = [_record(subject, subject, ["the person themselves"])]
    if subject.account_id is not None:
        # The sign-in behind them (one account across councils): its email and
        # dates; the password hash and stamp withheld.
        found.append(_record(subject.account, subject, ["their sign-in account"]))
    for model in project_models():
        if model is AuditEvent:
            continue
        links = person_links(model)
        if not links:
            continue
        manager = model._base_manager  # system read: the person's own council checked below
        linked: dict[Any, tuple[models.Model, list[str]]] = {}
        for link in links:
            for obj in manager.filter(**{link.name: subject}).order_by("pk"):
                linked.setdefault(obj.pk, (obj, []))[1].append(link.name)
        for pk in sorted(linked):
            obj, how = linked[pk]
            if getattr(obj, "council_id", subject.council_id) != subject.council_id:
                continue
            found.append(_record(obj, subject, how))
    return found


def events_about(subject: Person) -> list[dict[str, Any]]:
    events = (
        AuditEvent.objects.for_council(subject.council)
        .filter(
            models.Q(actor=subject)
            | models.Q(object_type=Person._meta.label_lower, object_id=str(subject.pk))
        )
        .order_by("seq")
    )
    return [
        {
            "event_id": e.pk,
            "number": e.seq,
            "time": e.occurred_at.isoformat(),
            "by_them": e.actor_id == subject.pk,
            "what": e.action,
            "case": f"{e.object_type}:{e.object_id}" if e.object_type else "",
            "description": e.object_repr,
            "says": str(e.details.get("says", "")),
            "pseudonymised": e.pseudonymised_at is not None,
        }
        for e in events
    ]


def subject_access_export(subject: Person) -> dict[str, Any]:
    records = records_about(subject)
    third = sorted(
        {(t["person_id"], t["name"]) for r in records for t in r.third_parties},
        key=lambda t: t[1],
    )
    return {
        "about": {"person_id": subject.pk, "name": subject.full_name, "email": subject.email},
        "controller": subject.council.name,
        "made_at": timezone.now().isoformat(),
        "records": [r.__dict__ for r in records],
        "audit_events": events_about(subject),
        "redaction_review": {
            "third_parties": [{"person_id": pid, "name": name} for pid, name in third],
            "note": (
                "Before disclosure, review every record's third_parties (other people named) "
                "and review_free_text fields (they may name anyone): UK GDPR Art. 15(4) and "
                "DPA 2018 Sch. 2 para 16."
            ),
        },
    }
