"""The account in the header: the council switcher, and an operator's own menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from propriety.people.sessions import councils_with_roles, current_account
from propriety.people.signed_in import memberships_kept


def accounts(request: HttpRequest) -> dict[str, Any]:
    """``switch_to``: the account's councils with a role today, when there are two or more."""
    account = current_account(request)
    if account is None:
        return {"account": None, "switch_to": []}
    # Most people serve one council: one count, and no roles read, on their pages.
    several = False
    if request.user.is_authenticated:
        kept = memberships_kept(account)  # read with the person at the request's start
        several = (account.people.count() if kept is None else kept) > 1
    memberships = councils_with_roles(account) if several else []
    return {
        "account": account,
        "switch_to": [p.council for p in memberships] if len(memberships) > 1 else [],
    }
