"""The correspondence API's schemas, and how a letter is presented in them (its check's
problems with their clauses, and what the token's person may do next).
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Schema

from propriety.api.schemas import (
    CitationOut,
    DecisionOut,
    ObligationOut,
    PersonRef,
    PlausibleDate,
    TimelineEntryOut,
    decision_out,
    person_ref,
    timeline_out,
)
from propriety.correspondence import access
from propriety.correspondence.actions import (
    footer_fix_of,
)
from propriety.correspondence.check import Addressee
from propriety.correspondence.models import (
    CAPACITIES,
    CAPACITY_LABELS,
    FLAG_LABELS,
    Correspondence,
)
from propriety.people.models import Person

YouMay = Literal["edit", "check", "fix_footer", "record_sent"]
Line = Literal["to", "cc", "bcc"]


class RecipientIn(Schema):
    person_id: int | None = Field(
        None, description="A councillor or officer of the council (their kind follows their roles)."
    )
    name: str = Field("", max_length=200, description="An outside recipient's name.")
    email: str = Field("", max_length=254, description="An outside recipient's email, if known.")
    kind: Literal["complainant", "third_party", "member_of_public", "other"] | None = Field(
        None, description="What an outside recipient is (required for one)."
    )


class FlagsIn(Schema):
    official: bool = Field(False, description=FLAG_LABELS["official"] + ".")
    creates_obligations: bool = Field(False, description=FLAG_LABELS["creates_obligations"] + ".")
    gives_instructions: bool = Field(False, description=FLAG_LABELS["gives_instructions"] + ".")
    exceptional: bool = Field(False, description=FLAG_LABELS["exceptional"] + ".")
    marked_confidential: bool = Field(False, description=FLAG_LABELS["marked_confidential"] + ".")
    author_consents_to_copy: bool = Field(
        False, description=FLAG_LABELS["author_consents_to_copy"] + "."
    )
    original_councillor_told: bool = Field(
        False, description=FLAG_LABELS["original_councillor_told"] + "."
    )
    writing_as_ward_member: bool = Field(
        False, description=FLAG_LABELS["writing_as_ward_member"] + "."
    )
    states_ward_capacity: bool = Field(False, description=FLAG_LABELS["states_ward_capacity"] + ".")
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="Answers to the facts the council's rulebook declares for "
        "`correspondence.check` (name: value; see `schemas/rulebooks/<rulebook>.json`).",
    )


_CAPACITY_HELP = (
    "The capacity the signatory signs in: "
    + "; ".join(f"`{k}`: {CAPACITY_LABELS[k]}" for k in CAPACITIES)
    + ". Empty: worked out from their roles."
)


class DraftIn(FlagsIn):
    sender_id: int | None = Field(
        None, description="Who it is from: yourself (default), or, for an officer, a member."
    )
    signatory_id: int | None = Field(
        None, description="Whose name it goes out in (default: the sender)."
    )
    signatory_capacity: str = Field("", description=_CAPACITY_HELP)
    subject: str = Field(max_length=300, description="The subject.")
    body: str = Field(description="The text, including any footer.")
    to: list[RecipientIn] = Field(description="The To line (at least one).")
    cc: list[RecipientIn] = Field([], description="The Cc line.")
    bcc: list[RecipientIn] = Field([], description="The Bcc line.")


class EditIn(FlagsIn):
    signatory_id: int | None = Field(None, description="Whose name it goes out in.")
    signatory_capacity: str = Field("", description=_CAPACITY_HELP)
    subject: str = Field(max_length=300, description="The subject.")
    body: str = Field(description="The text, including any footer.")
    to: list[RecipientIn] = Field(description="The To line (at least one).")
    cc: list[RecipientIn] = Field([], description="The Cc line.")
    bcc: list[RecipientIn] = Field([], description="The Bcc line.")


class EmlIn(FlagsIn):
    raw: str = Field(description="The email's full source (headers and body), as in an .eml file.")
    signatory_capacity: str = Field("", description=_CAPACITY_HELP)


class SentIn(Schema):
    acknowledge: list[str] = Field(
        [],
        description="The id of each problem the last check found: required, one by one, to "
        "record it as sent while the check finds problems.",
    )
    sent_on: PlausibleDate | None = Field(None, description="The day it went (default: today).")


class RecipientOut(Schema):
    line: str = Field(description="`to`, `cc` or `bcc`.")
    name: str = Field(description="The recipient's name.")
    email: str = Field(description="Their email, if known.")
    kind: str = Field(
        description="councillor, officer, complainant, third_party, member_of_public or other."
    )
    person: PersonRef | None = Field(description="The council's person, if they are one.")


class ProblemOut(Schema):
    id: str = Field(description="The problem's id (the rulebook provision), for `acknowledge`.")
    explanation: str = Field(description="What is wrong, in plain English.")
    citations: list[CitationOut] = Field(description="The clauses behind it.")
    obligations: list[ObligationOut] = Field(description="What the protocol asks to put it right.")
    severity: str = Field(
        description="`refuse` (a prohibition); `put_right` (it may go once the `obligations` "
        "are done); or `refer`: ask the officer named in `ask`."
    )
    ask: str | None = Field(None, description="Whom to ask, where the protocol refers it.")
    footer_fix: bool = Field(description="POST /fix-footer puts this one right.")


class CheckOut(Schema):
    decision: DecisionOut = Field(description="The rulebook's correspondence.check decision.")
    problems: list[ProblemOut] = Field(description="Every problem, each with its clauses.")
    footer_lines: str = Field(description="The “CC councillor X” lines missing, if any.")
    checked_on: datetime.date | None = Field(description="The day of the check.")


class CorrespondenceSummaryOut(Schema):
    id: int = Field(description="The id, for /correspondence/{id}.")
    reference: str = Field(description="The council's reference, e.g. `COR-3`.")
    subject: str = Field(description="The subject.")
    status: Correspondence.Status = Field(description="`draft` or `sent`.")
    sender: PersonRef = Field(description="Who it is from.")
    problems: int = Field(description="How many problems the last check found.")
    sent_on: datetime.date | None = Field(description="When it went, once recorded as sent.")


class CorrespondenceOut(CorrespondenceSummaryOut):
    drafted_by: PersonRef = Field(description="Who entered it.")
    signatory: PersonRef = Field(description="Whose name it goes out in.")
    signatory_capacity: str = Field(description="The capacity they sign in.")
    body: str = Field(description="The text.")
    source: str = Field(description="`typed` or `eml`.")
    recipients: list[RecipientOut] = Field(description="To, Cc and Bcc, in order.")
    flags: dict[str, bool] = Field(description="The facts given for the check.")
    check: CheckOut = Field(description="The last check.")
    corrected_text: str | None = Field(
        description="The text with the missing “CC councillor X” lines, where the fix is offered."
    )
    acknowledged_problems: list[str] = Field(description="Problems acknowledged when sent.")
    rulebook_version: str = Field(description="The rulebook version of the last check.")
    timeline: list[TimelineEntryOut] = Field(description="Everything that happened, oldest first.")
    you_may: list[YouMay] = Field(description="What the token's person may do with it now.")


class RegisterCitationOut(Schema):
    clause: str = Field(description="The clause, e.g. `§10.1`.")
    says: str = Field(description="What the clause says, in plain English.")


RegisterMay = Literal["open", "ask"]


class CorrespondenceRegisterEntryOut(Schema):
    id: int = Field(
        description="The id: GET /correspondence/{id} if you can open it, "
        "POST /correspondence/{id}/access-requests to ask to see it."
    )
    reference: str = Field(description="The council's reference, e.g. `COR-3`.")
    sent_on: datetime.date | None = Field(description="The day it was sent.")
    subject: str = Field(description="The subject line (never the text).")
    parties: list[str] = Field(
        description="Who it was between: its author and the council's people on the To and Cc "
        "lines (never a blind copy, never an outside party)."
    )
    you_may: list[RegisterMay] = Field(
        description="`open`: you can already see it; `ask`: you may ask to see it."
    )
    your_request_id: int | None = Field(
        description="Your latest request to see it (/access-requests/{id}), if you have asked."
    )


class CorrespondenceRegisterOut(Schema):
    opens: bool = Field(
        description="The council's protocol opens member–officer correspondence to other "
        "members who need to know. Where false, `entries` is empty."
    )
    explanation: str = Field(description="What the protocol says, in plain English.")
    citations: list[RegisterCitationOut] = Field(
        description="The clauses that open it, or that keep it closed."
    )
    entries: list[CorrespondenceRegisterEntryOut] = Field(
        description="Sent member–officer correspondence, newest first (empty where closed)."
    )


def _summary(letter: Correspondence) -> dict[str, Any]:
    return {
        "id": letter.pk,
        "reference": letter.reference,
        "subject": letter.subject,
        "status": letter.status,
        "sender": person_ref(letter.sender),
        "problems": len(letter.problems),
        "sent_on": letter.sent_on,
    }


def correspondence_out(letter: Correspondence, person: Person) -> CorrespondenceOut:
    today = timezone.localdate()
    may: list[YouMay] = []
    if access.can_edit(person, letter):
        may.append("edit")
    if access.can_check(person, letter, today):
        may.append("check")
    corrected = footer_fix_of(letter, today) if access.can_edit(person, letter) else None
    if corrected is not None:
        may.append("fix_footer")
    if access.can_record_sent(person, letter):
        may.append("record_sent")
    check = letter.check_result
    return CorrespondenceOut(
        **_summary(letter),
        drafted_by=PersonRef(id=letter.drafted_by.pk, name=letter.drafted_by.full_name),
        signatory=PersonRef(id=letter.signatory.pk, name=letter.signatory.full_name),
        signatory_capacity=letter.signatory_capacity,
        body=letter.body,
        source=letter.source,
        recipients=[
            RecipientOut(
                line=r.line, name=r.name, email=r.email, kind=r.kind, person=person_ref(r.person)
            )
            for r in letter.recipients.select_related("person")
        ],
        flags=letter.flags(),
        check=CheckOut(
            decision=decision_out(check),
            problems=[
                ProblemOut(
                    id=p["id"],
                    explanation=p["explanation"],
                    citations=[
                        CitationOut(
                            rulebook=str(check.get("rulebook", "")),
                            clause=c["clause"],
                            says=c["says"],
                        )
                        for c in p["citations"]
                    ],
                    obligations=[ObligationOut(**o) for o in p["obligations"]],
                    severity=p["severity"],
                    ask=p.get("ask"),
                    footer_fix=bool(p.get("footer_fix")),
                )
                for p in letter.problems
            ],
            footer_lines=str(check.get("footer_lines", "")),
            checked_on=letter.checked_on,
        ),
        corrected_text=corrected,
        acknowledged_problems=list(letter.acknowledged_problems),
        rulebook_version=letter.rulebook_version,
        timeline=timeline_out(letter),
        you_may=may,
    )


def _person_of(council: Any, person_id: int | None, field: str) -> Person | None:
    if person_id is None:
        return None
    found: Person | None = (
        Person.objects.for_council(council).filter(pk=person_id, is_active=True).first()
    )
    if found is None:
        raise ValidationError({field: "Choose a councillor or officer of this council."})
    return found


def _addressees(council: Any, payload: DraftIn | EditIn) -> list[Addressee]:
    out = []
    for line, given in (("to", payload.to), ("cc", payload.cc), ("bcc", payload.bcc)):
        for r in given:
            person = _person_of(council, r.person_id, "recipients")
            if person is not None:
                out.append(Addressee(line, person.full_name, "", "", person))
            else:
                out.append(Addressee(line, r.name, r.kind or "", r.email, None))
    return out


def _flags(payload: FlagsIn) -> dict[str, bool]:
    return {name: bool(getattr(payload, name)) for name in FLAG_LABELS}
