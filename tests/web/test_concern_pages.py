"""The concern pages through HTTP, per named role, and the API with a token."""

from __future__ import annotations

import json
from typing import Any

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from propriety.concerns import access
from propriety.concerns.actions import do_raise_concern
from propriety.concerns.models import Concern
from propriety.people.actions import do_create_api_token
from propriety.people.models import Person

from .conftest import Hollowmere
from .test_concern_routes import TODAY, make_town


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _raise(h: Hollowmere, **kw: Any) -> Concern:
    args: dict[str, Any] = {
        "direction": "member_about_officer",
        "about": h.officer_junior,
        "summary": "Rude reply",
        "details": "Short with me at the surgery.",
    }
    args.update(kw)
    return do_raise_concern(h.cllr_ward, today=TODAY, acting_user=h.cllr_ward, **args)


def test_the_raise_page_gives_the_guidance_and_the_route_first(hollowmere: Hollowmere) -> None:
    page = _client(hollowmere.cllr_ward).get(reverse("concerns:new")).content.decode()
    guidance = page.index("Before you start")
    assert guidance < page.index(f'action="{reverse("concerns:new")}"')
    assert "Never criticise the officer in public." in page and "§15.2(c)" in page
    assert "never raise it at a public meeting, in the media or on social media" in page.lower()
    assert "A councillor&#x27;s concern about an officer" in page
    assert "First to the officer concerned (or their line manager), then Town Clerk" in page
    # A councillor may not raise an officer's concerns: only theirs are offered.
    assert 'value="member_about_officer"' in page
    assert 'value="officer_about_member"' not in page


