"""The correspondence pages and API through HTTP, per role (Hollowmere, acses-town; and a
national-model council for the footer fix)."""

from __future__ import annotations

import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from propriety.correspondence.models import Correspondence
from propriety.documents.models import AccessRequest
from propriety.people.actions import do_create_api_token
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_correspondence_actions import GOOD


def client_for(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _letters(council: Any) -> list[Correspondence]:
    return list(Correspondence.objects.for_council(council))


def test_a_member_drafts_and_sees_each_problem_with_its_clause(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = client_for(h.cllr_ward)
    page = client.get(reverse("correspondence:new"))
    assert page.status_code == 200
    assert "Check a draft" in page.content.decode()
    response = client.post(
        reverse("correspondence:new"),
        {
            "sender": h.cllr_ward.pk,
            "subject": "Brookside hedge",
            "body": "Please cut the hedge.",
            "to": [h.officer_junior.pk],
            "bcc": [h.cllr_chair.pk],
            "outside": "Cc; Sam Resident; sam@example.com; complainant",
            "gives_instructions": "on",
        },
    )
    (letter,) = _letters(h.council)
    assert response.status_code == 302
    assert response["Location"] == reverse("correspondence:detail", args=[letter.pk])
    html = client.get(response["Location"]).content.decode()
    assert "The check found 3 problems" in html
    assert "§12.1" in html and "§12.4" in html
    assert "Move any blind copy (Bcc) into an open copy" in html
    assert "Sam Resident" in html and "(complainant)" in html
    # The chair, blind-copied, sees it; the Monitoring Officer does not.
    assert client_for(h.cllr_chair).get(response["Location"]).status_code == 200
    assert client_for(h.monitoring_officer).get(response["Location"]).status_code == 404
    listing = client_for(h.clerk).get(reverse("correspondence:list")).content.decode()
    assert letter.reference in listing and "3 problems" in listing


def test_form_errors_are_summarised(hollowmere: Hollowmere) -> None:
    h = hollowmere
    response = client_for(h.officer_junior).post(
        reverse("correspondence:new"),
        {"sender": h.officer_junior.pk, "subject": "", "body": "x", "outside": "To; only two"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the subject." in html
    assert "four parts separated by semicolons" in html
    assert not _letters(h.council)


def test_a_member_cannot_draft_as_someone_else(hollowmere: Hollowmere) -> None:
    h = hollowmere
    response = client_for(h.cllr_ward).post(
        reverse("correspondence:new"),
        {"sender": h.cllr_chair.pk, "subject": "S", "body": "B", "to": [h.clerk.pk]},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not _letters(h.council)


def test_footer_fix_through_the_page(db: None) -> None:
    council = f.make_council("Grantham Test", rulebook="grantham", slug="granthamtest")
    clerk = f.make_person(council, Role.PROPER_OFFICER, name="Anita Eckersley")
    green = f.make_person(council, Role.COUNCILLOR, name="Alex Green")
    black = f.make_person(council, Role.COUNCILLOR, name="Jo Black")
    client = client_for(clerk)
    client.post(
        reverse("correspondence:new"),
        {
            "sender": clerk.pk,
            "subject": "Report",
            "body": "Dear Cllr Green",
            "to": [green.pk],
            "cc": [black.pk],
            "original_councillor_told": "on",
        },
    )
    (letter,) = _letters(council)
    detail = reverse("correspondence:detail", args=[letter.pk])
    html = client.get(detail).content.decode()
    assert "Fix it in one step" in html
    assert "It may go once this is put right" in html
    assert "To put it right:" in html
    assert "Dear Cllr Green\n\nCC councillor Jo Black</pre>" in html
    assert "Correspondence ¶1" in html
    # The copied councillor may see it but not fix it.
    assert client_for(black).get(detail).status_code == 200
    assert (
        client_for(black).post(reverse("correspondence:fix_footer", args=[letter.pk])).status_code
        == 403
    )
    response = client.post(reverse("correspondence:fix_footer", args=[letter.pk]))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.body.endswith("CC councillor Jo Black")
    html = client.get(detail).content.decode()
    assert "The check found no problem" in html
    assert "Fix it in one step" not in html


def test_upload_good_and_malformed_email(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = client_for(h.clerk)
    bad = client.post(
        reverse("correspondence:upload"),
        {"eml": SimpleUploadedFile("note.eml", b"not an email at all")},
    )
    assert bad.status_code == 200
    assert "The file is not an email" in bad.content.decode()
    wrong = client.post(
        reverse("correspondence:upload"), {"eml": SimpleUploadedFile("note.pdf", GOOD)}
    )
    assert "saved as .eml" in wrong.content.decode()
    assert not _letters(h.council)
    good = client.post(
        reverse("correspondence:upload"), {"eml": SimpleUploadedFile("reply.eml", GOOD)}
    )
    (letter,) = _letters(h.council)
    assert good.status_code == 302
    assert letter.subject == "Brookside footpath"
    assert letter.source == Correspondence.Source.EML


def test_record_sent_through_the_page_needs_acknowledgements(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = client_for(h.officer_junior)
    client.post(
        reverse("correspondence:new"),
        {
            "sender": h.officer_junior.pk,
            "subject": "Lights",
            "body": "Dear Cllr",
            "to": [h.cllr_ward.pk],
            "cc": [h.cllr_chair.pk],
        },
    )
    (letter,) = _letters(h.council)
    sent = reverse("correspondence:sent", args=[letter.pk])
    refused = client.post(sent, {})
    assert refused.status_code == 200
    assert "acknowledge each one" in refused.content.decode()
    letter.refresh_from_db()
    assert letter.is_draft
    done = client.post(sent, {"acknowledge": ["corr.copied-without-consent"]})
    assert done.status_code == 302
    letter.refresh_from_db()
    assert letter.status == Correspondence.Status.SENT
    html = client.get(reverse("correspondence:detail", args=[letter.pk])).content.decode()
    assert "acknowledging each problem" in html
    assert "Record it as sent" not in html


def test_asking_to_see_is_refused_with_its_clause_under_acses_town(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    client_for(h.cllr_ward).post(
        reverse("correspondence:new"),
        {
            "sender": h.cllr_ward.pk,
            "subject": "Private",
            "body": "Dear Jo",
            "to": [h.officer_junior.pk],
        },
    )
    (letter,) = _letters(h.council)
    client_for(h.cllr_ward).post(reverse("correspondence:sent", args=[letter.pk]), {})
    chair = client_for(h.cllr_chair)
    assert chair.get(reverse("correspondence:detail", args=[letter.pk])).status_code == 404
    response = chair.post(
        reverse("correspondence:ask", args=[letter.pk]), {"purpose": "Committee business"}
    )
    request = AccessRequest.objects.for_council(h.council).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:request", args=[request.pk])
    html = chair.get(response["Location"]).content.decode()
    assert "Request to see " + letter.reference in html
    assert "§12.1" in html
    assert chair.get(reverse("documents:requests")).status_code == 200


# --- the API ---------------------------------------------------------------------------


def api(person: Any) -> tuple[Client, dict[str, str]]:
    _, key = do_create_api_token(person, name="test", acting_user=person)
    return Client(), {"authorization": f"Bearer {key}"}


def test_api_draft_check_and_send(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client, headers = api(h.officer_junior)
    created = client.post(
        "/api/v1/correspondence",
        data=json.dumps(
            {
                "subject": "Lights",
                "body": "Dear Cllr",
                "to": [{"person_id": h.cllr_ward.pk}],
                "bcc": [{"person_id": h.cllr_chair.pk}],
            }
        ),
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["check"]["decision"]["outcome"] == "refuse"
    assert [p["id"] for p in body["check"]["problems"]] == [
        "corr.copied-without-consent",
        "corr.blind-copy",
    ]
    assert body["check"]["problems"][0]["citations"][0]["clause"] == "§12.1"
    assert body["you_may"] == ["edit", "check", "record_sent"]
    url = f"/api/v1/correspondence/{body['id']}/sent"
    refused = client.post(url, data="{}", content_type="application/json", headers=headers)
    assert refused.status_code == 422
    assert "acknowledge" in refused.json()["errors"]
    sent = client.post(
        url,
        data=json.dumps({"acknowledge": ["corr.copied-without-consent", "corr.blind-copy"]}),
        content_type="application/json",
        headers=headers,
    )
    assert sent.status_code == 200
    assert sent.json()["status"] == "sent"
    assert sent.json()["timeline"][-1]["action"] == "correspondence.sent"


def test_api_eml_raw_and_upload(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client, headers = api(h.clerk)
    raw = client.post(
        "/api/v1/correspondence/eml",
        data=json.dumps({"raw": GOOD.decode()}),
        content_type="application/json",
        headers=headers,
    )
    assert raw.status_code == 201, raw.content
    assert [r["kind"] for r in raw.json()["recipients"]] == ["councillor", "other", "councillor"]
    bad = client.post(
        "/api/v1/correspondence/upload",
        {"eml": SimpleUploadedFile("x.eml", b"To: a@b.c\r\n\r\nhello")},
        headers=headers,
    )
    assert bad.status_code == 422
    assert "no From line" in bad.json()["errors"]["eml"][0]
    good = client.post(
        "/api/v1/correspondence/upload",
        {"eml": SimpleUploadedFile("x.eml", GOOD), "signatory_capacity": "officer"},
        headers=headers,
    )
    assert good.status_code == 201
    assert len(_letters(h.council)) == 2


def test_api_ask_to_see(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client, headers = api(h.cllr_ward)
    created = client.post(
        "/api/v1/correspondence",
        data=json.dumps({"subject": "S", "body": "B", "to": [{"person_id": h.clerk.pk}]}),
        content_type="application/json",
        headers=headers,
    ).json()
    client.post(
        f"/api/v1/correspondence/{created['id']}/sent",
        data="{}",
        content_type="application/json",
        headers=headers,
    )
    chair, chair_headers = api(h.cllr_chair)
    asked = chair.post(
        f"/api/v1/correspondence/{created['id']}/access-requests",
        data=json.dumps({"purpose": "Committee"}),
        content_type="application/json",
        headers=chair_headers,
    )
    assert asked.status_code == 201
    assert asked.json()["status"] == "refused"
    assert asked.json()["document"] is None
    assert asked.json()["correspondence_id"] == created["id"]
    assert asked.json()["recommendation"]["citations"][0]["clause"] == "§12.1"
