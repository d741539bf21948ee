"""The register and panels in the demo council (Kestrelford Town Council, acses-town),
through the same actions as real use: declarations current and ended, with members,
officers and outsiders; panels open and closed, with members seated and refused; and
the warnings they raise on a concern and an access request. Safe to run twice: it does
nothing once the council has declarations.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.concerns.actions import do_raise_concern
from propriety.councils.models import Council
from propriety.documents.models import Document
from propriety.documents.requests import do_request_access
from propriety.interests.actions import (
    do_close_panel,
    do_declare_relationship,
    do_end_declaration,
    do_form_panel,
    do_seat_panel_member,
)
from propriety.interests.models import Declaration
from propriety.people.models import Person


def demo_people(council: Council) -> dict[str, Person]:
    """The demo's people by the key of their email address (``clerk``, ``mayor``...)."""
    return {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}


def load_interests_demo(council: Council, today: datetime.date | None = None) -> None:
    if Declaration.objects.for_council(council).exists():
        return
    with transaction.atomic():
        _load(council, today or timezone.localdate())


def _load(council: Council, day: datetime.date) -> None:
    who = demo_people(council)

    def ago(days: int) -> datetime.date:
        return day - datetime.timedelta(days=days)

    clerk = who["clerk"]
    # Current: a member's niece on the staff; the Clerk's old friend on the council; a
    # member's business next to a planning site; an officer's business connection.
    do_declare_relationship(
        nature="relative",
        related_person=who["staff"],
        details="Lucy Marsh is my niece.",
        starts_on=datetime.date(2021, 4, 1),
        today=ago(60),
        acting_user=who["personnel-chair"],
    )
    do_declare_relationship(
        nature="close_friend",
        related_person=who["riverside-councillor"],
        details="We were at school together and our families are close.",
        starts_on=datetime.date(2023, 5, 8),
        today=ago(50),
        acting_user=clerk,
    )
    do_declare_relationship(
        nature="interest",
        related_name="Millfield Lane car park",
        details="I own the garage that backs onto the car park.",
        today=ago(40),
        acting_user=who["planning-chair"],
    )
    do_declare_relationship(
        nature="business",
        related_name="Thornton Surveying Ltd",
        details="My partner is a director.",
        today=ago(30),
        acting_user=who["deputy-clerk"],
    )
    do_declare_relationship(
        nature="close_friend",
        related_name="Jordan Patel",
        details="A close family friend.",
        today=ago(25),
        acting_user=who["green-valley-leader"],
    )
    # Ended: a friendship that cooled after the officer moved away.
    ended = do_declare_relationship(
        nature="close_friend",
        related_person=who["staff2"],
        starts_on=datetime.date(2022, 1, 1),
        today=ago(90),
        acting_user=who["ward-councillor"],
    )
    do_end_declaration(ended, ends_on=ago(20), today=ago(20), acting_user=who["ward-councillor"])

    # An open disciplinary panel: the Personnel chair is refused (her niece), Ben seated.
    hearing = do_form_panel(
        council,
        kind="discipline",
        title="Disciplinary hearing: facilities",
        subject=who["staff"],
        today=ago(10),
        acting_user=clerk,
    )
    do_seat_panel_member(hearing, member=who["ward-councillor"], today=ago(10), acting_user=clerk)
    do_seat_panel_member(hearing, member=who["personnel-chair"], today=ago(10), acting_user=clerk)
    # A closed appointment: one member a candidate's friend, one who canvassed.
    appointment = do_form_panel(
        council,
        kind="appointment",
        title="Appointment of a Facilities Officer",
        candidates="Sam Lee\nJordan Patel",
        today=ago(35),
        acting_user=clerk,
    )
    do_seat_panel_member(appointment, member=who["mayor"], today=ago(35), acting_user=clerk)
    do_seat_panel_member(
        appointment, member=who["green-valley-leader"], today=ago(35), acting_user=clerk
    )
    do_seat_panel_member(
        appointment, member=who["finance-chair"], canvassing=True, today=ago(35), acting_user=clerk
    )
    do_seat_panel_member(appointment, member=who["deputy-mayor"], today=ago(35), acting_user=clerk)
    do_close_panel(
        appointment,
        outcome="Sam Lee appointed on merit.",
        today=ago(28),
        acting_user=clerk,
    )
    # An open grievance panel nobody has been seated on yet.
    do_form_panel(
        council,
        kind="grievance",
        title="Grievance: working hours",
        subject=who["staff2"],
        today=ago(2),
        acting_user=clerk,
    )
    # The warnings: a concern the Clerk handles about her friend, and an access request on
    # the planning chair's declared interest.
    do_raise_concern(
        who["staff"],
        direction="officer_about_member",
        about=who["riverside-councillor"],
        summary="Comments at the Planning Committee",
        details="Cllr Begum criticised my report in the public meeting.",
        today=ago(3),
        acting_user=who["staff"],
    )
    car_park = (
        Document.objects.for_council(council)
        .filter(title__icontains="Millfield Lane car park")
        .first()
    )
    if car_park is not None:
        do_request_access(
            who["planning-chair"],
            car_park,
            purpose="To prepare for the Planning Committee",
            today=ago(1),
            acting_user=who["planning-chair"],
        )
