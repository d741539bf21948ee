"""Every change to press and media records: one transaction, one audit event with its clauses.

The rulebook decides (``press.release``, ``press.spokesperson``,
``ward.notification``); these actions check who may act (PermissionDenied),
check the input (ValidationError naming the field), store the decision and
write a plain-English sentence for the timeline.

Split into modules by seam; every name importable from here as before."""

from __future__ import annotations

from propriety.press.actions.elections import (
    do_change_election,
    do_record_election,
    do_withdraw_election,
)
from propriety.press.actions.media import (
    do_appoint_spokesperson,
    do_end_spokesperson,
    do_record_media_contact,
    do_record_media_interest,
    spokesperson_facts,
    ward_councillors_of,
)
from propriety.press.actions.releases import (
    do_approve_press_release,
    do_draft_press_release,
    do_edit_press_release,
    do_publish_press_release,
    do_return_press_release,
    do_submit_press_release,
    do_withdraw_press_release,
)

__all__ = [
    "do_appoint_spokesperson",
    "do_approve_press_release",
    "do_change_election",
    "do_draft_press_release",
    "do_edit_press_release",
    "do_end_spokesperson",
    "do_publish_press_release",
    "do_record_election",
    "do_record_media_contact",
    "do_record_media_interest",
    "do_return_press_release",
    "do_submit_press_release",
    "do_withdraw_election",
    "do_withdraw_press_release",
    "spokesperson_facts",
    "ward_councillors_of",
]
