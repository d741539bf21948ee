"""Reading one incoming email (RFC 5322) into plain facts, without ever raising.

Everything that reaches Propriety by email goes through :func:`parse_message`
first, whichever way it arrived (a mail server's pipe, the SMTP receiver, an
IMAP mailbox). Whatever the bytes are (HTML only, nested multiparts, a
charset that lies, a header a megabyte long, not an email at all), the result
is a :class:`ParsedMessage`; anything odd is listed in ``problems`` so the
router can quarantine it. Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses

from propriety.correspondence.eml import text_from_html

# Subject prefixes mail programs put on automatic replies, lower case.
_AUTO_SUBJECTS = (
    "automatic reply",
    "auto reply",
    "autoreply",
    "auto-reply",
    "out of office",
    "out of the office",
    "delivery status notification",
    "undeliverable",
    "mail delivery failed",
)
# Headers that mark a message as sent by a program, not a person (RFC 3834 and common practice).
_AUTO_HEADERS = ("x-autoreply", "x-autorespond", "x-auto-response-suppress")
LOOP_HEADER = "X-Propriety-Loop"
MAX_TEXT_CHARS = 100_000


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ParsedMessage:
    """What Propriety needs of one message. ``problems`` is empty for an ordinary one."""

    raw_size: int
    sha256: str
    message_id: str = ""
    sender: str = ""
    sender_name: str = ""
    recipients: list[str] = field(default_factory=list)
    subject: str = ""
    text: str = ""
    html_only: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    automatic: str = ""  # why it looks automatic (auto-reply, bounce, list), or ""
    loop: bool = False
    authentication_results: list[str] = field(default_factory=list)
    in_reply_to: str = ""
    references: str = ""
    problems: list[str] = field(default_factory=list)


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header the policy cannot parse: keep it as raw text
        value = message.get_all(name, [None])[0] if hasattr(message, "get_all") else None
    return " ".join(str(value).split()) if value is not None else ""


def _addresses(message: Message, *headers: str) -> list[tuple[str, str]]:
    values: list[str] = []
    for header in headers:
        try:
            values.extend(str(v) for v in message.get_all(header, []))
        except Exception:  # noqa: S112 - an unparseable header adds no address
            continue
    found = []
    for name, address in getaddresses(values):
        address = address.strip().lower()
        if "@" in address:
            found.append((name.strip(), address))
    return found


def _automatic(message: Message, subject: str, sender: str) -> str:
    auto = _header(message, "Auto-Submitted").lower()
    if auto and auto != "no":
        return f"it says it was sent automatically (Auto-Submitted: {auto})"
    for name in _AUTO_HEADERS:
        if _header(message, name):
            return f"it carries the {name} header of an automatic reply"
    precedence = _header(message, "Precedence").lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return f"it was sent in bulk or automatically (Precedence: {precedence})"
    lowered = subject.lower()
    if any(lowered.startswith(prefix) for prefix in _AUTO_SUBJECTS):
        return "its subject is that of an automatic reply or a delivery report"
    local = sender.split("@", 1)[0]
    if local in ("mailer-daemon", "postmaster", "noreply", "no-reply", "donotreply"):
        return f"it comes from an automatic sender ({sender})"
    if _header(message, "Content-Type").lower().startswith("multipart/report"):
        return "it is a delivery report"
    return ""


def _text_of(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except Exception:
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            return ""
        content = payload.decode("utf-8", errors="replace")
    return content if isinstance(content, str) else ""


def _walk(message: Message, parsed: ParsedMessage) -> tuple[str, str]:
    """The first plain and first HTML body parts, and every attachment."""
    plain = html = ""
    for part in message.walk():
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        disposition = (part.get_content_disposition() or "").lower()
        filename = ""
        try:
            filename = part.get_filename() or ""
        except Exception:
            filename = "attachment"
        if disposition == "attachment" or (filename and disposition != "inline"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                name = re.sub(r"[^\w.\- ]+", "_", filename or "attachment")[:150]
                name = name.replace("..", "_").lstrip(".") or "attachment"
                parsed.attachments.append(Attachment(name, content_type, payload))
            continue
        if content_type == "text/plain" and not plain:
            plain = _text_of(part)
        elif content_type == "text/html" and not html:
            html = _text_of(part)
    return plain, html


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """Text fit to store: no NUL or other control characters (PostgreSQL refuses NUL)."""
    return _CONTROL.sub("", text)


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse ``raw`` (one message as received). Never raises.

    Every text it returns is free of control characters (tabs and line breaks
    kept), so whatever arrives can be stored on SQLite and PostgreSQL alike.
    """
    parsed = _parse(raw)
    parsed.message_id = _clean(parsed.message_id)
    parsed.sender = _clean(parsed.sender)
    parsed.sender_name = _clean(parsed.sender_name)
    parsed.recipients = [_clean(r) for r in parsed.recipients]
    parsed.subject = _clean(parsed.subject)
    parsed.text = _clean(parsed.text)
    parsed.in_reply_to = _clean(parsed.in_reply_to)
    parsed.references = _clean(parsed.references)
    parsed.automatic = _clean(parsed.automatic)
    parsed.authentication_results = [_clean(h) for h in parsed.authentication_results]
    parsed.problems = [_clean(p) for p in parsed.problems]
    return parsed


