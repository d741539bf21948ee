"""Shared pieces of the correspondence actions: addressees, checking a letter and storing the result."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from propriety.audit.recording import action_day
from propriety.correspondence.check import (
    QUESTION,
    Addressee,
    CheckResult,
    can_be_party,
    facts_for,
    handles_correspondence,
    kind_of,
    run_check,
)
from propriety.correspondence.models import (
    CAPACITIES,
    FLAGS,
    Correspondence,
    Recipient,
)
from propriety.councils.declared import answered
from propriety.councils.protocol import role_title
from propriety.people.holders import is_officer
from propriety.people.models import Person


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
