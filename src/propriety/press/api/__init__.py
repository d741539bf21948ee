"""``/api/v1/press-releases``, ``/spokespeople``, ``/elections``, ``/media-contacts`` and
``/media-interest``: everything the press pages offer, one module per resource.

Thin, like the views: an ``access_*`` function (404 for missing and forbidden
alike), then a ``do_*`` action that decides whether the token's person may act
(403) and whether the input will do (422). Every decision carries its clauses.
"""

from __future__ import annotations

from ninja import NinjaAPI

from propriety.press.api.elections import elections_router
from propriety.press.api.media_contacts import media_contacts_router
from propriety.press.api.media_interest import media_interest_router
from propriety.press.api.releases import releases_router
from propriety.press.api.spokespeople import spokespeople_router

__all__ = [
    "add_routers",
    "elections_router",
    "media_contacts_router",
    "media_interest_router",
    "releases_router",
    "spokespeople_router",
]


def add_routers(api: NinjaAPI) -> None:
    """Add the press and media routers (called once from propriety.api.routers)."""
    api.add_router("/press-releases", releases_router)
    api.add_router("/spokespeople", spokespeople_router)
    api.add_router("/elections", elections_router)
    api.add_router("/media-contacts", media_contacts_router)
    api.add_router("/media-interest", media_interest_router)
