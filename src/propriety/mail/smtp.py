"""The SMTP receiver (aiosmtpd): a relay hands mail over, each message takes the one path.

Recipients no council receives mail at are refused at RCPT (550), so the
sender's server bounces them. A message is answered 250 only once it is
stored; if the database fails the answer is 451 and the relay tries again.
Messages up to four times Propriety's own size limit are taken (and
quarantined with their headers when over it); larger ones are refused with
552 by aiosmtpd before they are read.
"""

from __future__ import annotations

import time
from typing import Any

from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections

from propriety.councils.models import Council
from propriety.mail import addressing
from propriety.mail.models import InboundMessage
from propriety.mail.receive import receive_message


def _known(address: str) -> bool:
    base = addressing.read_address(address).base
    try:
        return Council.objects.filter(enquiries_address__iexact=base).exists()
    finally:
        connections.close_all()  # the receiver's thread keeps no connection open


def _take(raw: bytes, recipients: list[str]) -> str:
    try:
        received = receive_message(raw, via=InboundMessage.Via.SMTP, envelope_recipients=recipients)
    except Exception:
        return "451 4.3.0 Temporary failure, try again later"
    finally:
        connections.close_all()
    if received.outcome == "no_council":
        return "550 5.1.1 No council receives mail at this address"
    reference = received.message.reference if received.message else ""
    return f"250 2.0.0 Accepted {reference}".rstrip()


class Handler:
    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if not await sync_to_async(_known, thread_sensitive=True)(address):
            return "550 5.1.1 No council receives mail at this address"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        return await sync_to_async(_take, thread_sensitive=True)(raw, list(envelope.rcpt_tos))


def controller(host: str, port: int) -> Controller:
    return Controller(
        Handler(),
        hostname=host,
        port=port,
        data_size_limit=settings.PROPRIETY_MAIL_MAX_BYTES * 4,
        decode_data=False,
    )


def run_forever(host: str, port: int) -> None:
    smtp = controller(host, port)
    smtp.start()
    print(f"Receiving mail on {host}:{port} (press Ctrl-C to stop).")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        smtp.stop()
