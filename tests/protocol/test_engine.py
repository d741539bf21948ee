"""The decision engine's rules of combination, on a fictional council's rulebook."""

from __future__ import annotations

import datetime as dt

import pytest

from propriety.protocol import Engine, FactsError, UnansweredQuestion, load_rulebook, validate_facts
from tests.protocol.conftest import FIXTURES

pytestmark = pytest.mark.core
DAY = dt.date(2026, 11, 22)


def test_allow_cites_the_allowing_clause_and_its_obligation(engine: Engine) -> None:
    d = engine.decide("document.access", {"on_owning_committee": True}, as_of=DAY)
    assert d.outcome == "allow"
    assert d.clauses == ("§1",)
    assert [o[0] for o in d.obligations] == ["use-for-purpose"]


def test_refusal_beats_lower_priority_and_cites_the_refusing_clause(engine: Engine) -> None:
    d = engine.decide("document.access", {"classification": "exempt"}, as_of=DAY)
    assert d.outcome == "refuse"
    assert d.clauses == ("§2",)
    assert d.explanation == "A non-member may not see exempt information."


def test_default_refers_and_never_allows_by_itself(engine: Engine) -> None:
    d = engine.decide(
        "document.access", {"classification": "public", "purpose_stated": True}, as_of=DAY
    )
    assert d.outcome == "refer"
    assert d.refer_to == "proper_officer"
    assert d.route is not None and d.route.now_title == "Town Clerk"
    assert [r for r, _ in d.route.next] == ["council"]
    assert d.as_dict({"purpose_stated": True})["facts_that_matter"] == {"purpose_stated": True}


def test_advisory_provision_adds_obligation_and_is_cited(engine: Engine) -> None:
    d = engine.decide(
        "document.access",
        {"classification": "personal_data", "on_owning_committee": True},
        as_of=DAY,
    )
    assert d.outcome == "allow"
    assert set(d.clauses) == {"§1"}
    assert {o[0] for o in d.obligations} == {"use-for-purpose", "justify"}
    assert len(d.citations) == 2  # the deciding provision and the advisory one


def test_deadline_uses_settings_and_council_override(engine: Engine) -> None:
    facts = {"clock": "respond", "received_on": dt.date(2026, 12, 23)}
    d = engine.decide("enquiry.response_target", facts, as_of=DAY)
    assert d.deadline is not None and d.deadline.due == dt.date(2027, 1, 11)
    d = engine.decide(
        "enquiry.response_target", facts, as_of=DAY, settings={"respond_working_days": 5}
    )
    assert d.deadline is not None and d.deadline.due == dt.date(2027, 1, 4)
    ack = engine.decide(
        "enquiry.response_target", {"clock": "acknowledge", "received_on": DAY}, as_of=DAY
    )
    assert ack.deadline is not None and ack.deadline.due == dt.date(2026, 11, 24)


def test_provisions_answer_as_of_a_date(engine: Engine) -> None:
    facts = {"speaker_role": "councillor"}
    assert engine.decide("press.spokesperson", facts, as_of=dt.date(2025, 6, 1)).outcome == "allow"
    later = engine.decide("press.spokesperson", facts, as_of=dt.date(2026, 6, 1))
    assert later.outcome == "refuse"
    assert later.guidance == (("§4", "Only the chair speaks for the council."),)


@pytest.mark.parametrize(
    ("day", "status", "outcome"),
    [
        (dt.date(2026, 6, 1), "current", "allow"),
        (dt.date(2026, 11, 22), "due_soon", "refer"),
        (dt.date(2027, 1, 31), "due", "refer"),
        (dt.date(2027, 2, 1), "overdue", "refer"),
    ],
)
def test_review_status(engine: Engine, day: dt.date, status: str, outcome: str) -> None:
    assert engine.review_status(day) == status
    assert engine.decide("protocol.review", {}, as_of=day).outcome == outcome


def test_unanswered_question_is_a_clear_error(engine: Engine) -> None:
    with pytest.raises(UnansweredQuestion, match=r"no provisions for correspondence\.check"):
        engine.decide("correspondence.check", {}, as_of=DAY)


