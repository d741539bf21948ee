"""The record of processing activities (UK GDPR Article 30), generated from the models.

Each Propriety model that holds personal data is one processing activity: its
purpose is the model's own description, the personal data are its fields that
name people, hold contact details or free text, and its retention comes from
the schedule in settings (``PROPRIETY_RETENTION``). Generated, so it cannot
fall behind the code.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from django.db import models

from propriety.audit.retention import retention_for
from propriety.audit.subject_access import free_text_fields, person_links, project_models
from propriety.people.models import Person


@dataclass(frozen=True)
class Activity:
    kind: str
    name: str
    purpose: str
    people: tuple[str, ...]
    contact: tuple[str, ...]
    free_text: tuple[str, ...]
    retention: str


def _purpose(model: type[models.Model]) -> str:
    doc = inspect.getdoc(model) or ""
    if not doc or doc.startswith(f"{model.__name__}("):
        return f"Keeping the council's {model._meta.verbose_name_plural}."
    return doc.split("\n\n")[0].replace("\n", " ").replace("``", "")


def activities() -> list[Activity]:
    found = []
    for model in project_models():
        meta = model._meta
        links = person_links(model)
        contact = tuple(
            str(f.verbose_name)
            for f in meta.concrete_fields
            if isinstance(f, models.EmailField) or (model is Person and f.name in {"full_name"})
        )
        text = tuple(
            str(f.verbose_name) for f in meta.concrete_fields if f.name in free_text_fields(model)
        )
        if not (links or contact) and model is not Person:
            continue
        found.append(
            Activity(
                kind=meta.label_lower,
                name=str(meta.verbose_name_plural).capitalize(),
                purpose=_purpose(model),
                people=tuple(str(f.verbose_name) for f in links),
                contact=contact,
                free_text=text,
                retention=retention_for(meta.label_lower),
            )
        )
    return sorted(found, key=lambda a: a.name)
