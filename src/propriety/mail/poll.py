"""Fetching from an IMAP mailbox, for councils whose mail is hosted (Microsoft 365, Google).

``propriety mail poll`` reads the messages it has not taken yet (by UID,
remembered per mailbox in ``MailboxState``; a new UIDVALIDITY starts again
from the beginning, and the SHA-256 guard in ``receive_message`` keeps a
message from being taken twice), hands each to the one receive path, and
marks it seen. It never deletes mail: the mailbox stays the council's own
record.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from propriety.mail.models import InboundMessage, MailboxState
from propriety.mail.receive import Received, receive_message


class ImapClient(Protocol):
    def login(self, user: str, password: str) -> Any: ...
    def select(self, mailbox: str = ..., readonly: bool = ...) -> Any: ...
    def response(self, code: str) -> Any: ...
    def uid(self, command: str, *args: Any) -> Any: ...
    def logout(self) -> Any: ...


@dataclass
class PollReport:
    taken: list[Received] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for r in self.taken:
            counts[r.outcome] = counts.get(r.outcome, 0) + 1
        parts = [f"{n} {outcome.replace('_', ' ')}" for outcome, n in sorted(counts.items())]
        return (
            f"Took {len(self.taken)} message(s)"
            + (f": {', '.join(parts)}" if parts else "")
            + "."
            + ("" if not self.problems else " Problems: " + "; ".join(self.problems))
        )


def _uidvalidity(client: ImapClient) -> int:
    _, data = client.response("UIDVALIDITY")
    try:
        return int(data[0]) if data and data[0] is not None else 0
    except (TypeError, ValueError):
        return 0


_RFC822 = re.compile(rb"RFC822 \{\d+\}")


def _raw_of(fetched: list[Any]) -> bytes | None:
    for item in fetched:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def poll_mailbox(
    connect: Callable[[], ImapClient],
    *,
    server: str,
    username: str,
    password: str,
    mailbox: str = "INBOX",
    recipients: list[str] | None = None,
    limit: int = 200,
) -> PollReport:
    """Take up to ``limit`` new messages from one mailbox through ``receive_message``."""
    report = PollReport()
    client = connect()
    try:
        client.login(username, password)
        status, _ = client.select(mailbox)
        if status != "OK":
            report.problems.append(f"the mailbox {mailbox!r} could not be opened")
            return report
        state, _ = MailboxState.objects.get_or_create(
            server=server, username=username, mailbox=mailbox
        )
        validity = _uidvalidity(client)
        if validity != state.uidvalidity:
            state.uidvalidity, state.last_uid = validity, 0
            state.save(update_fields=["uidvalidity", "last_uid", "updated_at"])
        status, data = client.uid("SEARCH", None, f"UID {state.last_uid + 1}:*")
        uids = sorted(int(u) for u in (data[0] or b"").split()) if status == "OK" else []
        for uid in [u for u in uids if u > state.last_uid][:limit]:
            status, fetched = client.uid("FETCH", str(uid), "(RFC822)")
            raw = _raw_of(fetched) if status == "OK" else None
            if raw is None:
                report.problems.append(f"message UID {uid} could not be fetched")
                continue
            report.taken.append(
                receive_message(raw, via=InboundMessage.Via.IMAP, envelope_recipients=recipients)
            )
            client.uid("STORE", str(uid), "+FLAGS", "(\\Seen)")
            state.last_uid = uid
            state.save(update_fields=["last_uid", "updated_at"])
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return report