def test_extension_overrides_and_removes_by_name() -> None:
    child = Engine(load_rulebook("testford-local", FIXTURES))
    assert child.rulebook.chain == ("testford-local", "testford")
    d = child.decide(
        "document.access",
        {"on_owning_committee": True, "classification": "personal_data"},
        as_of=DAY,
    )
    assert d.outcome == "refer" and d.recommendation == "allow"
    assert {o[0] for o in d.obligations} == set()  # the advisory provision was removed
    assert child.rulebook.nation == "wales"


def test_abstract_rulebooks_cannot_be_asked(testford: object) -> None:
    from dataclasses import replace

    from propriety.protocol import Rulebook

    assert isinstance(testford, Rulebook)
    with pytest.raises(ValueError, match="abstract"):
        Engine(replace(testford, abstract=True))


class TestValidateFacts:
    def test_converts_dates_and_numbers(self) -> None:
        facts = validate_facts(
            "document.access", {"exempt_category": 3, "classification": "exempt"}
        )
        assert facts["exempt_category"] == "3"
        assert validate_facts("enquiry.response_target", {"received_on": "2026-12-23"})[
            "received_on"
        ] == dt.date(2026, 12, 23)

    @pytest.mark.parametrize(
        ("question", "facts", "field", "message"),
        [
            (
                "document.access",
                {"clasification": "exempt"},
                "facts.clasification",
                "did you mean 'classification'",
            ),
            (
                "document.access",
                {"classification": "secret"},
                "facts.classification",
                "must be one of",
            ),
            ("document.access", {"purpose_stated": "yes"}, "facts.purpose_stated", "true or false"),
            (
                "document.access",
                {"third_party_personal_data": True},
                "facts.third_party_personal_data",
                "worked out by the engine",
            ),
            ("enquiry.response_target", {}, "facts.received_on", "needs this fact"),
            (
                "enquiry.response_target",
                {"received_on": "23/12/2026"},
                "facts.received_on",
                "a date like",
            ),
            (
                "correspondence.check",
                {"to": [{"kind": "councillor"}]},
                "facts.to[0].name",
                "needs a name",
            ),
            (
                "correspondence.check",
                {"to": [{"name": "A", "kind": "alien"}]},
                "facts.to[0].kind",
                "must be one of",
            ),
            ("document.acess", {}, "question", "Did you mean 'document.access'"),
        ],
    )
    def test_bad_facts_name_the_field(
        self, question: str, facts: dict[str, object], field: str, message: str
    ) -> None:
        with pytest.raises(FactsError) as info:
            validate_facts(question, facts)
        assert info.value.field == field
        assert message in info.value.message


