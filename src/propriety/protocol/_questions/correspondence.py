"""Correspondence: may a letter or email go as drafted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from itertools import compress, repeat
from operator import eq
from typing import Any

from propriety.protocol._questions._model import (
    Fact,
    FactValue,
    Question,
    b,
    derived_bool,
    derived_enum,
    derived_text,
    e,
)

# --- correspondence.check ------------------------------------------------------

_CC_FOOTER = re.compile(
    r"^\s*cc:?\s+(?:councillor|cllr\.?)\s+(.+?)\s*\.?\s*$", re.IGNORECASE | re.MULTILINE
)


# The "CC councillor X" names found in each text: a draft is checked again and again as it
# is written, saved and sent, so its text is read once, not on every decision.
_FOOTERS: dict[str, frozenset[str]] = {}
_FOOTERS_KEPT = 512


def footer_names(body: str) -> frozenset[str]:
    """The councillors named in the text's "CC councillor X" lines, in lower case."""
    names = _FOOTERS.get(body)
    if names is None:
        names = frozenset(m.strip().lower() for m in _CC_FOOTER.findall(body))
        if len(_FOOTERS) >= _FOOTERS_KEPT:
            _FOOTERS.clear()
        _FOOTERS[body] = names
    return names


_FOOTER_LINE = "CC councillor {}"
_FOOTER_FACTS = frozenset({"footer_missing", "footer_lines", "missing_footer_names"})
_OTHERS_FACTS = _FOOTER_FACTS | {"copied_to_other_councillor"}


def _line(people: Any) -> tuple[Sequence[Any], list[Any]]:
    """The recipients on one line that are people (mappings, as validate_facts makes
    them) and their kinds, read in one pass."""
    line = people or ()
    if type(line) is not tuple and type(line) is not list:
        line = list(line)
    kinds = [p.get("kind") for p in line if isinstance(p, dict)]
    if len(kinds) != len(line):  # not every one is a person: only those that are
        line = [p for p in line if isinstance(p, dict)]
    return line, kinds


def _derive_correspondence_for(
    wanted: frozenset[str] | None,
) -> Callable[[dict[str, FactValue], dt.date], None]:
    """A derive that works out ``wanted`` (every derived fact if None), decided here once
    for a rulebook rather than on every decision; each fact it sets has the same value
    as when every fact is worked out.

    It runs on every correspondence.check, so each recipient costs as little Python as
    can be: its kind is read once with the line, the kinds are then searched as lists
    (who is a councillor, anyone outside the council), and names are read only for the
    councillors copied (and, where a rulebook asks who is copied at all, until the first
    copy). The text is read only when a copied councillor must be named in its footer
    (footer_names keeps what a text names).
    """
    every = wanted is None
    wants = wanted or frozenset()
    need_footer = every or bool(wants & _FOOTER_FACTS)
    need_others = every or bool(wants & _OTHERS_FACTS)
    need_anyone = every or "copied_to_anyone_other_than_author" in wants
    need_outside = every or "confidential_to_third_party" in wants
    need_member_officer = need_others or need_anyone or "member_officer" in wants
    need_copies = need_others or need_anyone or need_outside
    need_signatory = every or "signatory_role" in wants or "signed_by_member" in wants

    def derive(facts: dict[str, FactValue], as_of: dt.date) -> None:
        author = facts["author"] or {}
        author_name, author_kind = author.get("name"), author.get("kind")
        to, to_kinds = _line(facts["to"])
        bcc, bcc_kinds = _line(facts["bcc"])
        member_officer = False
        if need_member_officer:
            kinds = set(to_kinds)
            kinds.add(author_kind)
            member_officer = "councillor" in kinds and "officer" in kinds
            facts["member_officer"] = member_officer
        if need_copies:
            writer_is_member = author_kind == "councillor"
            original = facts["original_councillor"] or (
                author_name
                if writer_is_member
                else to[to_kinds.index("councillor")].get("name")
                if "councillor" in to_kinds
                else None
            )
            skip = (original, author_name)
            copies, copy_kinds = _line(facts["cc"])
            # Copies first, then the addressees: the order the footer names them in.
            everyone = [*copies, *bcc, *to]
            kinds_all = [*copy_kinds, *bcc_kinds, *to_kinds]
            others = (
                [
                    p
                    for p in compress(everyone, map(eq, kinds_all, repeat("councillor")))
                    if p.get("name") not in skip
                ]
                if "councillor" in kinds_all
                else []
            )
            facts["copied_to_other_councillor"] = bool(member_officer and others)
            if need_anyone:
                # Anyone at all beyond the author and the original councillor: another
                # councillor, another officer, a resident (a protocol may say the
                # councillor must be told of any copy); not the officer a councillor
                # writes to.
                if writer_is_member:
                    anyone = any(
                        p.get("name") not in skip and not (kind == "officer" and p in to)
                        for p, kind in zip(everyone, kinds_all, strict=True)
                    )
                else:
                    anyone = any(p.get("name") not in skip for p in everyone)
                facts["copied_to_anyone_other_than_author"] = member_officer and anyone
            if need_footer:
                missing: list[str] = []
                if others:
                    named = footer_names(facts["body"] or "")
                    missing = [
                        p["name"]
                        for p in others
                        if str(p.get("name", "")).strip().lower() not in named
                    ]
                facts["footer_missing"] = bool(missing)
                facts["footer_lines"] = "\n".join(map(_FOOTER_LINE.format, missing))
                facts["missing_footer_names"] = ", ".join(missing)
            if need_outside:
                facts["confidential_to_third_party"] = bool(facts["marked_confidential"]) and (
                    "complainant" in kinds_all
                    or "third_party" in kinds_all
                    or "member_of_public" in kinds_all
                )
        facts["blind_copy_to_councillor"] = "councillor" in bcc_kinds
        facts["blind_copy_any"] = bool(bcc)
        if need_signatory:
            signatory = facts["signatory"] or author
            role = signatory.get("role")
            if role not in SIGNATORY_ROLES:
                role = "officer" if signatory.get("kind", "officer") == "officer" else "councillor"
            facts["signatory_role"] = role
            facts["signed_by_member"] = role != "officer"

    return derive


_derive_correspondence = _derive_correspondence_for(None)

SIGNATORY_ROLES = ("officer", "councillor", "council_chair", "mayor", "committee_chair")

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
    derive_for=_derive_correspondence_for,
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
