"""A council's declared facts are asked on its forms and through the API, decide with the
rest, and are kept with the decision (the fictional Ashcombe rulebook declares them)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from propriety.audit.recording import recording
from propriety.correspondence.models import Correspondence
from propriety.councils.declared import declared_facts as declared_for
from propriety.councils.models import Council
from propriety.enquiries.models import Enquiry
from propriety.people.actions import do_create_api_token
from propriety.press.actions import do_draft_press_release, do_submit_press_release
from propriety.press.models import PressRelease

from .conftest import Hollowmere

ENQUIRY = {
    "subject": "Bus shelter glass",
    "body": "The glass in the Brookside shelter is broken.",
    "kind": "information",
    "addressed_to": "proper_officer",
}


@pytest.fixture
def ashcombe(hollowmere: Hollowmere) -> Hollowmere:
    """Hollowmere's people under the fictional Ashcombe rulebook (rulebooks/examples/)."""
    # An example rulebook is never offered to a real council, so set it directly.
    with recording(council=hollowmere.council, actor=None, action="test.example_rulebook"):
        Council.objects.filter(pk=hollowmere.council.pk).update(rulebook="ashcombe")
    hollowmere.council.refresh_from_db()
    for person in vars(hollowmere).values():
        if hasattr(person, "council_id") and hasattr(person, "full_name"):
            person.council = hollowmere.council
    return hollowmere


def test_the_enquiry_form_asks_the_councils_declared_question(
    client: Client, ashcombe: Hollowmere
) -> None:
    client.force_login(ashcombe.cllr_ward)
    page = client.get("/enquiries/new/").content.decode()
    assert "What are you sending the Clerk?" in page
    assert "A complaint about a council service" in page
    assert 'name="fact_message_type"' in page


def test_a_declared_answer_decides_and_is_kept_with_the_route(
    client: Client, ashcombe: Hollowmere
) -> None:
    client.force_login(ashcombe.cllr_ward)
    refused = client.post("/enquiries/new/", {**ENQUIRY, "fact_message_type": "complaint"})
    assert refused.status_code == 200
    assert "§2.3" in refused.content.decode()
    assert not Enquiry.unscoped.exists()

    sent = client.post("/enquiries/new/", {**ENQUIRY, "fact_message_type": "chasing"})
    assert sent.status_code == 302
    enquiry = Enquiry.unscoped.get()
    assert enquiry.route["declared_facts"] == [
        {
            "fact": "message_type",
            "ask": "What are you sending the Clerk?",
            "answer": "Chasing an earlier enquiry",
            "value": "chasing",
        }
    ]
    assert {c["clause"] for c in enquiry.route["citations"]} == {"§2.1", "§2.4"}
    detail = client.get(f"/enquiries/{enquiry.pk}/").content.decode()
    assert "What the member answered" in detail and "Chasing an earlier enquiry" in detail


def test_a_bad_declared_answer_is_an_error_on_the_form(
    client: Client, ashcombe: Hollowmere
) -> None:
    client.force_login(ashcombe.cllr_ward)
    page = client.post("/enquiries/new/", {**ENQUIRY, "fact_message_type": "gossip"})
    assert page.status_code == 200
    assert "Answer the question: What are you sending the Clerk?" in page.content.decode()
    assert not Enquiry.unscoped.exists()


def test_a_council_without_declared_facts_asks_none(client: Client, hollowmere: Hollowmere) -> None:
    client.force_login(hollowmere.cllr_ward)
    assert 'name="fact_' not in client.get("/enquiries/new/").content.decode()


