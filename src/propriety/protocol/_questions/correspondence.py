"""Correspondence: may a letter or email go as drafted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
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


def _names(people: Any) -> list[dict[str, str]]:
    return [p for p in people or () if isinstance(p, dict)]


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


_FOOTER_FACTS = frozenset({"footer_missing", "footer_lines", "missing_footer_names"})
_OTHERS_FACTS = _FOOTER_FACTS | {"copied_to_other_councillor"}
_EVERY_FACT: frozenset[str] = frozenset()  # filled in below, once the question is built


def _derive_correspondence(
    facts: dict[str, FactValue], as_of: dt.date, wanted: frozenset[str] | None = None
) -> None:
    # Runs on every correspondence.check, so it reads each recipient once and the text only
    # when a copied councillor must be named in its footer (footer_names keeps what a text
    # names). With ``wanted``, only the sections that work out those facts run; each fact
    # it sets has the same value as when every fact is worked out.
    every = wanted is None
    wants = _EVERY_FACT if wanted is None else wanted
    author = facts["author"] or {}
    author_name, author_kind = author.get("name"), author.get("kind")
    to = [p for p in facts["to"] or () if isinstance(p, dict)]
    bcc = [p for p in facts["bcc"] or () if isinstance(p, dict)]
    need_others = every or bool(wants & _OTHERS_FACTS)
    need_anyone = every or "copied_to_anyone_other_than_author" in wants
    need_outside = every or "confidential_to_third_party" in wants
    member_officer = False
    if every or need_others or need_anyone or "member_officer" in wants:
        to_kinds = {p.get("kind") for p in to}
        to_kinds.add(author_kind)
        member_officer = "councillor" in to_kinds and "officer" in to_kinds
        facts["member_officer"] = member_officer
    if need_others or need_anyone or need_outside:
        original = facts["original_councillor"] or (
            author_name
            if author_kind == "councillor"
            else next((p.get("name") for p in to if p.get("kind") == "councillor"), None)
        )
        skip = (original, author_name)
        writer_is_member = author_kind == "councillor"
        # Copies first, then the addressees: the order the footer names them in.
        copies = [p for p in facts["cc"] or () if isinstance(p, dict)]
        others: list[dict[str, Any]] = []
        anyone = outside = False
        for p in (*copies, *bcc, *to):
            name, kind = p.get("name"), p.get("kind")
            if kind == "councillor" and name not in skip:
                others.append(p)
            if not anyone and name not in skip:
                # The officer a councillor writes to is not a copy.
                anyone = not (writer_is_member and kind == "officer" and p in to)
            if kind in ("complainant", "third_party", "member_of_public"):
                outside = True
        facts["copied_to_other_councillor"] = bool(member_officer and others)
        # Anyone at all beyond the author and the original councillor: another councillor,
        # another officer, a resident (a protocol may say the councillor must be told of
        # any copy).
        facts["copied_to_anyone_other_than_author"] = member_officer and anyone
        if every or wants & _FOOTER_FACTS:
            missing: list[str] = []
            if others:
                named = footer_names(facts["body"] or "")
                missing = [
                    p["name"] for p in others if str(p.get("name", "")).strip().lower() not in named
                ]
            facts["footer_missing"] = bool(missing)
            facts["footer_lines"] = "\n".join(f"CC councillor {n}" for n in missing)
            facts["missing_footer_names"] = ", ".join(missing)
        facts["confidential_to_third_party"] = bool(facts["marked_confidential"]) and outside
    facts["blind_copy_to_councillor"] = any(p.get("kind") == "councillor" for p in bcc)
    facts["blind_copy_any"] = bool(bcc)
    if every or "signatory_role" in wants or "signed_by_member" in wants:
        signatory = facts["signatory"] or author
        role = signatory.get("role")
        if role not in SIGNATORY_ROLES:
            role = "officer" if signatory.get("kind", "officer") == "officer" else "councillor"
        facts["signatory_role"] = role
        facts["signed_by_member"] = role != "officer"


def _derive_correspondence_for(
    wanted: frozenset[str],
) -> Callable[[dict[str, FactValue], dt.date], None]:
    """A derive that works out only ``wanted`` (and what they need)."""
    if wanted >= _EVERY_FACT:
        return _derive_correspondence

    def derive(facts: dict[str, FactValue], as_of: dt.date) -> None:
        _derive_correspondence(facts, as_of, wanted)

    return derive


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


_EVERY_FACT = frozenset(f.name for f in CORRESPONDENCE.derived)

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
