"""``/api/v1/correspondence``: the correspondence check, everything the pages offer.

:mod:`.endpoints` holds the router and its endpoints, :mod:`.schemas` the schemas
and how a letter is presented in them.
"""

from __future__ import annotations

from propriety.correspondence.api.endpoints import router

__all__ = ["router"]