class TestCorrespondenceDerivation:
    def _derived(self, facts: dict[str, object]) -> dict[str, object]:
        from propriety.protocol import QUESTIONS

        q = QUESTIONS["correspondence.check"]
        full = {f.name: f.default for f in q.all_facts}
        full.update(validate_facts("correspondence.check", facts))
        assert q.derive is not None
        q.derive(full, DAY)
        return full

    def test_blind_copy_and_missing_footer(self) -> None:
        f = self._derived(
            {
                "author": {"name": "Sam Patel", "kind": "officer", "role": "proper_officer"},
                "to": [{"name": "Alex Green", "kind": "councillor"}],
                "bcc": [{"name": "Jo Black", "kind": "councillor"}],
                "body": "Dear Cllr Green",
            }
        )
        assert (
            f["member_officer"]
            and f["blind_copy_to_councillor"]
            and f["copied_to_other_councillor"]
        )
        assert f["footer_missing"] and f["footer_lines"] == "CC councillor Jo Black"
        assert f["signatory_role"] == "officer" and not f["signed_by_member"]

    def test_footer_present_satisfies(self) -> None:
        f = self._derived(
            {
                "author": {"name": "Sam Patel", "kind": "officer"},
                "to": [{"name": "Alex Green", "kind": "councillor"}],
                "cc": [{"name": "Jo Black", "kind": "councillor"}],
                "body": "Dear Cllr Green\n\nCC councillor Jo Black",
            }
        )
        assert f["copied_to_other_councillor"] and not f["footer_missing"]

    def test_confidential_to_complainant(self) -> None:
        f = self._derived(
            {
                "author": {"name": "Sam Patel", "kind": "officer"},
                "to": [{"name": "Alex Green", "kind": "councillor"}],
                "cc": [{"name": "Pat Doe", "kind": "complainant"}],
                "marked_confidential": True,
            }
        )
        assert f["confidential_to_third_party"]

    def test_signed_by_the_mayor(self) -> None:
        f = self._derived(
            {"signatory": {"name": "Cllr Ray", "kind": "councillor", "role": "mayor"}}
        )
        assert f["signatory_role"] == "mayor" and f["signed_by_member"]

    def test_the_footer_and_order_of_missing_names(self) -> None:
        # Copies are named before addressees, each as written; a CC line anywhere counts.
        f = self._derived(
            {
                "author": {"name": "Sam Patel", "kind": "officer"},
                "to": [
                    {"name": "Alex Green", "kind": "councillor"},
                    {"name": "Lee Ross", "kind": "councillor"},
                ],
                "cc": [{"name": "Jo Black", "kind": "councillor"}],
                "bcc": [{"name": "Kim Lee", "kind": "councillor"}],
                "body": "Dear all,\n  cc: Cllr. kim lee.\n\nThanks",
            }
        )
        assert f["missing_footer_names"] == "Jo Black, Lee Ross"
        assert f["footer_lines"] == "CC councillor Jo Black\nCC councillor Lee Ross"

    def test_the_officer_a_councillor_writes_to_is_not_a_copy(self) -> None:
        member = {"name": "Alex Green", "kind": "councillor"}
        clerk = {"name": "Sam Patel", "kind": "officer"}
        alone = self._derived({"author": member, "to": [clerk]})
        assert alone["member_officer"] and not alone["copied_to_anyone_other_than_author"]
        # The same officer on the Cc line as well is still not a copy; a resident is.
        again = self._derived({"author": member, "to": [clerk], "cc": [clerk]})
        assert not again["copied_to_anyone_other_than_author"]
        resident = {"name": "Pat Doe", "kind": "member_of_public"}
        copied = self._derived({"author": member, "to": [clerk], "cc": [resident]})
        assert copied["copied_to_anyone_other_than_author"]
        assert not copied["confidential_to_third_party"]


