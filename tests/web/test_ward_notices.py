"""Ward notices (``ward.notification``): for every rulebook that answers it (part5-district
§6.1, acses-town §9.2–9.4, §13.2–13.3), and a page that says so where one does not."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from propriety.audit.models import AuditEvent
from propriety.people.roles import Role
from propriety.press.actions import do_record_election
from propriety.wardnotices.actions import do_record_ward_notice
from propriety.wardnotices.models import WardNotice

from . import factories as f
from .conftest import Hollowmere

DAY = datetime.date(2026, 11, 23)


def _notice(h: Hollowmere, person: Any, event: str, **kw: Any) -> WardNotice:
    args: dict[str, Any] = {"title": "Parking on Mill Lane", "takes_place_on": DAY}
    args.update(kw)
    args.setdefault("wards", [h.brookside])
    return do_record_ward_notice(person, event=event, today=DAY, acting_user=person, **args)


def _clauses(notice: WardNotice) -> list[str]:
    return [c["clause"] for c in notice.decision["citations"]]


def test_consultation_tells_the_ward_member_at_the_outset_acses_town(
    hollowmere: Hollowmere, django_capture_on_commit_callbacks: Any
) -> None:
    h = hollowmere
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notice(h, h.officer_junior, "consultation")
    assert notice.outcome == "allow"
    assert set(_clauses(notice)) >= {"§9.2", "§9.2(c)"}
    assert list(notice.members_told.all()) == [h.cllr_ward]
    assert [m.to for m in mail.outbox] == [[h.cllr_ward.email]]
    assert "Tell the ward member" in mail.outbox[0].body
    event = AuditEvent.objects.for_council(h.council).get(action="ward.notice_recorded")
    assert {c["clause"] for c in event.citations} >= {"§9.2(c)"}
    assert "Told: Wendy Ward" in event.details["says"]


def test_consultation_notified_at_the_outset_part5(hollowmere: Hollowmere) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, "part5-district")
    notice = _notice(h, h.officer_junior, "consultation")
    assert _clauses(notice) == ["§6.1"]
    assert "at the outset" in notice.decision["obligations"][0]["text"]
    assert list(notice.members_told.all()) == [h.cllr_ward]


def test_council_public_meeting_invites_every_ward_affected(hollowmere: Hollowmere) -> None:
    h = hollowmere
    north = f.make_ward(h.council, "Northfield")
    north_member = f.make_person(
        h.council, Role.COUNCILLOR, Role.WARD_COUNCILLOR, name="Nia North", ward=north
    )
    for rulebook, clause in (("acses-town", "§9.3"), ("part5-district", "§6.1")):
        f.follow_rulebook(h.council, rulebook)
        notice = _notice(h, h.clerk, "council_public_meeting", wards=[h.brookside, north])
        assert clause in _clauses(notice)
        assert set(notice.members_told.all()) == {h.cllr_ward, north_member}


def test_members_own_meeting_refused_in_the_run_up_to_elections(hollowmere: Hollowmere) -> None:
    """acses-town §9.4(b), using the election timetable the press app keeps."""
    h = hollowmere
    election = do_record_election(
        h.council,
        title="Brookside by-election",
        notice_of_election=DAY - datetime.timedelta(days=5),
        polling_day=DAY + datetime.timedelta(days=20),
        today=DAY - datetime.timedelta(days=6),
        acting_user=h.clerk,
    )
    notice = _notice(h, h.cllr_ward, "member_public_meeting")
    assert notice.outcome == "refuse"
    assert _clauses(notice) == ["§9.4(b)"]
    assert notice.election == election
    # Told: the Clerk (recording it is telling the Clerk), never the ward colleagues.
    assert list(notice.members_told.all()) == [h.clerk]
    after = _notice(
        h, h.cllr_ward, "member_public_meeting", takes_place_on=DAY + datetime.timedelta(days=30)
    )
    assert after.outcome == "allow" and after.election is None


def test_party_political_meeting_and_surgery_staff_are_refused(hollowmere: Hollowmere) -> None:
    h = hollowmere
    party = _notice(h, h.cllr_ward, "member_public_meeting", party_political=True)
    assert party.outcome == "refuse" and "§14.3(b)" in _clauses(party)
    surgery = _notice(h, h.cllr_ward, "ward_surgery_support")
    assert surgery.outcome == "refuse" and _clauses(surgery) == ["§9.4(c)"]


def test_visit_outside_own_ward_tells_that_wards_members(hollowmere: Hollowmere) -> None:
    """acses-town §13.3(d)."""
    h = hollowmere
    north = f.make_ward(h.council, "Northfield")
    north_member = f.make_person(
        h.council, Role.COUNCILLOR, Role.WARD_COUNCILLOR, name="Nia North", ward=north
    )
    away = _notice(h, h.cllr_ward, "premises_visit", wards=[north])
    assert "§13.3(d)" in _clauses(away)
    assert north_member in away.members_told.all()
    home = _notice(h, h.cllr_ward, "premises_visit")
    assert "§13.3(d)" not in _clauses(home)
    assert list(home.members_told.all()) == [h.clerk]
    with pytest.raises(ValidationError) as err:
        _notice(h, h.cllr_ward, "premises_visit", wards=[h.brookside, north])
    assert "one ward" in str(err.value)


def test_who_records_what(hollowmere: Hollowmere) -> None:
    h = hollowmere
    with pytest.raises(ValidationError):  # a member does not record the council's consultation
        _notice(h, h.cllr_ward, "consultation")
    with pytest.raises(PermissionDenied):
        _notice(h, h.monitoring_officer, "consultation")
    with pytest.raises(PermissionDenied):
        do_record_ward_notice(
            h.officer_junior,
            event="consultation",
            title="x",
            takes_place_on=DAY,
            wards=[h.brookside],
            acting_user=h.clerk,
        )


@pytest.mark.parametrize("rulebook", ["grantham", "west-mersea", "ludlow"])
def test_rulebook_without_ward_rules_says_so_citing_its_scope(
    hollowmere: Hollowmere, rulebook: str
) -> None:
    h = hollowmere
    f.follow_rulebook(h.council, rulebook)
    with pytest.raises(ValidationError):
        _notice(h, h.officer_junior, "consultation")
    client = Client()
    client.force_login(h.officer_junior)
    page = client.get("/ward-notices/new/").content.decode()
    assert "does not say whom to invite or tell about ward matters" in page
    assert 'href="/protocol/#clause-' in page
    posted = client.post("/ward-notices/new/", {"event": "consultation"})
    assert posted.status_code == 200 and not WardNotice.objects.for_council(h.council).exists()


def test_the_page_records_and_shows_the_decision(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = Client()
    client.force_login(h.officer_junior)
    bad = client.post("/ward-notices/new/", {"event": "consultation", "title": "Parking"})
    assert bad.status_code == 200
    assert "Choose the ward or wards affected." in bad.content.decode()
    assert 'value="Parking"' in bad.content.decode()
    response = client.post(
        "/ward-notices/new/",
        {
            "event": "consultation",
            "title": "Parking",
            "takes_place_on": "2026-11-23",
            "wards": [str(h.brookside.pk)],
        },
    )
    notice = WardNotice.objects.for_council(h.council).get()
    assert response["Location"] == f"/ward-notices/{notice.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "Wendy Ward" in detail
    assert 'href="/protocol/#clause-9-2-c"' in detail


def test_a_referred_notice_is_decided_with_reasons_by_whoever_the_protocol_names(
    hollowmere: Hollowmere,
) -> None:
    """Part 5 sets no rule for a member's own meeting: its default (§2.4) refers it to the
    relevant Chief Officer, who records the decision with reasons."""
    from propriety.wardnotices.actions import do_decide_ward_notice

    h = hollowmere
    f.follow_rulebook(h.council, "part5-district")
    chief = f.make_person(h.council, Role.CHIEF_OFFICER, name="Cai Chief")
    notice = _notice(h, h.cllr_ward, "member_public_meeting")
    assert notice.outcome == "refer" and notice.decider_role == "chief_officer"
    assert _clauses(notice) == ["§2.4"]
    assert chief in notice.members_told.all()
    with pytest.raises(PermissionDenied):
        do_decide_ward_notice(notice, allow=True, reasons="ok", acting_user=h.clerk)
    client = Client()
    client.force_login(chief)
    empty = client.post(f"/ward-notices/{notice.pk}/decide/", {"allow": "yes"})
    assert "Give the reasons for your decision." in empty.content.decode()
    client.post(f"/ward-notices/{notice.pk}/decide/", {"allow": "no", "reasons": "Purdah"})
    notice.refresh_from_db()
    assert notice.decided_by == chief and notice.decided_allow is False
    event = AuditEvent.objects.for_council(h.council).get(action="ward.notice_decided")
    assert [c["clause"] for c in event.citations] == ["§2.4"]
    with pytest.raises(PermissionDenied):  # once only
        do_decide_ward_notice(notice, allow=True, reasons="again", acting_user=chief)
