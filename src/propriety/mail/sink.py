"""The demo's mail sink: an email backend that keeps what it would send, for a page.

Each message is written as an ``.eml`` file under ``<data dir>/mail-sink/``
(``PROPRIETY_MAIL_SINK=true``; the demo sets it), so the Clerk can read on
``/mail/sent/`` what Propriety sent, and a reply can be tried by feeding a
message back to ``propriety mail receive``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone
from django.utils.crypto import get_random_string

from propriety.mail.notify import COUNCIL_HEADER


def sink_dir() -> Path:
    return Path(settings.DATA_DIR) / "mail-sink"


class SinkEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = sink_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
            (folder / f"{stamp}-{get_random_string(6)}.eml").write_bytes(
                message.message().as_bytes()
            )
        return len(email_messages)


@dataclass(frozen=True)
class Caught:
    name: str
    sent_at: datetime.datetime | None
    to: tuple[str, ...]
    reply_to: str
    subject: str
    text: str
    council: int | None  # the council it is about (mail.notify.COUNCIL_HEADER), if known


def _read(path: Path) -> Caught:
    message: Any = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    body = message.get_body(preferencelist=("plain",))
    try:
        sent_at = parsedate_to_datetime(str(message["Date"]))
    except (TypeError, ValueError):
        sent_at = None
    return Caught(
        name=path.name,
        sent_at=sent_at,
        to=tuple(a for _, a in getaddresses([str(v) for v in message.get_all("to", [])])),
        reply_to=str(message.get("Reply-To", "")),
        subject=str(message.get("Subject", "")),
        text=body.get_content() if body is not None else "",
        council=int(council)
        if (council := str(message.get(COUNCIL_HEADER, ""))).isdigit()
        else None,
    )


def caught_for(council_id: int, addresses: set[str], limit: int = 500) -> list[Caught]:
    """The mail about this council; mail about no council (a sign-in link to an account)
    where it went to one of ``addresses`` (the council's people's, lower case)."""
    return [
        m
        for m in caught(limit)
        if m.council == council_id or (m.council is None and addresses & {a.lower() for a in m.to})
    ]


def caught(limit: int = 500) -> list[Caught]:
    folder = sink_dir()
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    return [_read(p) for p in paths]
