"""One world for the permission tables of the protocol's remaining capabilities (issue 12):
ward notices, council resources, written reports and acting Proper Officer arrangements,
and questions about the protocol. Hollowmere runs acses-town; its report request is made
while it runs Ludlow's rulebook and its acting arrangement under Grantham's, the two that
answer those questions, then it returns to acses-town."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from propriety.councils.actions import do_change_council_rulebook
from propriety.people.models import Person
from propriety.people.roles import Role
from propriety.protocoltext.actions import do_ask_clerk
from propriety.reports.acting import do_record_acting_arrangement
from propriety.reports.actions import do_request_report
from propriety.resources.actions import do_request_resources
from propriety.wardnotices.actions import do_record_ward_notice

from . import factories as f
from .conftest import Hollowmere
from .test_permission_table import World

DAY = datetime.date(2026, 11, 23)


def rest_objects(
    council: Any, member: Person, officer: Person, chair: Person, ward: Any
) -> dict[str, int]:
    """The officer's consultation in the ward (its member told), the member's referred-free
    printing request, a question to the Clerk, a report request (Ludlow) and an acting
    arrangement (Grantham)."""
    notice = do_record_ward_notice(
        officer,
        event="consultation",
        title="Parking on Mill Lane",
        takes_place_on=DAY,
        wards=[ward],
        today=DAY,
        acting_user=officer,
    )
    resource = do_request_resources(
        member,
        kind="printing",
        purpose="council_business",
        description="Agendas for the ward meeting",
        today=DAY,
        acting_user=member,
    )
    question = do_ask_clerk(
        member, question="Does §9.4 cover a coffee morning?", clause="§9.4", acting_user=member
    )
    do_change_council_rulebook(council, rulebook="ludlow", acting_user=None)
    report = do_request_report(
        member, subject="Allotment rents", for_body="council", acting_user=member
    )
    do_change_council_rulebook(council, rulebook="grantham", acting_user=None)
    acting = do_record_acting_arrangement(
        chair,
        councillor=member,
        starts_on=DAY,
        reason="Vacancy in the post of Clerk",
        capacity_clear=True,
        acting_user=chair,
    )
    do_change_council_rulebook(council, rulebook="acses-town", acting_user=None)
    return {
        "notice": notice.pk,
        "resource": resource.pk,
        "question": question.pk,
        "report": report.pk,
        "acting": acting.pk,
    }


@pytest.fixture
def rest_world(hollowmere: Hollowmere, fernley: Any) -> World:
    h = hollowmere
    ids = rest_objects(h.council, h.cllr_ward, h.officer_junior, h.cllr_chair, h.brookside)
    f_ward = f.make_ward(fernley, "Fern Ward")
    f_member = f.make_person(
        fernley, Role.COUNCILLOR, Role.WARD_COUNCILLOR, name="Fern Member", ward=f_ward
    )
    f_chair = f.make_person(fernley, Role.COUNCILLOR, Role.COUNCIL_CHAIR, name="Fern Chair")
    f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    f_officer = f.make_person(fernley, Role.STAFF, name="Fern Officer")
    other = rest_objects(fernley, f_member, f_officer, f_chair, f_ward)
    ids.update({f"other_{k}": v for k, v in other.items()})
    return World(
        people={
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
        },
        ids=ids,
    )


KWARGS = {
    "notice": "notice_id",
    "resource": "resource_id",
    "question": "question_id",
    "report": "report_id",
    "acting": "arrangement_id",
    "letter": "letter_id",
}


def check_page(world: World, table: dict[Any, tuple[int, ...]], key: tuple[str, str, str]) -> None:
    """One row of a page table: each role's status, and 404 on another council's object."""
    from django.urls import reverse

    from .test_permission_table import wrong_in_row

    method, name, obj = key

    def url(o: str) -> str:
        if not o:
            return reverse(name)
        return reverse(name, kwargs={KWARGS[o.removeprefix("other_")]: world.ids[o]})

    wrong = wrong_in_row(world.people, table[key], method, url, obj)
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)


def check_api(
    world: World,
    table: dict[tuple[str, str], tuple[tuple[int, ...], dict[str, Any] | None]],
    key: tuple[str, str],
) -> None:
    """One row of an API table: each role's status with a fresh token, and 404 on another
    council's object."""
    import json
    import re

    from django.db import transaction
    from django.test import Client

    from propriety.people.actions import do_create_api_token

    from .test_permission_table import ROLES

    method, path = key
    expected, body = table[key]
    params = {v: k for k, v in KWARGS.items()}

    def fill(other: bool) -> str:
        def one(match: re.Match[str]) -> str:
            obj = params[match.group(1)]
            return str(world.ids[f"other_{obj}" if other else obj])

        return re.sub(r"\{(\w+)\}", one, path)

    def call(client: Client, url: str, headers: dict[str, str]) -> int:
        with transaction.atomic():
            if method == "GET":
                response = client.get(url, headers=headers)
            else:
                response = client.generic(
                    method,
                    url,
                    data=json.dumps(body or {}),
                    content_type="application/json",
                    headers=headers,
                )
            transaction.set_rollback(True)
        return response.status_code

    client = Client()
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        person = world.people[role]
        headers = {}
        if person is not None:
            _, key_ = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key_}"}
        got = call(client, fill(False), headers)
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if "{" in path:
            other = call(client, fill(True), headers)
            other_want = 401 if person is None else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's object: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)
