"""Every router of the API is added here, once, when the URLs load."""

from __future__ import annotations

from propriety.api.service import api

_registered = False


def register_routers() -> None:
    """Add the API's routers to :data:`propriety.api.service.api`.

    Called once from ``propriety.web.urls``. Add each capability's router
    here, e.g. ``api.add_router("/enquiries/", enquiries_router)``.
    """
    global _registered
    if _registered:
        return
    from propriety.api.me import router as me_router
    from propriety.documents.api import access_requests_router, documents_router
    from propriety.enquiries.api import agreements_router as enquiry_agreements_router
    from propriety.enquiries.api import router as enquiries_router

    # Routers are added here: one api.add_router(...) line per capability.
    api.add_router("", me_router)
    api.add_router("/enquiries", enquiries_router)
    api.add_router("/enquiry-agreements", enquiry_agreements_router)
    api.add_router("/documents", documents_router)
    api.add_router("/access-requests", access_requests_router)
    from propriety.correspondence.api import router as correspondence_router

    api.add_router("/correspondence", correspondence_router)
    from propriety.concerns.api import router as concerns_router

    api.add_router("/concerns", concerns_router)
    from propriety.press.api import add_routers as add_press_routers

    add_press_routers(api)
    from propriety.conduct.api import router as conduct_router

    api.add_router("/conduct", conduct_router)
    _registered = True
