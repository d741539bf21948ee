"""API tokens in the demo council (Kestrelford), in each state the profile page shows.

The Town Clerk has a read-only token a spreadsheet uses (its last use noted), a read-and-
write token for the council's casework app, and one revoked when a laptop was replaced.
Through the actions, like the rest of the demo; does nothing if the Clerk already has
tokens, so loading twice is safe. Two-factor sign-in stays optional in the demo: people
trying it have no authenticator app set up for the demo accounts.
"""

from __future__ import annotations

from django.utils import timezone

from propriety.councils.models import Council
from propriety.people.actions import (
    do_create_api_token,
    do_note_api_token_used,
    do_revoke_api_token,
)
from propriety.people.models import ApiToken, Person
from propriety.people.roles import Role


def load_security_demo(council: Council) -> None:
    clerk = (
        Person.objects.for_council(council)
        .filter(role_assignments__role=Role.PROPER_OFFICER)
        .first()
    )
    if clerk is None or ApiToken.objects.for_council(council).filter(person=clerk).exists():
        return
    spreadsheet, _ = do_create_api_token(
        clerk, name="Casework spreadsheet", read_only=True, acting_user=clerk
    )
    do_note_api_token_used(spreadsheet, now=timezone.now())
    do_create_api_token(clerk, name="Casework app", expires_in_days=365, acting_user=clerk)
    laptop, _ = do_create_api_token(clerk, name="Old laptop", expires_in_days=30, acting_user=clerk)
    do_revoke_api_token(laptop, acting_user=clerk)
