"""The register of member–officer correspondence (part5-district §10.1 opens it; acses-town
§12.1 and the national model's "Correspondence ¶1" do not), through the pages and the API,
and the email to the original councillor when a copy goes without them being told."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from propriety.audit.timeline import timeline_for
from propriety.correspondence.actions import do_draft_correspondence, do_record_sent
from propriety.correspondence.check import Addressee
from propriety.correspondence.models import Correspondence
from propriety.correspondence.register import register_for, register_rule
from propriety.documents.requests import do_request_access
from propriety.people.actions import do_create_api_token
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .test_correspondence_check import World, world

DAY = datetime.date(2027, 1, 12)


def to(person: Person, line: str = "to") -> Addressee:
    return Addressee(line, person.full_name, "", "", person)


def _sent(
    author: Person, recipients: list[Addressee], subject: str = "My ward", **kw: Any
) -> Correspondence:
    letter = do_draft_correspondence(
        author,
        subject=subject,
        body=kw.pop("body", "Dear colleague, about the park in my ward."),
        recipients=recipients,
        today=DAY,
        acting_user=author,
        **kw,
    )
    acknowledge = [p["id"] for p in letter.problems]
    return do_record_sent(letter, acknowledge=acknowledge, today=DAY, acting_user=author)


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _api(person: Person) -> dict[str, str]:
    _, key = do_create_api_token(person, name="test", acting_user=person)
    return {"authorization": f"Bearer {key}"}


@pytest.fixture
def district(db: None) -> tuple[World, dict[str, Correspondence]]:
    w = world("part5-district")
    officer = f.make_person(w.council, Role.STAFF, name="Sam Officer")
    outsider = Addressee("to", "Pat Resident", "member_of_public", "", None)
    letters = {
        # Member–officer: listed.
        "park": _sent(w.green, [to(officer)], subject="Park benches", body="Dear Sam"),
        # Member–officer with a member of the public on To and a blind copy to the Clerk:
        # listed, without either name.
        "bins": _sent(
            officer,
            [to(w.mayor), outsider, to(w.clerk, "bcc")],
            subject="Bin collections",
            body="Dear Mayor",
        ),
        # Between two members: not member–officer, not listed.
        "members": _sent(w.green, [to(w.black)], subject="Between members", body="Hi Jo"),
    }
    # A draft is never listed.
    do_draft_correspondence(
        officer,
        subject="Still a draft",
        body="Dear Cllr",
        recipients=[to(w.green)],
        today=DAY,
        acting_user=officer,
    )
    return w, letters


def test_the_rule_follows_the_rulebook(db: None) -> None:
    opened = register_rule(world("part5-district").council, DAY)
    assert opened.opens and opened.clauses == ["§10.1"]
    assert "other councillors may inspect it if they need to know" in opened.explanation
    closed = register_rule(world("acses-town").council, DAY)
    assert not closed.opens and closed.clauses == ["§12.1"]
    assert "unless its author states or agrees" in closed.explanation
    national = register_rule(world("grantham").council, DAY)
    assert not national.opens and national.clauses == ["Correspondence ¶1"]


def test_part5_district_lists_sent_member_officer_correspondence(
    district: tuple[World, dict[str, Correspondence]],
) -> None:
    w, letters = district
    rule, entries = register_for(w.black, DAY)
    assert rule.opens
    assert [e.letter for e in entries] == [letters["bins"], letters["park"]]
    bins = entries[0]
    assert bins.parties == ["Sam Officer", "Pat Lee"]  # no member of the public, no Bcc
    assert {e.may for e in entries} == {"ask"}
    # The author opens their own; an officer who is not a party may look but not ask.
    mine = {e.letter.pk: e.may for e in register_for(w.green, DAY)[1]}
    assert mine[letters["park"].pk] == "open" and mine[letters["bins"].pk] == "ask"
    other_officer = f.make_person(w.council, Role.STAFF, name="Kim Officer")
    assert {e.may for e in register_for(other_officer, DAY)[1]} == {""}


def test_the_page_lists_no_text_and_links_into_the_request_flow(
    district: tuple[World, dict[str, Correspondence]],
) -> None:
    w, letters = district
    client = _client(w.black)
    page = client.get(reverse("correspondence:register"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "§10.1" in html
    assert "Park benches" in html and "Bin collections" in html
    assert "Between members" not in html and "Still a draft" not in html
    assert "Dear Sam" not in html and "Dear Mayor" not in html  # never the text
    assert "Pat Resident" not in html and "Anita Eckersley" not in html
    ask = reverse("correspondence:ask", args=[letters["park"].pk])
    assert f'href="{ask}"' in html
    do_request_access(w.black, letters["park"], purpose="Same park", acting_user=w.black, today=DAY)
    again = client.get(reverse("correspondence:register")).content.decode()
    assert "Your request DAR-" in again and f'href="{ask}"' not in again
    # The list page points to the register.
    listing = client.get(reverse("correspondence:list")).content.decode()
    assert reverse("correspondence:register") in listing


@pytest.mark.parametrize(("rulebook", "clause"), [("acses-town", "§12.1"), ("grantham", "¶1")])
def test_closed_rulebooks_say_so_and_list_nothing(db: None, rulebook: str, clause: str) -> None:
    w = world(rulebook)
    officer = f.make_person(w.council, Role.STAFF, name="Sam Officer")
    _sent(w.green, [to(officer)], subject="Park benches")
    html = _client(w.black).get(reverse("correspondence:register")).content.decode()
    assert "does not open correspondence between members and officers" in html
    assert clause in html
    assert "Park benches" not in html
    body = Client().get("/api/v1/correspondence/register", headers=_api(w.black)).json()
    assert body["opens"] is False and body["entries"] == []
    assert any(clause in c["clause"] for c in body["citations"])


def test_the_api_register(district: tuple[World, dict[str, Correspondence]]) -> None:
    w, letters = district
    response = Client().get("/api/v1/correspondence/register", headers=_api(w.black))
    assert response.status_code == 200
    body = response.json()
    assert body["opens"] is True
    assert [c["clause"] for c in body["citations"]] == ["§10.1"]
    assert [e["reference"] for e in body["entries"]] == [
        letters["bins"].reference,
        letters["park"].reference,
    ]
    entry = body["entries"][1]
    assert entry == {
        "id": letters["park"].pk,
        "reference": letters["park"].reference,
        "sent_on": "2027-01-12",
        "subject": "Park benches",
        "parties": ["Alex Green", "Sam Officer"],
        "you_may": ["ask"],
        "your_request_id": None,
    }
    assert "body" not in entry


def test_the_register_schema_is_described(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/correspondence/register"]["get"]
    assert operation["summary"] and operation["description"]
    components = schema["components"]["schemas"]
    for name in ("CorrespondenceRegisterOut", "CorrespondenceRegisterEntryOut"):
        for field, spec in components[name]["properties"].items():
            assert spec.get("description"), f"{name}.{field}"


# --- telling the original councillor -------------------------------------------------------


def test_the_original_councillor_is_emailed_when_a_copy_goes_untold(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    w = world("grantham")
    letter = do_draft_correspondence(
        w.clerk,
        subject="Planning",
        body="Dear Cllr Green,\n\nHere is the report.\n\nCC councillor Jo Black",
        recipients=[to(w.green), to(w.black, "cc")],
        today=DAY,
        acting_user=w.clerk,
    )
    assert [p["id"] for p in letter.problems] == ["corr.copy-not-told"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        do_record_sent(letter, acknowledge=["corr.copy-not-told"], today=DAY, acting_user=w.clerk)
    assert [m.to for m in mail.outbox] == [[w.green.email]]
    message = mail.outbox[0]
    assert "copied to Jo Black" in message.subject
    assert "Correspondence ¶1" in message.body
    assert "Tell the original councillor" in message.body
    letter.refresh_from_db()
    assert letter.original_councillor_told is True
    entries = timeline_for(letter)
    assert [e.event.action for e in entries][-2:] == [
        "correspondence.sent",
        "correspondence.original_councillor_told",
    ]
    assert entries[-1].says == (
        "Emailed Alex Green, the original councillor, to say it was copied to Jo Black, "
        "as the protocol asks (Correspondence ¶1)."
    )
    assert list(entries[-1].clauses) == ["Correspondence ¶1"]


def test_nobody_is_emailed_when_already_told_or_when_the_councillor_sent_it(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    w = world("grantham")
    told = do_draft_correspondence(
        w.clerk,
        subject="Told",
        body="Dear Cllr Green\n\nCC councillor Jo Black",
        recipients=[to(w.green), to(w.black, "cc")],
        flags={"original_councillor_told": True},
        today=DAY,
        acting_user=w.clerk,
    )
    own = do_draft_correspondence(
        w.green,
        subject="Mine",
        body="Dear Clerk\n\nCC councillor Jo Black",
        recipients=[to(w.clerk), to(w.black, "cc")],
        today=DAY,
        acting_user=w.green,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        do_record_sent(told, today=DAY, acting_user=w.clerk)
        do_record_sent(
            own, acknowledge=[p["id"] for p in own.problems], today=DAY, acting_user=w.green
        )
    assert mail.outbox == []
    for letter in (told, own):
        actions = [e.event.action for e in timeline_for(letter)]
        assert "correspondence.original_councillor_told" not in actions


def test_acses_town_sends_no_email_as_it_asks_for_consent_instead(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    w = world("acses-town")
    letter = do_draft_correspondence(
        w.clerk,
        subject="Copy",
        body="Dear Cllr Green",
        recipients=[to(w.green), to(w.black, "cc")],
        today=DAY,
        acting_user=w.clerk,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        do_record_sent(
            letter,
            acknowledge=[p["id"] for p in letter.problems],
            today=DAY,
            acting_user=w.clerk,
        )
    assert mail.outbox == []
