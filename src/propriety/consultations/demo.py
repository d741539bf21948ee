"""Action delegated "in consultation with the chair" in the demo council (Kestrelford Town
Council, acses-town): one waiting for the officer, one decided, one decided where the
officer recorded the chair's pressure. Safe to run twice."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.consultations.actions import do_record_consulted_decision, do_record_delegation
from propriety.consultations.models import DelegatedAction
from propriety.councils.models import Committee, Council
from propriety.interests.demo import demo_people


def load_consultations_demo(council: Council, today: datetime.date | None = None) -> None:
    if DelegatedAction.objects.for_council(council).exists():
        return
    with transaction.atomic():
        _load(council, today or timezone.localdate())


def _load(council: Council, day: datetime.date) -> None:
    who = demo_people(council)
    committees = {c.name: c for c in Committee.objects.for_council(council)}

    def ago(days: int) -> datetime.date:
        return day - datetime.timedelta(days=days)

    do_record_delegation(
        council,
        committee=committees.get("Planning Committee"),
        resolution_reference="PL 2026/31",
        matter="Respond to the county's consultation on bus shelter locations",
        officer=who["deputy-clerk"],
        chair=who["planning-chair"],
        authorised_on=ago(9),
        today=ago(9),
        acting_user=who["deputy-clerk"],
    )
    lights = do_record_delegation(
        council,
        committee=committees.get("Finance and General Purposes Committee"),
        resolution_reference="FGP 2026/18",
        matter="Choose the supplier for the Christmas lights",
        officer=who["clerk"],
        chair=who["finance-chair"],
        authorised_on=ago(30),
        today=ago(30),
        acting_user=who["clerk"],
    )
    do_record_consulted_decision(
        lights,
        consulted_on=ago(25),
        chair_view="The chair preferred the local firm and asked me twice to choose it.",
        decision_text="Brightway Ltd: the lowest compliant quote, within the approved budget.",
        pressure_applied=True,
        today=ago(24),
        acting_user=who["clerk"],
    )
    benches = do_record_delegation(
        council,
        committee=committees.get("Finance and General Purposes Committee"),
        resolution_reference="FGP 2026/21",
        matter="Place the order for three memorial benches",
        officer=who["staff"],
        chair=who["finance-chair"],
        authorised_on=ago(15),
        today=ago(15),
        acting_user=who["staff"],
    )
    do_record_consulted_decision(
        benches,
        consulted_on=ago(13),
        chair_view="Content with the design the committee saw.",
        decision_text="Ordered from the council's usual supplier.",
        today=ago(12),
        acting_user=who["staff"],
    )
