"""Writes to councils and their bodies. Each runs in one audited transaction."""

from __future__ import annotations

import datetime
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locked, locks_row
from propriety.councils.models import Committee, Council, PartyGroup, RulebookAdoption, Ward
from propriety.councils.tenancy import system_reads
from propriety.people.models import Person
from propriety.protocol import concrete_rulebook_names, format_date

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


def _require_clerk(acting_user: Person | None) -> None:
    """Set-up changes are the Clerk's (system work, with no acting user, is the command line's)."""
    from propriety.councils.access import can_set_up

    if acting_user is not None and not can_set_up(acting_user):
        raise PermissionDenied("Only the Clerk sets up the council.")


def do_change_council_details(
    council: Council,
    *,
    name: str,
    nation: str,
    principal_council_name: str,
    monitoring_officer: Person | None,
    acknowledge_working_days: int | None,
    respond_working_days: int | None,
    follow_up_working_days: int,
    acting_user: Person | None,
) -> Council:
    """Change the council's name, nation, principal council, Monitoring Officer and clocks.

    Blank acknowledge / respond days mean the rulebook's own. The Monitoring
    Officer must be a person of this council holding the Monitoring Officer role.
    """
    from propriety.people.holders import has_role
    from propriety.people.roles import Role

    _require_clerk(acting_user)
    fields = [
        "name",
        "nation",
        "principal_council_name",
        "monitoring_officer",
        "acknowledge_working_days",
        "respond_working_days",
        "follow_up_working_days",
    ]
    with locked(council):
        if monitoring_officer is not None and (
            monitoring_officer.council_id != council.pk
            or not has_role(monitoring_officer, frozenset({Role.MONITORING_OFFICER}))
        ):
            raise ValidationError(
                {
                    "monitoring_officer": "Choose a person who holds the Monitoring Officer "
                    "role at this council (add them under People first)."
                }
            )
        before = {f: _plain(getattr(council, f)) for f in fields}
        council.name = name.strip()
        council.nation = nation
        council.principal_council_name = principal_council_name.strip()
        council.monitoring_officer = monitoring_officer
        council.acknowledge_working_days = acknowledge_working_days
        council.respond_working_days = respond_working_days
        council.follow_up_working_days = follow_up_working_days
        after = {f: _plain(getattr(council, f)) for f in fields}
        changed = [f for f in fields if before[f] != after[f]]
        if not changed:
            return council
        with recording(
            council=council, actor=acting_user, action="council.details_changed", obj=council
        ) as rec:
            with system_reads():
                council.full_clean(exclude=["slug", "kind", "rulebook"])
            council.save(update_fields=[*changed, "updated_at"])
            rec.details = {
                "says": "Changed the council's " + ", ".join(f.replace("_", " ") for f in changed),
                "from": {f: before[f] for f in changed},
                "to": {f: after[f] for f in changed},
            }
    return council


def _plain(value: object) -> object:
    """A field's value as an audit event stores it (a person by id)."""
    return getattr(value, "pk", value)


def do_change_council_rulebook(
    council: Council,
    *,
    rulebook: str,
    reasons: str = "",
    today: datetime.date | None = None,
    acting_user: Person | None,
) -> Council:
    """Adopt another rulebook from today (e.g. after the council adopted a new protocol).

    The change is versioned: the history keeps the rulebook id and version in
    force from each day, so what was in force on any date stays known
    (``councils.rulebooks.in_force_on``).
    """
    from propriety.councils.rulebooks import version_of

    _require_clerk(acting_user)
    day = today or timezone.localdate()
    if rulebook not in concrete_rulebook_names():
        raise ValidationError(
            {
                "rulebook": f"There is no rulebook {rulebook!r} in the library. Choose one of: "
                f"{', '.join(concrete_rulebook_names())}."
            }
        )
    with locked(council):
        if rulebook == council.rulebook:
            raise ValidationError(
                {"rulebook": f"The council already follows {rulebook}: choose another rulebook."}
            )
        version = version_of(rulebook)
        with recording(
            council=council,
            actor=acting_user,
            action="council.rulebook_changed",
            obj=council,
            rulebook=rulebook,
            rulebook_version=version,
        ) as rec:
            adoptions = RulebookAdoption.objects.for_council(council)
            if not adoptions.exists():
                # The first change: record the rulebook followed until now, from the start.
                RulebookAdoption(
                    council=council,
                    rulebook=council.rulebook,
                    version=version_of(council.rulebook),
                    in_force_from=timezone.localtime(council.created_at).date(),
                ).save()
            RulebookAdoption(
                council=council,
                rulebook=rulebook,
                version=version,
                in_force_from=day,
                reasons=reasons.strip(),
                recorded_by=acting_user,
            ).save()
            rec.details = {
                "says": f"Adopted rulebook {rulebook} ({version or 'version not stated'}) "
                f"in place of {council.rulebook}, in force from {format_date(day)}.",
                "from": council.rulebook,
                "to": rulebook,
                "version": version,
                "in_force_from": day.isoformat(),
                "reasons": reasons.strip(),
            }
            council.rulebook = rulebook
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
        _refuse_a_name_in_other_capitals(model, council, name)
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


