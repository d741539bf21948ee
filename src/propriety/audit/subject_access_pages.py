"""The subject access export as a person reads it on the page.

``subject_access.subject_access_export`` is the export itself (what the JSON
download holds: field names, ISO dates, ids). Here each record becomes rows of
a label in plain English (the field's own verbose name) and its value as text:
dates as councils write them, choices by their names, people by name, yes or
no, and nothing shown as a Python or JSON structure.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from propriety.audit.labels import action_label
from propriety.web.templatetags.propriety_dates import in_words, long_date, long_datetime

NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Row:
    label: str
    text: str
    third_party: bool = False
    review: bool = False


@dataclass
class ReadableRecord:
    heading: str
    linked_as: str
    withheld: str
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class ReadableEvent:
    number: int
    when: str
    what: str
    by_them: bool
    case: str
    says: str


def _model(kind: str) -> type[models.Model] | None:
    try:
        return apps.get_model(kind)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model: type[models.Model] | None, name: str) -> str:
    found = _field(model, name)
    verbose = getattr(found, "verbose_name", None) or name.replace("_", " ")
    return str(capfirst(str(verbose)))


def _words(key: str) -> str:
    return str(capfirst(key.replace("_", " ")))


def as_text(value: Any, found: Any = None) -> str:
    """One stored value as text, read with its field where there is one."""
    if value is None or value == "" or value == [] or value == {}:
        return NOT_RECORDED
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        choices = dict(getattr(found, "flatchoices", None) or ())
        if value in choices:
            return str(choices[value])
        if isinstance(found, models.DateTimeField):
            return long_datetime(datetime.datetime.fromisoformat(value))
        if isinstance(found, models.DateField):
            return long_date(datetime.date.fromisoformat(value))
        return in_words(value) if _looks_like_a_date(value) else value
    if isinstance(value, dict):
        if "name" in value and set(value) <= {"name", "person_id"}:
            return str(value["name"])
        # A structure kept as JSON (such as a recorded decision): one line per part.
        parts = ((k, v) for k, v in value.items() if v not in (None, "", [], {}))
        return "\n".join(f"{_words(str(k))}: {_inline(v)}" for k, v in parts)
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value)
    return str(value)


def _inline(value: Any) -> str:
    """A part of a structure, on one line."""
    if isinstance(value, dict) and not ("name" in value and set(value) <= {"name", "person_id"}):
        inner = ((k, v) for k, v in value.items() if v not in (None, "", [], {}))
        return "; ".join(f"{_words(str(k))}: {_inline(v)}" for k, v in inner)
    if isinstance(value, list):
        return ", ".join(_inline(v) for v in value)
    return as_text(value)


def _looks_like_a_date(text: str) -> bool:
    return len(text) >= 10 and text[4:5] == "-" and text[7:8] == "-" and text[:4].isdigit()


def readable_record(record: dict[str, Any]) -> ReadableRecord:
    model = _model(str(record["kind"]))
    parties = {str(t["field"]) for t in record.get("third_parties", [])}
    review = set(record.get("review_free_text", []))
    rows = [
        Row(
            label=_label(model, name),
            text=as_text(value, _field(model, name)),
            third_party=name in parties,
            review=name in review,
        )
        for name, value in record["fields"].items()
    ]
    links = [_label(model, link) if _field(model, link) else link for link in record["links"]]
    kind, title = str(record["kind_name"]), str(record["title"])
    named = title.lower().startswith(kind.lower())  # "Declaration 2: ..." names itself
    return ReadableRecord(
        heading=title if named else f"{kind} {record['record_id']}: {title}",
        linked_as=", ".join(links),
        withheld=", ".join(_label(model, name) for name in record.get("withheld", [])),
        rows=rows,
    )


def readable_event(event: dict[str, Any]) -> ReadableEvent:
    return ReadableEvent(
        number=int(event["number"]),
        when=in_words(str(event["time"])),
        what=action_label(str(event["what"])),
        by_them=bool(event["by_them"]),
        case=str(event["description"] or event["case"]),
        says=str(event["says"]),
    )


def readable(export: dict[str, Any]) -> dict[str, Any]:
    """What the export page shows: its records and audit events in words."""
    return {
        "records": [readable_record(r) for r in export["records"]],
        "events": [readable_event(e) for e in export["audit_events"]],
        "made": in_words(str(export["made_at"])),
    }
