"""Party-group briefings (acses-town §8), and on the seeds that do not deal with them the
page says so citing the protocol's scope clause. Clauses read from the rulebook YAML."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from propriety.briefings.access import access_briefing_by_id
from propriety.briefings.actions import (
    do_decide_briefing,
    do_link_same_matter,
    do_record_briefing,
    do_request_briefing,
)
from propriety.briefings.models import Briefing
from propriety.councils.models import Council, PartyGroup
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f

DAY = datetime.date(2026, 11, 23)
SCOPE = {
    "grantham": "This Protocol covers ¶1.1",
    "west-mersea": "This Protocol covers ¶1.1",
    "ludlow": "§3",
    "part5-district": "§1.2",
}


def _place(
    rulebook: str,
) -> tuple[Council, Person, Person, Person, PartyGroup, PartyGroup, Person]:
    council = f.make_council(f"{rulebook.title()} Town Council", rulebook=rulebook)
    clerk = f.make_person(council, Role.PROPER_OFFICER, name="Clara Clerk")
    officer = f.make_person(council, Role.STAFF, name="Jo Junior")
    reds, blues = f.make_party_group(council, "Reds"), f.make_party_group(council, "Blues")
    red = f.make_person(
        council, Role.COUNCILLOR, Role.PARTY_GROUP_MEMBER, name="Rita Red", party_group=reds
    )
    blue = f.make_person(
        council, Role.COUNCILLOR, Role.PARTY_GROUP_LEADER, name="Bill Blue", party_group=blues
    )
    return council, clerk, red, blue, reds, blues, officer


def _clauses(answer: dict) -> list[str]:  # type: ignore[type-arg]
    return sorted({c["clause"] for c in answer["citations"]})


def test_a_briefing_from_request_to_the_log_and_a_second_group_on_the_same_matter(
    db: None,
) -> None:
    _council, clerk, red, blue, reds, blues, officer = _place("acses-town")
    first = do_request_briefing(reds, matter="The 2027/28 budget", today=DAY, acting_user=red)
    # The Town Clerk may refuse (§8.1, §8.2): it is for the Clerk to decide.
    assert first.status == Briefing.Status.REQUESTED
    assert first.decision["outcome"] == "refer"
    # with the terms any briefing carries (§8.3, §8.12, §8.13) and confidentiality (§8.7).
    assert {"§8.1", "§8.2", "§8.3", "§8.7"} <= set(_clauses(first.decision))
    with pytest.raises(PermissionDenied):
        do_decide_briefing(first, agree=True, today=DAY, acting_user=red)
    do_decide_briefing(first, agree=True, today=DAY, acting_user=clerk)
    # Officers do not attend where people who are not councillors are present (§8.2).
    with pytest.raises(ValidationError) as info:
        do_record_briefing(
            first,
            given_on=DAY,
            advice="The precept rises 3%.",
            officers=[clerk],
            attendees=[red],
            non_members_attended=True,
            today=DAY,
            acting_user=clerk,
        )
    assert "§8.2" in str(info.value)
    do_record_briefing(
        first,
        given_on=DAY,
        advice="The precept rises 3% to meet the pay award.",
        officers=[clerk, officer],
        attendees=[red],
        discussion="The Reds will oppose the rise.",
        today=DAY,
        acting_user=clerk,
    )
    assert first.status == Briefing.Status.GIVEN
    assert "keep-group-confidential" in {o["id"] for o in first.decision["obligations"]}
    # The Blues ask on the same matter: the Clerk may not decline, and gives the same advice.
    second = do_request_briefing(blues, matter="The 2027/28 budget!", today=DAY, acting_user=blue)
    assert second.same_matter_as == first
    assert second.decision["outcome"] == "allow"
    assert {"§8.8", "§8.11"} <= set(_clauses(second.decision))
    assert "same-advice" in {o["id"] for o in second.decision["obligations"]}
    with pytest.raises(ValidationError) as info:
        do_decide_briefing(second, agree=False, reasons="Busy", today=DAY, acting_user=clerk)
    assert "§8.11" in str(info.value)
    # One group's discussion is never shown to another.
    with pytest.raises(Http404):
        access_briefing_by_id(blue, first.pk)
    client = Client()
    client.force_login(blue)
    page = client.get(reverse("briefings:detail", args=[second.pk])).content.decode()
    assert "oppose the rise" not in page and "precept rises" not in page
    assert client.get(reverse("briefings:detail", args=[first.pk])).status_code == 404
    # The Clerk sees the earlier advice and the obligation.
    client.force_login(clerk)
    page = client.get(reverse("briefings:detail", args=[second.pk])).content.decode()
    assert "app-same-matter" in page and "precept rises 3%" in page
    assert "substantially the same advice" in page
    # An officer present sees the group's record.
    assert access_briefing_by_id(officer, first.pk) == first


def test_the_member_is_told_who_agreed_with_the_clerks_title_unchanged(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    """The email names the Clerk's title as the rulebook does ("The Town Clerk has agreed"),
    not lower-cased by str.capitalize ("The town clerk")."""
    from django.core import mail

    _council, clerk, red, _blue, reds, _blues, _officer = _place("acses-town")
    briefing = do_request_briefing(reds, matter="Bus shelters", today=DAY, acting_user=red)
    with django_capture_on_commit_callbacks(execute=True):
        do_decide_briefing(briefing, agree=True, today=DAY, acting_user=clerk)
    [sent] = [m for m in mail.outbox if m.to == [red.email]]
    assert sent.body.startswith("The Town Clerk has agreed to brief Reds on “Bus shelters”."), (
        sent.body
    )


@pytest.mark.parametrize(
    ("facts", "clause"),
    [
        ({"matter_kind": "party_business"}, "§8.3"),
        ({"non_members_present": True}, "§8.2"),
        ({"support_services": True}, "§14.1"),
    ],
)
def test_what_the_protocol_bars_is_refused_citing_the_clause(
    db: None, facts: dict[str, object], clause: str
) -> None:
    _council, _clerk, red, _blue, reds, _blues, _officer = _place("acses-town")
    briefing = do_request_briefing(
        reds, matter="Canvassing plans", today=DAY, acting_user=red, **facts
    )  # type: ignore[arg-type]
    assert briefing.status == Briefing.Status.REFUSED
    assert clause in _clauses(briefing.decision)
    client = Client()
    client.force_login(red)
    page = client.get(reverse("briefings:detail", args=[briefing.pk])).content.decode()
    assert clause in page and "Refused" in page


def test_the_clerk_links_a_request_to_an_earlier_briefing_by_hand(db: None) -> None:
    _council, clerk, red, blue, reds, blues, _officer = _place("acses-town")
    first = do_request_briefing(reds, matter="Car park charges", today=DAY, acting_user=red)
    do_decide_briefing(first, agree=True, today=DAY, acting_user=clerk)
    second = do_request_briefing(blues, matter="Parking fees in town", today=DAY, acting_user=blue)
    assert second.same_matter_as is None
    do_link_same_matter(second, earlier=first, today=DAY, acting_user=clerk)
    assert second.decision["outcome"] == "allow"
    client = Client()
    client.force_login(blue)
    page = client.get(reverse("briefings:detail", args=[second.pk])).content.decode()
    assert "another group was briefed" in page and "Reds" not in page
    with pytest.raises(ValidationError):
        do_link_same_matter(second, earlier=second, today=DAY, acting_user=clerk)
    with pytest.raises(PermissionDenied):
        do_request_briefing(reds, matter="Anything", today=DAY, acting_user=blue)


@pytest.mark.parametrize("rulebook", sorted(SCOPE))
def test_where_the_protocol_does_not_deal_with_briefings_the_page_says_so(
    db: None, rulebook: str
) -> None:
    council, clerk, red, _blue, reds, _blues, _officer = _place(rulebook)
    client = Client()
    client.force_login(red)
    page = client.get(reverse("briefings:new")).content.decode()
    assert "app-not-answered" in page and SCOPE[rulebook] in page
    response = client.post(
        reverse("briefings:new"),
        {"group": str(reds.pk), "matter": "The budget", "matter_kind": "council_business"},
    )
    assert response.status_code == 302
    briefing = Briefing.objects.for_council(council).get()
    assert briefing.status == Briefing.Status.REQUESTED
    assert briefing.decision["outcome"] == "not_answered"
    assert SCOPE[rulebook] in _clauses(briefing.decision)
    # The Clerk decides as the council sees fit; nothing crashes.
    do_decide_briefing(
        briefing, agree=False, reasons="Not our practice.", today=DAY, acting_user=clerk
    )
    assert briefing.status == Briefing.Status.DECLINED
    client.force_login(clerk)
    assert client.get(reverse("briefings:detail", args=[briefing.pk])).status_code == 200
