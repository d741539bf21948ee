"""The document register, members' requests to see documents, and disputes.

Views stay thin: access_* functions decide what the signed-in person may see
(404 otherwise), the do_* actions decide what they may do (403 or a
ValidationError naming the field), and these functions parse and render.

:mod:`.register` holds the register's pages, :mod:`.access_requests` the
requests' pages, :mod:`.common` what both share; ``urls.py`` reaches every view
through this package.
"""

from __future__ import annotations

from propriety.documents.views.access_requests import (
    allocate,
    determine,
    dispute,
    dispute_decide,
    dispute_further,
    request_detail,
    request_list,
    withdraw,
)
from propriety.documents.views.register import ask, document_detail, document_list

__all__ = [
    "allocate",
    "ask",
    "determine",
    "dispute",
    "dispute_decide",
    "dispute_further",
    "document_detail",
    "document_list",
    "request_detail",
    "request_list",
    "withdraw",
]
