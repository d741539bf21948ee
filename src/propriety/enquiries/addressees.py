"""Whom a member may address an enquiry to, in the council's own words.

A protocol's officers differ: a district council has a Chief Executive and
Chief Officers, a town council a Town Clerk and its staff. The rulebook's
``roles`` section names the officers the protocol knows, so an addressee
beyond the Proper Officer and "another officer" is offered only where the
council's rulebook names that role: a town council is never offered its
"Chief Executive".
"""

from __future__ import annotations

from propriety.councils.models import Council
from propriety.councils.protocol import role_title
from propriety.enquiries.models import ADDRESSED, ADDRESSED_LABELS
from propriety.protocol import rulebook

# Every protocol has a Proper Officer and other officers.
ALWAYS = ("proper_officer", "other_officer")


def addressees_for(council: Council) -> list[tuple[str, str]]:
    named = rulebook(council.rulebook).roles
    choices = []
    for key in ADDRESSED:
        if key not in ALWAYS and key not in named:
            continue
        if key == "proper_officer":
            title = role_title(council, key)
            label = f"{title[0].upper()}{title[1:]} (Proper Officer)"
        else:
            label = ADDRESSED_LABELS.get(key, key)
        choices.append((key, label))
    return choices
