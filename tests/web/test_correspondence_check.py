"""The correspondence check for each of the five rulebooks, on drafts with known problems.

Each draft goes through do_draft_correspondence, so what is asserted is what a
person sees: every problem (a refusing or referring provision) with its clauses,
and the obligations. The clauses come from rulebooks/*.yaml (correspondence.check)
and tests/rulebooks/scenarios/.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from propriety.audit.models import AuditEvent
from propriety.correspondence.actions import do_draft_correspondence
from propriety.correspondence.check import Addressee
from propriety.correspondence.models import Correspondence
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f

DAY = datetime.date(2027, 1, 12)


@dataclass
class World:
    council: Council
    clerk: Person
    green: Person  # a councillor
    black: Person  # another councillor
    mayor: Person


def world(rulebook: str) -> World:
    council = f.make_council(f"Test {rulebook} Council", rulebook=rulebook, slug=rulebook)
    return World(
        council=council,
        clerk=f.make_person(council, Role.PROPER_OFFICER, name="Anita Eckersley"),
        green=f.make_person(council, Role.COUNCILLOR, name="Alex Green"),
        black=f.make_person(council, Role.COUNCILLOR, name="Jo Black"),
        mayor=f.make_person(council, Role.COUNCILLOR, Role.MAYOR, name="Pat Lee"),
    )


def to(person: Person, line: str = "to") -> Addressee:
    return Addressee(line, person.full_name, "", "", person)


def outside(name: str, kind: str, line: str = "to") -> Addressee:
    return Addressee(line, name, kind, "", None)


def draft(w: World, author: Person, recipients: list[Addressee], **kw: Any) -> Correspondence:
    kw.setdefault("body", "Dear colleague, as discussed.")
    return do_draft_correspondence(
        author,
        subject="A draft",
        recipients=recipients,
        today=DAY,
        acting_user=author,
        **kw,
    )


def problems(letter: Correspondence) -> dict[str, list[str]]:
    return {p["id"]: [c["clause"] for c in p["citations"]] for p in letter.problems}


def obligations(letter: Correspondence) -> list[str]:
    return [o["id"] for o in letter.check_result["obligations"]]


# --- the national model: grantham and west-mersea --------------------------------------


@pytest.mark.parametrize("rulebook", ["grantham", "west-mersea"])
def test_national_model_drafts(db: None, rulebook: str) -> None:
    w = world(rulebook)
    clean = draft(w, w.clerk, [to(w.green)])
    assert clean.check_result["outcome"] == "allow"
    assert problems(clean) == {}
    assert [c["clause"] for c in clean.check_result["citations"]] == ["Correspondence ¶1"]

    blind = draft(w, w.clerk, [to(w.green), to(w.black, "bcc")])
    assert blind.check_result["outcome"] == "refuse"
    assert problems(blind) == {
        "corr.blind-copy-to-councillor": ["Correspondence ¶1"],
        "corr.copy-not-told": ["Correspondence ¶1"],
        "corr.cc-footer-missing": ["Correspondence ¶1"],
    }
    assert obligations(blind) == ["no-silent-copies", "tell-original-councillor", "cc-footer"]

    copied = draft(w, w.clerk, [to(w.green), to(w.black, "cc")])
    # Telling the councillor and adding the CC line put it right: not a prohibition.
    assert copied.check_result["outcome"] == "put_right"
    assert {p["severity"] for p in copied.problems} == {"put_right"}
    assert problems(copied) == {
        "corr.copy-not-told": ["Correspondence ¶1"],
        "corr.cc-footer-missing": ["Correspondence ¶1"],
    }
    footer = next(p for p in copied.problems if p["id"] == "corr.cc-footer-missing")
    assert footer["footer_fix"] is True
    assert footer["explanation"].endswith("missing for Jo Black.")
    assert copied.check_result["footer_lines"] == "CC councillor Jo Black"
    told = next(
        o for o in copied.check_result["obligations"] if o["id"] == "tell-original-councillor"
    )
    assert "Tell the original councillor" in told["text"]

    proper = draft(
        w,
        w.clerk,
        [to(w.green), to(w.black, "cc")],
        body="Dear Cllr Green,\n\nCC councillor Jo Black",
        flags={"original_councillor_told": True},
    )
    assert proper.check_result["outcome"] == "allow"
    assert problems(proper) == {}

    confidential = draft(
        w,
        w.clerk,
        [to(w.green), outside("Sam Resident", "complainant", "cc")],
        flags={"marked_confidential": True},
    )
    assert problems(confidential) == {"corr.confidential-to-third-party": ["Correspondence ¶3"]}
    assert obligations(confidential) == ["explain-confidentiality"]

    order = draft(
        w,
        w.green,
        [outside("Acme Ltd", "third_party")],
        flags={"official": True, "creates_obligations": True},
    )
    assert problems(order) == {
        "corr.obligations-in-member-name": ["Correspondence ¶2"],
        "corr.official-in-councillor-name": ["Correspondence ¶2"],
    }
    instruction = draft(
        w,
        w.green,
        [outside("Acme Ltd", "third_party")],
        flags={"official": True, "gives_instructions": True},
    )
    assert problems(instruction) == {
        "corr.instructions-in-member-name": ["Correspondence ¶2"],
        "corr.official-in-councillor-name": ["Correspondence ¶2"],
    }
    chair = draft(
        w,
        w.clerk,
        [outside("Minister for Local Government", "third_party")],
        signatory=w.mayor,
        signatory_capacity="council_chair",
        flags={"official": True},
    )
    assert problems(chair) == {"corr.official-chair-not-exceptional": ["Correspondence ¶2"]}
    exceptional = draft(
        w,
        w.clerk,
        [outside("Minister for Local Government", "third_party")],
        signatory=w.mayor,
        signatory_capacity="council_chair",
        flags={"official": True, "exceptional": True},
    )
    assert exceptional.check_result["outcome"] == "allow"
    assert problems(exceptional) == {}


# --- part5-district: correspondence is not confidential, nothing else -------------------


def test_part5_district_drafts(db: None) -> None:
    w = world("part5-district")
    for letter in (
        draft(w, w.clerk, [to(w.green)]),
        draft(w, w.clerk, [to(w.green), to(w.black, "bcc")]),
        draft(w, w.clerk, [to(w.green), to(w.black, "cc")]),
        draft(
            w,
            w.green,
            [outside("Acme Ltd", "third_party")],
            flags={"official": True, "creates_obligations": True},
        ),
    ):
        assert letter.check_result["outcome"] == "allow"
        assert problems(letter) == {}
        assert {c["clause"] for c in letter.check_result["citations"]} == {"§10.1"}
    member_officer = draft(w, w.clerk, [to(w.green)])
    # A kept decision cites §10.1 once (under the default), so the provision is found
    # among the notes, each fired provision's own.
    assert "correspondence.not-confidential" in {
        n["id"] for n in member_officer.check_result["notes"]
    }


# --- acses-town: §12.1–§12.5 ---------------------------------------------------------


def test_acses_town_drafts(db: None) -> None:
    w = world("acses-town")
    clean = draft(w, w.clerk, [to(w.green)])
    assert clean.check_result["outcome"] == "allow"
    assert [c["clause"] for c in clean.check_result["citations"]] == ["§12.2"]

    blind = draft(w, w.clerk, [to(w.green), to(w.black, "bcc")])
    assert problems(blind) == {
        "corr.copied-without-consent": ["§12.1"],
        "corr.blind-copy": ["§12.1"],
    }
    assert obligations(blind) == ["remove-copy", "no-blind-copy"]

    copied = draft(w, w.clerk, [to(w.green), to(w.black, "cc")])
    # Without the author's consent a copy is a prohibition, not a step to put right.
    assert copied.check_result["outcome"] == "refuse"
    assert problems(copied) == {"corr.copied-without-consent": ["§12.1"]}
    # acses-town has no footer rule, so no footer fix is offered.
    assert not any(p["footer_fix"] for p in copied.problems)

    agreed = draft(
        w, w.clerk, [to(w.green), to(w.black, "cc")], flags={"author_consents_to_copy": True}
    )
    assert agreed.check_result["outcome"] == "allow"
    assert obligations(agreed) == ["copy-openly"]

    instructions = draft(
        w, w.green, [outside("Acme Ltd", "third_party")], flags={"gives_instructions": True}
    )
    assert problems(instructions) == {"corr.instruction-in-member-name": ["§12.4"]}
    obligation = draft(
        w, w.green, [outside("Acme Ltd", "third_party")], flags={"creates_obligations": True}
    )
    assert problems(obligation) == {"corr.obligation-in-member-name": ["§12.4"]}

    official = draft(
        w, w.green, [outside("Highways Authority", "third_party")], flags={"official": True}
    )
    assert official.check_result["outcome"] == "refer"
    assert problems(official) == {"corr.official-in-member-name": ["§12.2"]}
    assert official.problems[0]["ask"] == "the Town Clerk"

    mayor = draft(
        w, w.mayor, [outside("Highways Authority", "third_party")], flags={"official": True}
    )
    assert mayor.signatory_capacity == "mayor"
    assert mayor.check_result["outcome"] == "allow"
    assert [c["clause"] for c in mayor.check_result["citations"]] == ["§12.3"]

    ward = draft(w, w.green, [to(w.clerk)], flags={"writing_as_ward_member": True})
    assert problems(ward) == {"corr.ward-capacity-unstated": ["§12.5"]}
    stated = draft(
        w,
        w.green,
        [to(w.clerk)],
        flags={"writing_as_ward_member": True, "states_ward_capacity": True},
    )
    assert problems(stated) == {}


# --- ludlow: no rules on correspondence, so nothing stands against a draft -------------


def test_ludlow_checks_and_records_a_draft_against_its_scope_clauses(db: None) -> None:
    """Ludlow's text has no rules for letters: the check cites its scope (§3) and
    confidences (§4.3.1(j)) and finds nothing against even a blind copy."""
    w = world("ludlow")
    letter = draft(w, w.clerk, [to(w.green), to(w.black, "bcc")])
    assert problems(letter) == {}
    assert letter.check_result["outcome"] == "allow"
    assert [c["clause"] for c in letter.check_result["citations"]] == ["§3", "§4.3.1(j)"]


def test_the_draft_is_audited_with_its_clauses(db: None) -> None:
    w = world("acses-town")
    letter = draft(w, w.clerk, [to(w.green), to(w.black, "bcc")])
    event = AuditEvent.objects.for_council(w.council).get(action="correspondence.drafted")
    assert event.object_id == str(letter.pk)
    assert {c["clause"] for c in event.citations} == {"§12.1"}
    assert "2 problems" in event.details["says"]
    assert event.details["problems"] == ["corr.copied-without-consent", "corr.blind-copy"]
