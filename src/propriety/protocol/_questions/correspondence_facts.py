"""Working out correspondence.check's derived facts from a draft, once per call, fast.

``correspondence.check`` runs on every check of a draft (as it is written, saved
and sent), and its facts are worked out from every recipient of the draft: who is
a councillor, who is copied, whom the "CC councillor X" footer leaves out. This
module compiles, for the derived facts a rulebook reads, a derive with two paths:

- the **fast path**, for drafts as ``validate_facts`` makes them (each line a tuple
  or list of plain dicts, the author and signatory dicts or nothing): each line's
  kinds, the copied councillors and their names are read with C-level ``map``
  and list searches, so a recipient costs little Python bytecode of its
  own; everything is worked out into locals first and written into the facts only
  at the end;
- the **exact path** (``_exact_for``), the derivation as it is written down, for
  anything else: when the fast path meets a shape it does not handle or any
  exception, it has written nothing, and the exact path works the facts out (or
  raises) as it always did. So an answer, and an exception, is the same whichever
  path gave it (``bench/engine_same.py`` compares them with the engine before).

Given what the rulebook's provisions read and test (the engine passes it), the fast
path also leaves the footer unread in drafts where no provision that reads it can fire
(``footer_only_member_officer``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from itertools import compress, repeat
from operator import eq
from typing import Any

from propriety.protocol._questions._model import FactValue, Readers

Derive = Callable[[dict[str, FactValue], dt.date], None]

SIGNATORY_ROLES = ("officer", "councillor", "council_chair", "mayor", "committee_chair")

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


def _needs(wanted: frozenset[str] | None) -> tuple[bool, ...]:
    """Which sections of the derivation the derived facts ``wanted`` need (all if None)."""
    every = wanted is None
    wants = wanted or frozenset()
    need_footer = every or bool(wants & _FOOTER_FACTS)
    need_others = every or bool(wants & _OTHERS_FACTS)
    need_anyone = every or "copied_to_anyone_other_than_author" in wants
    need_outside = every or "confidential_to_third_party" in wants
    need_member_officer = need_others or need_anyone or "member_officer" in wants
    need_copies = need_others or need_anyone or need_outside
    need_signatory = every or "signatory_role" in wants or "signed_by_member" in wants
    return (
        need_footer,
        need_anyone,
        need_outside,
        need_member_officer,
        need_copies,
        need_signatory,
    )


# Facts that are True only in member-officer correspondence (the derivation makes them so).
_MEMBER_OFFICER_ONLY = ("member_officer", "copied_to_other_councillor")


def footer_only_member_officer(readers: Readers | None) -> bool:
    """Whether the footer facts can matter only in member-officer correspondence: every
    provision or guiding clause that reads one of them (tests it, names it in a text,
    reports it) holds only where ``member_officer`` (or ``copied_to_other_councillor``,
    which implies it) is True. Then, elsewhere, no provision that reads them can fire and
    their values are never seen: a draft that is not member-officer correspondence need
    not have its councillors' names read and compared with its footer."""
    if readers is None:
        return False
    return all(
        any(fact in when and when[fact] <= {True} for fact in _MEMBER_OFFICER_ONLY)
        for reads, when in readers
        if reads & _FOOTER_FACTS
    )


# --- the exact path: the derivation as written down ----------------------------


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


def _copied_to_anyone(
    everyone: Sequence[Any],
    kinds: Sequence[Any],
    to: Sequence[Any],
    skip: tuple[Any, Any],
    writer_is_member: bool,
) -> bool:
    """Whether it goes to anyone at all beyond the author and the original councillor
    (``skip``): another councillor, another officer, a resident (a protocol may say the
    councillor must be told of any copy); not the officer a councillor writes to."""
    if writer_is_member:
        return any(
            p.get("name") not in skip and not (kind == "officer" and p in to)
            for p, kind in zip(everyone, kinds, strict=True)
        )
    return any(p.get("name") not in skip for p in everyone)


def _exact_for(wanted: frozenset[str] | None) -> Derive:
    """The derivation of ``wanted`` (every derived fact if None), for any facts at all,
    malformed ones included."""
    need_footer, need_anyone, need_outside, need_member_officer, need_copies, need_signatory = (
        _needs(wanted)
    )

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
                anyone = _copied_to_anyone(everyone, kinds_all, to, skip, writer_is_member)
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


# --- the fast path ---------------------------------------------------------------

_get = dict.get  # raises TypeError for anything but a dict: the fast path then stands aside
_KIND = repeat("kind")  # endless, so one serves every map() that reads kinds
_NOBODY: dict[str, Any] = {}

# Each name as a footer line is compared with it (``str(name).strip().lower()``), kept:
# a council's people recur in draft after draft.
_FOLDED: dict[str, str] = {}
_FOLDED_KEPT = 4096


def _fold(name: str) -> str:
    folded = name.strip().lower()
    if len(_FOLDED) >= _FOLDED_KEPT:
        _FOLDED.clear()
    _FOLDED[name] = folded
    return folded


# The roles a signatory may sign in, as a set: a role outside them (or not hashable, which
# the fast path leaves to the exact path) is the signatory's kind.
_SIGNATORY_ROLES = frozenset(SIGNATORY_ROLES)


_TEXT = frozenset({str})
_NAME = repeat("name")


class _StandAside(Exception):
    """A shape the fast path does not handle: the exact path works the facts out."""


