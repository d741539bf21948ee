"""The press and media pages. Thin: parse the form, find the record through
access.py (404 for one the person may not see), call the action, render. A
form the person may not use on a record they can see is 403; the actions
check again.

One module per resource: releases, the spokesperson register, the election
timetable, media contacts and media interest. ``urls.py`` reaches every view
through this package.
"""

from __future__ import annotations

from propriety.press.views.contacts import (
    CONTACT_COLUMNS,
    media_contact_detail,
    media_contact_new,
    media_contacts,
)
from propriety.press.views.interest import (
    INTEREST_COLUMNS,
    media_interest_detail,
    media_interest_list,
    media_interest_new,
)
from propriety.press.views.register import (
    spokespeople,
    spokesperson_appoint,
    spokesperson_end,
)
from propriety.press.views.releases import (
    EXPORT_COLUMNS,
    SORTS,
    release_approve,
    release_detail,
    release_edit,
    release_list,
    release_new,
    release_publish,
    release_send_back,
    release_submit,
    release_withdraw,
    sorted_releases,
)
from propriety.press.views.timetable import (
    election_change,
    election_detail,
    election_new,
    election_withdraw,
    elections,
)

__all__ = [
    "CONTACT_COLUMNS",
    "EXPORT_COLUMNS",
    "INTEREST_COLUMNS",
    "SORTS",
    "election_change",
    "election_detail",
    "election_new",
    "election_withdraw",
    "elections",
    "media_contact_detail",
    "media_contact_new",
    "media_contacts",
    "media_interest_detail",
    "media_interest_list",
    "media_interest_new",
    "release_approve",
    "release_detail",
    "release_edit",
    "release_list",
    "release_new",
    "release_publish",
    "release_send_back",
    "release_submit",
    "release_withdraw",
    "sorted_releases",
    "spokespeople",
    "spokesperson_appoint",
    "spokesperson_end",
]
