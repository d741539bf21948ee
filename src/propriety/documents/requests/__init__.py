"""Members' requests to see documents, and disputes over refusals.

Writes for the access-request workflow, each in one audited transaction with
the clauses behind it. The rulebook's ``document.access`` decision allows,
refuses, or leaves the decision to an officer (need to know is decided by
the officer); ``document.dispute`` routes a refused member's dispute.
Actions on an existing request or dispute lock and re-read it first
(``locked``, see councils/locking.py), so two people deciding at once cannot
both decide.

Split into modules by seam; every name importable from here as before."""

from __future__ import annotations

from propriety.documents.requests._common import (
    USE_ONLY_FOR_PURPOSE,
    access_facts,
    handles_access_requests,
    recommend,
)
from propriety.documents.requests.asking import (
    do_allocate_access_request,
    do_determine_access_request,
    do_request_access,
    do_withdraw_access_request,
)
from propriety.documents.requests.disputes import (
    do_decide_dispute,
    do_raise_dispute,
    do_take_dispute_further,
    refused_by_protocol,
    report_required,
)

__all__ = [
    "USE_ONLY_FOR_PURPOSE",
    "access_facts",
    "do_allocate_access_request",
    "do_decide_dispute",
    "do_determine_access_request",
    "do_raise_dispute",
    "do_request_access",
    "do_take_dispute_further",
    "do_withdraw_access_request",
    "handles_access_requests",
    "recommend",
    "refused_by_protocol",
    "report_required",
]