def _parse(raw: bytes) -> ParsedMessage:
    parsed = ParsedMessage(raw_size=len(raw), sha256=hashlib.sha256(raw).hexdigest())
    if not raw.strip():
        parsed.problems.append("the message is empty")
        return parsed
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as exc:
        parsed.problems.append(f"it could not be read as an email ({type(exc).__name__})")
        return parsed
    if not list(message.keys()):
        parsed.problems.append("it has no email headers")
        return parsed
    parsed.message_id = _header(message, "Message-ID")[:250]
    parsed.subject = _header(message, "Subject")[:250]
    parsed.in_reply_to = _header(message, "In-Reply-To")[:500]
    parsed.references = _header(message, "References")[:2000]
    senders = _addresses(message, "from")
    if senders:
        parsed.sender_name, parsed.sender = senders[0][0][:200], senders[0][1][:254]
    else:
        parsed.problems.append("it has no From address, so its sender is unknown")
    parsed.recipients = [
        a for _, a in _addresses(message, "delivered-to", "x-original-to", "to", "cc")
    ][:50]
    try:
        parsed.authentication_results = [
            " ".join(str(v).split()) for v in message.get_all("Authentication-Results", [])
        ]
    except Exception:
        parsed.authentication_results = []
    parsed.loop = bool(_header(message, LOOP_HEADER))
    parsed.automatic = _automatic(message, parsed.subject, parsed.sender)
    try:
        plain, html = _walk(message, parsed)
    except Exception as exc:
        parsed.problems.append(f"its parts could not be read ({type(exc).__name__})")
        plain = html = ""
    if plain.strip():
        parsed.text = plain
    elif html.strip():
        parsed.text = text_from_html(html)
        parsed.html_only = True
    parsed.text = _strip_quoted(parsed.text)[:MAX_TEXT_CHARS].strip()
    if isinstance(message, EmailMessage) and message.defects:
        kinds = sorted({type(d).__name__ for d in message.defects})
        parsed.problems.append("it is malformed (" + ", ".join(kinds) + ")")
    return parsed


_QUOTE_MARKERS = (
    re.compile(r"^On .{4,200} wrote:\s*$"),
    re.compile(r"^-+ ?Original Message ?-+\s*$", re.IGNORECASE),
    re.compile(r"^From: .+$"),
    re.compile(r"^_{10,}\s*$"),
)


def _strip_quoted(text: str) -> str:
    """The new text of a reply: stop at the quoted message below it.

    Our own notifications carry a line "Reply above this line"; mail programs
    add "On ... wrote:" or "-----Original Message-----" (Outlook). Lines quoted
    with ">" are dropped.
    """
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith("## Reply above this line"):
            break
        if kept and any(marker.match(stripped) for marker in _QUOTE_MARKERS):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept)
