"""The enquiry pages, through HTTP: each role sees and does only what it should."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.councils.models import Council
from propriety.councils.protocol import calendar_for
from propriety.enquiries.actions import (
    do_answer_enquiry,
    do_request_clarification,
    do_submit_enquiry,
    do_triage_enquiry,
)
from propriety.enquiries.clocks import clocks_for
from propriety.enquiries.listing import end_of_working_week
from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocol import format_date

from . import factories as f
from .conftest import Hollowmere


def _submit(member: Person, today: datetime.date | None = None, **kwargs: Any) -> Enquiry:
    fields: dict[str, Any] = {
        "subject": "Overgrown footpath",
        "body": "The footpath by the church is overgrown. When will it be cut?",
        "kind": "information",
        "addressed_to": "proper_officer",
        **kwargs,
    }
    return do_submit_enquiry(member, today=today, acting_user=member, **fields)


def _allocated(h: Hollowmere, today: datetime.date | None = None, **kwargs: Any) -> Enquiry:
    enquiry = _submit(h.cllr_ward, today, **kwargs)
    return do_triage_enquiry(
        enquiry, priority="normal", officer=h.officer_junior, today=today, acting_user=h.clerk
    )


def _as(client: Client, person: Person) -> Client:
    client.force_login(person)
    return client


def _url(name: str, enquiry: Enquiry | None = None) -> str:
    return reverse(f"enquiries:{name}", args=[enquiry.pk] if enquiry else [])


def _listed(client: Client, query: str = "") -> set[int]:
    response = client.get(_url("list") + query)
    assert response.status_code == 200
    return {row["pk"] for row in response.context["rows"]}


# --- making an enquiry -----------------------------------------------------------------


def test_a_member_sends_an_enquiry_and_sees_who_has_it_and_when_it_is_due(
    client: Client, hollowmere: Hollowmere
) -> None:
    today = timezone.localdate()
    response = _as(client, hollowmere.cllr_ward).post(
        _url("new"),
        {
            "subject": "Bus shelter",
            "body": "Who repairs the bus shelter on Mill Lane?",
            "kind": "information",
            "addressed_to": "proper_officer",
        },
    )
    enquiry = Enquiry.unscoped.get(subject="Bus shelter")
    assert response.status_code == 302
    assert response["Location"] == _url("detail", enquiry)
    # acses-town: 10 working days to answer, sent to the Town Clerk (§4.6).
    due = calendar_for(hollowmere.council).add(today, 10).due
    assert (enquiry.status, enquiry.handler_role, enquiry.officer) == (
        Enquiry.Status.WITH_CLERK,
        "proper_officer",
        None,
    )
    assert (enquiry.respond_due, enquiry.ward) == (due, hollowmere.brookside)

    page = client.get(response["Location"]).content.decode()
    assert (
        f"Your enquiry {enquiry.reference} has gone to the Town Clerk. "
        f"An answer is due by {format_date(due)}."
    ) in page
    assert f"10 working days from {format_date(today)}" in page
    assert "§4.6" in page


def test_a_factual_question_to_no_officer_in_particular_says_the_clerk_passes_it_on(
    client: Client, hollowmere: Hollowmere
) -> None:
    """Addressed to "Another officer" with none chosen, it waits with the Clerk to be
    allocated, as its page says; the message said it "has gone to the other officer"."""
    response = _as(client, hollowmere.cllr_ward).post(
        _url("new"),
        {
            "subject": "Bin day",
            "body": "Which day are the bins on Mill Lane collected?",
            "kind": "factual",
            "addressed_to": "other_officer",
        },
    )
    enquiry = Enquiry.unscoped.get(subject="Bin day")
    assert (enquiry.status, enquiry.officer) == (Enquiry.Status.WITH_CLERK, None)
    page = client.get(response["Location"]).content.decode()
    assert "has gone to the other officer" not in page
    assert (
        f"Your enquiry {enquiry.reference} is with the Town Clerk, who passes it to an officer."
    ) in page


def test_a_refused_instruction_cites_its_clauses_and_keeps_what_was_typed(
    client: Client, hollowmere: Hollowmere
) -> None:
    body = "Please cut the hedge on Church Lane by Friday."
    response = _as(client, hollowmere.cllr_ward).post(
        _url("new"),
        {
            "subject": "Hedge",
            "body": body,
            "kind": "instruction",
            "addressed_to": "other_officer",
            "addressed_officer": str(hollowmere.officer_junior.pk),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your request cannot go as you made it" in page
    assert "§4.6" in page and "§2.9" in page
    assert "Members may not instruct officers" in page
    assert "What you can do instead: Raise the matter with" in page
    # Nothing typed is lost, including the radios and the officer chosen.
    assert body in page
    assert 'value="instruction" checked' in page
    assert f'value="{hollowmere.officer_junior.pk}" selected' in page
    assert not Enquiry.unscoped.exists()


def test_asking_for_priority_shows_the_no_queue_jumping_obligation(
    client: Client, hollowmere: Hollowmere
) -> None:
    new_page = _as(client, hollowmere.cllr_ward).get(_url("new")).content.decode()
    assert "Members cannot jump the queue" in new_page
    enquiry = _submit(hollowmere.cllr_ward, asks_for_priority=True)
    page = client.get(_url("detail", enquiry)).content.decode()
    assert "Do not ask for this to be dealt with ahead of other work" in page
    assert "§4.7" in page and "§9.5" in page


def test_only_members_may_make_enquiries(client: Client, hollowmere: Hollowmere) -> None:
    for person in (hollowmere.clerk, hollowmere.officer_junior, hollowmere.monitoring_officer):
        assert _as(client, person).get(_url("new")).status_code == 404
        assert client.post(_url("new"), {"subject": "x"}).status_code == 404


def test_an_empty_enquiry_shows_an_error_summary(client: Client, hollowmere: Hollowmere) -> None:
    response = _as(client, hollowmere.cllr_ward).post(_url("new"), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a short subject for your enquiry." in page
    assert "Choose what kind of enquiry this is." in page
    assert '<a href="#id_kind">' in page
    assert not Enquiry.unscoped.exists()


def test_the_delegated_authority_box_is_for_cabinet_members_only(
    client: Client, hollowmere: Hollowmere
) -> None:
    assert "delegated_authority" not in (
        _as(client, hollowmere.cllr_ward).get(_url("new")).content.decode()
    )
    cabinet = f.make_person(hollowmere.council, Role.COUNCILLOR, Role.CABINET_MEMBER)
    assert "delegated_authority" in _as(client, cabinet).get(_url("new")).content.decode()


# --- the Clerk, the officer and the member work the case -------------------------------


def test_the_clerk_allocates_and_the_officer_then_sees_it(
    client: Client, hollowmere: Hollowmere
) -> None:
    enquiry = _submit(hollowmere.cllr_ward)
    officer_client = Client()
    officer_client.force_login(hollowmere.officer_junior)
    assert _listed(officer_client) == set()
    assert officer_client.get(_url("detail", enquiry)).status_code == 404

    response = _as(client, hollowmere.clerk).post(
        _url("allocate", enquiry),
        {"priority": "high", "officer": str(hollowmere.officer_junior.pk)},
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.priority, enquiry.officer) == (
        Enquiry.Status.ALLOCATED,
        "high",
        hollowmere.officer_junior,
    )
    assert _listed(officer_client) == {enquiry.pk}
    page = officer_client.get(_url("detail", enquiry)).content.decode()
    assert "Answer the enquiry" in page
    assert "Set priority and allocate" not in page
    assert "set the priority to high and gave it to Jo Junior" in page


def test_allocating_without_choices_shows_an_error_summary(
    client: Client, hollowmere: Hollowmere
) -> None:
    enquiry = _submit(hollowmere.cllr_ward)
    response = _as(client, hollowmere.clerk).post(_url("allocate", enquiry), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Choose a priority." in page and "Choose the officer to deal with it." in page
    enquiry.refresh_from_db()
    assert enquiry.officer is None


def test_the_officer_asks_for_clarification_and_the_clock_pauses(
    client: Client, hollowmere: Hollowmere
) -> None:
    enquiry = _allocated(hollowmere)
    response = _as(client, hollowmere.officer_junior).post(
        _url("clarify_request", enquiry), {"question": "Which end of the footpath?"}
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.AWAITING_MEMBER
    page = client.get(_url("detail", enquiry)).content.decode()
    assert "Paused while waiting for the member to clarify" in page
    assert "Answer the enquiry" not in page  # not while waiting for the member

    member_page = _as(client, hollowmere.cllr_ward).get(_url("detail", enquiry)).content.decode()
    assert "Reply to the question" in member_page
    assert "Which end of the footpath?" in member_page


def test_the_members_reply_moves_the_due_date_on_by_the_pause(
    client: Client, hollowmere: Hollowmere
) -> None:
    today = timezone.localdate()
    received = today - datetime.timedelta(days=21)
    enquiry = _allocated(hollowmere, received)
    do_request_clarification(
        enquiry,
        question="Which end?",
        today=received + datetime.timedelta(days=2),
        acting_user=hollowmere.officer_junior,
    )
    before = enquiry.respond_due

    empty = _as(client, hollowmere.cllr_ward).post(_url("clarify", enquiry), {"reply": " "})
    assert empty.status_code == 200
    assert "Enter your reply." in empty.content.decode()

    response = client.post(_url("clarify", enquiry), {"reply": "The church end."})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ALLOCATED
    assert enquiry.respond_due > before
    assert enquiry.respond_due == clocks_for(enquiry, today).respond.due
    page = client.get(_url("detail", enquiry)).content.decode()
    assert "while the clock was paused for clarification" in page
    assert format_date(enquiry.respond_due) in page


def test_the_officer_answers_and_a_no_from_the_member_reopens_it(
    client: Client, hollowmere: Hollowmere
) -> None:
    enquiry = _allocated(hollowmere)
    empty = _as(client, hollowmere.officer_junior).post(_url("answer", enquiry), {"answer": ""})
    assert "Enter the answer." in empty.content.decode()

    response = client.post(_url("answer", enquiry), {"answer": "It will be cut on Monday."})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED
    due = enquiry.respond_due

    member = _as(Client(), hollowmere.cllr_ward)
    page = member.get(_url("detail", enquiry)).content.decode()
    assert "It will be cut on Monday." in page
    assert "Did the answer answer your question?" in page

    no_comment = member.post(_url("feedback", enquiry), {"answered": "no", "comment": ""})
    assert "Say what the answer did not cover." in no_comment.content.decode()
    response = member.post(
        _url("feedback", enquiry), {"answered": "no", "comment": "Which Monday?"}
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.member_satisfied, enquiry.respond_due) == (
        Enquiry.Status.ALLOCATED,
        False,
        due,
    )
    assert "Answer the enquiry" in client.get(_url("detail", enquiry)).content.decode()


def test_a_yes_from_the_member_closes_it(client: Client, hollowmere: Hollowmere) -> None:
    enquiry = _allocated(hollowmere)
    do_answer_enquiry(enquiry, answer="Monday.", acting_user=hollowmere.officer_junior)
    response = _as(client, hollowmere.cllr_ward).post(
        _url("feedback", enquiry), {"answered": "yes"}
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.member_satisfied) == (Enquiry.Status.CLOSED, True)


def test_an_allocated_enquiry_is_already_acknowledged(
    client: Client, hollowmere: Hollowmere
) -> None:
    # Allocating acknowledges it, so the officer has nothing left to acknowledge.
    enquiry = _allocated(hollowmere)
    page = _as(client, hollowmere.officer_junior).get(_url("detail", enquiry)).content.decode()
    assert "Acknowledge the enquiry" not in page
    assert client.post(_url("acknowledge", enquiry)).status_code == 403


def test_the_clerk_acknowledges_before_allocating(client: Client, hollowmere: Hollowmere) -> None:
    enquiry = _submit(hollowmere.cllr_ward)
    response = _as(client, hollowmere.clerk).post(_url("acknowledge", enquiry))
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.acknowledged_on == timezone.localdate()


def test_the_clerk_closes_with_a_reason_and_the_member_withdraws(
    client: Client, hollowmere: Hollowmere
) -> None:
    first, second = _submit(hollowmere.cllr_ward), _submit(hollowmere.cllr_ward)
    clerk = _as(client, hollowmere.clerk)
    assert "Say why the enquiry is being closed." in (
        clerk.post(_url("close", first), {"reason": ""}).content.decode()
    )
    assert (
        clerk.post(_url("close", first), {"reason": "Dealt with at the meeting."}).status_code
        == 302
    )
    member = _as(Client(), hollowmere.cllr_ward)
    # Withdrawing cannot be undone: without the confirmation nothing happens.
    unconfirmed = member.post(_url("withdraw", second), {"reason": ""})
    assert unconfirmed.status_code == 200
    assert "Confirm that you want to withdraw the enquiry" in unconfirmed.content.decode()
    second.refresh_from_db()
    assert second.status == Enquiry.Status.WITH_CLERK
    assert member.post(_url("withdraw", second), {"reason": "", "confirm": "on"}).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Enquiry.Status.CLOSED, Enquiry.Status.WITHDRAWN)
    assert "Dealt with at the meeting." in member.get(_url("detail", first)).content.decode()


def test_a_form_the_viewer_may_not_use_is_forbidden(client: Client, hollowmere: Hollowmere) -> None:
    enquiry = _allocated(hollowmere)
    member = _as(client, hollowmere.cllr_ward)
    page = member.get(_url("detail", enquiry)).content.decode()
    assert "Set priority and allocate" not in page and "Answer the enquiry" not in page
    officer = str(hollowmere.officer_junior.pk)
    assert (
        member.post(
            _url("allocate", enquiry), {"priority": "urgent", "officer": officer}
        ).status_code
        == 403
    )
    assert member.post(_url("answer", enquiry), {"answer": "Answered myself"}).status_code == 403
    officer_client = _as(Client(), hollowmere.officer_junior)
    assert officer_client.post(_url("withdraw", enquiry)).status_code == 403
    assert officer_client.post(_url("close", enquiry), {"reason": "x"}).status_code == 403
    enquiry.refresh_from_db()
    assert (enquiry.priority, enquiry.status) == ("normal", Enquiry.Status.ALLOCATED)


# --- who sees what ----------------------------------------------------------------------


def test_a_member_sees_only_their_own_enquiries(client: Client, hollowmere: Hollowmere) -> None:
    mine = _submit(hollowmere.cllr_ward)
    theirs = _submit(hollowmere.cllr_chair)
    _as(client, hollowmere.cllr_ward)
    assert _listed(client) == {mine.pk}
    assert client.get(_url("detail", theirs)).status_code == 404
    assert client.post(_url("withdraw", theirs)).status_code == 404


def test_an_officer_sees_only_what_is_allocated_to_them(
    client: Client, hollowmere: Hollowmere
) -> None:
    allocated = _allocated(hollowmere)
    _submit(hollowmere.cllr_chair)
    other = f.make_person(hollowmere.council, Role.STAFF)
    assert _listed(_as(client, hollowmere.officer_junior)) == {allocated.pk}
    assert _listed(_as(Client(), other)) == set()
    assert _as(Client(), other).get(_url("detail", allocated)).status_code == 404


def test_the_monitoring_officer_sees_no_enquiries(client: Client, hollowmere: Hollowmere) -> None:
    enquiry = _allocated(hollowmere)
    _as(client, hollowmere.monitoring_officer)
    assert _listed(client) == set()
    assert client.get(_url("detail", enquiry)).status_code == 404
    assert client.post(_url("answer", enquiry), {"answer": "x"}).status_code == 404


def test_another_councils_enquiry_is_not_found_for_everyone(
    client: Client, hollowmere: Hollowmere, fernley: Council
) -> None:
    f.make_person(fernley, Role.PROPER_OFFICER)
    elsewhere = _submit(f.make_person(fernley, Role.COUNCILLOR))
    for person in (
        hollowmere.clerk,
        hollowmere.cllr_ward,
        hollowmere.officer_junior,
        hollowmere.monitoring_officer,
    ):
        _as(client, person)
        assert client.get(_url("detail", elsewhere)).status_code == 404
        assert client.post(_url("close", elsewhere), {"reason": "x"}).status_code == 404
        assert elsewhere.pk not in _listed(client)


def test_the_clerk_sees_every_enquiry_and_filters_them(
    client: Client, hollowmere: Hollowmere
) -> None:
    today = timezone.localdate()
    overdue = _allocated(hollowmere, today - datetime.timedelta(days=60))
    recent = _submit(hollowmere.cllr_chair)
    calendar = calendar_for(hollowmere.council)
    week_end = end_of_working_week(today)
    received = next(
        (
            today - datetime.timedelta(days=n)
            for n in range(30)
            if today <= calendar.add(today - datetime.timedelta(days=n), 10).due <= week_end
        ),
        None,
    )
    if received is None:  # a week of bank holidays (Christmas): nothing can fall due in it
        pytest.skip("No working day is left this week.")
    due_soon = _submit(hollowmere.cllr_chair, received)
    answered_late = _allocated(hollowmere, today - datetime.timedelta(days=60))
    do_answer_enquiry(answered_late, answer="Late.", acting_user=hollowmere.officer_junior)

    _as(client, hollowmere.clerk)
    assert _listed(client) == {overdue.pk, recent.pk, due_soon.pk, answered_late.pk}
    assert _listed(client, "?show=overdue") == {overdue.pk}
    assert _listed(client, "?show=due_this_week") == {due_soon.pk}
    officer = hollowmere.officer_junior.pk
    assert _listed(client, f"?officer={officer}") == {overdue.pk, answered_late.pk}
    assert _listed(client, f"?ward={hollowmere.brookside.pk}") == {overdue.pk, answered_late.pk}
    assert _listed(client, "?status=with_clerk") == {recent.pk, due_soon.pk}
    assert _listed(client, f"?show=overdue&officer={officer}") == {overdue.pk}
    assert _listed(client, "?officer=nonsense") == {
        overdue.pk,
        recent.pk,
        due_soon.pk,
        answered_late.pk,
    }

    page = client.get(_url("list") + "?show=overdue").content.decode()
    assert "govuk-tag--red" in page and "Overdue" in page
    assert format_date(overdue.respond_due) in page
    empty = client.get(_url("list") + "?status=withdrawn").content.decode()
    assert "No enquiries match these filters." in empty


@pytest.mark.parametrize(
    "query", ["?officer=" + "9" * 25, "?ward=" + "9" * 25, "?officer=-" + "9" * 25, "?ward=-1"]
)
def test_an_id_no_database_could_hold_is_ignored_not_a_server_error(
    client: Client, hollowmere: Hollowmere, query: str
) -> None:
    """An officer or ward id beyond a 64-bit integer overflowed the database driver (a 500);
    like any other value that is not an id, it is ignored."""
    mine = _submit(hollowmere.cllr_chair)
    _as(client, hollowmere.clerk)
    assert _listed(client, query) == {mine.pk}
    assert client.get(_url("list") + query + "&format=csv").status_code == 200


def test_empty_lists_say_so_in_plain_english(client: Client, hollowmere: Hollowmere) -> None:
    assert "You have not made any enquiries yet." in (
        _as(client, hollowmere.cllr_ward).get(_url("list")).content.decode()
    )
    assert "No enquiries have been allocated to you." in (
        _as(client, hollowmere.officer_junior).get(_url("list")).content.decode()
    )
    assert "Members have not made any enquiries yet." in (
        _as(client, hollowmere.clerk).get(_url("list")).content.decode()
    )


def test_the_case_page_shows_the_timeline_with_clauses(
    client: Client, hollowmere: Hollowmere
) -> None:
    enquiry = _allocated(hollowmere)
    page = _as(client, hollowmere.cllr_ward).get(_url("detail", enquiry)).content.decode()
    assert "Cllr Wendy Ward sent the enquiry; the protocol sends it to" in page
    assert (
        'Clauses: <a class="govuk-link app-clause-link" href="/protocol/#clause-4-6">§4.6</a>'
        in page
    )
    assert "Clara Clerk" in page


@pytest.mark.parametrize(
    ("day", "friday"),
    [
        (datetime.date(2027, 1, 11), datetime.date(2027, 1, 15)),  # Monday
        (datetime.date(2027, 1, 15), datetime.date(2027, 1, 15)),  # Friday
        (datetime.date(2027, 1, 16), datetime.date(2027, 1, 22)),  # Saturday: the week ahead
        (datetime.date(2027, 1, 17), datetime.date(2027, 1, 22)),  # Sunday
    ],
)
def test_the_end_of_the_working_week(day: datetime.date, friday: datetime.date) -> None:
    assert end_of_working_week(day) == friday


def test_the_navigation_links_to_enquiries(client: Client, hollowmere: Hollowmere) -> None:
    page = _as(client, hollowmere.cllr_ward).get(_url("list")).content.decode()
    assert f'href="{_url("list")}" aria-current="true"' in page
    requests_url = reverse("documents:requests")
    assert f'href="{requests_url}">' in page  # present, not marked current
    requests_page = client.get(requests_url).content.decode()
    assert f'href="{requests_url}" aria-current="true"' in requests_page
    assert f'href="{reverse("documents:list")}" aria-current' not in requests_page
    register_page = client.get(reverse("documents:list")).content.decode()
    assert f'href="{reverse("documents:list")}" aria-current="true"' in register_page
