"""Every change to a concern: one transaction, one audit event with its clauses.

A concern follows the council's ``concern.route`` step by step. Raising it
asks the rulebook (stage ``new``) who handles it first; its handler records
what was done and either resolves it or, where the route has a next step,
moves it on (the stage advances, the rulebook is asked again and a new
handler takes it). Where the route leads to the Monitoring Officer, the case
is handed over with its record (``do_refer_to_monitoring_officer``).

There is no action that sanctions a member, and none will be added: a council
has no power to (R (Harvey) v Ledbury Town Council [2018] EWHC 1151 (Admin));
the rulebooks refuse such a request, citing their clause, and raising a
concern that asks for one is refused with it (``ConcernRefused``).

Split into modules by seam; every name importable from here as before."""

from __future__ import annotations

from propriety.concerns.actions._common import (
    ABOUT,
    EITHER,
    MEMBER,
    OFFICER,
    RAISED_BY,
    ConcernRefused,
)
from propriety.concerns.actions.closing import (
    describe_step_due,
    do_add_concern_note,
    do_close_concern,
)
from propriety.concerns.actions.raising import (
    can_raise,
    can_raise_any,
    do_raise_concern,
)
from propriety.concerns.actions.referral import (
    do_refer_to_monitoring_officer,
    referral_record,
    referral_text,
)
from propriety.concerns.actions.steps import (
    do_move_concern_on,
    do_resolve_concern,
)

__all__ = [
    "ABOUT",
    "EITHER",
    "MEMBER",
    "OFFICER",
    "RAISED_BY",
    "ConcernRefused",
    "can_raise",
    "can_raise_any",
    "describe_step_due",
    "do_add_concern_note",
    "do_close_concern",
    "do_move_concern_on",
    "do_raise_concern",
    "do_refer_to_monitoring_officer",
    "do_resolve_concern",
    "referral_record",
    "referral_text",
]
