"""The access-request pages, through HTTP: asking, deciding, disputing, and who sees what."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from propriety.councils.models import Committee, Council
from propriety.documents.actions import do_create_document
from propriety.documents.models import AccessRequest, Document
from propriety.documents.requests import (
    USE_ONLY_FOR_PURPOSE,
    do_determine_access_request,
    do_request_access,
)
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

BODY = "The tenders received were as follows."


_numbers = itertools.count(1)


def _document(
    council: Council,
    classification: str,
    *,
    exempt_category: int | None = None,
    committee: Committee | None = None,
) -> Document:
    n = next(_numbers)
    return do_create_document(
        council,
        title=f"Paper {n}",
        reference=f"PAPER/{n}",
        classification=classification,
        exempt_category=exempt_category,
        committee=committee,
        meeting_date=datetime.date(2026, 11, 3),
        body=BODY,
        acting_user=None,
    )


def _ask(client: Client, document: Document, **data: str) -> str:
    response = client.post(reverse("documents:ask", args=[document.pk]), data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _only_request(member: Person) -> AccessRequest:
    return AccessRequest.objects.for_council(member.council).get(member=member)


def _url(name: str, access_request: AccessRequest) -> str:
    return reverse(f"documents:{name}", args=[access_request.pk])


# --- at once: a committee member, their committee's exempt paper --------------------


def test_a_committee_member_is_given_their_committees_exempt_document_at_once(
    hollowmere: Hollowmere, client: Client
) -> None:
    document = _document(
        hollowmere.council, "exempt", exempt_category=3, committee=hollowmere.planning
    )
    client.force_login(hollowmere.cllr_chair)
    html = _ask(client, document, purpose="to prepare for the tender item")
    access_request = _only_request(hollowmere.cllr_chair)
    assert access_request.status == AccessRequest.Status.RELEASED
    assert "You can now read" in html
    assert BODY in html
    assert "to prepare for the tender item" in html
    assert USE_ONLY_FOR_PURPOSE in html
    assert "§10.2" in html
    detail = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "to prepare for the tender item" in detail
    assert USE_ONLY_FOR_PURPOSE in detail


# --- refused by the protocol, disputed, upheld by the Town Clerk (final) ------------


def test_a_refusal_cites_its_clause_and_the_town_clerks_view_on_dispute_is_final(
    hollowmere: Hollowmere, client: Client
) -> None:
    document = _document(
        hollowmere.council, "exempt", exempt_category=1, committee=hollowmere.planning
    )
    client.force_login(hollowmere.cllr_ward)
    register = client.get(reverse("documents:list")).content.decode()
    assert document.title in register
    assert reverse("documents:ask", args=[document.pk]) in register
    assert f'href="{reverse("documents:detail", args=[document.pk])}"' not in register

    html = _ask(client, document, purpose="to answer a resident")
    access_request = _only_request(hollowmere.cllr_ward)
    assert access_request.status == AccessRequest.Status.REFUSED
    assert "Refused under §10.3, §10.3(b)" in html
    assert "§10.3(b)" in html
    assert "The protocol refuses access." in html
    assert BODY not in html

    # Grounds are required; the error summary says so.
    empty = client.post(_url("dispute", access_request), {"grounds": " "}).content.decode()
    assert "There is a problem" in empty
    assert "Say why you think the refusal is wrong" in empty
    html = client.post(
        _url("dispute", access_request), {"grounds": "I need it for my ward"}, follow=True
    ).content.decode()
    assert "Your dispute has gone to the Town Clerk." in html
    assert "I need it for my ward" in html
    # The member may not decide their own dispute.
    assert client.post(_url("dispute_decide", access_request), {}).status_code == 403

    client.force_login(hollowmere.clerk)
    queue = client.get(reverse("documents:requests")).content.decode()
    assert access_request.reference in queue
    page = client.get(_url("request", access_request)).content.decode()
    assert "Decide the dispute" in page
    assert 'name="report"' not in page  # no report at this stage in this rulebook
    html = client.post(
        _url("dispute_decide", access_request),
        {"grant": "uphold", "reasons": "Exempt: it names an individual."},
        follow=True,
    ).content.decode()
    assert "You have upheld the refusal." in html

    client.force_login(hollowmere.cllr_ward)
    page = client.get(_url("request", access_request)).content.decode()
    assert "Refusal upheld" in page
    assert "Exempt: it names an individual." in page
    assert "Take the dispute further" not in page
    assert "this decision is final" in page
    assert client.post(_url("dispute_further", access_request)).status_code == 403
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 404


# --- left to the officer with a recommendation, then released -----------------------


@pytest.fixture
def waiting(hollowmere: Hollowmere, client: Client) -> tuple[Document, AccessRequest]:
    document = _document(hollowmere.council, "committee", committee=hollowmere.planning)
    client.force_login(hollowmere.cllr_ward)
    html = _ask(
        client,
        document,
        purpose="to answer residents about the play area",
        justification="The play area is in my ward and residents have asked me about it.",
    )
    assert "Your request has gone to Clara Clerk to decide." in html
    return document, _only_request(hollowmere.cllr_ward)


def test_the_deciding_officer_sees_the_recommendation_and_releases(
    hollowmere: Hollowmere, client: Client, waiting: tuple[Document, AccessRequest]
) -> None:
    document, access_request = waiting
    assert access_request.status == AccessRequest.Status.AWAITING_DECISION
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 404
    assert client.post(_url("determine", access_request), {}).status_code == 403

    client.force_login(hollowmere.clerk)
    page = client.get(_url("request", access_request)).content.decode()
    assert "The protocol recommends release." in page
    assert "§10.3" in page
    assert "residents have asked me about it" in page
    assert "Decide" in page and 'name="release"' in page

    # Reasons are required; what was typed is kept.
    html = client.post(
        _url("determine", access_request), {"release": "release", "reasons": ""}
    ).content.decode()
    assert "There is a problem" in html
    assert "Give the reasons for your decision" in html
    assert 'value="release" checked' in html
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.AWAITING_DECISION

    html = client.post(
        _url("determine", access_request),
        {"release": "release", "reasons": "A ward matter: a clear need to know."},
        follow=True,
    ).content.decode()
    assert "You have released the document." in html
    assert "A ward matter: a clear need to know." in html

    client.force_login(hollowmere.cllr_ward)
    detail = client.get(reverse("documents:detail", args=[document.pk]))
    assert detail.status_code == 200
    assert BODY in detail.content.decode()
    assert "to answer residents about the play area" in detail.content.decode()
    assert USE_ONLY_FOR_PURPOSE in detail.content.decode()


def test_a_release_a_clause_refuses_is_shown_in_the_error_summary_with_its_clause(
    hollowmere: Hollowmere, client: Client
) -> None:
    # Public, for a resident, with the member's own interest: left to the Clerk (§10.5(b)).
    document = _document(hollowmere.council, "public")
    client.force_login(hollowmere.cllr_ward)
    _ask(
        client,
        document,
        purpose="to help a resident",
        justification="A resident asked me about the decision on their land.",
        third_party_name="Ann Resident",
        member_interest="on",
    )
    access_request = _only_request(hollowmere.cllr_ward)
    client.force_login(hollowmere.clerk)
    html = client.post(
        _url("determine", access_request),
        {"release": "release", "reasons": "Typed reasons kept", "data_protection_risk": "on"},
    ).content.decode()
    assert "The protocol leaves it to you without a recommendation." in html
    assert "There is a problem" in html
    assert "The protocol refuses access here (§10.1, §10.1(b))" in html
    assert 'href="#id_release"' in html
    assert "Typed reasons kept" in html
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.AWAITING_DECISION


def test_the_member_can_withdraw_a_waiting_request(
    hollowmere: Hollowmere, client: Client, waiting: tuple[Document, AccessRequest]
) -> None:
    _, access_request = waiting
    html = client.post(_url("withdraw", access_request), follow=True).content.decode()
    assert "You have withdrawn your request." in html
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.WITHDRAWN
    assert client.post(_url("withdraw", access_request)).status_code == 403


def test_the_clerk_filters_the_waiting_requests(
    hollowmere: Hollowmere, client: Client, waiting: tuple[Document, AccessRequest]
) -> None:
    _, access_request = waiting
    public = _document(hollowmere.council, "public")
    decided = do_request_access(
        hollowmere.cllr_chair, public, purpose="for the agenda", acting_user=hollowmere.cllr_chair
    )
    assert decided.status == AccessRequest.Status.RELEASED
    client.force_login(hollowmere.clerk)
    everything = client.get(reverse("documents:requests")).content.decode()
    assert access_request.reference in everything and decided.reference in everything
    only = client.get(reverse("documents:requests") + "?show=waiting").content.decode()
    assert access_request.reference in only
    assert decided.reference not in only
    assert "Waiting for a decision" in only

    # A member sees only their own.
    client.force_login(hollowmere.cllr_chair)
    mine = client.get(reverse("documents:requests")).content.decode()
    assert decided.reference in mine
    assert access_request.reference not in mine


def test_an_officer_sees_only_the_requests_allocated_to_them(
    hollowmere: Hollowmere, client: Client, waiting: tuple[Document, AccessRequest]
) -> None:
    _, access_request = waiting
    junior = hollowmere.officer_junior
    client.force_login(junior)
    assert client.get(_url("request", access_request)).status_code == 404
    assert (
        access_request.reference not in client.get(reverse("documents:requests")).content.decode()
    )

    # Only the Clerk allocates.
    client.force_login(hollowmere.cllr_ward)
    assert client.post(_url("allocate", access_request), {"decider": junior.pk}).status_code == 403
    client.force_login(hollowmere.clerk)
    missing = client.post(_url("allocate", access_request), {"decider": ""}).content.decode()
    assert "Choose the officer who will decide" in missing
    html = client.post(
        _url("allocate", access_request), {"decider": junior.pk}, follow=True
    ).content.decode()
    assert "Jo Junior will decide this request." in html

    client.force_login(junior)
    page = client.get(_url("request", access_request)).content.decode()
    assert "The protocol recommends release." in page
    assert 'name="release"' in page
    assert 'name="decider"' not in page  # allocating is the Clerk's


def test_the_ask_page(hollowmere: Hollowmere, client: Client, fernley: Council) -> None:
    document = _document(hollowmere.council, "confidential")
    url = reverse("documents:ask", args=[document.pk])
    client.force_login(hollowmere.officer_junior)
    assert client.get(url).status_code == 403
    client.force_login(hollowmere.cllr_ward)
    page = client.get(url).content.decode()
    assert document.reference in page
    assert "Freedom of Information Act 2000" in page
    assert "The officer decides whether you need to know" in page
    html = client.post(url, {"purpose": "", "justification": "Kept text"}).content.decode()
    assert "There is a problem" in html
    assert "Say what you need the document for" in html
    assert "Kept text" in html
    assert not AccessRequest.objects.for_council(hollowmere.council).exists()
    theirs = f.make_document(fernley, "public")
    assert client.get(reverse("documents:ask", args=[theirs.pk])).status_code == 404


def test_another_councils_request_is_not_found_for_anyone(
    hollowmere: Hollowmere, client: Client, fernley: Council
) -> None:
    member = f.make_person(fernley, Role.COUNCILLOR)
    document = f.make_document(fernley, "confidential")
    access_request = do_request_access(
        member, document, purpose="p", justification="j", acting_user=member
    )
    for person in (
        hollowmere.clerk,
        hollowmere.cllr_chair,
        hollowmere.cllr_ward,
        hollowmere.officer_junior,
        hollowmere.monitoring_officer,
    ):
        client.force_login(person)
        assert client.get(_url("request", access_request)).status_code == 404
        assert client.post(_url("withdraw", access_request)).status_code == 404


# --- a principal council: the Monitoring Officer, then the committee ----------------


@dataclass
class Thornbury:
    council: Council
    chief_executive: Person
    monitoring_officer: Person
    line_manager: Person
    member: Person
    other_member: Person


@pytest.fixture
def thornbury(db: None) -> Thornbury:
    council = f.make_council(
        "Thornbury District Council", slug="thornbury", kind="principal", rulebook="part5-district"
    )
    return Thornbury(
        council=council,
        chief_executive=f.make_person(council, Role.CHIEF_EXECUTIVE, name="Chris Chief"),
        monitoring_officer=f.make_person(council, Role.MONITORING_OFFICER, name="Mo Officer"),
        line_manager=f.make_person(council, Role.LINE_MANAGER, name="Lin Manager"),
        member=f.make_person(council, Role.COUNCILLOR, name="Dee Member"),
        other_member=f.make_person(council, Role.COUNCILLOR, name="Ollie Other"),
    )


def test_a_dispute_goes_to_the_monitoring_officer_then_the_committee(
    thornbury: Thornbury, client: Client
) -> None:
    document = _document(thornbury.council, "confidential")
    t = thornbury
    access_request = do_request_access(
        t.member,
        document,
        purpose="to scrutinise the contract",
        justification="I sit on the scrutiny panel.",
        acting_user=t.member,
    )
    assert access_request.decider == t.line_manager
    do_determine_access_request(
        access_request, release=False, reasons="Not needed.", acting_user=t.line_manager
    )
    other = do_request_access(
        t.other_member, document, purpose="curiosity", acting_user=t.other_member
    )

    client.force_login(t.member)
    html = client.post(
        _url("dispute", access_request), {"grounds": "Scrutiny needs it."}, follow=True
    ).content.decode()
    assert "Your dispute has gone to the Monitoring Officer." in html

    client.force_login(t.monitoring_officer)
    queue = client.get(reverse("documents:requests")).content.decode()
    assert access_request.reference in queue
    assert other.reference not in queue
    assert client.get(_url("request", other)).status_code == 404
    page = client.get(_url("request", access_request)).content.decode()
    assert "Decide the dispute" in page
    assert 'name="report"' not in page
    client.post(
        _url("dispute_decide", access_request),
        {"grant": "uphold", "reasons": "The manager was right."},
    )

    client.force_login(t.member)
    page = client.get(_url("request", access_request)).content.decode()
    assert "Take it to the Audit and Standards Committee" in page
    html = client.post(_url("dispute_further", access_request), follow=True).content.decode()
    assert "Your dispute has gone to the Audit and Standards Committee." in html
    assert "Taken further after advice" in html
    assert "The Monitoring Officer reports to the Audit and Standards Committee" in html

    client.force_login(t.monitoring_officer)
    page = client.get(_url("request", access_request)).content.decode()
    assert 'name="report"' in page
    html = client.post(
        _url("dispute_decide", access_request),
        {"grant": "grant", "reasons": "The committee found a need to know."},
    ).content.decode()
    assert "There is a problem" in html
    assert "The protocol requires a report at this stage" in html
    assert "The committee found a need to know." in html
    html = client.post(
        _url("dispute_decide", access_request),
        {
            "grant": "grant",
            "reasons": "The committee found a need to know.",
            "report": "My report to the committee.",
        },
        follow=True,
    ).content.decode()
    assert "You have granted access." in html
    assert "My report to the committee." in html

    client.force_login(t.member)
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.RELEASED
    page = client.get(_url("request", access_request)).content.decode()
    assert BODY in page
    assert USE_ONLY_FOR_PURPOSE in page
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200


def test_guidance_is_shown_where_it_applies(hollowmere: Hollowmere, client: Client) -> None:
    """Issue 12 item 8: acses-town §10.7 (confidential information) applies to every access
    decision, so the request page shows it, linked to its clause, from the shared include."""
    document = _document(
        hollowmere.council, "exempt", exempt_category=3, committee=hollowmere.planning
    )
    client.force_login(hollowmere.cllr_chair)
    _ask(client, document, purpose="to prepare for the tender item")
    page = client.get(_url("request", _only_request(hollowmere.cllr_chair))).content.decode()
    assert "Guidance from the protocol" in page
    assert "Do not pass on information given to you in confidence" in page
    assert 'href="/protocol/#clause-10-7"' in page
