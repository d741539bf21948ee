"""Who holds a rulebook's role in a council today.

Rulebooks name roles in their own words (``proper_officer``, ``service_manager``,
``monitoring_officer``, ``audit_and_standards_committee``...). This table says
which people's roles answer for each, in order of preference: the first role
with a current holder wins. A body (a committee, the full council) is answered
for by the officer who records its decision. It is the same for every council;
what differs between councils is which rulebook role their protocol names.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from propriety.councils.models import Council
from propriety.people.models import Person, RoleAssignment
from propriety.people.roles import COMMITTEE_ROLES, Role
from propriety.web.prepared import DATE, INT, Prepared

ROLE_HOLDERS: dict[str, tuple[str, ...]] = {
    "proper_officer": (Role.PROPER_OFFICER, Role.CHIEF_EXECUTIVE),
    "chief_executive": (Role.CHIEF_EXECUTIVE, Role.PROPER_OFFICER),
    "deputy_clerk": (Role.DEPUTY_CLERK,),
    "chief_officer": (Role.CHIEF_OFFICER,),
    "service_manager": (Role.LINE_MANAGER, Role.CHIEF_OFFICER),
    "line_manager": (Role.LINE_MANAGER,),
    "head_of_communications": (Role.HEAD_OF_COMMUNICATIONS,),
    "monitoring_officer": (Role.MONITORING_OFFICER,),
    # Bodies: the officer who takes the matter to them and records their decision.
    "audit_and_standards_committee": (Role.MONITORING_OFFICER,),
    "council": (Role.PROPER_OFFICER, Role.CHIEF_EXECUTIVE),
    "personnel_committee": (Role.PERSONNEL_COMMITTEE_MEMBER,),
    "council_chair": (Role.COUNCIL_CHAIR,),
    "committee_chair": (Role.COMMITTEE_CHAIR,),
    "mayor": (Role.MAYOR,),
    "leader": (Role.LEADER,),
    "party_group_leader": (Role.PARTY_GROUP_LEADER,),
    "minority_group_leaders": (Role.PARTY_GROUP_LEADER,),
    # Procedures: the Clerk takes the matter into them and records what happens.
    "informal_resolution": (Role.PROPER_OFFICER, Role.CHIEF_EXECUTIVE),
    "grievance_procedure": (Role.PROPER_OFFICER, Role.CHIEF_EXECUTIVE),
    "disciplinary_procedure": (Role.PROPER_OFFICER, Role.CHIEF_EXECUTIVE),
    "independent_advice": (Role.PROPER_OFFICER, Role.CHIEF_EXECUTIVE),
}

# The people who run casework for the whole council: they see every case and
# triage, prioritise and allocate. The Clerk in a town or parish council; the
# Chief Executive (the Proper Officer) in a principal council.
CASEWORK_MANAGERS = frozenset({Role.PROPER_OFFICER, Role.CHIEF_EXECUTIVE})

OFFICER_ROLES = frozenset(
    {
        Role.PROPER_OFFICER,
        Role.DEPUTY_CLERK,
        Role.CHIEF_EXECUTIVE,
        Role.CHIEF_OFFICER,
        Role.LINE_MANAGER,
        Role.STAFF,
        Role.HEAD_OF_COMMUNICATIONS,
    }
)


def _current(day: datetime.date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def holders_of(council: Council, role_key: str, day: datetime.date | None = None) -> list[Person]:
    """The people who answer for ``role_key`` in ``council`` on ``day``."""
    day = day or timezone.localdate()
    chosen = _chosen_holder(council, role_key, day)
    if chosen is not None:
        return [chosen]
    for role in ROLE_HOLDERS.get(role_key, ()):
        assignments = (
            RoleAssignment.objects.for_council(council)
            .filter(_current(day), role=role, person__is_active=True)
            .select_related("person")
        )
        people = {a.person for a in assignments}
        # Member roles count only during a term: roles_on() knows that.
        held = sorted(
            (p for p in people if any(r.role == role for r in p.roles_on(day))),
            key=lambda p: (p.full_name, p.pk),
        )
        if held:
            return held
    return []


def _chosen_holder(council: Council, role_key: str, day: datetime.date) -> Person | None:
    """The Monitoring Officer the Clerk named in the council's details, while they hold the role."""
    if role_key != "monitoring_officer" or council.monitoring_officer_id is None:
        return None
    person = council.monitoring_officer
    if person is None or not person.is_active:
        return None
    if any(r.role == Role.MONITORING_OFFICER for r in person.roles_on(day)):
        return person
    return None


