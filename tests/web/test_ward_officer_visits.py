"""Officers' visits in a ward (``ward.notification``, event ``officer_visit``): acses-town
§9.1 and Part 5 §6.2 say the ward members are told; the national model and Ludlow say
nothing about wards, and the page says so citing their scope clause."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from propriety.audit.models import AuditEvent
from propriety.people.actions import do_create_api_token
from propriety.people.roles import Role
from propriety.wardnotices.actions import do_record_ward_notice
from propriety.wardnotices.models import WardNotice

from . import factories as f
from .conftest import Hollowmere
from .test_ward_notices import DAY, _clauses, _notice

VISIT = DAY + datetime.timedelta(days=3)


def _visit(h: Hollowmere, person: Any, **kw: Any) -> WardNotice:
    kw.setdefault("title", "Inspecting the Mill Lane footbridge")
    return _notice(h, person, "officer_visit", takes_place_on=VISIT, **kw)


def _form(h: Hollowmere, **extra: str) -> dict[str, Any]:
    """What the page posts for a visit to Brookside."""
    return {
        "event": "officer_visit",
        "title": "Footbridge inspection",
        "takes_place_on": VISIT.isoformat(),
        "wards": [str(h.brookside.pk)],
        **extra,
    }


def test_an_officers_visit_is_told_to_the_ward_members_acses_town(
    hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    """acses-town §9.1: members are kept fully informed about matters affecting their ward."""
    h = hollowmere
    with django_capture_on_commit_callbacks(execute=True):
        notice = _visit(h, h.officer_junior)
    assert notice.outcome == "allow"
    assert _clauses(notice) == ["§9.1"]
    assert notice.visiting_officer == h.officer_junior
    assert list(notice.members_told.all()) == [h.cllr_ward]
    assert [m.to for m in mail.outbox] == [[h.cllr_ward.email]]
    body = mail.outbox[0].body
    assert "Tell the ward members about the officer's visit" in body
    assert f"Officer visiting: {h.officer_junior.full_name}" in body
    event = AuditEvent.objects.for_council(h.council).get(action="ward.notice_recorded")
    assert [c["clause"] for c in event.citations] == ["§9.1"]
    assert f"by {h.officer_junior.full_name}" in event.details["says"]


def test_an_officers_visit_keeps_the_ward_councillors_informed_part5(
    hollowmere: Hollowmere,
) -> None:
    """Part 5 §6.2: officers keep ward councillors informed, not only through committees."""
    h = hollowmere
    f.follow_rulebook(h.council, "part5-district")
    notice = _visit(h, h.officer_junior)
    assert notice.outcome == "allow"
    assert _clauses(notice) == ["§6.2"]
    assert notice.decision["obligations"][0]["id"] == "keep-ward-councillors-informed"
    assert list(notice.members_told.all()) == [h.cllr_ward]


def test_a_visit_across_wards_tells_the_members_of_each(hollowmere: Hollowmere) -> None:
    h = hollowmere
    north = f.make_ward(h.council, "Northfield")
    north_member = f.make_person(
        h.council, Role.COUNCILLOR, Role.WARD_COUNCILLOR, name="Nia North", ward=north
    )
    notice = _visit(h, h.officer_junior, wards=[h.brookside, north])
    assert set(notice.members_told.all()) == {h.cllr_ward, north_member}


def test_the_clerk_records_a_visit_for_another_officer_who_is_told(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    notice = _visit(h, h.clerk, visiting_officer=h.officer_junior)
    assert notice.visiting_officer == h.officer_junior
    assert notice.recorded_by == h.clerk
    assert set(notice.members_told.all()) == {h.cllr_ward, h.officer_junior}


def test_only_the_clerk_records_another_officers_visit_and_only_an_officers(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    with pytest.raises(ValidationError) as err:
        _visit(h, h.officer_junior, visiting_officer=h.clerk)
    assert "Record your own visits" in str(err.value)
    with pytest.raises(ValidationError) as err:
        _visit(h, h.clerk, visiting_officer=h.cllr_ward)
    assert "Choose an officer of the council." in str(err.value)
    with pytest.raises(ValidationError):  # members record their own visits as premises visits
        _visit(h, h.cllr_ward)
    assert not WardNotice.objects.for_council(h.council).exists()


def test_the_visiting_officer_is_kept_only_for_a_visit(hollowmere: Hollowmere) -> None:
    h = hollowmere
    notice = do_record_ward_notice(
        h.clerk,
        event="consultation",
        title="Parking",
        takes_place_on=DAY,
        wards=[h.brookside],
        visiting_officer=h.officer_junior,
        today=DAY,
        acting_user=h.clerk,
    )
    assert notice.visiting_officer is None
    assert h.officer_junior not in notice.members_told.all()


def test_the_clerk_records_a_visit_on_the_page(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = Client()
    client.force_login(h.clerk)
    form = client.get("/ward-notices/new/").content.decode()
    assert "An officer’s visit in a ward" in form
    assert "Officer visiting" in form and h.officer_junior.full_name in form
    bad = client.post(
        "/ward-notices/new/",
        {"event": "officer_visit", "title": "Footbridge", "visiting_officer": "999999"},
    )
    assert bad.status_code == 200
    page = bad.content.decode()
    assert "Choose an officer of the council." in page and 'value="Footbridge"' in page
    response = client.post(
        "/ward-notices/new/", _form(h, visiting_officer=str(h.officer_junior.pk))
    )
    notice = WardNotice.objects.for_council(h.council).get()
    assert response["Location"] == f"/ward-notices/{notice.pk}/"
    assert notice.visiting_officer == h.officer_junior
    detail = client.get(response["Location"]).content.decode()
    assert "Officer visiting" in detail and h.officer_junior.full_name in detail
    assert 'href="/protocol/#clause-9-1"' in detail
    assert h.cllr_ward.full_name in detail


def test_an_officer_sees_no_choice_of_officer(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = Client()
    client.force_login(h.officer_junior)
    form = client.get("/ward-notices/new/").content.decode()
    assert "An officer’s visit in a ward" in form
    assert "Officer visiting" not in form
    # Not offered to an officer: ignored.
    client.post("/ward-notices/new/", _form(h, visiting_officer=str(h.clerk.pk)))
    assert WardNotice.objects.for_council(h.council).get().visiting_officer == h.officer_junior


def test_the_api_records_a_visit(hollowmere: Hollowmere) -> None:
    h = hollowmere
    _, key = do_create_api_token(h.clerk, name="Tests", acting_user=h.clerk)
    client = Client(headers={"authorization": f"Bearer {key}"})
    body = {
        "event": "officer_visit",
        "title": "Footbridge inspection",
        "takes_place_on": VISIT.isoformat(),
        "ward_ids": [h.brookside.pk],
        "visiting_officer_id": h.officer_junior.pk,
    }
    response = client.post("/api/v1/ward-notices", body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["visiting_officer"]["name"] == h.officer_junior.full_name
    assert [c["clause"] for c in data["decision"]["citations"]] == ["§9.1"]
    for bad in (2**70, 999999, h.cllr_ward.pk):
        wrong = client.post(
            "/api/v1/ward-notices",
            {**body, "visiting_officer_id": bad},
            content_type="application/json",
        )
        assert wrong.status_code == 422
        assert wrong.json()["errors"].keys() & {"visiting_officer", "visiting_officer_id"}


@pytest.mark.parametrize("rulebook", ["west-mersea", "ludlow"])
def test_a_protocol_silent_on_wards_says_so_for_a_visit(
    hollowmere: Hollowmere, rulebook: str
) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, rulebook)
    with pytest.raises(ValidationError) as err:
        _visit(h, h.officer_junior)
    assert "does not say whom to tell about ward matters" in str(err.value)
    client = Client()
    client.force_login(h.clerk)
    page = client.get("/ward-notices/new/").content.decode()
    assert "does not say whom to invite or tell about ward matters" in page
    assert 'href="/protocol/#clause-' in page
    posted = client.post("/ward-notices/new/", _form(h))
    assert posted.status_code == 200
    assert not WardNotice.objects.for_council(h.council).exists()
