"""``/api/v1/enquiries`` and ``/api/v1/enquiry-agreements``: members' enquiries and the
agreements for direct contact, everything the pages offer.

:mod:`.enquiries` and :mod:`.agreements` hold the endpoints, :mod:`.schemas` the
schemas they share.
"""

from __future__ import annotations

from propriety.enquiries.api.agreements import agreements_router
from propriety.enquiries.api.enquiries import router

__all__ = ["agreements_router", "router"]