BODY_WORDS = {Committee: "committee", Ward: "ward", PartyGroup: "party group"}


def _refuse_a_name_in_other_capitals(
    model: type[NamedT], council: Council, name: str, *, body: NamedT | None = None
) -> None:
    """Two bodies of a kind whose names differ only in capitals ("Planning Committee",
    "planning committee") could not be told apart in any list: the second is refused. (The
    database's unique name is exact; the same name exactly is its error.)"""
    same = model.objects.for_council(council).filter(name__iexact=name).exclude(name=name)
    if body is not None:
        same = same.exclude(pk=body.pk)
    clash = same.first()
    if clash is not None:
        raise ValidationError(
            {"name": f"The council already has a {BODY_WORDS[model]} called {clash.name}."}
        )


def do_rename_body(body: NamedT, *, name: str, acting_user: Person | None) -> NamedT:
    """Rename a committee, ward or party group (its memberships and documents follow it)."""
    _require_clerk(acting_user)
    word = BODY_WORDS[type(body)]
    with locked(body):
        before = body.name
        body.name = name.strip()
        if body.name == before:
            return body
        _refuse_a_name_in_other_capitals(type(body), body.council, body.name, body=body)
        with recording(
            council=body.council,
            actor=acting_user,
            action=f"{_action_noun(body)}.renamed",
            obj=body,
        ) as rec:
            body.full_clean()
            body.save(update_fields=["name"])
            rec.details = {"says": f"Renamed the {word} {before} to {body.name}.", "from": before}
    return body


def do_close_body(body: NamedT, *, closed_on: datetime.date, acting_user: Person | None) -> NamedT:
    """Close a committee, ward or party group on ``closed_on``, its last day (today or
    earlier: a body is closed from the moment it is recorded).

    Memberships still running after that day end on it, each with its own
    audit event, in the same transaction.
    """
    from propriety.people.actions import do_end_role

    _require_clerk(acting_user)
    word = BODY_WORDS[type(body)]
    if closed_on > timezone.localdate():
        # Closed is closed at once, everywhere (pickers, status, the governance committee).
        raise ValidationError(
            {"closed_on": "Close it on its last day or later: that day has not come yet."}
        )
    with locked(body):
        if body.closed_on is not None:
            raise ValidationError({"closed_on": f"The {word} was already closed."})
        with recording(
            council=body.council, actor=acting_user, action=f"{_action_noun(body)}.closed", obj=body
        ) as rec:
            body.closed_on = closed_on
            body.save(update_fields=["closed_on"])
            ended = 0
            for membership in body.memberships.all():
                if membership.starts_on > closed_on:
                    continue
                if membership.ends_on is None or membership.ends_on > closed_on:
                    do_end_role(membership, ends_on=closed_on, acting_user=acting_user)
                    ended += 1
            rec.details = {
                "says": f"Closed the {word} {body.name} after {format_date(closed_on)}; "
                f"{ended} membership{'s' if ended != 1 else ''} ended with it.",
                "closed_on": closed_on.isoformat(),
                "memberships_ended": ended,
            }
    return body


def _action_noun(body: Committee | Ward | PartyGroup) -> str:
    return BODY_WORDS[type(body)].replace(" ", "_")


def do_set_governance_committee(
    council: Council, *, committee: Committee | None, acting_user: Person | None
) -> Council:
    """Name the council's governance committee (or none).

    Its current members may read the governance report and the oversight pages
    (the audit trail, redacted; checkpoints; the log's verification). The Clerk
    chooses it; the committee must be one of this council's and still open.
    """
    _require_clerk(acting_user)
    with locked(council):
        if committee is not None and (
            committee.council_id != council.pk or committee.closed_on is not None
        ):
            raise ValidationError(
                {
                    "committee": "Choose an open committee of this council as its governance committee."
                }
            )
        before = council.governance_committee
        if (before.pk if before else None) == (committee.pk if committee else None):
            return council
        with recording(
            council=council,
            actor=acting_user,
            action="council.governance_committee_set",
            obj=council,
        ) as rec:
            council.governance_committee = committee
            council.save(update_fields=["governance_committee", "updated_at"])
            says = (
                f"Named {committee.name} the council's governance committee: its members may "
                "read the governance report and the oversight pages."
                if committee is not None
                else f"{before.name if before else 'No committee'} is no longer the council's "
                "governance committee."
            )
            rec.details = {
                "says": says,
                "from": before.pk if before else None,
                "to": committee.pk if committee else None,
            }
    return council
