"""Questions about the protocol in the demo council (acses-town §15.1 sends them to the
Town Clerk): one answered, one waiting. Loaded once."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.protocoltext.actions import do_answer_clause_question, do_ask_clerk
from propriety.protocoltext.models import ClauseQuestion


def load_protocol_demo(council: Council, today: datetime.date | None = None) -> None:
    if ClauseQuestion.objects.for_council(council).exists():
        return
    day = today or timezone.localdate()
    with transaction.atomic():
        people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
        answered = do_ask_clerk(
            people["ward-councillor"],
            question="Is a coffee morning for Millfield residents a public meeting I must tell "
            "you about?",
            clause="§9.4",
            today=day - datetime.timedelta(days=6),
            acting_user=people["ward-councillor"],
        )
        do_answer_clause_question(
            answered,
            answer="Yes: if you will talk about the council's work, tell me beforehand. It must "
            "not be party-political, and not in the run-up to an election.",
            today=day - datetime.timedelta(days=5),
            acting_user=people["clerk"],
        )
        do_ask_clerk(
            people["staff"],
            question="May I confirm a date to a councillor's constituent directly, or must it go "
            "through you?",
            clause="§4.6",
            today=day - datetime.timedelta(days=1),
            acting_user=people["staff"],
        )


def load_protocol_rest_demo(council: Council) -> None:
    """The demo data of issue 12's capabilities: questions about the protocol, ward notices
    and council resources (the demo's acses-town answers neither written reports nor acting
    Proper Officer arrangements, so those pages say so)."""
    from propriety.resources.demo import load_resources_demo
    from propriety.wardnotices.demo import load_ward_notices_demo

    load_protocol_demo(council)
    load_ward_notices_demo(council)
    load_resources_demo(council)
