"""The readable protocol (one anchor per clause), its review status (``protocol.review``) on
the Clerk's home, questions about how it applies (``protocol.interpretation``), and every
citation linking to its clause."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from propriety.protocol import rulebook
from propriety.protocoltext.actions import do_answer_clause_question, do_ask_clerk
from propriety.protocoltext.review import review_status
from propriety.web.templatetags.propriety_protocol import clause_anchor

from .conftest import Hollowmere
from .factories import follow_rulebook

SEEDS = ["grantham", "west-mersea", "ludlow", "part5-district", "acses-town"]


def test_anchors() -> None:
    assert clause_anchor("§4.3") == "clause-4-3"
    assert clause_anchor("§4.3.1(a)") == "clause-4-3-1-a"
    assert clause_anchor("Officers ¶6") == "clause-officers-6"


@pytest.mark.parametrize("name", SEEDS)
def test_the_protocol_page_has_every_clause_once(hollowmere: Hollowmere, name: str) -> None:
    h = hollowmere
    follow_rulebook(h.council, name)
    client = Client()
    client.force_login(h.cllr_ward)
    page = client.get("/protocol/").content.decode()
    anchors = {clause_anchor(cid) for cid in rulebook(name).clauses}
    assert len(anchors) == len(rulebook(name).clauses)  # no two clauses share an anchor
    for anchor in anchors:
        assert page.count(f'id="{anchor}"') == 1, anchor
    assert rulebook(name).version in page.replace("&#x27;", "'")


@pytest.mark.parametrize("name", SEEDS)
def test_the_adopted_text_shows_no_markup_from_the_source(
    hollowmere: Hollowmere, name: str
) -> None:
    """Ludlow's adopted text marks its cover table with <b> and "26<sup>th</sup>": the page
    shows the words, not the tags (nor the angle brackets round a bare web address)."""
    h = hollowmere
    follow_rulebook(h.council, name)
    client = Client()
    client.force_login(h.cllr_ward)
    page = client.get("/protocol/").content.decode()
    for escaped in ("&lt;b&gt;", "&lt;/b&gt;", "&lt;sup&gt;", "&lt;https://"):
        assert escaped not in page, (name, escaped)
    if name == "ludlow":
        assert "Policy number: LTC / MOR / 23 / v.3 Available to:" in page
        assert "Adopted by Full Council 26th April 2016" in page


# Reviewed as of 5 December 2026: what each seed's own dates say (Ludlow's "December 2026"
# is a month, due all through it).
REVIEW = {
    "grantham": ("overdue", "Cover"),
    "west-mersea": ("overdue", "Cover"),
    "ludlow": ("due", "Cover"),
    "part5-district": ("unset", "Cover"),
    "acses-town": ("unset", "§1.2"),
}


@pytest.mark.parametrize("name", SEEDS)
def test_review_status_cites_the_clause(hollowmere: Hollowmere, name: str) -> None:
    h = hollowmere
    follow_rulebook(h.council, name)
    status = review_status(h.council, datetime.date(2026, 12, 5))
    want, clause = REVIEW[name]
    assert status.status == want
    assert clause in [c["clause"] for c in status.decision["citations"]]


def test_clerk_home_shows_the_review(hollowmere: Hollowmere) -> None:
    h = hollowmere
    follow_rulebook(h.council, "grantham")
    client = Client()
    client.force_login(h.clerk)
    page = client.get("/").content.decode()
    assert "The protocol’s review" in page and "Overdue" in page
    assert 'href="/protocol/#clause-cover"' in page
    client.force_login(h.cllr_ward)
    assert "The protocol’s review" not in client.get("/").content.decode()


def test_ask_the_clerk_and_answer(hollowmere: Hollowmere) -> None:
    """acses-town §15.1: questions of interpretation go to the Town Clerk."""
    h = hollowmere
    question = do_ask_clerk(
        h.cllr_ward,
        question="Is a coffee morning a public meeting?",
        clause="§9.4",
        acting_user=h.cllr_ward,
    )
    assert question.answerer_role == "proper_officer"
    assert [c["clause"] for c in question.decision["citations"]] == ["§15.1"]
    with pytest.raises(ValidationError):
        do_ask_clerk(h.cllr_ward, question="x", clause="§99", acting_user=h.cllr_ward)
    with pytest.raises(PermissionDenied):
        do_answer_clause_question(question, answer="Yes", acting_user=h.cllr_chair)
    do_answer_clause_question(question, answer="Yes, tell me first.", acting_user=h.clerk)
    question.refresh_from_db()
    assert question.status == "answered"
    client = Client()
    client.force_login(h.cllr_ward)
    page = client.get(f"/protocol/questions/{question.pk}/").content.decode()
    assert "Yes, tell me first." in page and 'href="/protocol/#clause-15-1"' in page


@pytest.mark.parametrize("name", ["grantham", "west-mersea", "ludlow", "part5-district"])
def test_where_nobody_is_named_to_interpret_the_page_says_so(
    hollowmere: Hollowmere, name: str
) -> None:
    h = hollowmere
    follow_rulebook(h.council, name)
    with pytest.raises(ValidationError):
        do_ask_clerk(h.cllr_ward, question="Why?", acting_user=h.cllr_ward)
    client = Client()
    client.force_login(h.cllr_ward)
    page = client.get("/protocol/ask/").content.decode()
    assert "does not say who answers questions about applying or interpreting it" in page
    assert "Ask the Town Clerk how this applies" not in client.get("/protocol/").content.decode()


def test_citations_on_other_pages_link_to_their_clause(hollowmere: Hollowmere) -> None:
    """The shared includes (decision, timeline, guidance) link every clause."""
    from propriety.press.actions import do_record_media_interest

    h = hollowmere
    record = do_record_media_interest(
        h.officer_junior, matter="Flooding", ward=h.brookside, acting_user=h.officer_junior
    )
    client = Client()
    client.force_login(h.officer_junior)
    page = client.get(f"/press/media-interest/{record.pk}/").content.decode()
    assert 'href="/protocol/#clause-11-3"' in page


def test_what_you_can_do_lists_only_pages_that_exist_for_the_rulebook(
    hollowmere: Hollowmere,
) -> None:
    """Item 9: every offer links to a real page, and a question the rulebook does not answer
    is not offered (acses-town has no written-report rule; Ludlow has no ward rule)."""
    h = hollowmere
    client = Client()
    client.force_login(h.cllr_ward)
    page = client.get("/").content.decode()
    assert 'href="/resources/new/"' in page and 'href="/ward-notices/"' in page
    assert 'href="/reports/new/"' not in page
    assert "brief your group" not in page and "in consultation with the chair" not in page
    follow_rulebook(h.council, "ludlow")
    page = client.get("/").content.decode()
    assert 'href="/reports/new/"' in page and 'href="/ward-notices/"' not in page
    from propriety.web.can_do import what_you_can_do

    client.force_login(h.clerk)
    offers = what_you_can_do(h.clerk, datetime.date(2026, 12, 5))
    assert len(offers) >= 4
    for offer in offers:
        assert client.get(offer.url).status_code == 200, offer


def test_co_opted_members_see_that_the_protocol_covers_them(hollowmere: Hollowmere) -> None:
    """Part 5 §8.1: co-opted members of council bodies are covered where appropriate; the
    guidance is shown on their enquiry, through the shared guidance include."""
    from propriety.enquiries.actions import do_submit_enquiry
    from propriety.people.roles import Role

    from . import factories as f

    h = hollowmere
    follow_rulebook(h.council, "part5-district")
    co_opted = f.make_person(h.council, Role.CO_OPTED_MEMBER, name="Cara Coopted")
    enquiry = do_submit_enquiry(
        co_opted,
        subject="Hall hire",
        body="What does the hall cost?",
        kind="information",
        addressed_to="proper_officer",
        acting_user=co_opted,
    )
    client = Client()
    client.force_login(co_opted)
    page = client.get(f"/enquiries/{enquiry.pk}/").content.decode()
    assert "As a co-opted member you are covered by this protocol" in page
    assert 'href="/protocol/#clause-8-1"' in page
