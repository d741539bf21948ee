"""Demo concerns for Kestrelford Town Council (acses-town): every direction, in several
states, through the same actions as real use. Safe to run twice: it does nothing once
the council has concerns. Sends no email when run inside the demo loader.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from propriety.concerns import access
from propriety.concerns.actions import (
    do_add_concern_note,
    do_close_concern,
    do_move_concern_on,
    do_raise_concern,
    do_resolve_concern,
)
from propriety.concerns.models import Concern
from propriety.councils.models import Council
from propriety.councils.protocol import calendar_for
from propriety.people.models import Person


def _back(council: Council, today: datetime.date, working_days: int) -> datetime.date:
    calendar = calendar_for(council)
    day, left = today, working_days
    while left > 0:
        day -= datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    return day


def load_concerns_demo(council: Council, today: datetime.date | None = None) -> None:
    """Load the demo's concerns into ``council`` (the Kestrelford demo), once."""
    if Concern.objects.for_council(council).exists():
        return
    people = {p.email.split("@")[0]: p for p in Person.objects.for_council(council)}
    if not {"clerk", "staff", "staff2", "monitoring-officer", "personnel-chair"} <= set(people):
        return  # not the Kestrelford demo
    today = today or timezone.localdate()
    with transaction.atomic():
        _load(council, people, today)


def _load(council: Council, who: dict[str, Person], today: datetime.date) -> None:
    def back(n: int) -> datetime.date:
        return _back(council, today, n)

    def raise_(raiser: str, direction: str, about: str | None, day: int, **kw: object) -> Concern:
        return do_raise_concern(
            who[raiser],
            direction=direction,
            about=who[about] if about else None,
            today=back(day),
            acting_user=who[raiser],
            **kw,  # type: ignore[arg-type]
        )

    def handler(concern: Concern) -> Person:
        return access.handlers_of(concern)[0]

    # 1. A councillor's minor concern about an officer: with the officer, privately (§15.2(d)).
    raise_(
        "riverside-councillor",
        "member_about_officer",
        "staff",
        2,
        summary="Play area inspection not done",
        details="I was told the Riverside play area would be inspected last week; residents "
        "say nobody came. I would like to understand what happened before I report back.",
    )

    # 2. Not settled with the officer: now with the Town Clerk (§15.3), with a note.
    moved = raise_(
        "planning-chair",
        "member_about_officer",
        "staff2",
        9,
        summary="Planning papers sent late twice",
        details="The agenda papers for the last two Planning Committee meetings reached "
        "members the evening before.",
    )
    do_move_concern_on(
        moved,
        done="Kwame explained the printer had failed; I am not satisfied it will not recur.",
        today=back(6),
        acting_user=handler(moved),
    )
    do_add_concern_note(
        moved,
        text="I have asked for the papers to go out electronically as well.",
        today=back(5),
        acting_user=who["planning-chair"],
    )

    # 3. A serious concern about the Town Clerk: to the Council as employer (§5.1, §15.3),
    #    through its personnel committee; the Clerk is not shown it.
    raise_(
        "finance-chair",
        "member_about_officer",
        "clerk",
        4,
        summary="Budget figures given to the press",
        details="Draft budget figures appeared in the Kestrelford Courier before members had "
        "seen them. I believe they came from the Clerk's office.",
        seriousness="serious",
    )

    # 4. An officer's minor concern about a councillor: the Town Clerk, then a word with the
    #    member's party group leader (§15.5), which resolved it.
    word = raise_(
        "staff",
        "officer_about_member",
        "riverside-councillor",
        15,
        summary="Calls at home in the evening",
        details="Cllr Begum has phoned my mobile several evenings about the play area.",
    )
    do_move_concern_on(
        word,
        done="I suggested a word with the leader of Cllr Begum's group.",
        today=back(13),
        acting_user=handler(word),
    )
    do_resolve_concern(
        word,
        done="Spoke to Cllr Begum informally.",
        outcome="Cllr Begum apologised and will email the office in working hours.",
        today=back(11),
        acting_user=handler(word),
    )

    # 5. An officer's serious concern about a councillor: the Town Clerk took it to the
    #    Monitoring Officer as a possible breach of the code of conduct (§15.6).
    serious = raise_(
        "staff2",
        "officer_about_member",
        "deputy-mayor",
        8,
        summary="Shouted at in the council office",
        details="Cllr Nowak shouted at me in front of visitors when I said the hall was booked.",
        seriousness="serious",
    )
    do_move_concern_on(
        serious,
        done="Spoke to both; Kwame wishes to make a formal complaint.",
        today=back(6),
        acting_user=handler(serious),
    )

    # 6. A formal code-of-conduct complaint: straight to the Monitoring Officer, who has
    #    recorded the outcome.
    formal = raise_(
        "deputy-clerk",
        "code_of_conduct",
        "finance-chair",
        20,
        summary="Undeclared interest at Finance Committee",
        details="Cllr Lloyd voted on the grant to the bowls club, of which he is treasurer.",
        formal_written=True,
    )
    do_resolve_concern(
        formal,
        done="Assessed under the code of conduct.",
        outcome="The Monitoring Officer arranged training on declaring interests; no further "
        "action.",
        today=back(10),
        acting_user=who["monitoring-officer"],
    )

    # 7. A disagreement over professional advice: the Town Clerk settled it (§2.11, §4.6).
    disagreement = raise_(
        "planning-chair",
        "disagreement",
        "deputy-clerk",
        12,
        summary="Advice on the car park application",
        details="I disagree with the Deputy Clerk's advice that the committee cannot add a "
        "condition on opening hours.",
    )
    do_resolve_concern(
        disagreement,
        done="Met both; explained the advice stands as the officer's professional view.",
        outcome="Cllr Raman will put her view to the committee; the advice is unchanged.",
        today=back(9),
        acting_user=handler(disagreement),
    )

    # 8. The Town Clerk's own grievance: the Council as employer, through the personnel
    #    committee's members together (never the chair alone).
    grievance = raise_(
        "clerk",
        "grievance",
        None,
        3,
        summary="Workload and hours",
        details="My hours have exceeded my contract every week since the election.",
    )
    do_add_concern_note(
        grievance,
        text="The committee will meet Rachel on Thursday.",
        today=back(1),
        acting_user=who["personnel-chair"],
    )

    # 9. A staff grievance, withdrawn.
    withdrawn = raise_(
        "staff",
        "grievance",
        None,
        25,
        summary="Holiday dates",
        details="My holiday request for August was refused.",
    )
    do_close_concern(
        withdrawn,
        reason="Agreed new dates with the Town Clerk; I withdraw it.",
        today=back(22),
        acting_user=who["staff"],
    )

    # 10. A serious breach of the protocol by an officer: into the disciplinary procedure.
    breach = raise_(
        "mayor",
        "breach_by_officer",
        "staff",
        7,
        summary="Confidential papers left in the public hall",
        details="Exempt Personnel Committee papers were left on a table in the public hall.",
        seriousness="serious",
    )
    do_move_concern_on(
        breach,
        done="Investigated: the papers were left after a meeting.",
        today=back(5),
        acting_user=handler(breach),
    )
