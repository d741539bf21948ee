"""Correspondence: may a letter or email go as drafted."""

from __future__ import annotations

from propriety.protocol._questions._model import (
    Fact,
    Question,
    b,
    derived_bool,
    derived_enum,
    derived_text,
    e,
)

# The derivation of a draft's facts (and its fast path) lives in correspondence_facts.
from propriety.protocol._questions.correspondence_facts import (
    SIGNATORY_ROLES,
    derive_correspondence_for,
    footer_names,
)

__all__ = ["CORRESPONDENCE", "INCOMING", "SIGNATORY_ROLES", "footer_names"]

# --- correspondence.check ------------------------------------------------------

_derive_correspondence = derive_correspondence_for(None)

CORRESPONDENCE = Question(
    name="correspondence.check",
    summary="May this letter or email go as drafted? Lists every problem with its clause.",
    facts=(
        Fact(
            "author",
            "person",
            'Who wrote it: {"name": ..., "kind": "councillor"|"officer"|..., "role": ...}.',
            default=None,
        ),
        Fact(
            "signatory",
            "person",
            'Whose name it goes out in: {"name": ..., "role": "officer"|"councillor"|'
            '"council_chair"|"mayor"|"committee_chair"}. Defaults to the author.',
            default=None,
        ),
        Fact("to", "people", 'Recipients: a list of {"name": ..., "kind": ...}.', default=()),
        Fact("cc", "people", "Copy recipients.", default=()),
        Fact("bcc", "people", "Blind-copy recipients.", default=()),
        Fact(
            "original_councillor",
            "text",
            "The councillor whose correspondence with an officer this is (defaults to the "
            "councillor author, or the first councillor addressed).",
            default=None,
        ),
        Fact("body", "text", "The text, including any footer.", default=""),
        b("official", "It is an official letter or email on behalf of the council."),
        b(
            "creates_obligations",
            "It creates obligations (legally enforceable or otherwise) on behalf of the council.",
        ),
        b("gives_instructions", "It gives instructions on behalf of the council."),
        b(
            "exceptional",
            "It is an exceptional case (e.g. representations to a Government minister).",
        ),
        b("marked_confidential", 'It is marked "confidential".'),
        b(
            "author_consents_to_copy",
            "The author of the correspondence stated that it be copied, or consents.",
        ),
        b("original_councillor_told", "The original councillor has been told that it was copied."),
        b("writing_as_ward_member", "A member writes in an individual capacity as ward member."),
        b("states_ward_capacity", "The text makes clear the member writes as ward member."),
    ),
    derived=(
        derived_bool("member_officer", "Correspondence between a councillor and an officer."),
        derived_bool(
            "copied_to_other_councillor",
            "Member–officer correspondence copied to another councillor.",
        ),
        derived_bool(
            "copied_to_anyone_other_than_author",
            "Member–officer correspondence that goes to anyone besides its author and the "
            "original councillor (another councillor, another officer, a resident, anyone), "
            "openly or blind. The officer a councillor writes to is not a copy.",
        ),
        derived_bool("blind_copy_to_councillor", "A councillor is among the Bcc recipients."),
        derived_bool("blind_copy_any", "There are any Bcc recipients."),
        derived_bool(
            "footer_missing", 'A copied councillor is not named in a "CC councillor X" footer line.'
        ),
        derived_text("footer_lines", 'The "CC councillor X" lines to add.'),
        derived_text("missing_footer_names", "The copied councillors not named in the footer."),
        derived_bool(
            "confidential_to_third_party",
            "Marked confidential and sent or copied to a complainant or third party.",
        ),
        derived_enum("signatory_role", "The signatory's role.", SIGNATORY_ROLES),
        derived_bool("signed_by_member", "It goes out in a member's name."),
    ),
    derive=_derive_correspondence,
    derive_for=derive_correspondence_for,
    effects={
        "open_on_need_to_know": "Member–officer correspondence is open to other councillors "
        "who need to know: a member may ask to see it, decided as a request for a document.",
    },
    example={
        "author": {"name": "Sam Patel", "kind": "officer", "role": "proper_officer"},
        "to": [{"name": "Alex Green", "kind": "councillor"}],
        "bcc": [{"name": "Jo Black", "kind": "councillor"}],
        "body": "Dear Cllr Green, ...",
    },
)


# --- correspondence.incoming ---------------------------------------------------

INCOMING = Question(
    name="correspondence.incoming",
    summary=(
        "How the council deals with a letter or email it receives that is anonymous, "
        "vexatious, abusive or repeated: who handles it, and must it be answered?"
    ),
    facts=(
        b("anonymous", "The sender does not give their name or an address to reply to."),
        b(
            "vexatious",
            "It is vexatious: it has no serious purpose, or is meant to disrupt or annoy.",
        ),
        b("abusive", "It is abusive, threatening or offensive towards a member or an officer."),
        b("repeated", "It repeats a matter the council has already answered in full."),
        b("about_staff", "It is about a named member of staff."),
        e(
            "addressed_to",
            "Who received it: council (the council or the Clerk); member (a councillor); "
            "officer (another officer).",
            ("council", "member", "officer"),
        ),
    ),
    example={"anonymous": True, "addressed_to": "council"},
)
