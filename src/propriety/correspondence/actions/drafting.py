"""Drafting, uploading, editing and checking a letter, and applying the footer fix."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError

from propriety.audit.recording import recording
from propriety.correspondence import access
from propriety.correspondence.actions.checking import (
    _check,
    _check_errors,
    _clauses,
    _flags,
    _require,
    _save_recipients,
    _store_check,
    _today,
    _validated,
    _verdict,
    addressee_for,
    addressees_of,
)
from propriety.correspondence.check import (
    QUESTION,
    Addressee,
    can_be_party,
    default_capacity,
    handles_correspondence,
    with_footer,
)
from propriety.correspondence.eml import ParsedEmail
from propriety.correspondence.models import (
    Correspondence,
)
from propriety.councils.declared import check_answers
from propriety.councils.locking import locks_row
from propriety.people.models import Person


def do_draft_correspondence(
    drafter: Person,
    *,
    subject: str,
    body: str,
    recipients: Iterable[Addressee],
    sender: Person | None = None,
    signatory: Person | None = None,
    signatory_capacity: str = "",
    flags: Mapping[str, bool] | None = None,
    declared: Mapping[str, Any] | None = None,
    source: str = Correspondence.Source.TYPED,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Correspondence:
    """A councillor or officer enters a draft; the rulebook checks it at once.

    ``declared`` answers the facts the council's rulebook declares for the check."""
    day = _today(today)
    _require(acting_user.pk == drafter.pk, "People enter their own drafts.")
    _require(access.can_draft(drafter, day), "Only a councillor or an officer drafts here.")
    sender = sender or drafter
    signatory = signatory or sender
    capacity = signatory_capacity or default_capacity(signatory, day)
    _check_errors(drafter, sender, signatory, capacity, subject, body, day)
    addressees = _validated(drafter.council, recipients, day)
    letter = Correspondence(
        council=drafter.council,
        drafted_by=drafter,
        sender=sender,
        signatory=signatory,
        signatory_capacity=capacity,
        subject=subject.strip(),
        body=body.strip(),
        source=source,
        declared_facts=check_answers(drafter.council, QUESTION, declared),
        **_flags(flags),
    )
    result = _check(letter, addressees, day)
    _store_check(letter, result, day)
    with recording(
        council=drafter.council,
        actor=acting_user,
        action="correspondence.drafted",
        citations=_clauses(result),
        rulebook_version=result.decision.rulebook_version,
    ) as rec:
        letter.full_clean()
        letter.save()
        _save_recipients(letter, addressees)
        rec.obj = letter
        how = "uploaded the email" if source == Correspondence.Source.EML else "entered the draft"
        rec.details = {
            "says": f"{drafter.display_name(day)} {how}, from {sender.full_name}. "
            + _verdict(result),
            "outcome": result.outcome,
            "problems": [p["id"] for p in result.problems],
        }
    return letter


def addressees_from_email(
    parsed: ParsedEmail, council: Any, day: datetime.date
) -> tuple[Person | None, list[Addressee]]:
    """Match an email's addresses to the council's people; others are outside parties."""
    emails = {a.email for a in (parsed.sender, *parsed.to, *parsed.cc, *parsed.bcc)}
    people = {
        p.email.lower(): p
        for p in Person.objects.for_council(council).filter(email__in=emails, is_active=True)
    }
    addressees = []
    for line, found in (("to", parsed.to), ("cc", parsed.cc), ("bcc", parsed.bcc)):
        for a in found:
            person = people.get(a.email)
            if person is not None and can_be_party(person, day):
                addressees.append(addressee_for(person, line, day))
            else:
                addressees.append(Addressee(line, a.name, "other", a.email, None))
    return people.get(parsed.sender.email), addressees


