"""The filters and sort a list offers, read from its URL and shown above its table.

A list names what it may be filtered by and sorted by once::

    FILTERS = (Filter("status", "Status", Thing.Status.choices, lambda rows, v: rows.filter(status=v)),)
    SORTS = {"urgency": "Open first", "newest": "Newest first"}

and its view reads them::

    controls = read_controls(request, FILTERS, SORTS)
    rows = sorted_things(controls.apply(rows), controls.sort, today)

then downloads or pages ``rows`` (``web.exports``, ``web.paging``). The template
includes ``includes/list_controls.html`` with ``controls``. Only a value a
filter offers is applied, and only a sort the list offers is used (the first
is the default), so a hand-edited URL never orders by an unexpected field or
fails: it shows the list unfiltered instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Filter:
    name: str
    label: str
    choices: Sequence[tuple[str, str]]
    apply: Callable[[Any, str], Any]
    any_label: str = "Any"
    # A list that opens filtered (the mail waiting in quarantine) names the value here; it
    # then offers no "any" choice, so one of its choices must mean everything.
    default: str = ""


@dataclass(frozen=True)
class Controls:
    filters: Sequence[Filter]
    chosen: dict[str, str]  # what the URL asked for
    values: dict[str, str]  # what applies: that, or a filter's default
    sorts: Mapping[str, str]
    sort: str
    fields: list[dict[str, Any]] = field(default_factory=list)

    def apply(self, rows: Any) -> Any:
        for f in self.filters:
            if value := self.values.get(f.name):
                rows = f.apply(rows, value)
        return rows


def read_controls(
    request: HttpRequest, filters: Iterable[Filter], sorts: Mapping[str, str]
) -> Controls:
    """A page's controls: a value the list does not offer is ignored (the list shows
    unfiltered), so a hand-edited URL never fails."""
    return controls_from(request.GET, filters, sorts)


def controls_from(
    params: Mapping[str, Any],
    filters: Iterable[Filter],
    sorts: Mapping[str, str],
    *,
    strict: bool = False,
) -> Controls:
    """The controls ``params`` ask for. ``strict`` (the API) refuses a value the list does
    not offer with a ValidationError naming the parameter (a 422), instead of ignoring it."""
    filters = tuple(filters)
    chosen: dict[str, str] = {}
    for f in filters:
        value = str(params.get(f.name) or "")
        offered = [v for v, _ in f.choices]
        if value in offered:
            chosen[f.name] = value
        elif value and strict:
            raise ValidationError({f.name: f"Choose one of: {', '.join(offered)}."})
    asked = str(params.get("sort") or "")
    if strict and asked and asked not in sorts:
        raise ValidationError({"sort": f"Choose one of: {', '.join(sorts)}."})
    values = {
        f.name: chosen.get(f.name, f.default) for f in filters if chosen.get(f.name, f.default)
    }
    fields = [
        {
            "id": f"filter-{f.name}",
            "name": f.name,
            "label": f.label,
            "any_label": "" if f.default else f.any_label,
            "options": [(v, label, values.get(f.name) == v) for v, label in f.choices],
        }
        for f in filters
    ]
    sort = asked if asked in sorts else next(iter(sorts))
    return Controls(filters, chosen, values, sorts, sort, fields)


def options_html(
    choices: Iterable[tuple[Any, Any]], selected: str = "", *, first: str | None = None
) -> SafeString:
    """A select's ``<option>`` elements, the one whose value is ``selected`` marked so;
    ``first``, if given, is an option with no value ("Any officer") before them. Every
    value and label is escaped (``html.escape``, as Django's ``escape``).

    For a list's filters and sort: as template loops, a page's options cost more to
    render than the rest of its form.
    """
    parts = [f'<option value="">{escape(str(first))}</option>'] if first is not None else []
    for value, label in choices:
        value = str(value)
        mark = " selected" if value == selected else ""
        parts.append(f'<option value="{escape(value)}"{mark}>{escape(str(label))}</option>')
    return mark_safe("\n".join(parts))  # noqa: S308  (every value is escaped above)


def field_filter(
    name: str, label: str, choices: Sequence[tuple[str, str]], field: str, any_label: str = "Any"
) -> Filter:
    """Keep the rows whose ``field`` equals the chosen value (a model's choices, say)."""
    return Filter(name, label, choices, lambda rows, v: rows.filter(**{field: v}), any_label)


def body_filter(name: str, label: str, bodies: Iterable[Any], field: str, any_label: str) -> Filter:
    """Keep the rows linked (by ``field``) to the chosen one of ``bodies`` (wards, groups...),
    offered by name."""
    return Filter(
        name,
        label,
        [(str(b.pk), b.name) for b in bodies],
        lambda rows, v: rows.filter(**{field: int(v)}),
        any_label,
    )


def current_q(day: datetime.date, start: str = "starts_on", end: str = "ends_on") -> Q:
    """Rows that hold on ``day``: started, and not yet ended (an open end holds)."""
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


def period_filter(label: str, start: str = "starts_on", end: str = "ends_on") -> Filter:
    """``state=current|ended|future`` for rows that hold from ``start`` to ``end``, as of today."""

    def apply(rows: Any, state: str) -> Any:
        today = timezone.localdate()
        if state == "current":
            return rows.filter(current_q(today, start, end))
        if state == "ended":
            return rows.filter(**{f"{end}__lt": today})
        return rows.filter(**{f"{start}__gt": today})

    return Filter(
        "state",
        label,
        (("current", "Current"), ("ended", "Ended"), ("future", "Not started yet")),
        apply,
    )


def described(filters: Iterable[Filter], **others: str) -> dict[str, str]:
    """What each filter means, for an API's documentation: its label and the values it
    offers; ``others`` describe filters whose values are the council's own (ids)."""
    out = {
        f.name: f"{f.label}: one of " + ", ".join(f"`{v}`" for v, _ in f.choices) + "."
        for f in filters
        if f.name not in others
    }
    return {**out, **others}
