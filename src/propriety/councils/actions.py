"""Writes to councils and their bodies. Each runs in one audited transaction."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.councils.locking import locks_row
from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.people.models import Person

NamedT = TypeVar("NamedT", Committee, Ward, PartyGroup)


def do_create_council(
    *,
    name: str,
    slug: str,
    kind: str,
    nation: str,
    rulebook: str,
    principal_council_name: str = "",
    acting_user: Person | None,
) -> Council:
    """Register a council. Its rulebook must exist in rulebooks/ (once any do)."""
    with recording(council=None, actor=acting_user, action="council.created") as rec:
        council = Council(
            name=name,
            slug=slug,
            kind=kind,
            nation=nation,
            rulebook=rulebook,
            principal_council_name=principal_council_name,
        )
        council.full_clean()
        council.save()
        rec.council = council
        rec.obj = council
        rec.details = {"rulebook": rulebook, "kind": kind, "nation": nation}
    return council


@locks_row
def do_change_council_rulebook(
    council: Council, *, rulebook: str, acting_user: Person | None
) -> Council:
    """Point the council at another rulebook (e.g. after adopting a new protocol)."""
    with recording(
        council=council, actor=acting_user, action="council.rulebook_changed", obj=council
    ) as rec:
        rec.details = {"from": council.rulebook, "to": rulebook}
        council.rulebook = rulebook
        council.full_clean()
        council.save(update_fields=["rulebook", "updated_at"])
    return council


@locks_row
def do_set_two_factor_requirement(
    council: Council, *, required: bool, acting_user: Person | None
) -> Council:
    """Require (or stop requiring) two-factor sign-in for the council's Clerk and MO."""
    if council.require_two_factor == required:
        state = "already requires" if required else "already does not require"
        raise ValidationError({"required": f"{council.name} {state} two-factor sign-in."})
    with recording(
        council=council, actor=acting_user, action="council.two_factor_changed", obj=council
    ) as rec:
        rec.details = {"required": required}
        council.require_two_factor = required
        council.save(update_fields=["require_two_factor", "updated_at"])
    return council


def _create_named(
    model: type[NamedT], council: Council, name: str, action: str, acting_user: Person | None
) -> NamedT:
    """Create a committee, ward or party group: one audited row with a name."""
    with recording(council=council, actor=acting_user, action=action) as rec:
        row = model(council=council, name=name)
        row.full_clean()
        row.save()
        rec.obj = row
    return row


def do_create_committee(council: Council, *, name: str, acting_user: Person | None) -> Committee:
    return _create_named(Committee, council, name, "committee.created", acting_user)


def do_create_ward(council: Council, *, name: str, acting_user: Person | None) -> Ward:
    return _create_named(Ward, council, name, "ward.created", acting_user)


def do_create_party_group(council: Council, *, name: str, acting_user: Person | None) -> PartyGroup:
    return _create_named(PartyGroup, council, name, "party_group.created", acting_user)