def test_a_councillor_raises_a_concern_and_sees_the_route(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = _client(h.cllr_ward)
    response = client.post(
        reverse("concerns:new"),
        {
            "direction": "member_about_officer",
            "about": h.officer_junior.pk,
            "summary": "Rude reply",
            "details": "Short with me at the surgery.",
            "seriousness": "minor",
        },
    )
    concern = Concern.objects.for_council(h.council).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("concerns:detail", args=[concern.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Who handles it now" in page
    assert "The officer concerned (or their line manager) (Jo Junior)" in page
    assert "It goes to Town Clerk." in page
    assert "§15.2(d)" in page and "Guidance at this step" in page
    assert "Never attack or abuse the officer personally." in page
    # The raiser may add a note and close it, but not record the handler's step.
    assert 'id="note"' in page and 'id="close"' in page and 'id="resolve"' not in page


def test_the_handler_moves_it_on_and_then_the_clerk_has_it(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = _raise(h)
    officer = _client(h.officer_junior)
    page = officer.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert 'id="resolve"' in page and 'id="move-on"' in page
    response = officer.post(
        reverse("concerns:move_on", args=[concern.pk]), {"done": "We talked it through."}
    )
    assert response.status_code == 302
    clerk_page = _client(h.clerk).get(reverse("concerns:detail", args=[concern.pk]))
    assert clerk_page.status_code == 200
    text = clerk_page.content.decode()
    assert "Town Clerk (Clara Clerk)" in text
    assert "What was done: We talked it through." in text


def test_an_empty_step_form_shows_an_error_summary(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = _raise(h)
    response = _client(h.officer_junior).post(
        reverse("concerns:resolve", args=[concern.pk]), {"done": "", "outcome": ""}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text and "Say how it was resolved." in text


def test_a_step_forms_errors_name_each_box_as_the_page_labels_it(hollowmere: Hollowmere) -> None:
    """A control character or too much text in "How it was resolved" was reported as
    "“Outcome” must not contain ...": a name the page never shows."""
    h = hollowmere
    concern = _raise(h)
    text = (
        _client(h.officer_junior)
        .post(
            reverse("concerns:resolve", args=[concern.pk]),
            {"done": "Spoke to both" + "." * 20_000, "outcome": "Apologised\x07"},
        )
        .content.decode()
    )
    assert "“How it was resolved” must not contain control characters" in text
    assert "“What was done at this step” must be 20,000 characters or fewer" in text
    assert "“Outcome”" not in text and "“Done”" not in text


def test_asking_for_a_sanction_shows_the_refusal_with_its_clause(hollowmere: Hollowmere) -> None:
    h = hollowmere
    response = _client(h.officer_junior).post(
        reverse("concerns:new"),
        {
            "direction": "code_of_conduct",
            "about": h.cllr_chair.pk,
            "summary": "Sanction",
            "details": "I want the council to suspend the chair.",
            "seriousness": "serious",
            "formal_written": "on",
            "sanction_requested": "on",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "The council cannot sanction a member" in text
    assert (
        '<strong><a class="govuk-link app-clause-link" href="/protocol/#clause-15-6">§15.6</a></strong>'
        in text
    )
    assert "R (Harvey) v Ledbury Town Council [2018]" in text
    assert not Concern.objects.for_council(h.council).exists()


def test_the_clerk_does_not_see_a_serious_concern_about_themselves(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = _raise(h, about=h.clerk, seriousness="serious")
    assert _client(h.clerk).get(reverse("concerns:detail", args=[concern.pk])).status_code == 404
    listing = _client(h.clerk).get(reverse("concerns:list")).content.decode()
    assert concern.summary not in listing
    chair = _client(h.cllr_chair).get(reverse("concerns:detail", args=[concern.pk]))
    assert chair.status_code == 200
    text = chair.content.decode()
    assert "The chair of the council (Charles Chair)" in text
    assert "The protocol names the Council (as employer). Clara Clerk, who would" in text


def test_the_list_shows_raised_and_handled(hollowmere: Hollowmere) -> None:
    h = hollowmere
    concern = _raise(h)
    mine = _client(h.cllr_ward).get(reverse("concerns:list")).content.decode()
    assert f"concern-{concern.pk}" in mine and "You have not raised" not in mine
    handling = _client(h.officer_junior).get(reverse("concerns:list")).content.decode()
    assert f"concern-{concern.pk}" in handling and "You have not raised any concerns." in handling
    other = _client(h.cllr_chair).get(reverse("concerns:list")).content.decode()
    assert f"concern-{concern.pk}" not in other


def test_the_referral_record_downloads_for_the_monitoring_officer(db: None) -> None:
    town = make_town("acses-town")
    p = town.people
    concern = do_raise_concern(
        p["staff"],
        direction="code_of_conduct",
        about=p["cllr"],
        summary="Abuse",
        details="Shouted at me in the office.",
        formal_written=True,
        today=TODAY,
        acting_user=p["staff"],
    )
    response = _client(p["mo"]).get(reverse("concerns:referral", args=[concern.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "to the Monitoring Officer of Shire District Council" in text
    assert "Shouted at me in the office." in text and "§15.6" in text
    # As a PDF, with its dates in words.
    pdf = _client(p["mo"]).get(reverse("concerns:referral", args=[concern.pk]), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    from propriety.concerns.models import Concern
    from propriety.web.templatetags.propriety_dates import long_date

    record = Concern.objects.for_council(concern.council).get(pk=concern.pk).referral
    html = render_to_string("concerns/referral_pdf.html", {"record": record})
    assert long_date(TODAY) in html and TODAY.isoformat() not in html


def test_the_personnel_committee_records_who_took_part(db: None) -> None:
    town = make_town("west-mersea")
    p = town.people
    concern = do_raise_concern(
        p["staff"],
        direction="grievance",
        about=None,
        summary="Hours",
        details="Changed without notice.",
        today=TODAY,
        acting_user=p["staff"],
    )
    assert _client(p["chair"]).get(reverse("concerns:detail", args=[concern.pk])).status_code == 404
    client = _client(p["pc1"])
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "Members of the personnel committee who took part" in page
    assert "The chair must not deal with grievances" in page
    response = client.post(
        reverse("concerns:resolve", args=[concern.pk]),
        {"done": "Met the officer.", "outcome": "Upheld.", "took_part": [p["pc2"].pk]},
    )
    assert response.status_code == 302
    step = Concern.objects.for_council(town.council).get().current_step()
    assert step is not None
    assert {h.person_id for h in step.handlers.all() if h.took_part} == {p["pc1"].pk, p["pc2"].pk}


# --- the API ------------------------------------------------------------------------------


def _api(person: Person) -> dict[str, str]:
    _, key = do_create_api_token(person, name="t", acting_user=person)
    return {"authorization": f"Bearer {key}"}


def test_the_api_raises_walks_and_shows_the_route(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = Client()
    created = client.post(
        "/api/v1/concerns",
        data=json.dumps(
            {
                "direction": "member_about_officer",
                "about_id": h.officer_junior.pk,
                "summary": "Rude reply",
                "details": "Short with me.",
            }
        ),
        content_type="application/json",
        headers=_api(h.cllr_ward),
    )
    assert created.status_code == 201
    body = created.json()
    assert body["handler_role"] == "officer"
    assert body["handlers"] == [{"id": h.officer_junior.pk, "name": "Jo Junior"}]
    assert body["next_if_unresolved"] == ["Town Clerk"]
    assert [c["clause"] for c in body["route"]["citations"]] == ["§15.2", "§15.2(d)", "§15.3"]
    assert [g["clause"] for g in body["route"]["guidance"]] == ["§15.2(a)", "§15.2(b)", "§15.2(c)"]
    assert body["you_may"] == ["add_note", "close"]
    moved = client.post(
        f"/api/v1/concerns/{body['id']}/move-on",
        data=json.dumps({"done": "Talked."}),
        content_type="application/json",
        headers=_api(h.officer_junior),
    )
    assert moved.status_code == 200
    assert moved.json()["handler_role"] == "proper_officer"
    assert [s["result"] for s in moved.json()["steps"]] == ["moved_on", ""]
    concern = Concern.objects.for_council(h.council).get()
    assert access.handlers_of(concern) == [h.clerk]


def test_the_api_refuses_a_sanction_with_409_and_the_clause(hollowmere: Hollowmere) -> None:
    h = hollowmere
    response = Client().post(
        "/api/v1/concerns",
        data=json.dumps(
            {
                "direction": "code_of_conduct",
                "about_id": h.cllr_chair.pk,
                "summary": "x",
                "details": "y",
                "sanction_requested": True,
            }
        ),
        content_type="application/json",
        headers=_api(h.officer_junior),
    )
    assert response.status_code == 409
    assert [c["clause"] for c in response.json()["citations"]] == ["§15.6"]


def test_the_openapi_schema_describes_the_concern_paths(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    paths = {p: ops for p, ops in schema["paths"].items() if p.startswith("/api/v1/concerns")}
    assert set(paths) == {
        "/api/v1/concerns",
        "/api/v1/concerns/{concern_id}",
        "/api/v1/concerns/{concern_id}/resolve",
        "/api/v1/concerns/{concern_id}/move-on",
        "/api/v1/concerns/{concern_id}/refer-to-monitoring-officer",
        "/api/v1/concerns/{concern_id}/notes",
        "/api/v1/concerns/{concern_id}/close",
    }
    for path, operations in paths.items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary", "").strip(), where
            assert operation.get("description", "").strip(), where
            assert operation.get("security") == [{"TokenAuth": []}], where
            assert "401" in operation["responses"], where
    refusal = paths["/api/v1/concerns"]["post"]["responses"]["409"]
    assert refusal["content"]["application/json"]["schema"]["$ref"].endswith("/ConcernRefusalOut")
    components = schema["components"]["schemas"]
    ours = [name for name in components if name.startswith("Concern")]
    assert {"ConcernIn", "ConcernOut", "ConcernStepOut", "ConcernRefusalOut"} <= set(ours)
    for name in ours:
        for field, spec in components[name].get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field}"
