"""Case references in mail: the subject tag and the per-case reply address.

Every message Propriety sends about an enquiry carries ``[ENQ-12]`` in its
subject and replies go to the council's enquiries address plus a tag
(``enquiries+enq-12-3f9a0c1d2e@kestrelford.example``, plus-addressing, which
Microsoft 365, Google and every common server deliver to the base address).
The tag carries a short HMAC so a guessed number does not name a case; the
sender check (trust.py) is what decides whose words a reply is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

_TAG = re.compile(r"^enq-(\d{1,12})-([0-9a-f]{10})$")
_SUBJECT_REF = re.compile(r"\[ENQ-(\d{1,12})\]", re.IGNORECASE)


def _signature(enquiry_id: int) -> str:
    return salted_hmac("propriety.mail.reply", f"enq:{enquiry_id}", algorithm="sha256").hexdigest()[
        :10
    ]


def subject_tag(enquiry_id: int) -> str:
    return f"[ENQ-{enquiry_id}]"


def reply_address(base: str, enquiry_id: int) -> str:
    """``base`` (the council's enquiries address) tagged for one enquiry."""
    local, _, domain = base.partition("@")
    return f"{local}+enq-{enquiry_id}-{_signature(enquiry_id)}@{domain}"


@dataclass(frozen=True)
class Addressed:
    """What a recipient address says: which base address, and which case if tagged."""

    base: str
    enquiry_id: int | None


def read_address(address: str) -> Addressed:
    local, _, domain = address.strip().lower().partition("@")
    base_local, _, tag = local.partition("+")
    enquiry_id = None
    match = _TAG.match(tag)
    if match and constant_time_compare(match.group(2), _signature(int(match.group(1)))):
        enquiry_id = int(match.group(1))
    return Addressed(base=f"{base_local}@{domain}", enquiry_id=enquiry_id)


def enquiry_in_subject(subject: str) -> int | None:
    match = _SUBJECT_REF.search(subject)
    return int(match.group(1)) if match else None


def loop_token() -> str:
    """The value of our loop header: this installation's, so we know our own mail."""
    return salted_hmac("propriety.mail.loop", settings.PROPRIETY_BASE_URL).hexdigest()[:16]
