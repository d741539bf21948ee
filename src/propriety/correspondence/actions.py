"""Every change to a piece of correspondence: one transaction, one audit event with its clauses.

The check is the council's rulebook's ``correspondence.check`` (see check.py),
run when a draft is made or changed, when asked again, after the footer fix,
and once more when it is recorded as sent, so what is stored is what the
rulebook said on the day.

Recording correspondence as sent never stops a person sending their own
letter: Propriety records what happened. Where the last check found problems,
the person must acknowledge each one by name (``acknowledge``); the timeline
then says the correspondence went with those problems, citing their clauses.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from propriety.audit.recording import action_day, recording
from propriety.correspondence import access
from propriety.correspondence.check import (
    QUESTION,
    Addressee,
    CheckResult,
    can_be_party,
    default_capacity,
    facts_for,
    handles_correspondence,
    kind_of,
    run_check,
    with_footer,
)
from propriety.correspondence.eml import ParsedEmail
from propriety.correspondence.models import (
    CAPACITIES,
    CAPACITY_LABELS,
    FLAGS,
    Correspondence,
    Recipient,
)
from propriety.councils.declared import answered, check_answers
from propriety.councils.locking import locks_row
from propriety.councils.protocol import role_title
from propriety.people.holders import is_officer
from propriety.people.models import Person
from propriety.protocol import format_date


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _today(today: datetime.date | None) -> datetime.date:
    return action_day(today)


def _clauses(result: CheckResult) -> list[dict[str, str]]:
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for c in result.decision.citations:
        seen.setdefault((c.rulebook, c.clause), {"rulebook": c.rulebook, "clause": c.clause})
    return list(seen.values())


def _verdict(result: CheckResult) -> str:
    """The check in one sentence for the timeline."""
    if not result.problems:
        return f"The check found no problem: {result.decision.explanation}"
    listed = "; ".join(
        f"{p['explanation']} ({', '.join(c['clause'] for c in p['citations'])})"
        for p in result.problems
    )
    count = len(result.problems)
    return f"The check found {count} problem{'s' if count != 1 else ''}: {listed}"


def addressee_for(person: Person, line: str, day: datetime.date) -> Addressee:
    """A person of the council as a recipient; their kind comes from the roles they hold."""
    return Addressee(
        line=line,
        name=person.full_name,
        kind=kind_of(person, day),
        email=person.email,
        person=person,
    )


def _validated(
    council: Any, addressees: Iterable[Addressee], day: datetime.date
) -> list[Addressee]:
    out: list[Addressee] = []
    for a in addressees:
        if a.line not in Recipient.Line.values:
            raise ValidationError({"recipients": f"“{a.line}” is not To, Cc or Bcc."})
        if a.person is not None:
            if a.person.council_id != council.pk or not can_be_party(a.person, day):
                raise ValidationError(
                    {"recipients": "Choose councillors and officers of this council."}
                )
            out.append(addressee_for(a.person, a.line, day))
            continue
        if not a.name.strip():
            raise ValidationError({"recipients": "Give the name of each outside recipient."})
        if a.kind not in Recipient.OUTSIDE_KINDS:
            raise ValidationError(
                {
                    "recipients": f"Say what {a.name.strip()} is: a complainant, a third party, "
                    "a member of the public or other."
                }
            )
        out.append(Addressee(a.line, a.name.strip(), a.kind, a.email.strip().lower(), None))
    if not any(a.line == "to" for a in out):
        raise ValidationError({"recipients": "Add at least one recipient on the To line."})
    return out


def _check_errors(
    drafter: Person,
    sender: Person,
    signatory: Person,
    capacity: str,
    subject: str,
    body: str,
    day: datetime.date,
) -> None:
    council = drafter.council
    if not handles_correspondence(council):
        # Cite or refuse: with no clause to check it by, Propriety keeps no draft.
        raise ValidationError(
            {
                "__all__": f"{council.name}'s protocol has no rules on correspondence, so "
                "there is no clause to check this against. "
                f"Ask {role_title(council, 'proper_officer')}."
            }
        )
    errors: dict[str, str] = {}
    if sender.council_id != council.pk or not can_be_party(sender, day):
        errors["sender"] = "Choose a councillor or officer of this council as the sender."
    elif sender.pk != drafter.pk and not (
        is_officer(drafter, day) and sender.is_councillor_on(day)
    ):
        errors["sender"] = "You may write only as yourself; an officer may also draft for a member."
    if signatory.council_id != council.pk or not can_be_party(signatory, day):
        errors["signatory"] = "Choose a councillor or officer of this council as the signatory."
    if capacity not in CAPACITIES:
        errors["signatory_capacity"] = "Choose the capacity the signatory signs in."
    if not subject.strip():
        errors["subject"] = "Enter the subject."
    if not body.strip():
        errors["body"] = "Enter the text of the letter or email."
    if errors:
        raise ValidationError(errors)


def _check(
    letter: Correspondence, addressees: Iterable[Addressee], day: datetime.date
) -> CheckResult:
    facts = facts_for(
        sender=letter.sender,
        signatory=letter.signatory,
        signatory_capacity=letter.signatory_capacity,
        body=letter.body,
        addressees=addressees,
        flags=letter.flags(),
        day=day,
        declared=letter.answers(),
    )
    result = run_check(letter.council, facts, day)
    result.declared = answered(letter.council, QUESTION, letter.answers())
    return result


def addressees_of(letter: Correspondence) -> list[Addressee]:
    return [
        Addressee(r.line, r.name, r.kind, r.email, r.person)
        for r in letter.recipients.select_related("person")
    ]


def _store_check(letter: Correspondence, result: CheckResult, day: datetime.date) -> None:
    letter.check_result = result.stored()
    letter.checked_on = day
    letter.rulebook_version = result.decision.rulebook_version


def _save_recipients(letter: Correspondence, addressees: list[Addressee]) -> None:
    for position, a in enumerate(addressees):
        recipient = Recipient(
            council=letter.council,
            correspondence=letter,
            line=a.line,
            person=a.person,
            name=a.name,
            email=a.email,
            kind=a.kind,
            position=position,
        )
        recipient.full_clean(exclude=["correspondence"])
        recipient.save()


def _flags(flags: Mapping[str, bool] | None) -> dict[str, bool]:
    given = dict(flags or {})
    unknown = set(given) - set(FLAGS)
    if unknown:
        raise ValidationError({"flags": f"Unknown: {', '.join(sorted(unknown))}."})
    return {name: bool(given.get(name, False)) for name in FLAGS}


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


@locks_row
def do_record_sent(
    letter: Correspondence,
    *,
    acknowledge: Collection[str] = (),
    sent_on: datetime.date | None = None,
    today: datetime.date | None = None,
    acting_user: Person,
) -> Correspondence:
    """Record that the correspondence went, with the check made on the day.

    Where the check finds problems, each must be acknowledged by its id (the
    provision's name): it is recorded as sent all the same, and the timeline
    says it went with those problems and cites their clauses.
    """
    day = _today(today)
    _require(access.can_record_sent(acting_user, letter), "Only its writer records it as sent.")
    when = sent_on or day
    if when > day:
        raise ValidationError({"sent_on": "The day it was sent cannot be in the future."})
    result = _check(letter, addressees_of(letter), day)
    unacknowledged = [p for p in result.problems if p["id"] not in set(acknowledge)]
    if unacknowledged:
        listed = "; ".join(
            f"{p['explanation']} ({', '.join(c['clause'] for c in p['citations'])})"
            for p in unacknowledged
        )
        raise ValidationError(
            {
                "acknowledge": "The check found problems. Put them right, or acknowledge each "
                f"one to record it as sent anyway: {listed}"
            }
        )
    _store_check(letter, result, day)
    letter.status = Correspondence.Status.SENT
    letter.sent_on = when
    letter.sent_by = acting_user
    letter.acknowledged_problems = [p["id"] for p in result.problems]
    if result.problems:
        says = (
            f"{acting_user.display_name(day)} recorded it as sent on {format_date(when)}, "
            "acknowledging each problem the check found. " + _verdict(result)
        )
    else:
        says = (
            f"{acting_user.display_name(day)} recorded it as sent on {format_date(when)}. "
            + _verdict(result)
        )
    # One transaction: it is recorded as sent, then (after, in the timeline) the original
    # councillor is told where the protocol asks for it.
    with transaction.atomic():
        with recording(
            council=letter.council,
            actor=acting_user,
            action="correspondence.sent",
            obj=letter,
            citations=_clauses(result),
            rulebook_version=result.decision.rulebook_version,
            details={
                "says": says,
                "outcome": result.outcome,
                "acknowledged": letter.acknowledged_problems,
            },
        ):
            letter.save(
                update_fields=[
                    "status",
                    "sent_on",
                    "sent_by",
                    "acknowledged_problems",
                    "check_result",
                    "checked_on",
                    "rulebook_version",
                    "updated_at",
                ]
            )
        _tell_original_councillor(letter, result, day, acting_user)
    return letter


# The obligations that ask for the original councillor to be told of a copy (the national
# model's "Correspondence ¶1"): once it went with them, Propriety emails that councillor.
TELL_ORIGINAL_COUNCILLOR = ("tell-original-councillor", "no-silent-copies")


def original_councillor_of(letter: Correspondence, day: datetime.date) -> Person | None:
    """The councillor whose correspondence with an officer it is, as the engine reads it:
    the author if a councillor, else the first councillor on the To line."""
    if letter.sender.is_councillor_on(day):
        return letter.sender
    for r in letter.recipients.select_related("person").order_by("position", "pk"):
        if r.line == Recipient.Line.TO and r.person is not None and r.person.is_councillor_on(day):
            return r.person
    return None


def _copied_councillors(
    letter: Correspondence, original: Person, day: datetime.date
) -> list[Person]:
    return [
        r.person
        for r in letter.recipients.select_related("person").order_by("position", "pk")
        if r.person is not None
        and r.person.pk not in (original.pk, letter.sender_id)
        and r.person.is_councillor_on(day)
    ]


def _tell_original_councillor(
    letter: Correspondence, result: CheckResult, day: datetime.date, acting_user: Person
) -> None:
    """Where it went with an obligation to tell the original councillor, email them and
    record it in the timeline (inside the recording of it being sent)."""
    from propriety.enquiries.notify import send

    asking = [
        (problem, o)
        for problem in result.problems
        for o in problem["obligations"]
        if o["id"] in TELL_ORIGINAL_COUNCILLOR
    ]
    if not asking:
        return
    original = original_councillor_of(letter, day)
    # Nobody to tell, or the councillor recorded it themselves and so already knows.
    if original is None or original.pk == acting_user.pk:
        return
    copied = _copied_councillors(letter, original, day)
    names = ", ".join(p.full_name for p in copied) or "another councillor"
    clauses = list(
        dict.fromkeys(c["clause"] for problem, _ in asking for c in problem["citations"])
    )
    cited = ", ".join(clauses)
    base = getattr(settings, "PROPRIETY_BASE_URL", "").rstrip("/")
    if original.email and original.is_active:
        send(
            [original],
            f"{letter.reference}: correspondence with you was copied to {names}",
            f"{letter.sender.full_name}'s correspondence “{letter.subject}”, sent on "
            f"{format_date(letter.sent_on or day)}, was copied to {names}. The council's "
            f"protocol asks that you be told ({cited}): "
            + " ".join(dict.fromkeys(o["text"] for _, o in asking))
            + f"\n\n{letter.reference}: {letter.subject}\n{base}/correspondence/{letter.pk}/\n",
        )
        says = (
            f"Emailed {original.full_name}, the original councillor, to say it was copied to "
            f"{names}, as the protocol asks ({cited})."
        )
        told = True
    else:
        says = (
            f"The protocol asks that {original.full_name}, the original councillor, be told it "
            f"was copied to {names} ({cited}), but there is no email address for them: "
            "tell them another way."
        )
        told = False
    letter.original_councillor_told = told
    with recording(
        council=letter.council,
        actor=acting_user,
        action="correspondence.original_councillor_told",
        obj=letter,
        citations=[{"rulebook": result.decision.rulebook, "clause": clause} for clause in clauses],
        rulebook_version=result.decision.rulebook_version,
        details={
            "says": says,
            "told": [original.pk] if told else [],
            "obligations": [o["id"] for _, o in asking],
        },
    ):
        letter.save(update_fields=["original_councillor_told", "updated_at"])


def capacity_label(capacity: str) -> str:
    return CAPACITY_LABELS.get(capacity, capacity)
