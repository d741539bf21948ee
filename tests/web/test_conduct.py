"""The "Can I…?" page: ask the protocol about something you plan to do, see the answer with
its clauses, and keep it only if you choose (acses-town's conduct rules)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from propriety.audit.models import AuditEvent
from propriety.conduct.actions import ask_conduct, do_keep_conduct_question
from propriety.conduct.models import ConductQuestion

from . import factories as f
from .conftest import Hollowmere

CRITICISE_ONLINE = {"action": "criticise", "forum": "social_media", "concerning": "officer"}


def test_asking_shows_the_refusal_with_its_clause_and_keeps_nothing(
    client: Client, hollowmere: Hollowmere
) -> None:
    client.force_login(hollowmere.cllr_ward)
    page = client.post("/can-i/", CRITICISE_ONLINE).content.decode()
    assert "No, the protocol says not to" in page
    assert "§15.2(c)" in page
    assert "Keep a record of this answer" in page
    assert not ConductQuestion.objects.for_council(hollowmere.council).exists()


def test_keeping_stores_the_answer_for_the_asker_alone(
    client: Client, hollowmere: Hollowmere
) -> None:
    client.force_login(hollowmere.cllr_ward)
    response = client.post("/can-i/keep/", {**CRITICISE_ONLINE, "plan": "A post about the bins"})
    assert response.status_code == 302
    question = ConductQuestion.objects.for_council(hollowmere.council).get()
    assert question.asked_by == hollowmere.cllr_ward
    assert question.actor == "member" and question.plan == "A post about the bins"
    assert question.decision["outcome"] == "refuse"
    assert [c["clause"] for c in question.decision["citations"]] == ["§15.2(c)"]
    event = AuditEvent.objects.for_council(hollowmere.council).get(action="conduct.question_kept")
    assert {c["clause"] for c in event.citations} == {"§15.2(c)"}
    detail = client.get(response["Location"]).content.decode()
    assert "A post about the bins" in detail and "§15.2(c)" in detail
    other = Client()
    other.force_login(hollowmere.clerk)
    assert other.get(response["Location"]).status_code == 404
    # Its name, as the audit trail shows it, gives the day in words.
    day = question.asked_on
    assert str(question) == (
        f"Can I… (Criticise someone's conduct, capability or performance) {day.day} {day:%B %Y}"
    )


def test_an_officer_is_asked_as_an_officer(hollowmere: Hollowmere) -> None:
    decision, _ = ask_conduct(
        hollowmere.officer_junior,
        action="relay_discussion",
        forum="party_group",
        concerning="party_group",
    )
    assert decision.outcome == "refuse" and decision.clauses == ("§8.7",)
    allowed, _ = ask_conduct(
        hollowmere.cllr_ward, action="criticise", forum="private", concerning="officer"
    )
    assert allowed.outcome == "allow"
    assert "well-founded" in {i for i, _, _ in allowed.obligations}


def test_a_bad_choice_is_an_error_that_keeps_what_was_chosen(
    client: Client, hollowmere: Hollowmere
) -> None:
    client.force_login(hollowmere.cllr_ward)
    page = client.post("/can-i/", {"action": "criticise", "forum": "the pub"}).content.decode()
    assert "Choose where." in page and "Choose whom it concerns." in page
    assert 'value="criticise" checked' in page


def test_a_protocol_without_conduct_rules_says_so(client: Client, db: None) -> None:
    council = f.make_council("Ludlow Test", rulebook="ludlow", slug="ludlowtest")
    member = f.make_person(council, f.Role.COUNCILLOR, name="Lu Member")
    client.force_login(member)
    page = client.get("/can-i/").content.decode()
    assert "says nothing about how members and officers behave" in page
    assert client.post("/can-i/keep/", CRITICISE_ONLINE).status_code == 404


def test_keeping_someone_elses_question_is_refused(hollowmere: Hollowmere) -> None:
    with pytest.raises(PermissionDenied):
        do_keep_conduct_question(
            hollowmere.cllr_ward, acting_user=hollowmere.clerk, **CRITICISE_ONLINE
        )


def test_a_too_long_plan_is_an_error_beside_the_answer_that_keeps_what_was_typed(
    client: Client, hollowmere: Hollowmere
) -> None:
    """Keeping with a plan over 2,000 characters used to show the error over the empty
    first form: the answer and the plan's box were gone, and with them what was typed."""
    client.force_login(hollowmere.cllr_ward)
    plan = "A long post about the bins. " * 80
    response = client.post("/can-i/keep/", {**CRITICISE_ONLINE, "plan": plan})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Keep it to 2,000 characters or fewer." in page
    assert 'href="#id_plan"' in page and 'id="id_plan"' in page
    assert "No, the protocol says not to" in page and "§15.2(c)" in page
    assert plan.strip() in page
    assert not ConductQuestion.objects.for_council(hollowmere.council).exists()


def test_an_answer_left_to_someone_names_them_as_a_noun(
    client: Client, hollowmere: Hollowmere
) -> None:
    """ "Ask Town Clerk first": the role's title wants its article, as the concerns pages
    give it ("the Town Clerk")."""
    client.force_login(hollowmere.cllr_ward)
    page = client.post(
        "/can-i/", {"action": "criticise", "forum": "with_member", "concerning": "officer"}
    ).content.decode()
    assert "Ask the Clerk first" in page or "Ask the Town Clerk first" in page, page[:0]
    assert "Ask Town Clerk first" not in page and "Ask Clerk first" not in page