def derive_correspondence_for(
    wanted: frozenset[str] | None, readers: Readers | None = None
) -> Derive:
    """A derive that works out ``wanted`` (every derived fact if None), decided here once
    for a rulebook rather than on every decision; each fact it sets has the same value
    as when every fact is worked out, and the same as the exact path's, except that, given
    ``readers`` (what the rulebook's provisions read and test) where the footer facts can
    matter only in member-officer correspondence (``footer_only_member_officer``), a draft
    that is not gets them as a draft with no councillor copied does (no footer missing).

    It runs on every correspondence.check, so it passes over the recipients as few times
    as it can: once to put the lines together (copies first, then blind copies, then the
    addressees: the order the footer names them in), once to read their kinds; then the
    kinds are searched as a list (in C), and only the copied councillors are read again,
    for their names. The text is read only when a copied councillor must be named in its
    footer (footer_names keeps what a text names).
    """
    exact = _exact_for(wanted)
    need_footer, need_anyone, need_outside, need_member_officer, need_copies, need_signatory = (
        _needs(wanted)
    )
    # Whether the councillors copied are read in any draft, or only in member-officer ones.
    footer_always = need_footer and not (
        need_member_officer and footer_only_member_officer(readers)
    )

    def derive(facts: dict[str, FactValue], as_of: dt.date) -> None:
        try:
            author = facts["author"]
            if type(author) is not dict:
                if author:
                    raise _StandAside
                author = _NOBODY
            to = facts["to"]
            bcc = facts["bcc"]
            cc = facts["cc"] if need_copies else ()
            if (
                (type(to) is not tuple and type(to) is not list)
                or (type(bcc) is not tuple and type(bcc) is not list)
                or (type(cc) is not tuple and type(cc) is not list)
            ):
                raise _StandAside
            everyone = [*cc, *bcc, *to]
            kinds = [*map(_get, everyone, _KIND)]
            first_to = len(cc) + len(bcc)
            author_kind = author.get("kind")
            if need_member_officer:
                to_kinds = kinds[first_to:]
                present = {*to_kinds, author_kind}  # as the exact path: unhashable kinds raise
                member_officer = "councillor" in present and "officer" in present
            else:
                member_officer = False
            if need_copies:
                author_name = author.get("name")
                writer_is_member = author_kind == "councillor"
                original = facts["original_councillor"]
                copied = False
                footer_missing = False
                footer_lines = missing_names = ""
                # Who is copied matters to the footer, and otherwise only to member-officer
                # correspondence (both copy facts are False without it); to the footer too,
                # where the rulebook reads it only there.
                if footer_always or member_officer:
                    if not original:
                        if writer_is_member:
                            original = author_name
                        elif "councillor" in kinds[first_to:]:
                            original = everyone[kinds.index("councillor", first_to)].get("name")
                        else:
                            original = None
                    # Each councillor copied or addressed, other than the author and the
                    # original councillor, in the order the footer names them: read once,
                    # and checked against the footer in the same pass.
                    skip = (original, author_name)
                    missing: list[str] = []
                    named: frozenset[str] | None = None
                    at = -1
                    index = kinds.index
                    for _ in range(kinds.count("councillor")):
                        at = index("councillor", at + 1)
                        name = everyone[at].get("name")
                        if name in skip:
                            continue
                        copied = True
                        if need_footer:
                            # Only names that are text (a person without one, whose
                            # p["name"] raises on the exact path, reads None here; one that
                            # is not text may fold, format or join differently).
                            if type(name) is not str:
                                raise _StandAside
                            if named is None:
                                named = footer_names(facts["body"] or "")
                            if not named or (_FOLDED.get(name) or _fold(name)) not in named:
                                missing.append(name)
                    if missing:
                        footer_missing = True
                        footer_lines = "CC councillor " + "\nCC councillor ".join(missing)
                        missing_names = ", ".join(missing)
                    copied = copied and member_officer
                elif need_footer and "councillor" in kinds:
                    # The footer is not read, but where the exact path would raise reading
                    # it (a councillor's name that is not text, a text that is not one), the
                    # exact path decides: here, where any name or the text is not text (as
                    # validate_facts makes every name), checked in one pass in C.
                    body = facts["body"]
                    if (type(body) is not str and body is not None) or not _TEXT.issuperset(
                        map(type, map(_get, everyone, _NAME))
                    ):
                        raise _StandAside
                if need_anyone:
                    anyone = False
                    if member_officer:  # else False, as on the exact path
                        skip = (original, author_name)
                        anyone = _copied_to_anyone(everyone, kinds, to, skip, writer_is_member)
                if need_outside:
                    confidential = bool(facts["marked_confidential"]) and (
                        "complainant" in kinds
                        or "third_party" in kinds
                        or "member_of_public" in kinds
                    )
            if need_signatory:
                signatory = facts["signatory"] or author
                if type(signatory) is not dict:
                    raise _StandAside
                role = signatory.get("role")
                if role not in _SIGNATORY_ROLES:
                    role = (
                        "officer" if signatory.get("kind", "officer") == "officer" else "councillor"
                    )
        except Exception:  # nothing written yet: the exact path decides (or raises)
            exact(facts, as_of)
            return
        # Everything is worked out: only now is anything written.
        if need_member_officer:
            facts["member_officer"] = member_officer
        if need_copies:
            facts["copied_to_other_councillor"] = copied
            if need_anyone:
                facts["copied_to_anyone_other_than_author"] = anyone
            if need_footer:
                facts["footer_missing"] = footer_missing
                facts["footer_lines"] = footer_lines
                facts["missing_footer_names"] = missing_names
            if need_outside:
                facts["confidential_to_third_party"] = confidential
        facts["blind_copy_to_councillor"] = "councillor" in kinds[len(cc) : first_to]
        facts["blind_copy_any"] = bool(bcc)
        if need_signatory:
            facts["signatory_role"] = role
            facts["signed_by_member"] = role != "officer"

    return derive
