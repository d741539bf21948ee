"""The registry of which app flows ask which rulebook question (``propriety.flows``) is true:
each registered flow's function, driven for real, asks the question it is registered for.

The engine is wrapped (``councils.protocol.engine_for``, which every ``decide`` goes
through) to note each question asked; each driver below calls one registered function with
Hollowmere's people. A flow whose app is not installed yet (the "registers" work building
interests, briefings and consultations at the same time) is skipped, and lands with it.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps

from propriety import flows
from propriety.correspondence.check import Addressee
from propriety.councils import protocol as council_protocol
from propriety.councils.actions import do_change_council_rulebook
from propriety.enquiries.actions import do_submit_enquiry
from propriety.flows import FLOWS, Flow
from propriety.people.roles import Role
from propriety.protocol import engine_for as real_engine_for

from . import factories as f
from .conftest import Hollowmere
from .test_permission_table import _url_names

DAY = datetime.date(2026, 11, 23)


class _Recorder:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def engine_for(self, name: str) -> Any:
        engine = real_engine_for(name)
        recorder = self

        class Wrapped:
            def decide(self, question: str, *args: Any, **kwargs: Any) -> Any:
                recorder.asked.append(question)
                return engine.decide(question, *args, **kwargs)

            def __getattr__(self, attr: str) -> Any:
                return getattr(engine, attr)

        return Wrapped()


def _enquiry(h: Hollowmere) -> Any:
    return do_submit_enquiry(
        h.cllr_ward,
        subject="Street lights",
        body="When will they be fixed?",
        kind="information",
        addressed_to="proper_officer",
        today=DAY,
        acting_user=h.cllr_ward,
    )


def _request_access(h: Hollowmere) -> Any:
    from propriety.documents.requests import do_request_access

    document = f.make_document(h.council, "exempt", exempt_category=3, committee=h.planning)
    return do_request_access(
        h.cllr_ward, document, purpose="Ward casework", today=DAY, acting_user=h.cllr_ward
    )


def _drive(action: str, h: Hollowmere, fn: Callable[..., Any]) -> None:
    """Call the registered function the way its page does, with Hollowmere's people."""
    member, officer, clerk, chair = h.cllr_ward, h.officer_junior, h.clerk, h.cllr_chair
    name = action.rsplit(".", 1)[1]
    if name == "do_submit_enquiry":
        _enquiry(h)
    elif name == "escalation_decision":
        fn(_enquiry(h), DAY)
    elif name == "do_request_access":
        _request_access(h)
    elif name == "do_raise_dispute":
        fn(_request_access(h), grounds="I need to know", today=DAY, acting_user=member)
    elif name == "do_draft_correspondence":
        fn(
            clerk,
            subject="Planning",
            body="Dear Cllr Ward,\n\nThe report.",
            recipients=[Addressee("to", member.full_name, "", "", member)],
            today=DAY,
            acting_user=clerk,
        )
    elif name == "do_record_incoming":
        from .test_incoming_correspondence import on_ashcombe

        # None of the five seed protocols deals with incoming correspondence: the fictional
        # Ashcombe's does (§3.3).
        on_ashcombe(h)
        fn(
            h.clerk,
            received_on=DAY,
            summary="Abusive letter",
            flags={"anonymous": True, "abusive": True},
            today=DAY,
            acting_user=h.clerk,
        )
    elif name == "do_submit_press_release":
        from propriety.press.actions import do_draft_press_release

        release = do_draft_press_release(
            member, title="Floods", body="Repaired.", acting_user=member
        )
        fn(release, acting_user=member)
    elif name == "do_record_media_contact":
        fn(member, capacity="ward_member", outlet="Gazette", topic="Floods", acting_user=member)
    elif name == "do_raise_concern":
        fn(
            member,
            direction="member_about_officer",
            about=officer,
            summary="Rude reply",
            details="Short with me.",
            today=DAY,
            acting_user=member,
        )
    elif name == "do_record_media_interest":
        fn(officer, matter="Flooding", ward=h.brookside, acting_user=officer)
    elif name == "do_record_ward_notice":
        fn(
            officer,
            event="consultation",
            title="Parking",
            takes_place_on=DAY,
            wards=[h.brookside],
            today=DAY,
            acting_user=officer,
        )
    elif name == "do_request_resources":
        fn(
            member,
            kind="printing",
            purpose="council_business",
            description="Agendas",
            acting_user=member,
        )
    elif name == "do_request_report":
        do_change_council_rulebook(h.council, rulebook="ludlow", acting_user=None)
        fn(member, subject="Allotments", for_body="council", acting_user=member)
    elif name == "do_record_acting_arrangement":
        do_change_council_rulebook(h.council, rulebook="grantham", acting_user=None)
        fn(
            chair,
            councillor=member,
            starts_on=DAY,
            reason="Vacancy",
            capacity_clear=True,
            acting_user=chair,
        )
    elif name == "review_status":
        fn(h.council, DAY)
    elif name == "do_ask_clerk":
        fn(member, question="Does §9.4 cover a coffee morning?", acting_user=member)
    elif name in ("do_declare_relationship", "do_seat_panel_member"):
        from propriety.interests.actions import do_declare_relationship, do_form_panel

        do_declare_relationship(
            nature="relative", related_person=officer, today=DAY, acting_user=member
        )
        if name == "do_seat_panel_member":
            panel = do_form_panel(
                h.council,
                kind="discipline",
                title="Hearing",
                subject=officer,
                today=DAY,
                acting_user=clerk,
            )
            fn(panel, member=member, today=DAY, acting_user=clerk)
    elif name == "do_request_briefing":
        from propriety.people.actions import do_assign_role

        group = f.make_party_group(h.council)
        do_assign_role(
            member,
            role=Role.PARTY_GROUP_MEMBER,
            party_group=group,
            starts_on=f.TERM_STARTS,
            acting_user=None,
        )
        fn(group, matter="The budget", today=DAY, acting_user=member)
    elif name == "do_record_delegation":
        fn(
            h.council,
            resolution_reference="Min 12/26",
            matter="Grass cutting contract",
            officer=officer,
            chair=chair,
            today=DAY,
            acting_user=clerk,
        )
    elif name == "ask_conduct":
        fn(member, action="criticise", forum="council_meeting", concerning="officer", today=DAY)
    else:  # pragma: no cover - a new flow needs a driver here
        pytest.fail(f"no driver for {action}: add one to tests/web/test_flows.py")


