"""``/api/v1/correspondence``: the correspondence check, everything the pages offer.

Thin, like the views: ``access_correspondence_by_id`` (404 for missing and
forbidden alike), then a ``do_*`` action that decides whether the token's
person may act (403) and whether the input will do (422). Every check carries
each problem with its clauses.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import (
    ERRORS,
    READ_ERRORS,
)
from propriety.correspondence import access
from propriety.correspondence.actions import (
    do_apply_footer_fix,
    do_check_correspondence,
    do_draft_correspondence,
    do_edit_correspondence,
    do_record_sent,
    do_upload_correspondence,
)
from propriety.correspondence.api.incoming import router as incoming_router
from propriety.correspondence.api.schemas import (
    CorrespondenceOut,
    CorrespondenceRegisterEntryOut,
    CorrespondenceRegisterOut,
    CorrespondenceSummaryOut,
    DraftIn,
    EditIn,
    EmlIn,
    RegisterCitationOut,
    SentIn,
    _addressees,
    _flags,
    _person_of,
    _summary,
    correspondence_out,
)
from propriety.correspondence.eml import MAX_EML_BYTES, EmlError, parse_eml
from propriety.correspondence.register import register_for
from propriety.documents.api import AccessRequestIn, AccessRequestOut, access_request_out
from propriety.documents.requests import do_request_access

router = Router(tags=["correspondence"])
# Its own paths take whole numbers only ({int:...}), so "/incoming" is never one of them.
router.add_router("/incoming", incoming_router)


@router.get(
    "",
    response={200: Paged[CorrespondenceSummaryOut], **READ_ERRORS},
    summary="List the correspondence you can see",
    operation_id="list_correspondence",
)
def list_correspondence(
    request: HttpRequest, paging: Query[PageIn]
) -> Paged[CorrespondenceSummaryOut]:
    """Yours (as writer, sender, signatory or recipient), or all the council's for the Clerk."""
    person = current_person(request)
    return paged(
        access.correspondence_visible_to(person),
        paging,
        lambda letter: CorrespondenceSummaryOut(**_summary(letter)),
    )


@router.post(
    "",
    response={201: CorrespondenceOut, **ERRORS},
    summary="Enter a draft and check it",
    operation_id="draft_correspondence",
)
def draft_correspondence(request: HttpRequest, payload: DraftIn) -> Status[CorrespondenceOut]:
    """A councillor or officer enters a draft; the council's rulebook checks it at once and
    lists every problem with its clauses."""
    person = current_person(request)
    letter = do_draft_correspondence(
        person,
        sender=_person_of(person.council, payload.sender_id, "sender_id"),
        signatory=_person_of(person.council, payload.signatory_id, "signatory_id"),
        signatory_capacity=payload.signatory_capacity,
        subject=payload.subject,
        body=payload.body,
        recipients=_addressees(person.council, payload),
        flags=_flags(payload),
        declared=payload.facts,
        acting_user=person,
    )
    return Status(201, correspondence_out(letter, person))


def _from_eml(
    request: HttpRequest, data: bytes, filename: str | None, capacity: str, flags: dict[str, bool]
) -> Status[CorrespondenceOut]:
    person = current_person(request)
    if not access.can_draft(person):
        raise PermissionDenied("Only a councillor or an officer drafts here.")
    try:
        parsed = parse_eml(data, filename)
    except EmlError as exc:
        raise ValidationError({"eml": str(exc)}) from exc
    letter = do_upload_correspondence(
        person, parsed, signatory_capacity=capacity, flags=flags, acting_user=person
    )
    return Status(201, correspondence_out(letter, person))


@router.post(
    "/upload",
    response={201: CorrespondenceOut, **ERRORS},
    summary="Upload an .eml file and check it",
    operation_id="upload_correspondence",
)
def upload_correspondence(
    request: HttpRequest,
    eml: File[UploadedFile],
    signatory_capacity: Form[str] = "",
) -> Status[CorrespondenceOut]:
    """Multipart upload of an `.eml` file (2 MB at most). From/To/Cc/Bcc are matched to the
    council's people by email; anyone else is an outside recipient of kind `other`. A file
    that is not a readable email is refused (422 on `eml`) and nothing is stored."""
    if eml.size is not None and eml.size > MAX_EML_BYTES:
        raise ValidationError({"eml": "The email is larger than 2 MB."})
    return _from_eml(request, eml.read(), eml.name, signatory_capacity, {})


@router.post(
    "/eml",
    response={201: CorrespondenceOut, **ERRORS},
    summary="Check an email given as its raw text",
    operation_id="eml_correspondence",
)
def eml_correspondence(request: HttpRequest, payload: EmlIn) -> Status[CorrespondenceOut]:
    """The same as /upload, with the email's source in a JSON body."""
    data = payload.raw.encode("utf-8")
    return _from_eml(request, data, None, payload.signatory_capacity, _flags(payload))