def do_upload_correspondence(
    drafter: Person,
    parsed: ParsedEmail,
    *,
    signatory_capacity: str = "",
    flags: Mapping[str, bool] | None = None,
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Correspondence:
    """A draft from a parsed ``.eml``: its From must be a person of the council."""
    day = _today(today)
    sender, addressees = addressees_from_email(parsed, drafter.council, day)
    if sender is None:
        raise ValidationError(
            {
                "eml": f"The email is from {parsed.sender.email}, who is not a councillor or "
                "officer of this council. Only correspondence from the council's own people "
                "is checked here."
            }
        )
    return do_draft_correspondence(
        drafter,
        subject=parsed.subject,
        body=parsed.body,
        recipients=addressees,
        sender=sender,
        signatory=sender,
        signatory_capacity=signatory_capacity,
        flags=flags,
        declared=declared,
        source=Correspondence.Source.EML,
        today=day,
        acting_user=acting_user,
    )


@locks_row
def do_edit_correspondence(
    letter: Correspondence,
    *,
    subject: str,
    body: str,
    recipients: Iterable[Addressee],
    signatory: Person | None = None,
    signatory_capacity: str = "",
    flags: Mapping[str, bool] | None = None,
    declared: Mapping[str, Any] | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Correspondence:
    """The writer changes the draft; it is checked again (``declared``: new answers to the
    council's declared facts; None keeps those given before)."""
    day = _today(today)
    _require(access.can_edit(acting_user, letter), "Only its writer can change a draft.")
    signatory = signatory or letter.signatory
    capacity = signatory_capacity or default_capacity(signatory, day)
    _check_errors(letter.drafted_by, letter.sender, signatory, capacity, subject, body, day)
    addressees = _validated(letter.council, recipients, day)
    letter.signatory = signatory
    letter.signatory_capacity = capacity
    letter.subject = subject.strip()
    letter.body = body.strip()
    if declared is not None:
        letter.declared_facts = check_answers(letter.council, QUESTION, declared)
    for name, value in _flags(flags).items():
        setattr(letter, name, value)
    result = _check(letter, addressees, day)
    _store_check(letter, result, day)
    with recording(
        council=letter.council,
        actor=acting_user,
        action="correspondence.edited",
        obj=letter,
        citations=_clauses(result),
        rulebook_version=result.decision.rulebook_version,
        details={
            "says": f"{acting_user.display_name(day)} changed the draft. " + _verdict(result),
            "outcome": result.outcome,
            "problems": [p["id"] for p in result.problems],
        },
    ):
        letter.full_clean()
        letter.save()
        letter.recipients.all().delete()
        _save_recipients(letter, addressees)
    return letter


@locks_row
def do_check_correspondence(
    letter: Correspondence, *, today: datetime.date | None = None, acting_user: Person
) -> Correspondence:
    """Check the draft again (the rulebook, or the day, may have changed)."""
    day = _today(today)
    _require(access.can_check(acting_user, letter, day), "Only its writer or the Clerk checks it.")
    result = _check(letter, addressees_of(letter), day)
    _store_check(letter, result, day)
    with recording(
        council=letter.council,
        actor=acting_user,
        action="correspondence.checked",
        obj=letter,
        citations=_clauses(result),
        rulebook_version=result.decision.rulebook_version,
        details={
            "says": f"{acting_user.display_name(day)} checked it again. " + _verdict(result),
            "outcome": result.outcome,
            "problems": [p["id"] for p in result.problems],
        },
    ):
        letter.save(update_fields=["check_result", "checked_on", "rulebook_version", "updated_at"])
    return letter


def footer_fix_of(letter: Correspondence, today: datetime.date | None = None) -> str | None:
    """The corrected text if the check finds a missing "CC councillor X" footer, else None."""
    day = _today(today)
    if not letter.is_draft or not handles_correspondence(letter.council):
        return None
    result = _check(letter, addressees_of(letter), day)
    if not any(p.get("footer_fix") for p in result.problems):
        return None
    return with_footer(letter.body, result.footer_lines)


@locks_row
def do_apply_footer_fix(
    letter: Correspondence, *, today: datetime.date | None = None, acting_user: Person
) -> Correspondence:
    """Add the missing "CC councillor X" lines the rulebook asks for, then check again."""
    day = _today(today)
    _require(access.can_edit(acting_user, letter), "Only its writer can change a draft.")
    before = _check(letter, addressees_of(letter), day)
    fix = next((p for p in before.problems if p.get("footer_fix")), None)
    if fix is None:
        raise ValidationError({"__all__": "The footer is already as the protocol asks."})
    letter.body = with_footer(letter.body, before.footer_lines)
    result = _check(letter, addressees_of(letter), day)
    _store_check(letter, result, day)
    clauses = ", ".join(c["clause"] for c in fix["citations"])
    with recording(
        council=letter.council,
        actor=acting_user,
        action="correspondence.footer_fixed",
        obj=letter,
        citations=_clauses(before),
        rulebook_version=result.decision.rulebook_version,
        details={
            "says": f"{acting_user.display_name(day)} added “{before.footer_lines}” at the foot "
            f"({clauses}). " + _verdict(result),
            "added": before.footer_lines,
            "outcome": result.outcome,
        },
    ):
        letter.save(
            update_fields=["body", "check_result", "checked_on", "rulebook_version", "updated_at"]
        )
    return letter