ROWS = [(q, flow) for q, registered in FLOWS.items() for flow in registered]


def _installed(flow: Flow) -> bool:
    return apps.is_installed(f"propriety.{flow.app}")


@pytest.mark.parametrize(("question", "flow"), ROWS, ids=lambda v: str(v))
def test_each_registered_flow_asks_its_question(
    hollowmere: Hollowmere, monkeypatch: pytest.MonkeyPatch, question: str, flow: Flow
) -> None:
    if not _installed(flow):
        pytest.skip(f"{flow.app} lands with the registers work (issue 12 items 1, 2, 5)")
    module, name = flow.action.rsplit(".", 1)
    fn = getattr(importlib.import_module(module), name)
    recorder = _Recorder()
    monkeypatch.setattr(council_protocol, "engine_for", recorder.engine_for)
    _drive(flow.action, hollowmere, fn)
    assert question in recorder.asked, f"{flow.action} asked {recorder.asked}, not {question}"


@pytest.mark.parametrize(("question", "flow"), ROWS, ids=lambda v: str(v))
def test_each_registered_flow_starts_on_a_real_page(question: str, flow: Flow) -> None:
    if not _installed(flow):
        pytest.skip(f"{flow.app} lands with the registers work")
    assert flow.url_name in _url_names(), f"{flow.label}: no such page"


def test_registry_is_plain_data_without_django() -> None:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(flows))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    assert not [m for m in modules if m and m.split(".")[0] == "django"]