def _api(client: Client, person: Any) -> dict[str, str]:
    _, key = do_create_api_token(person, name="Tests", acting_user=person)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_api_takes_declared_facts_and_names_a_wrong_one(
    client: Client, ashcombe: Hollowmere
) -> None:
    headers = _api(client, ashcombe.cllr_ward)
    refused = client.post(
        "/api/v1/enquiries",
        {**ENQUIRY, "facts": {"message_type": "complaint"}},
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 409
    assert [c["clause"] for c in refused.json()["citations"]] == ["§2.3"]
    wrong = client.post(
        "/api/v1/enquiries",
        {**ENQUIRY, "facts": {"message_kind": "complaint"}},
        content_type="application/json",
        **headers,
    )
    assert wrong.status_code == 422
    assert "message_kind" in wrong.content.decode()
    made = client.post(
        "/api/v1/enquiries",
        {**ENQUIRY, "facts": {"message_type": "enquiry"}},
        content_type="application/json",
        **headers,
    )
    assert made.status_code == 201, made.content
    assert made.json()["route"]["declared_facts"][0]["value"] == "enquiry"


def test_the_press_release_form_asks_and_the_decision_keeps_the_answers(
    client: Client, ashcombe: Hollowmere
) -> None:
    client.force_login(ashcombe.clerk)
    page = client.get("/press/new/").content.decode()
    assert "Does it quote a councillor by name?" in page
    assert "Has every councillor quoted agreed to the words used?" in page
    posted = client.post(
        "/press/new/",
        {
            "title": "Play area reopens",
            "body": "Cllr Ward said: at last.",
            "kind": "release",
            "on_behalf_of_council": "yes",
            "fact_quotes_a_councillor": "yes",
            "fact_quoted_councillor_agreed": "no",
        },
    )
    assert posted.status_code == 302
    release = PressRelease.unscoped.get()
    assert release.declared_facts == {
        "quotes_a_councillor": True,
        "quoted_councillor_agreed": False,
    }
    do_submit_press_release(release, acting_user=ashcombe.clerk)
    release.refresh_from_db()
    assert release.status == PressRelease.Status.BLOCKED
    assert [c["clause"] for c in release.decision["citations"]] == ["§4.2"]
    assert [a["answer"] for a in release.decision["declared_facts"]] == ["Yes", "No"]


def test_an_agreed_quote_goes_to_the_clerk_to_approve(ashcombe: Hollowmere) -> None:
    release = do_draft_press_release(
        ashcombe.clerk,
        title="Play area reopens",
        body="Cllr Ward said: at last.",
        declared={"quotes_a_councillor": True, "quoted_councillor_agreed": True},
        acting_user=ashcombe.clerk,
    )
    do_submit_press_release(release, acting_user=ashcombe.clerk)
    release.refresh_from_db()
    assert release.status == PressRelease.Status.AWAITING_APPROVAL
    assert [c["clause"] for c in release.decision["citations"]] == ["§4.1"]


def test_the_correspondence_form_asks_and_a_copy_to_a_resident_needs_the_councillor_told(
    client: Client, ashcombe: Hollowmere
) -> None:
    client.force_login(ashcombe.clerk)
    page = client.get("/correspondence/new/").content.decode()
    assert "Is this the Clerk&#x27;s reply to a councillor?" in page or (
        "Is this the Clerk's reply to a councillor?" in page
    )
    posted = client.post(
        "/correspondence/new/",
        {
            "sender": ashcombe.clerk.pk,
            "subject": "Your enquiry about the bus shelter",
            "body": "Dear Cllr Ward, it will be repaired next week.",
            "to": [ashcombe.cllr_ward.pk],
            "outside": "Cc; A Resident; resident@example.org; member of the public",
            "fact_reply_to_councillor": "yes",
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:3000]
    letter = Correspondence.objects.for_council(ashcombe.council).get()
    assert letter.declared_facts == {"reply_to_councillor": True}
    assert letter.check_result["outcome"] == "put_right"
    assert [c["clause"] for c in letter.check_result["citations"]] == ["§3.1"]
    assert letter.check_result["declared_facts"][0]["answer"] == "Yes"
    detail = client.get(f"/correspondence/{letter.pk}/").content.decode()
    assert "It may go once this is put right" in detail
    assert "Tell the councillor that the reply was copied" in detail


def test_a_document_request_asks_the_declared_facts_and_keeps_the_answers(
    client: Client, ashcombe: Hollowmere
) -> None:
    from propriety.documents.actions import do_create_document
    from propriety.documents.models import AccessRequest

    assert [f.name for f in declared_for(ashcombe.council, "document.access")] == ["wants_a_copy"]
    document = do_create_document(
        ashcombe.council,
        title="Budget working papers",
        reference="FIN-7",
        classification="committee",
        acting_user=ashcombe.clerk,
    )
    client.force_login(ashcombe.cllr_ward)
    page = client.get(f"/documents/{document.pk}/ask/").content.decode()
    assert "Do you want a copy to keep, not only to see it?" in page
    client.post(
        f"/documents/{document.pk}/ask/", {"purpose": "Budget scrutiny", "fact_wants_a_copy": "yes"}
    )
    made = AccessRequest.objects.for_council(ashcombe.council).get()
    assert made.declared_facts == {"wants_a_copy": True}
    assert {c["clause"] for c in made.recommendation["citations"]} == {"§5.1", "§5.3"}
    assert [o["id"] for o in made.recommendation["obligations"]] == ["say-why-copy"]
    assert made.recommendation["declared_facts"][0]["answer"] == "Yes"


CONCERN = {
    "direction": "member_about_officer",
    "summary": "Comments at the Planning Committee",
    "details": "The officer was short with me at the meeting.",
    "seriousness": "minor",
}


def test_the_concern_form_asks_the_declared_facts_and_the_case_keeps_the_answers(
    client: Client, ashcombe: Hollowmere
) -> None:
    from propriety.concerns.models import Concern

    client.force_login(ashcombe.cllr_ward)
    page = client.get("/concerns/new/").content.decode()
    assert "Has the concern already been raised in public" in page
    assert 'name="fact_raised_in_public"' in page
    bad = client.post(
        "/concerns/new/",
        {**CONCERN, "about": ashcombe.officer_junior.pk, "fact_raised_in_public": "maybe"},
    )
    assert bad.status_code == 200 and not Concern.unscoped.exists()
    assert "Answer the question: Has the concern already been raised in public" in (
        bad.content.decode()
    )
    posted = client.post(
        "/concerns/new/",
        {**CONCERN, "about": ashcombe.officer_junior.pk, "fact_raised_in_public": "yes"},
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    concern = Concern.unscoped.get()
    assert concern.declared_facts == {"raised_in_public": True}
    # The declared fact decides with the rest: §6.1's obligation joins §6.2's route.
    assert [c["clause"] for c in concern.route["citations"]] == ["§6.2", "§6.1"]
    assert [o["id"] for o in concern.route["obligations"]] == ["keep-it-private"]
    assert concern.route["declared_facts"][0]["answer"] == "Yes"
    assert concern.steps.get().route["declared_facts"] == concern.route["declared_facts"]
    client.force_login(ashcombe.cllr_ward)
    detail = client.get(f"/concerns/{concern.pk}/").content.decode()
    assert "What the protocol asked when it was raised" in detail
    assert "From now on raise it only in private with the Chair" in detail


def test_a_concern_answered_no_gets_the_route_alone(ashcombe: Hollowmere) -> None:
    from propriety.concerns.actions import do_raise_concern

    concern = do_raise_concern(
        ashcombe.cllr_ward,
        about=ashcombe.officer_junior,
        declared={"raised_in_public": False},
        acting_user=ashcombe.cllr_ward,
        **CONCERN,
    )
    assert [c["clause"] for c in concern.route["citations"]] == ["§6.2"]
    assert concern.route["obligations"] == []
    assert concern.route["declared_facts"][0]["answer"] == "No"


def test_the_concern_api_takes_declared_facts_and_names_a_wrong_one(
    client: Client, ashcombe: Hollowmere
) -> None:
    headers = _api(client, ashcombe.cllr_ward)
    body = {**CONCERN, "about_id": ashcombe.officer_junior.pk}
    wrong = client.post(
        "/api/v1/concerns",
        {**body, "facts": {"raised_in_privet": True}},
        content_type="application/json",
        **headers,
    )
    assert wrong.status_code == 422 and "raised_in_privet" in wrong.content.decode()
    bad_type = client.post(
        "/api/v1/concerns",
        {**body, "facts": {"raised_in_public": "yes"}},
        content_type="application/json",
        **headers,
    )
    assert bad_type.status_code == 422 and "raised_in_public" in bad_type.content.decode()
    made = client.post(
        "/api/v1/concerns",
        {**body, "facts": {"raised_in_public": True}},
        content_type="application/json",
        **headers,
    )
    assert made.status_code == 201, made.content
    step = made.json()["steps"][0]["decision"]
    assert step["declared_facts"][0] == {
        "fact": "raised_in_public",
        "ask": "Has the concern already been raised in public, at a meeting, on social "
        "media or with the press?",
        "answer": "Yes",
        "value": True,
    }
    assert [c["clause"] for c in step["citations"]] == ["§6.2", "§6.1"]


def test_a_council_without_declared_facts_asks_none_on_the_concern_form(
    client: Client, hollowmere: Hollowmere
) -> None:
    client.force_login(hollowmere.cllr_ward)
    assert 'name="fact_' not in client.get("/concerns/new/").content.decode()
