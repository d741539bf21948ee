"""``/api/v1/enquiries``: the enquiry pages' work, through the HTTP client with personal tokens."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.councils.models import Council
from propriety.enquiries.actions import do_submit_enquiry
from propriety.enquiries.clocks import clocks_for
from propriety.enquiries.models import Enquiry
from propriety.people.actions import do_create_api_token
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

BASE = "/api/v1/enquiries"


class Api:
    """The test client, acting for one person through their personal token."""

    def __init__(self, client: Client, person: Person) -> None:
        _, key = do_create_api_token(person, name="Tests", acting_user=person)
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, **self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            path,
            body or {},
            content_type="application/json",
            **self.headers,
        )


@pytest.fixture
def as_(client: Client) -> Any:
    return lambda person: Api(client, person)


ASK = {
    "subject": "Grass cutting on Brookside Green",
    "body": "When is the green next due to be cut?",
    "kind": "information",
    "addressed_to": "proper_officer",
}


def make(api: Api, **changes: Any) -> dict[str, Any]:
    response = api.post(BASE, {**ASK, **changes})
    assert response.status_code == 201, response.content
    return dict(response.json())


# --- the whole lifecycle --------------------------------------------------------------


def test_an_enquiry_goes_from_member_to_clerk_to_officer_and_back(
    hollowmere: Hollowmere, as_: Any
) -> None:
    h = hollowmere
    member, clerk, officer = as_(h.cllr_ward), as_(h.clerk), as_(h.officer_junior)

    made = make(member)
    assert made["status"] == "with_clerk" and made["officer"] is None
    assert made["member"] == {"id": h.cllr_ward.pk, "name": "Wendy Ward"}
    assert made["ward"] == "Brookside"
    assert made["route"]["outcome"] == "allow"
    assert {c["clause"] for c in made["route"]["citations"]} == {"§4.6", "§10.1"}
    assert all(c["says"] for c in made["route"]["citations"])
    assert made["clocks"]["respond_explanation"].startswith("10 working days from ")
    assert made["clocks"]["respond_due"] == made["respond_due"]
    assert [c["clause"] for c in made["clocks"]["citations"]] == ["§4.7"]
    assert made["you_may"] == ["withdraw"]
    path = f"{BASE}/{made['id']}"

    # The Clerk sees it, sets the priority and gives it to an officer.
    assert [e["id"] for e in clerk.get(BASE).json()["items"]] == [made["id"]]
    allocated = clerk.post(
        f"{path}/allocate", {"priority": "high", "officer_id": h.officer_junior.pk}
    ).json()
    assert allocated["status"] == "allocated" and allocated["priority"] == "high"
    assert allocated["officer"] == {"id": h.officer_junior.pk, "name": "Jo Junior"}
    assert allocated["respond_due"] == made["respond_due"]

    # The officer asks the member to clarify: the clock pauses.
    assert officer.get(path).json()["you_may"] == ["ask_clarification", "answer"]
    asked = officer.post(
        f"{path}/clarification-request", {"question": "Which part of the green?"}
    ).json()
    assert asked["status"] == "awaiting_member"
    assert asked["clarification_question"] == "Which part of the green?"
    assert asked["clocks"]["paused"] is True and asked["clocks"]["overdue"] is False

    # The member replies; the clock runs again.
    assert member.get(path).json()["you_may"] == ["clarify", "withdraw"]
    replied = member.post(f"{path}/clarification", {"reply": "By the war memorial."}).json()
    assert replied["status"] == "allocated" and replied["clocks"]["paused"] is False

    answered = officer.post(f"{path}/answer", {"answer": "It is cut on Thursday."}).json()
    assert answered["status"] == "answered" and answered["answer"] == "It is cut on Thursday."
    assert answered["answered_on"] == timezone.localdate().isoformat()
    assert answered["follow_up_until"] is not None

    done = member.post(f"{path}/feedback", {"answered": True}).json()
    assert done["status"] == "closed" and done["member_satisfied"] is True

    timeline = done["timeline"]
    assert [e["action"] for e in timeline] == [
        "enquiry.submitted",
        "enquiry.allocated",
        "enquiry.clarification_requested",
        "enquiry.clarified",
        "enquiry.answered",
        "enquiry.feedback",
    ]
    assert [e["actor"] for e in timeline] == [
        "Wendy Ward",
        "Clara Clerk",
        "Jo Junior",
        "Wendy Ward",
        "Jo Junior",
        "Wendy Ward",
    ]
    assert "Which part of the green?" in timeline[2]["says"]
    assert all(e["clauses"] for e in timeline)
    assert datetime.datetime.fromisoformat(timeline[0]["occurred_at"]).tzinfo is not None


def test_an_answer_that_did_not_answer_goes_back_to_the_officer(
    hollowmere: Hollowmere, as_: Any
) -> None:
    h = hollowmere
    member, clerk, officer = as_(h.cllr_ward), as_(h.clerk), as_(h.officer_junior)
    path = f"{BASE}/{make(member)['id']}"
    assert clerk.get(path).json()["you_may"] == ["allocate", "acknowledge", "answer", "close"]
    acknowledged = clerk.post(f"{path}/acknowledge").json()
    assert acknowledged["clocks"]["acknowledged_on"] == timezone.localdate().isoformat()
    assert clerk.post(f"{path}/acknowledge").status_code == 422
    clerk.post(f"{path}/allocate", {"priority": "normal", "officer_id": h.officer_junior.pk})
    officer.post(f"{path}/answer", {"answer": "Soon."})

    missing = member.post(f"{path}/feedback", {"answered": False})
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"comment": ["Say what the answer did not cover."]}

    reopened = member.post(f"{path}/feedback", {"answered": False, "comment": "When?"}).json()
    assert reopened["status"] == "allocated" and reopened["member_satisfied"] is False
    assert reopened["respond_due"] == reopened["clocks"]["respond_due"]


def test_the_clerk_closes_and_the_member_withdraws(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    member, clerk = as_(h.cllr_ward), as_(h.clerk)
    first, second = make(member), make(member, subject="Another")

    refused = member.post(f"{BASE}/{first['id']}/close", {"reason": "Done."})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Only the Clerk closes enquiries."}
    assert clerk.post(f"{BASE}/{first['id']}/close", {"reason": ""}).status_code == 422
    closed = clerk.post(f"{BASE}/{first['id']}/close", {"reason": "Dealt with by phone."})
    assert closed.json()["status"] == "closed"
    assert "Dealt with by phone." in closed.json()["timeline"][-1]["says"]

    assert clerk.post(f"{BASE}/{second['id']}/withdraw").status_code == 403
    withdrawn = member.post(f"{BASE}/{second['id']}/withdraw", {"reason": "Sorted."}).json()
    assert withdrawn["status"] == "withdrawn" and withdrawn["you_may"] == []


# --- refusals ---------------------------------------------------------------------------


def test_an_instruction_to_an_officer_is_refused_citing_the_clause_and_nothing_is_stored(
    hollowmere: Hollowmere, as_: Any
) -> None:
    h = hollowmere
    response = as_(h.cllr_ward).post(
        BASE,
        {
            **ASK,
            "kind": "instruction",
            "addressed_to": "other_officer",
            "addressed_officer_id": h.officer_junior.pk,
        },
    )
    assert response.status_code == 409
    body = response.json()
    assert body["outcome"] == "refuse"
    assert body["detail"].startswith("Members may not instruct officers")
    clauses = [c["clause"] for c in body["citations"]]
    assert "§4.6" in clauses
    assert all(c["says"] and c["rulebook"] == "acses-town" for c in body["citations"])
    assert "Town Clerk" in body["proper_route"]
    assert not Enquiry.objects.for_council(h.council).exists()
    event = AuditEvent.objects.for_council(h.council).latest("pk")
    assert event.action == "enquiry.refused" and event.actor == h.cllr_ward


def test_bad_input_is_422_naming_the_field(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    member = as_(h.cllr_ward)
    blank = member.post(BASE, {**ASK, "subject": "  "})
    assert blank.status_code == 422
    assert blank.json()["errors"] == {"subject": ["Enter a short subject for your enquiry."]}
    assert member.post(BASE, {**ASK, "kind": "bribe"}).json()["errors"] == {
        "kind": ["Choose what kind of enquiry this is."]
    }
    # Someone who is not an officer of the council is not an officer to write to.
    not_officer = member.post(BASE, {**ASK, "addressed_officer_id": h.cllr_chair.pk})
    assert not_officer.json()["errors"] == {
        "addressed_officer_id": ["Choose an officer of this council."]
    }
    # ninja's own 422 for a body that does not match the schema.
    assert member.post(BASE, {"subject": "No body"}).status_code == 422
    assert not Enquiry.objects.for_council(h.council).exists()


def test_only_a_member_makes_an_enquiry(hollowmere: Hollowmere, as_: Any) -> None:
    response = as_(hollowmere.officer_junior).post(BASE, ASK)
    assert response.status_code == 403
    assert response.json() == {"detail": "Only a serving member can make an enquiry."}


# --- who sees what ------------------------------------------------------------------------


def test_a_member_cannot_see_or_act_on_another_members_enquiry(
    hollowmere: Hollowmere, as_: Any
) -> None:
    h = hollowmere
    mine = make(as_(h.cllr_ward))
    other = as_(h.cllr_chair)
    assert other.get(f"{BASE}/{mine['id']}").status_code == 404
    assert other.get(f"{BASE}/{mine['id']}").json() == {"detail": "Not found."}
    assert other.get(BASE).json()["items"] == []
    assert other.post(f"{BASE}/{mine['id']}/withdraw").status_code == 404
    # An officer it is not allocated to cannot see it either.
    assert as_(h.officer_junior).get(f"{BASE}/{mine['id']}").status_code == 404


def test_a_member_cannot_allocate_their_own_enquiry(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    member = as_(h.cllr_ward)
    mine = make(member)
    response = member.post(
        f"{BASE}/{mine['id']}/allocate", {"priority": "urgent", "officer_id": h.officer_junior.pk}
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the Clerk allocates enquiries."}
    stored = Enquiry.objects.for_council(h.council).get(pk=mine["id"])
    assert stored.officer is None and stored.priority == ""


def test_the_clerk_can_only_allocate_to_an_officer_of_the_council(
    hollowmere: Hollowmere, fernley: Council, as_: Any
) -> None:
    h = hollowmere
    stranger = f.make_person(fernley, Role.PROPER_OFFICER)
    path = f"{BASE}/{make(as_(h.cllr_ward))['id']}/allocate"
    for officer_id in (stranger.pk, h.cllr_chair.pk, 999_999):
        response = as_(h.clerk).post(path, {"priority": "low", "officer_id": officer_id})
        assert response.status_code == 422
        assert response.json()["errors"] == {"officer_id": ["Choose an officer of this council."]}


def test_another_councils_token_gets_404_on_every_detail_path(
    hollowmere: Hollowmere, fernley: Council, as_: Any
) -> None:
    h = hollowmere
    enquiry_id = make(as_(h.cllr_ward))["id"]
    # Fernley's own Clerk, who sees every enquiry of Fernley and none of Hollowmere's.
    outsider = as_(f.make_person(fernley, Role.PROPER_OFFICER))
    fernley_officer = f.make_person(fernley, Role.STAFF)
    path = f"{BASE}/{enquiry_id}"
    assert outsider.get(path).status_code == 404
    assert outsider.get(BASE).json()["items"] == []
    posts = {
        "allocate": {"priority": "low", "officer_id": fernley_officer.pk},
        "acknowledge": {},
        "clarification-request": {"question": "Which?"},
        "clarification": {"reply": "That one."},
        "answer": {"answer": "Yes."},
        "feedback": {"answered": True},
        "close": {"reason": "Done."},
        "withdraw": {"reason": "Done."},
    }
    for action, body in posts.items():
        response = outsider.post(f"{path}/{action}", body)
        assert response.status_code == 404, action
        assert response.json() == {"detail": "Not found."}
    stored = Enquiry.objects.for_council(h.council).get(pk=enquiry_id)
    assert stored.status == Enquiry.Status.WITH_CLERK


def test_no_token_is_401(hollowmere: Hollowmere, client: Client) -> None:
    assert client.get(BASE).status_code == 401
    assert client.post(BASE, ASK, content_type="application/json").status_code == 401


# --- the Clerk's filters -----------------------------------------------------------------


def test_the_clerk_filters_by_overdue_officer_ward_and_status(
    hollowmere: Hollowmere, as_: Any
) -> None:
    h = hollowmere
    today = timezone.localdate()
    late = do_submit_enquiry(
        h.cllr_ward,
        subject="Late",
        body="Old one.",
        kind="information",
        addressed_to="proper_officer",
        today=today - datetime.timedelta(days=60),
        acting_user=h.cllr_ward,
    )
    fresh = make(as_(h.cllr_chair))
    clerk = as_(h.clerk)
    clerk.post(f"{BASE}/{fresh['id']}/allocate", {"priority": "low", "officer_id": h.clerk.pk})

    def ids(**params: Any) -> list[int]:
        response = clerk.get(BASE, **params)
        assert response.status_code == 200, response.content
        return [e["id"] for e in response.json()["items"]]

    # Overdue first by default; newest first when asked.
    assert ids() == [late.pk, fresh["id"]]
    assert ids(sort="newest") == [fresh["id"], late.pk]
    assert ids(show="overdue") == [late.pk]
    overdue = clerk.get(BASE, show="overdue").json()["items"][0]
    assert overdue["overdue"] is True and overdue["reference"] == f"ENQ-{late.pk}"
    assert ids(ward=h.brookside.pk) == [late.pk]
    assert ids(officer=h.clerk.pk) == [fresh["id"]]
    assert ids(status="allocated") == [fresh["id"]]
    assert ids(status="with_clerk", show="overdue") == [late.pk]
    assert clerk.get(BASE, show="someday").status_code == 422
    assert clerk.get(BASE, status="lost").status_code == 422


def test_due_this_week_lists_what_falls_due_by_friday(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    today = timezone.localdate()
    day = today + datetime.timedelta(days=7 - today.weekday()) if today.weekday() >= 5 else today
    friday = day + datetime.timedelta(days=4 - day.weekday())
    # A day to send an enquiry on so that its answer falls due between today and Friday.
    received = None
    for back in range(60):
        candidate = today - datetime.timedelta(days=back)
        probe = Enquiry(council=h.council, received_on=candidate, pauses=[])
        if today <= clocks_for(probe, today).respond.due <= friday:
            received = candidate
            break
    if received is None:
        pytest.skip("Every working day from today to Friday is a bank holiday.")
    due = do_submit_enquiry(
        h.cllr_ward,
        subject="Due",
        body="Due this week.",
        kind="information",
        addressed_to="proper_officer",
        today=received,
        acting_user=h.cllr_ward,
    )
    make(as_(h.cllr_chair))  # due in ten working days: not this week
    listed = as_(h.clerk).get(BASE, show="due_this_week").json()["items"]
    assert [e["id"] for e in listed] == [due.pk]
