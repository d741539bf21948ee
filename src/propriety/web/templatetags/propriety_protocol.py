"""Citations as links to their clause in the readable protocol (``/protocol/#clause-4-3``).

Every page that names a clause goes through these filters (they are template
builtins, so no ``{% load %}`` is needed), so changing how a citation looks or
where it points is done here, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from propriety.councils.protocol import the

register = template.Library()

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def clause_anchor(clause: str) -> str:
    """The clause's anchor in the readable protocol: "§4.3" -> "clause-4-3",
    "Officers ¶6" -> "clause-officers-6". The protocol page uses the same function."""
    slug = _NOT_WORD.sub("-", clause.lower()).strip("-")
    return f"clause-{slug or 'x'}"


def _clause_id(value: Any) -> str:
    if isinstance(value, Mapping):
        return str(value.get("clause", ""))
    return str(getattr(value, "clause", value) or "")


@register.filter(name="the")
def the_filter(title: Any) -> str:
    """A role title as a noun phrase: "Town Clerk" becomes "the Town Clerk"."""
    return the(str(title)) if title else ""


@register.filter(name="clause_anchor")
def clause_anchor_filter(value: Any) -> str:
    return clause_anchor(_clause_id(value))


@register.filter
def clause_link(value: Any) -> SafeString:
    """One clause (an id, or a citation with ``clause``) as a link to its text."""
    clause = _clause_id(value)
    if not clause:
        return SafeString("")
    return format_html(
        '<a class="govuk-link app-clause-link" href="{}#{}">{}</a>',
        reverse("protocoltext:text"),
        clause_anchor(clause),
        clause,
    )


@register.filter
def clause_links(values: Iterable[Any] | None) -> SafeString:
    """Several clauses, comma-separated, each a link."""
    if not values:
        return SafeString("")
    return format_html_join(", ", "{}", ((clause_link(v),) for v in values))


@register.filter
def guidance_items(values: Iterable[Any] | None) -> list[dict[str, str]]:
    """A decision's guidance as ``{"clause", "text"}`` items, whether it comes from a stored
    decision (dicts) or straight from the engine (``(clause, text)`` pairs)."""
    items: list[dict[str, str]] = []
    for value in values or ():
        if isinstance(value, Mapping):
            items.append(
                {"clause": str(value.get("clause", "")), "text": str(value.get("text", ""))}
            )
        else:
            clause, text = value
            items.append({"clause": str(clause), "text": str(text)})
    return items