def holds(person: Person, role_key: str, day: datetime.date | None = None) -> bool:
    return any(p.pk == person.pk for p in holders_of(person.council, role_key, day))


def has_role(person: Person, roles: frozenset[str], day: datetime.date | None = None) -> bool:
    return any(r.role in roles for r in person.roles_on(day))


def is_casework_manager(person: Person, day: datetime.date | None = None) -> bool:
    return has_role(person, CASEWORK_MANAGERS, day)


def is_governance_committee_member(person: Person, day: datetime.date | None = None) -> bool:
    """A current member (chair, vice-chair, member) of the council's governance committee.

    The Clerk names that committee in set-up (``Council.governance_committee``);
    member roles count only during a term (``roles_on``), and a closed committee
    has no members.
    """
    day = day or timezone.localdate()
    committee = person.council.governance_committee
    if committee is None or (committee.closed_on is not None and committee.closed_on < day):
        return False
    return any(
        r.role in COMMITTEE_ROLES and r.committee_id == committee.pk for r in person.roles_on(day)
    )


def is_officer(person: Person, day: datetime.date | None = None) -> bool:
    return has_role(person, OFFICER_ROLES, day)


def officers_of(council: Council, day: datetime.date | None = None) -> list[Person]:
    """Everyone in ``council`` holding an officer's role today (whom work can go to)."""
    day = day or timezone.localdate()
    assignments = (
        RoleAssignment.objects.for_council(council)
        .filter(_current(day), role__in=OFFICER_ROLES, person__is_active=True)
        .select_related("person")
    )
    return sorted({a.person for a in assignments}, key=lambda p: (p.full_name, p.pk))


def _officers_roles(shape: None, *, council: int, day: datetime.date) -> QuerySet[RoleAssignment]:
    """Every role of everyone holding an officer's role in ``council`` on ``day``."""
    scoped = RoleAssignment.objects.for_council(Council(pk=council))
    officers = scoped.filter(_current(day), role__in=OFFICER_ROLES, person__is_active=True)
    return (
        scoped.filter(person__in=officers.values("person"))
        .select_related("person", "committee", "ward", "party_group")
        .order_by("pk")
    )


# Prepared (web/prepared.py): the Clerk's list and every case page ask this on each
# request, and building its SQL cost forty times running it.
_OFFICERS_ROLES = Prepared(_officers_roles, council=INT, day=DATE)


def officers_with_roles(council: Council, day: datetime.date | None = None) -> list[Person]:
    """``officers_of``, each with every role they hold kept for ``roles_on(day)``, in one
    query: for pages that name each officer with their post."""
    day = day or timezone.localdate()
    key = Person.roles_key(day)
    assignments: list[RoleAssignment] = _OFFICERS_ROLES.objects(None, council=council.pk, day=day)
    people = {a.person_id: a.person for a in assignments}
    for a in assignments:
        a.person = people[a.person_id]  # one instance per person, holding all their roles
    Person.keep_roles(people.values(), assignments, day, key)
    return sorted(people.values(), key=lambda p: (p.full_name, p.pk))


def rulebook_roles_held(person: Person, day: datetime.date | None = None) -> set[str]:
    """The rulebook roles (keys of ROLE_HOLDERS) that ``person`` answers for today."""
    return {key for key in ROLE_HOLDERS if holds(person, key, day)}
