"""Writes to councils and their bodies. Each runs in one audited transaction."""

from __future__ import annotations

from propriety.audit.recording import recording
from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.people.models import Person


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


def do_create_committee(council: Council, *, name: str, acting_user: Person | None) -> Committee:
    with recording(council=council, actor=acting_user, action="committee.created") as rec:
        committee = Committee(council=council, name=name)
        committee.full_clean()
        committee.save()
        rec.obj = committee
    return committee


def do_create_ward(council: Council, *, name: str, acting_user: Person | None) -> Ward:
    with recording(council=council, actor=acting_user, action="ward.created") as rec:
        ward = Ward(council=council, name=name)
        ward.full_clean()
        ward.save()
        rec.obj = ward
    return ward


def do_create_party_group(council: Council, *, name: str, acting_user: Person | None) -> PartyGroup:
    with recording(council=council, actor=acting_user, action="party_group.created") as rec:
        group = PartyGroup(council=council, name=name)
        group.full_clean()
        group.save()
        rec.obj = group
    return group
