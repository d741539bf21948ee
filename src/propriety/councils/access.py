"""Reads of a council's bodies on behalf of a person.

Missing and belonging-to-another-council look the same (404), so nobody can
probe another council's ids.
"""

from __future__ import annotations

from django.http import Http404

from propriety.councils.models import Committee, PartyGroup, Ward
from propriety.people.holders import is_casework_manager
from propriety.people.models import Person


def can_set_up(person: Person) -> bool:
    """The Clerk (the casework manager: Proper Officer, or a principal council's Chief
    Executive) sets up the council: its details, rulebook, people and bodies."""
    return is_casework_manager(person)


def access_committee_by_id(person: Person, committee_id: int) -> Committee:
    committee: Committee | None = (
        Committee.objects.for_council(person.council).filter(pk=committee_id).first()
    )
    if committee is None:
        raise Http404("No such committee.")
    return committee


def access_ward_by_id(person: Person, ward_id: int) -> Ward:
    ward: Ward | None = Ward.objects.for_council(person.council).filter(pk=ward_id).first()
    if ward is None:
        raise Http404("No such ward.")
    return ward


def access_party_group_by_id(person: Person, party_group_id: int) -> PartyGroup:
    group: PartyGroup | None = (
        PartyGroup.objects.for_council(person.council).filter(pk=party_group_id).first()
    )
    if group is None:
        raise Http404("No such party group.")
    return group
