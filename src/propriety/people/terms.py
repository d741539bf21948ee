"""What a councillor's (or co-opted member's) term ending sooner does to their member roles.

A member's role (a chair, a committee or ward seat, Mayor...) counts only on the days its
holder serves a term (``roles.MEMBER_ROLES``, ``models._held_on``). When a term is ended
earlier or withdrawn, a role that counted on the days taken away, and on no later day of
another term, would stay listed as held while counting for nothing: the Clerk would
believe a committee still had its chair. ``actions.do_end_role`` and ``do_withdraw_role``
end each such role on the last day it still counts, or withdraw it when that leaves it no
day at all (people/README.md, "When a term ends"). This module only works out which, and
says it in plain English; it writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import MEMBER_ROLES, TERM_ROLES, Role
from propriety.protocol import format_date
from propriety.web.wording import and_list

Span = tuple[datetime.date, datetime.date]  # first and last day, both included
_OPEN = datetime.date.max


class CutShort(NamedTuple):
    """A member's role the term's change leaves past every term: its new last day, or
    ``None`` when it would now count on no day (then it is withdrawn)."""

    role: RoleAssignment
    last_day: datetime.date | None


def _span(a: RoleAssignment) -> Span:
    # A withdrawn role ends the day before it starts: an empty span.
    return (a.starts_on, a.ends_on or _OPEN)


def last_counting_day(role: Span, terms: Iterable[Span]) -> datetime.date | None:
    """The last day of ``role`` that counts (a day inside one of ``terms``), or ``None``."""
    first, last = role
    days = [min(last, end) for start, end in terms if max(first, start) <= min(last, end)]
    return max(days, default=None)


def term_spans(person: Person) -> list[Span]:
    """The days of each of ``person``'s councillor or co-opted member terms."""
    terms = RoleAssignment.objects.for_council(person.council).filter(
        person=person, role__in=TERM_ROLES
    )
    return [_span(term) for term in terms]


def cut_short(term: RoleAssignment, was: datetime.date | None) -> list[CutShort]:
    """The member roles of ``term``'s person that ``term`` ending on its (new) ``ends_on``
    instead of ``was`` (``None``: open) leaves running past the last day they count.

    A role counted by another term after the change (re-elected, the next term already
    recorded) is not cut short; nor is one that already ended before the change mattered.
    """
    if term.role not in TERM_ROLES:
        return []
    # Called in the term's locked transaction: the person's roles are locked too, so what
    # is ended is what was read.
    assignments = list(
        RoleAssignment.objects.for_council(term.council)
        .select_for_update(of=("self",))
        .filter(person_id=term.person_id, withdrawn=False)
        .select_related("committee", "ward", "party_group")
        .order_by("starts_on", "pk")
    )
    others = [_span(a) for a in assignments if a.role in TERM_ROLES and a.pk != term.pk]
    after = [*others, _span(term)]
    before = [*others, (term.starts_on, was or _OPEN)]
    cut: list[CutShort] = []
    for role in assignments:
        if role.role not in MEMBER_ROLES:
            continue
        span = _span(role)
        then, now = last_counting_day(span, before), last_counting_day(span, after)
        if then is not None and (now is None or now < then):
            cut.append(CutShort(role, now))
    return cut


def _as(role: RoleAssignment) -> str:
    """ "committee chair of Planning Committee", "ward councillor for Brookside", "Mayor"."""
    label = Role(role.role).label
    if not label.startswith(("Mayor", "Deputy Mayor")):
        label = label[0].lower() + label[1:]
    if role.ward is not None:
        return f"{label} for {role.ward}"
    body = role.committee or role.party_group
    return f"{label} of {body}" if body is not None else label


def ended_with_term_says(
    person: Person, term: RoleAssignment, roles: Sequence[RoleAssignment]
) -> str:
    """What ending ``term`` did to ``roles`` (those it ended or withdrew), as the Clerk reads
    it on the page, in the API's answer and in an import's report; "" for none.

    "Alan Baker's roles as committee chair of Planning Committee and ward councillor for
    Brookside end on 6 May 2027 too, with their term."
    """
    sentences: list[str] = []
    ended: dict[datetime.date, list[RoleAssignment]] = {}
    for role in roles:
        if not role.withdrawn and role.ends_on is not None:
            ended.setdefault(role.ends_on, []).append(role)
    for day, group in ended.items():
        many = len(group) > 1
        with_term = (
            "too, with their term" if day == term.ends_on else "too, their last day in a term"
        )
        sentences.append(
            f"{person.full_name}'s role{'s' if many else ''} as {and_list([_as(r) for r in group])} "
            f"end{'' if many else 's'} on {format_date(day)} {with_term}."
        )
    for role in roles:
        if role.withdrawn:
            sentences.append(
                f"{person.full_name}'s role as {_as(role)}, from {format_date(role.starts_on)}, "
                "is withdrawn: with no term on any of its days it would never count."
            )
    return " ".join(sentences)
