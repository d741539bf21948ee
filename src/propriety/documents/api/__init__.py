"""``/api/v1/documents`` and ``/api/v1/access-requests``: the register, reading a
document, and members' requests to see one (need to know), with disputes.

Thin, like the views: an ``access_*`` function (404 for missing and forbidden
alike), then a ``do_*`` action that decides whether the token's person may
act (403) and whether the input will do (422). Every decision shown carries
its clauses.

:mod:`.documents` and :mod:`.access_requests` hold the endpoints, :mod:`.schemas`
the schemas they share (which the correspondence API reuses).
"""

from __future__ import annotations

from propriety.documents.api.access_requests import access_requests_router
from propriety.documents.api.documents import documents_router
from propriety.documents.api.schemas import AccessRequestIn, AccessRequestOut, access_request_out

__all__ = [
    "AccessRequestIn",
    "AccessRequestOut",
    "access_request_out",
    "access_requests_router",
    "documents_router",
]
