"""Shared objects for the register, briefings and delegated-action tables: one of each
in Hollowmere and the same in Fernley (for isolation)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from propriety.briefings.actions import do_request_briefing
from propriety.consultations.actions import do_record_delegation
from propriety.interests.actions import (
    do_declare_relationship,
    do_form_panel,
    do_seat_panel_member,
)
from propriety.people.actions import do_assign_role
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere
from .test_permission_table import World

DAY = datetime.date(2026, 11, 23)


def registers_objects(
    council: Any, clerk: Person, chair: Person, member: Person, officer: Person
) -> dict[str, int]:
    """The member's declared relative on the staff; a discipline panel about that officer
    with the chair seated and the member refused; the member's group's briefing request;
    and an action delegated to the officer in consultation with the chair."""
    group = f.make_party_group(council, f"{council.name} Voice")
    do_assign_role(
        member,
        role=Role.PARTY_GROUP_MEMBER,
        party_group=group,
        starts_on=f.TERM_STARTS,
        acting_user=None,
    )
    declaration = do_declare_relationship(
        nature="relative", related_person=officer, today=DAY, acting_user=member
    )
    panel = do_form_panel(
        council,
        kind="discipline",
        title="Disciplinary hearing",
        subject=officer,
        today=DAY,
        acting_user=clerk,
    )
    do_seat_panel_member(panel, member=chair, today=DAY, acting_user=clerk)
    refused = do_seat_panel_member(panel, member=member, today=DAY, acting_user=clerk)
    assert refused.status == "refused"
    briefing = do_request_briefing(
        group, matter="The budget for 2027/28", today=DAY, acting_user=member
    )
    action = do_record_delegation(
        council,
        resolution_reference="PL 2026/31",
        matter="Choose the contractor for the bus shelter",
        officer=officer,
        chair=chair,
        today=DAY,
        acting_user=clerk,
    )
    return {
        "group": group.pk,
        "declaration": declaration.pk,
        "panel": panel.pk,
        "briefing": briefing.pk,
        "action": action.pk,
    }


@pytest.fixture
def registers_world(hollowmere: Hollowmere, fernley: Any) -> World:
    h = hollowmere
    ids = registers_objects(h.council, h.clerk, h.cllr_chair, h.cllr_ward, h.officer_junior)
    f_clerk = f.make_person(fernley, Role.PROPER_OFFICER, name="Fern Clerk")
    f_chair = f.make_person(fernley, Role.COUNCILLOR, Role.COUNCIL_CHAIR, name="Fern Chair")
    f_member = f.make_person(fernley, Role.COUNCILLOR, name="Fern Member")
    f_officer = f.make_person(fernley, Role.STAFF, name="Fern Officer")
    other = registers_objects(fernley, f_clerk, f_chair, f_member, f_officer)
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


def check_page_row(
    world: World, method: str, name: str, obj: str, want: tuple[int, ...], kwargs: dict[str, str]
) -> None:
    """One row of a page table: each role's status, and 404 on another council's object."""
    from django.urls import reverse

    from .test_permission_table import wrong_in_row

    def url(key: str) -> str:
        if not key:
            return reverse(name)
        kwarg = kwargs[key.removeprefix("other_")]
        return reverse(name, kwargs={kwarg: world.ids.get(key, 999_999)})

    wrong = wrong_in_row(world.people, want, method, url, obj)
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)


def check_api_row(
    world: World,
    method: str,
    path: str,
    want: tuple[int, ...],
    template: dict[str, Any] | None,
    objects: dict[str, str],
) -> None:
    """One row of an API table: each role's status with a token of their own, and 404 on
    another council's object. ``"{name}"`` in the body is replaced by that object's id."""
    import json
    import re

    from django.db import transaction
    from django.test import Client

    from propriety.people.actions import do_create_api_token

    from .test_permission_table import ROLES

    text = json.dumps(template or {})
    junior = world.people["officer_junior"]
    assert junior is not None
    for key, value in {**world.ids, "officer_junior": junior.pk}.items():
        text = text.replace(f'"{{{key}}}"', str(value))
    body = json.loads(text)

    def filled(other: bool) -> str:
        def fill(match: re.Match[str]) -> str:
            obj = objects[match.group(1)]
            return str(world.ids[f"other_{obj}" if other else obj])

        return re.sub(r"\{(\w+)\}", fill, path)

    def call(client: Client, url: str, headers: dict[str, str]) -> int:
        with transaction.atomic():
            if method == "GET":
                response = client.get(url, headers=headers)
            else:
                response = client.generic(
                    method,
                    url,
                    data=json.dumps(body),
                    content_type="application/json",
                    headers=headers,
                )
            transaction.set_rollback(True)
        return response.status_code

    client = Client()
    wrong = []
    for role, expected in zip(ROLES, want, strict=True):
        person = world.people[role]
        headers = {}
        if person is not None:
            _, key = do_create_api_token(person, name="table", acting_user=person)
            headers = {"authorization": f"Bearer {key}"}
        got = call(client, filled(False), headers)
        if got != expected:
            wrong.append(f"{role}: expected {expected}, got {got}")
        if "{" in path:
            other = call(client, filled(True), headers)
            other_want = 401 if person is None else 404
            if other != other_want:
                wrong.append(
                    f"{role} on another council's object: expected {other_want}, got {other}"
                )
    assert not wrong, f"{method} {path}: " + "; ".join(wrong)
