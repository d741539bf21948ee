"""Correcting and withdrawing a recorded election: the Clerk only, audited, and a
withdrawn election no longer makes a pre-election period (pages, API, actions)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from propriety.audit.timeline import timeline_for
from propriety.people.actions import do_create_api_token
from propriety.people.models import Person
from propriety.press.actions import (
    do_change_election,
    do_draft_press_release,
    do_record_election,
    do_submit_press_release,
    do_withdraw_election,
)
from propriety.press.models import Election
from propriety.press.rules import election_on

from .conftest import Hollowmere

TODAY = datetime.date(2027, 4, 1)
NOTICE = datetime.date(2027, 3, 22)
POLLING = datetime.date(2027, 5, 6)


def _election(h: Hollowmere, **kw: object) -> Election:
    return do_record_election(
        h.council,
        title=str(kw.get("title", "Town council elections 2027")),
        notice_of_election=kw.get("notice", NOTICE),  # type: ignore[arg-type]
        polling_day=kw.get("polling", POLLING),  # type: ignore[arg-type]
        today=TODAY,
        acting_user=h.clerk,
    )


def _client(person: Person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _api(person: Person) -> dict[str, str]:
    _, key = do_create_api_token(person, name="test", acting_user=person)
    return {"authorization": f"Bearer {key}"}


def test_the_clerk_corrects_the_dates_and_the_period_follows(hollowmere: Hollowmere) -> None:
    h = hollowmere
    election = _election(h)
    assert election_on(h.council, TODAY) == election
    do_change_election(
        election,
        title="Town council elections 2027",
        notice_of_election=datetime.date(2027, 4, 5),
        polling_day=POLLING,
        reason="The notice was published on 5 April, not 22 March.",
        today=TODAY,
        acting_user=h.clerk,
    )
    election.refresh_from_db()
    assert election.notice_of_election == datetime.date(2027, 4, 5)
    assert election_on(h.council, TODAY) is None
    assert election_on(h.council, datetime.date(2027, 4, 5)) == election
    says = [e.says for e in timeline_for(election)]
    assert says[-1].startswith("Corrected Town council elections 2027: the pre-election period")
    assert "5 April 2027 to 6 May 2027" in says[-1]
    assert "it was recorded as from 22 March 2027" in says[-1]
    assert "Reason: The notice was published on 5 April" in says[-1]
    event = timeline_for(election)[-1].event
    assert event.action == "press.election_changed"
    assert event.details["before"]["notice_of_election"] == "2027-03-22"
    assert event.details["after"]["notice_of_election"] == "2027-04-05"


def test_a_correction_must_change_something_and_keep_the_dates_in_order(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    election = _election(h)
    with pytest.raises(ValidationError) as nothing:
        do_change_election(
            election,
            title=election.title,
            notice_of_election=NOTICE,
            polling_day=POLLING,
            today=TODAY,
            acting_user=h.clerk,
        )
    assert "Nothing to correct" in str(nothing.value)
    with pytest.raises(ValidationError) as order:
        do_change_election(
            election,
            title=election.title,
            notice_of_election=POLLING,
            polling_day=NOTICE,
            today=TODAY,
            acting_user=h.clerk,
        )
    assert "polling_day" in order.value.message_dict
    election.refresh_from_db()
    assert election.notice_of_election == NOTICE


def test_only_the_clerk_corrects_or_withdraws(hollowmere: Hollowmere) -> None:
    h = hollowmere
    election = _election(h)
    for person in (h.cllr_chair, h.cllr_ward, h.officer_junior, h.monitoring_officer):
        with pytest.raises(PermissionDenied):
            do_change_election(
                election,
                title="Changed",
                notice_of_election=NOTICE,
                polling_day=POLLING,
                today=TODAY,
                acting_user=person,
            )
        with pytest.raises(PermissionDenied):
            do_withdraw_election(election, reason="No", today=TODAY, acting_user=person)


def test_a_withdrawn_election_makes_no_pre_election_period(hollowmere: Hollowmere) -> None:
    h = hollowmere
    election = _election(h)
    with pytest.raises(ValidationError) as no_reason:
        do_withdraw_election(election, reason="  ", today=TODAY, acting_user=h.clerk)
    assert "reason" in no_reason.value.message_dict
    do_withdraw_election(
        election, reason="Recorded in error: the poll is in 2028.", today=TODAY, acting_user=h.clerk
    )
    election.refresh_from_db()
    assert election.is_withdrawn and election.withdrawn_on == TODAY
    assert election.withdrawn_by == h.clerk
    assert not election.in_period_on(TODAY)
    assert election_on(h.council, TODAY) is None
    entry = timeline_for(election)[-1]
    assert entry.event.action == "press.election_withdrawn"
    assert "no longer makes a pre-election period" in entry.says
    assert "Recorded in error" in entry.says
    # A release submitted now is not in a pre-election period.
    release = do_draft_press_release(
        h.cllr_ward, title="Brookside fete", body="All welcome.", acting_user=h.cllr_ward
    )
    do_submit_press_release(release, today=TODAY, acting_user=h.cllr_ward)
    assert release.pre_election is False and release.election is None
    # Once withdrawn it is neither corrected nor withdrawn again.
    with pytest.raises(PermissionDenied):
        do_withdraw_election(election, reason="Again", today=TODAY, acting_user=h.clerk)
    with pytest.raises(PermissionDenied):
        do_change_election(
            election,
            title="Changed",
            notice_of_election=NOTICE,
            polling_day=POLLING,
            today=TODAY,
            acting_user=h.clerk,
        )


def test_the_pages_correct_and_withdraw(hollowmere: Hollowmere) -> None:
    h = hollowmere
    election = _election(h, notice=timezone.localdate(), polling=timezone.localdate())
    clerk = _client(h.clerk)
    page = clerk.get(reverse("press:election", args=[election.pk]))
    assert page.status_code == 200
    assert b"Correct the election" in page.content and b"Withdraw the election" in page.content
    assert b"Pre-election period now" in page.content
    # Other people see the election but no forms.
    other = _client(h.cllr_ward).get(reverse("press:election", args=[election.pk]))
    assert other.status_code == 200 and b"Correct the election" not in other.content
    bad = clerk.post(
        reverse("press:election_change", args=[election.pk]),
        {"title": "", "notice_of_election": "2027-05-06", "polling_day": "2027-03-22"},
    )
    assert bad.status_code == 200
    assert b"There is a problem" in bad.content
    assert b"Enter the election" in bad.content
    good = clerk.post(
        reverse("press:election_change", args=[election.pk]),
        {
            "title": "Brookside by-election",
            "notice_of_election": "2027-03-22",
            "polling_day": "2027-05-06",
            "reason": "Wrong dates.",
        },
        follow=True,
    )
    assert b"Corrected" in good.content
    election.refresh_from_db()
    assert election.title == "Brookside by-election"
    assert b"6 May 2027" in good.content
    empty = clerk.post(reverse("press:election_withdraw", args=[election.pk]), {"reason": ""})
    assert empty.status_code == 200 and b"Say why the election is withdrawn." in empty.content
    done = clerk.post(
        reverse("press:election_withdraw", args=[election.pk]),
        {"reason": "Countermanded."},
        follow=True,
    )
    assert b"Withdrawn" in done.content and b"Countermanded." in done.content
    assert b"Withdraw the election</button>" not in done.content
    timetable = clerk.get(reverse("press:elections"))
    assert b'govuk-tag--grey">Withdrawn' in timetable.content


def test_the_api_corrects_and_withdraws(hollowmere: Hollowmere) -> None:
    h = hollowmere
    election = _election(h)
    client = Client()
    headers = _api(h.clerk)
    url = f"/api/v1/elections/{election.pk}"
    got = client.get(url, headers=headers).json()
    assert got["you_may"] == ["change", "withdraw"] and got["withdrawn"] is False
    changed = client.put(
        url,
        data=json.dumps(
            {
                "title": "Town council elections 2027",
                "notice_of_election": "2027-03-29",
                "polling_day": "2027-05-06",
                "reason": "Typo.",
            }
        ),
        content_type="application/json",
        headers=headers,
    )
    assert changed.status_code == 200
    assert changed.json()["notice_of_election"] == "2027-03-29"
    assert changed.json()["timeline"][-1]["says"].startswith("Corrected")
    refused = client.post(
        f"{url}/withdraw", data=json.dumps({}), content_type="application/json", headers=headers
    )
    assert refused.status_code == 422
    withdrawn = client.post(
        f"{url}/withdraw",
        data=json.dumps({"reason": "Recorded twice."}),
        content_type="application/json",
        headers=headers,
    )
    body = withdrawn.json()
    assert withdrawn.status_code == 200
    assert body["withdrawn"] is True and body["in_period_today"] is False
    assert body["withdrawal_reason"] == "Recorded twice." and body["you_may"] == []
    member = client.get(url, headers=_api(h.cllr_ward)).json()
    assert member["you_may"] == []


def _components_reached(schema: dict, prefixes: tuple[str, ...]) -> set[str]:
    components = schema["components"]["schemas"]
    seen: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    name = value.rsplit("/", 1)[-1]
                    if name not in seen:
                        seen.add(name)
                        walk(components[name])
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({p: ops for p, ops in schema["paths"].items() if p.startswith(prefixes)})
    return seen


def test_every_field_of_every_press_schema_is_described(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    prefixes = tuple(
        f"/api/v1/{p}"
        for p in ("press-releases", "spokespeople", "elections", "media-contacts", "media-interest")
    )
    reached = _components_reached(schema, prefixes)
    assert {"ElectionOut", "ElectionChangeIn", "ElectionWithdrawIn", "ReleaseOut"} <= reached
    components = schema["components"]["schemas"]
    missing = [
        f"{name}.{field}"
        for name in sorted(reached)
        for field, spec in components[name].get("properties", {}).items()
        if not str(spec.get("description", "")).strip()
    ]
    assert not missing, missing
    for path in ("/api/v1/elections/{election_id}", "/api/v1/elections/{election_id}/withdraw"):
        for operation in schema["paths"][path].values():
            assert operation.get("summary") and operation.get("description"), path
