"""Demo data for "Can I…?": answers kept by a Kestrelford councillor."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.conduct.access import answers_conduct
from propriety.conduct.actions import do_keep_conduct_question
from propriety.conduct.models import ConductQuestion
from propriety.councils.models import Council
from propriety.people.models import Person

# The demo councillor who asks (web/demo.py: Gareth Lloyd, chair of Finance).
_ASKER = "finance-chair@kestrelford.example"


def load_conduct_demo(council: Council, today: datetime.date | None = None) -> None:
    """Once: the councillor asked whether they may criticise an officer on social media
    and kept the refusal, then asked about raising it in private and kept that too."""
    if not answers_conduct(council) or ConductQuestion.objects.for_council(council).exists():
        return
    member = Person.objects.for_council(council).filter(email=_ASKER).first()
    if member is None:
        return  # not the Kestrelford demo
    day = today or timezone.localdate()
    with transaction.atomic():
        for forum, plan in (
            (
                "social_media",
                "Post about the slow reply to my enquiry on the town's Facebook group.",
            ),
            ("private", "Raise the slow reply with the Town Clerk instead."),
        ):
            do_keep_conduct_question(
                member,
                action="criticise",
                forum=forum,
                concerning="officer",
                plan=plan,
                today=day,
                acting_user=member,
            )
