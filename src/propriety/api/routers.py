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
    from propriety.mail.api import router as mail_router

    api.add_router("/mail", mail_router)
    from propriety.interests.api import add_routers as add_interests_routers

    add_interests_routers(api)
    from propriety.briefings.api import add_routers as add_briefings_routers

    add_briefings_routers(api)
    from propriety.consultations.api import add_routers as add_consultations_routers

    add_consultations_routers(api)
    from propriety.protocoltext.api import router as protocol_router
    from propriety.reports.api import router as reports_router
    from propriety.resources.api import router as resources_router
    from propriety.wardnotices.api import router as ward_notices_router

    api.add_router("/protocol", protocol_router)
    api.add_router("/ward-notices", ward_notices_router)
    api.add_router("/resource-requests", resources_router)
    api.add_router("/reports", reports_router)
    from propriety.workspace.api import router as search_router

    api.add_router("/search", search_router)
    from propriety.councils.api import council_router, people_router, roles_router
    from propriety.documents.register_api import router as document_files_router

    api.add_router("/council", council_router)
    api.add_router("/people", people_router)
    api.add_router("/roles", roles_router)
    api.add_router("/documents", document_files_router)
    from propriety.conduct.api import router as conduct_router

    api.add_router("/conduct", conduct_router)
    _registered = True