class TestDecisionsKept:
    """A decision is kept per question and day against the facts it can turn on."""

    def test_the_same_facts_give_the_same_decision(self, engine: Engine) -> None:
        facts = {"classification": "exempt", "purpose_stated": True}
        first = engine.decide("document.access", facts, as_of=DAY)
        again = engine.decide("document.access", dict(facts), as_of=DAY)
        assert again is first
        other = engine.decide("document.access", {"classification": "public"}, as_of=DAY)
        assert other is not first and other.outcome != first.outcome

    def test_a_fact_the_answer_reports_or_counts_from_is_part_of_the_key(
        self, engine: Engine
    ) -> None:
        a = engine.decide("enquiry.response_target", {"clock": "respond", "received_on": DAY})
        b = engine.decide(
            "enquiry.response_target",
            {"clock": "respond", "received_on": dt.date(2026, 12, 23)},
        )
        assert a is not b and a.deadline != b.deadline
        five = engine.decide(
            "enquiry.response_target",
            {"clock": "respond", "received_on": DAY},
            settings={"respond_working_days": 5},
        )
        assert five is not a and five.deadline != a.deadline
        # facts_that_matter are reported as given.
        yes = engine.decide("document.access", {"purpose_stated": True}, as_of=DAY)
        no = engine.decide("document.access", {"purpose_stated": False}, as_of=DAY)
        assert yes.as_dict()["facts_that_matter"] != no.as_dict()["facts_that_matter"]

    def test_a_templated_text_keys_on_the_facts_it_names(self) -> None:
        from propriety.protocol import engine_for

        national = engine_for("grantham")
        base = {
            "author": {"name": "Sam Patel", "kind": "officer"},
            "to": [{"name": "Alex Green", "kind": "councillor"}],
        }
        jo = national.decide(
            "correspondence.check",
            {**base, "cc": ({"name": "Jo Black", "kind": "councillor"},)},
            as_of=DAY,
        )
        kim = national.decide(
            "correspondence.check",
            {**base, "cc": ({"name": "Kim Lee", "kind": "councillor"},)},
            as_of=DAY,
        )
        assert "Jo Black" in jo.explanation and "Kim Lee" in kim.explanation

    def test_the_kept_decisions_start_again_when_full(
        self, engine: Engine, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import propriety.protocol._engine as engine_module

        monkeypatch.setattr(engine_module, "MEMO_SIZE", 2)
        for day in range(1, 4):
            engine.decide(
                "enquiry.response_target",
                {"clock": "respond", "received_on": dt.date(2026, 11, day)},
                as_of=DAY,
            )
        assert len(engine._cache[("enquiry.response_target", DAY)].memo) == 1


def test_a_derive_for_some_facts_gives_those_facts_as_the_full_derive_does() -> None:
    import itertools
    import random

    from propriety.protocol import QUESTIONS

    q = QUESTIONS["correspondence.check"]
    assert q.derive is not None and q.derive_for is not None
    derived = sorted(f.name for f in q.derived)
    rng = random.Random(5)
    names = ["Alex Green", "Jo Black", "Sam Patel"]
    kinds = ["councillor", "officer", "complainant", "third_party"]

    def people() -> list[dict[str, str]]:
        return [
            {"name": rng.choice(names), "kind": rng.choice(kinds)} for _ in range(rng.randrange(4))
        ]

    subsets = [frozenset(c) for n in (0, 1, 2) for c in itertools.combinations(derived, n)]
    for _ in range(300):
        given = {
            "author": {"name": rng.choice(names), "kind": rng.choice(kinds[:2])},
            "to": people(),
            "cc": people(),
            "bcc": people(),
            "body": rng.choice(["", "Dear all,\nCC councillor Jo Black"]),
            "marked_confidential": rng.random() < 0.5,
        }
        full = {f.name: f.default for f in q.all_facts} | validate_facts(q.name, given)
        q.derive(full, DAY)
        for wanted in subsets:
            part = {f.name: f.default for f in q.all_facts} | validate_facts(q.name, given)
            q.derive_for(wanted)(part, DAY)
            assert {k: part[k] for k in wanted} == {k: full[k] for k in wanted}


def test_a_rulebook_that_reads_no_footer_never_reads_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from propriety.protocol import engine_for
    from propriety.protocol._questions import correspondence_facts

    def no(body: str) -> frozenset[str]:
        raise AssertionError("the text was read")

    monkeypatch.setattr(correspondence_facts, "footer_names", no)
    facts = {
        "author": {"name": "Sam Patel", "kind": "officer"},
        "to": ({"name": "Alex Green", "kind": "councillor"},),
        "cc": ({"name": "Jo Black", "kind": "councillor"},),
        "body": "Dear Cllr Green",
    }
    # acses-town's provisions read who is copied, not the footer (§12.1 asks for consent).
    decision = engine_for("acses-town").decide("correspondence.check", facts, as_of=DAY)
    assert decision.outcome == "refuse"
    with pytest.raises(AssertionError, match="the text was read"):
        engine_for("grantham").decide("correspondence.check", facts, as_of=DAY)


def test_an_engine_keeps_a_bounded_number_of_decisions(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import propriety.protocol._engine as engine_module

    monkeypatch.setattr(engine_module, "KEPT_PER_ENGINE", 3)
    for day in range(1, 6):
        engine.decide("enquiry.response_target", {"received_on": dt.date(2026, 11, day)}, as_of=DAY)
        engine.decide("document.access", {"classification": "public"}, as_of=dt.date(2026, 1, day))
    kept = sum(len(cq.memo) for cq in engine._cache.values())
    assert 1 <= kept <= 3
