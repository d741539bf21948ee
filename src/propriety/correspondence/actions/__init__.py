"""Every change to a piece of correspondence: one transaction, one audit event with its clauses.

The check is the council's rulebook's ``correspondence.check`` (see check.py),
run when a draft is made or changed, when asked again, after the footer fix,
and once more when it is recorded as sent, so what is stored is what the
rulebook said on the day.

Recording correspondence as sent never stops a person sending their own
letter: Propriety records what happened. Where the last check found problems,
the person must acknowledge each one by name (``acknowledge``); the timeline
then says the correspondence went with those problems, citing their clauses.

Split into modules by seam; every name importable from here as before."""

from __future__ import annotations

from propriety.correspondence.actions.checking import (
    addressee_for,
    addressees_of,
)
from propriety.correspondence.actions.drafting import (
    addressees_from_email,
    do_apply_footer_fix,
    do_check_correspondence,
    do_draft_correspondence,
    do_edit_correspondence,
    do_upload_correspondence,
    footer_fix_of,
)
from propriety.correspondence.actions.incoming import (
    do_record_incoming,
    do_record_incoming_dealt_with,
)
from propriety.correspondence.actions.sending import (
    TELL_ORIGINAL_COUNCILLOR,
    capacity_label,
    do_record_sent,
    original_councillor_of,
)

__all__ = [
    "TELL_ORIGINAL_COUNCILLOR",
    "addressee_for",
    "addressees_from_email",
    "addressees_of",
    "capacity_label",
    "do_apply_footer_fix",
    "do_check_correspondence",
    "do_draft_correspondence",
    "do_edit_correspondence",
    "do_record_incoming",
    "do_record_incoming_dealt_with",
    "do_record_sent",
    "do_upload_correspondence",
    "footer_fix_of",
    "original_councillor_of",
]
