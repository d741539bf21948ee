"""Every write to the register and the panels: one transaction, one audit event with the
clauses of the rulebook's relationship.conflict answer (or, where the protocol does not
answer it, its scope clauses)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from propriety.audit.recording import recording
from propriety.councils.locking import locked
from propriety.councils.models import Council
from propriety.councils.protocol import role_title, stored_clauses
from propriety.interests import access, checks, notify
from propriety.interests.models import NATURES, Declaration, Panel, PanelSeat
from propriety.people.holders import holders_of, is_officer
from propriety.people.models import Person
from propriety.protocol import format_date


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _of_council(council: Council, person: Person | None) -> bool:
    return person is not None and person.council_id == council.pk


def _registrars(council: Council, day: datetime.date) -> list[Person]:
    return holders_of(council, "proper_officer", day) + holders_of(
        council, "monitoring_officer", day
    )


def do_declare_relationship(
    *,
    nature: str,
    related_person: Person | None = None,
    related_name: str = "",
    details: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Declaration:
    """A member or officer declares a close personal relationship or an interest of their
    own (acses-town §4.3–§4.4): the rulebook says what follows for decisions about it."""
    day = _today(today)
    council = acting_user.council
    if not access.may_declare(acting_user, day):
        raise PermissionDenied("Only members and officers of the council declare relationships.")
    starts_on = starts_on or day
    related_name = related_name.strip()
    errors: dict[str, str] = {}
    if related_person is not None and related_name:
        errors["related_name"] = "Name a person of the council or an outsider, not both."
    elif related_person is None and not related_name:
        errors["related_person"] = "Say whom the relationship or interest is with."
    elif related_person is not None and not _of_council(council, related_person):
        errors["related_person"] = "Choose a person of the council."
    elif related_person is not None and related_person.pk == acting_user.pk:
        errors["related_person"] = "Choose someone other than yourself."
    if len(related_name) > 200:
        errors["related_name"] = "The name must be 200 characters or fewer."
    if nature not in NATURES:
        errors["nature"] = "Choose what kind of relationship or interest it is."
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The last day must be on or after the first day."
    if errors:
        raise ValidationError(errors)
    declaration = Declaration(
        council=council,
        declarer=acting_user,
        related_person=related_person,
        related_name=related_name,
        nature=nature,
        details=details.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        declared_on=day,
    )
    answer = checks.ask(council, context="decision", relationship=declaration.relationship, day=day)
    declaration.decision = answer
    declaration.rulebook_version = str(answer.get("rulebook_version", ""))
    with recording(
        council=council,
        actor=acting_user,
        action="interests.declared",
        citations=stored_clauses(answer),
        rulebook_version=declaration.rulebook_version,
    ) as rec:
        declaration.full_clean()
        declaration.save()
        rec.obj = declaration
        # The event says that a declaration was made, not what it says: the audit log is
        # read more widely than the register.
        rec.details = {
            "says": f"{acting_user.full_name} declared a relationship or interest "
            f"({declaration.reference}) from {format_date(starts_on)}.",
        }
    notify.send(
        [p for p in _registrars(council, day) if p.pk != acting_user.pk],
        f"A declaration for the register: {declaration.reference}",
        f"{acting_user.full_name} has made a declaration for the register of relationships "
        f"and interests. Read it at {notify.link(f'/interests/{declaration.pk}/')}",
    )
    return declaration


def do_end_declaration(
    declaration: Declaration,
    *,
    ends_on: datetime.date | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Declaration:
    """The declarer (or the Clerk) records that the relationship or interest has ended."""
    day = _today(today)
    ends_on = ends_on or day
    with locked(declaration):
        if not access.can_end_declaration(acting_user, declaration, day):
            if declaration.declarer_id == acting_user.pk or access.is_clerk(acting_user, day):
                raise ValidationError({"__all__": "This declaration has already ended."})
            raise PermissionDenied("Only the declarer or the Clerk ends a declaration.")
        if declaration.ends_on == ends_on:  # two people ending it at once: the second is told
            raise ValidationError(
                {"__all__": f"This declaration already ends on {format_date(ends_on)}."}
            )
        if ends_on < declaration.starts_on:
            raise ValidationError(
                {"ends_on": "The last day must be on or after the day it started."}
            )
        declaration.ends_on = ends_on
        with recording(
            council=declaration.council,
            actor=acting_user,
            action="interests.declaration_ended",
            obj=declaration,
            citations=stored_clauses(declaration.decision),
            details={
                "says": f"{acting_user.full_name} recorded that {declaration.reference} "
                f"ended on {format_date(ends_on)}.",
                "ends_on": ends_on.isoformat(),
            },
        ):
            declaration.save(update_fields=["ends_on"])
    return declaration


def do_form_panel(
    council: Council,
    *,
    kind: str,
    title: str,
    subject: Person | None = None,
    candidates: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> Panel:
    """The Clerk records a panel: an appointment (with its candidates) or a pay,
    discipline or grievance panel about an officer."""
    day = _today(today)
    if not access.can_manage_panels(acting_user, day) or acting_user.council_id != council.pk:
        raise PermissionDenied("Only the Clerk forms panels.")
    errors: dict[str, str] = {}
    if kind not in Panel.Kind.values:
        errors["kind"] = "Choose what the panel decides."
    if not title.strip():
        errors["title"] = "Give the panel a title."
    elif len(title.strip()) > 200:
        errors["title"] = "The title must be 200 characters or fewer."
    if subject is not None and (not _of_council(council, subject) or not is_officer(subject, day)):
        errors["subject"] = "Choose an officer of the council."
    if kind == Panel.Kind.APPOINTMENT and not candidates.strip():
        errors["candidates"] = "Name the candidates, one a line."
    if kind in (Panel.Kind.PAY, Panel.Kind.DISCIPLINE) and subject is None:
        errors["subject"] = "Choose the officer the panel is about."
    if errors:
        raise ValidationError(errors)
    panel = Panel(
        council=council,
        kind=kind,
        title=title.strip(),
        subject=subject,
        candidates=candidates.strip(),
        formed_on=day,
        formed_by=acting_user,
    )
    with recording(council=council, actor=acting_user, action="interests.panel_formed") as rec:
        panel.full_clean()
        panel.save()
        rec.obj = panel
        rec.details = {
            "says": f"{acting_user.full_name} formed the {panel.get_kind_display().lower()} "
            f"panel “{panel.title}” ({panel.reference})."
        }
    return panel


def _refer_message(panel: Panel, answer: dict[str, Any]) -> str:
    who = (answer.get("refer_to") or {}).get("title") or role_title(panel.council, "proper_officer")
    clauses = ", ".join(c["clause"] for c in answer.get("citations", []))
    return (
        f"The protocol leaves this seat to {who} ({clauses}): record the decision and the reasons."
    )


def do_seat_panel_member(
    panel: Panel,
    *,
    member: Person,
    canvassing: bool = False,
    information_advantage: bool = False,
    clerk_decision: str = "",
    reasons: str = "",
    today: datetime.date | None = None,
    acting_user: Person,
) -> PanelSeat:
    """The Clerk considers a member for a seat. The register and the rulebook's
    relationship.conflict decide: refused (citing the clause), seated, or, where the
    protocol leaves it to the Clerk, as the Clerk decides with reasons."""
    day = _today(today)
    with locked(panel):
        if not access.can_manage_panels(acting_user, day):
            raise PermissionDenied("Only the Clerk seats the members of a panel.")
        if panel.status != Panel.Status.OPEN:
            raise ValidationError({"__all__": "This panel is closed."})
        if not _of_council(panel.council, member) or not member.is_councillor_on(day):
            raise ValidationError({"member": "Choose a serving member of the council."})
        seats = PanelSeat.objects.for_council(panel.council).filter(panel=panel, member=member)
        if seats.exists():
            raise ValidationError({"member": f"{member.full_name} has already been considered."})
        answer, found = checks.for_panel_seat(
            panel,
            member,
            canvassing=canvassing,
            information_advantage=information_advantage,
            day=day,
        )
        outcome = answer.get("outcome")
        if outcome == "refer":
            if clerk_decision not in ("seat", "refuse") or not reasons.strip():
                raise ValidationError({"clerk_decision": _refer_message(panel, answer)})
            status = (
                PanelSeat.Status.SEATED if clerk_decision == "seat" else PanelSeat.Status.REFUSED
            )
        elif outcome == "refuse":
            status = PanelSeat.Status.REFUSED
        else:
            status = PanelSeat.Status.SEATED
        seat = PanelSeat(
            council=panel.council,
            panel=panel,
            member=member,
            status=status,
            canvassing=canvassing,
            information_advantage=information_advantage,
            declarations=[d.pk for d in found],
            decision=answer,
            reasons=reasons.strip() if outcome == "refer" else "",
            considered_on=day,
            considered_by=acting_user,
        )
        if status == PanelSeat.Status.SEATED:
            says = f"{member.full_name} was seated on {panel.reference}"
        else:
            says = f"{member.full_name} was refused a seat on {panel.reference}"
        says += (
            f": {answer.get('explanation', '')}"
            if outcome != "refer"
            else f" by {acting_user.full_name}, to whom the protocol left it: {seat.reasons}"
        )
        with recording(
            council=panel.council,
            actor=acting_user,
            action="interests.seat_considered",
            obj=panel,
            citations=stored_clauses(answer),
            rulebook_version=str(answer.get("rulebook_version", "")),
            details={"says": says, "member": member.pk, "status": status, "outcome": outcome},
        ):
            seat.full_clean()
            seat.save()
    notify.send(
        [member],
        f"{panel.title}: {seat.get_status_display().lower()}",
        f"{says}\n\n{notify.link(f'/interests/panels/{panel.pk}/')}",
    )
    return seat


def do_close_panel(
    panel: Panel,
    *,
    outcome: str,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Panel:
    """The Clerk closes a panel, recording what it decided."""
    day = _today(today)
    with locked(panel):
        if not access.can_manage_panels(acting_user, day):
            raise PermissionDenied("Only the Clerk closes a panel.")
        if panel.status != Panel.Status.OPEN:
            raise ValidationError({"__all__": "This panel is already closed."})
        if not outcome.strip():
            raise ValidationError({"outcome": "Say what the panel decided."})
        panel.status = Panel.Status.CLOSED
        panel.closed_on = day
        panel.outcome = outcome.strip()
        with recording(
            council=panel.council,
            actor=acting_user,
            action="interests.panel_closed",
            obj=panel,
            details={"says": f"{acting_user.full_name} closed {panel.reference}: {panel.outcome}"},
        ):
            panel.save(update_fields=["status", "closed_on", "outcome"])
    return panel