@router.get(
    "/register",
    response={200: CorrespondenceRegisterOut, **READ_ERRORS},
    summary="The register of member–officer correspondence a member may ask to see",
    operation_id="correspondence_register",
)
def correspondence_register(request: HttpRequest) -> CorrespondenceRegisterOut:
    """Where the council's protocol opens member–officer correspondence to other members on
    need to know (part5-district §10.1), every such letter or email recorded as sent, with
    only its reference, date, subject and parties, so a member can ask to see it. Where it
    does not (acses-town §12.1, the national model's “Correspondence ¶1”), nothing is
    listed and the clause is cited."""
    person = current_person(request)
    rule, entries = register_for(person, timezone.localdate())
    return CorrespondenceRegisterOut(
        opens=rule.opens,
        explanation=rule.explanation,
        citations=[RegisterCitationOut(clause=c.clause, says=c.says) for c in rule.citations],
        entries=[
            CorrespondenceRegisterEntryOut(
                id=e.letter.pk,
                reference=e.letter.reference,
                sent_on=e.letter.sent_on,
                subject=e.letter.subject,
                parties=e.parties,
                you_may=[e.may] if e.may in ("open", "ask") else [],  # type: ignore[list-item]
                your_request_id=e.asked.pk if e.asked else None,
            )
            for e in entries
        ],
    )


@router.get(
    "/{int:correspondence_id}",
    response={200: CorrespondenceOut, **READ_ERRORS},
    summary="A piece of correspondence with its check",
    operation_id="get_correspondence",
)
def get_correspondence(request: HttpRequest, correspondence_id: int) -> CorrespondenceOut:
    """The correspondence, its recipients, its last check (every problem with its clauses,
    the obligations, the corrected text where a footer fix is offered) and its timeline.
    404 for correspondence you may not see, the same as for one that does not exist."""
    person = current_person(request)
    return correspondence_out(access.access_correspondence_by_id(person, correspondence_id), person)


@router.put(
    "/{int:correspondence_id}",
    response={200: CorrespondenceOut, **ERRORS},
    summary="Change a draft and check it again",
    operation_id="edit_correspondence",
)
def edit_correspondence(
    request: HttpRequest, correspondence_id: int, payload: EditIn
) -> CorrespondenceOut:
    """Its writer replaces the draft (recipients, text, facts); it is checked again."""
    person = current_person(request)
    letter = access.access_correspondence_by_id(person, correspondence_id)
    do_edit_correspondence(
        letter,
        signatory=_person_of(person.council, payload.signatory_id, "signatory_id"),
        signatory_capacity=payload.signatory_capacity,
        subject=payload.subject,
        body=payload.body,
        recipients=_addressees(person.council, payload),
        flags=_flags(payload),
        declared=payload.facts,
        acting_user=person,
    )
    return correspondence_out(letter, person)


@router.post(
    "/{int:correspondence_id}/check",
    response={200: CorrespondenceOut, **ERRORS},
    summary="Check a draft again",
    operation_id="check_correspondence",
)
def check_correspondence(request: HttpRequest, correspondence_id: int) -> CorrespondenceOut:
    """Its writer or the Clerk asks the council's rulebook again (it may have changed)."""
    person = current_person(request)
    letter = access.access_correspondence_by_id(person, correspondence_id)
    do_check_correspondence(letter, acting_user=person)
    return correspondence_out(letter, person)


@router.post(
    "/{int:correspondence_id}/fix-footer",
    response={200: CorrespondenceOut, **ERRORS},
    summary="Add the missing “CC councillor X” lines and check again",
    operation_id="fix_correspondence_footer",
)
def fix_footer(request: HttpRequest, correspondence_id: int) -> CorrespondenceOut:
    """Where the rulebook asks for a “CC councillor X” line at the foot and it is missing,
    add the rulebook's own lines (`corrected_text`) and check again; 422 if none is missing."""
    person = current_person(request)
    letter = access.access_correspondence_by_id(person, correspondence_id)
    do_apply_footer_fix(letter, acting_user=person)
    return correspondence_out(letter, person)


@router.post(
    "/{int:correspondence_id}/sent",
    response={200: CorrespondenceOut, **ERRORS},
    summary="Record it as sent, with its check",
    operation_id="record_correspondence_sent",
)
def record_sent(request: HttpRequest, correspondence_id: int, payload: SentIn) -> CorrespondenceOut:
    """Recorded as sent with the check made now. Where the check finds problems, list each
    problem's id in `acknowledge` (422 on `acknowledge` otherwise)."""
    person = current_person(request)
    letter = access.access_correspondence_by_id(person, correspondence_id)
    do_record_sent(
        letter, acknowledge=payload.acknowledge, sent_on=payload.sent_on, acting_user=person
    )
    return correspondence_out(letter, person)


@router.post(
    "/{int:correspondence_id}/access-requests",
    response={201: AccessRequestOut, **ERRORS},
    summary="Ask to see correspondence that is not yours",
    operation_id="request_correspondence_access",
)
def request_correspondence(
    request: HttpRequest, correspondence_id: int, payload: AccessRequestIn
) -> Status[AccessRequestOut]:
    """A serving member asks to see correspondence that went and is not theirs, through the
    same access-request flow as documents. The rulebook decides: where it opens member–officer
    correspondence to members who need to know (part5-district §10.1), need to know is decided
    as for a committee document; otherwise the copy to you is checked (acses-town §12.1: only
    with the author's consent) and refused citing its clause."""
    person = current_person(request)
    letter = access.access_correspondence_to_ask(person, correspondence_id)
    made = do_request_access(
        person,
        letter,
        purpose=payload.purpose,
        justification=payload.justification,
        third_party_name=payload.third_party_name,
        member_interest=payload.member_interest,
        acting_user=person,
    )
    return Status(201, access_request_out(made, person))
