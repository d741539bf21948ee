"""Every change to a member's enquiry: one transaction, one audit event with its clauses.

The route comes from the council's rulebook (``enquiry.route``); the clocks
from ``enquiry.response_target`` (see clocks.py). Each action checks that the
acting person may take it (PermissionDenied otherwise), so the pages and the
API share one set of rules. An action on an existing enquiry first locks and
re-reads it (``locked``, see councils/locking.py) and only then checks who may
act and what state it is in, so two people acting at once cannot both succeed
on the same old state.

Split into modules by seam; every name importable from here as before."""

from __future__ import annotations

from propriety.enquiries.actions._common import (
    EnquiryRefused,
)
from propriety.enquiries.actions.escalation import (
    chase_says,
    do_escalate_enquiry,
    escalation_decision,
    escalation_handled_by,
    titled_role,
)
from propriety.enquiries.actions.steps import (
    do_acknowledge_enquiry,
    do_answer_enquiry,
    do_clarify_enquiry,
    do_close_enquiry,
    do_record_feedback,
    do_request_clarification,
    do_withdraw_enquiry,
)
from propriety.enquiries.actions.submitting import (
    asker_role,
    do_submit_enquiry,
    do_triage_enquiry,
    has_delegated_authority,
    proper_route_for,
    route_facts,
)

__all__ = [
    "EnquiryRefused",
    "asker_role",
    "chase_says",
    "do_acknowledge_enquiry",
    "do_answer_enquiry",
    "do_clarify_enquiry",
    "do_close_enquiry",
    "do_escalate_enquiry",
    "do_record_feedback",
    "do_request_clarification",
    "do_submit_enquiry",
    "do_triage_enquiry",
    "do_withdraw_enquiry",
    "escalation_decision",
    "escalation_handled_by",
    "has_delegated_authority",
    "proper_route_for",
    "route_facts",
    "titled_role",
]
