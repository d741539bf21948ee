"""Reading an uploaded ``.eml`` file with the standard library's ``email`` package.

Everything is checked before anything is stored: a file that is too large,
has the wrong extension, is not an email, has no sender or no text raises
:class:`EmlError` with a sentence saying what is wrong and how to fix it, so
nothing is ever kept half-parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses
from html.parser import HTMLParser

MAX_EML_BYTES = 2 * 1024 * 1024


class EmlError(ValueError):
    """The upload is not an email Propriety can check; the message says why."""


@dataclass(frozen=True)
class Address:
    name: str
    email: str


@dataclass(frozen=True)
class ParsedEmail:
    sender: Address
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    bcc: tuple[Address, ...]
    subject: str
    body: str


class _Text(HTMLParser):
    """The readable text of an HTML body: paragraphs and line breaks kept, markup dropped."""

    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    _HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def text_from_html(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _addresses(message: Message, header: str) -> tuple[Address, ...]:
    values = [str(v) for v in message.get_all(header, [])]
    found = []
    for name, email in getaddresses(values):
        email = email.strip().lower()
        if "@" not in email:
            continue
        found.append(Address(name=name.strip() or email, email=email))
    return tuple(found)


def parse_eml(data: bytes, filename: str | None = None) -> ParsedEmail:
    """Parse an uploaded email, or raise EmlError saying what is wrong with it."""
    if filename is not None and not filename.lower().endswith(".eml"):
        raise EmlError(
            "The file must be an email saved as .eml (in most email programs: "
            "Save as, or drag the message out of the inbox)."
        )
    if len(data) > MAX_EML_BYTES:
        raise EmlError("The email is larger than 2 MB. Remove any attachments and try again.")
    if not data.strip():
        raise EmlError("The file is empty.")
    if b"\x00" in data:
        raise EmlError("The file is not an email: it is not text with email headers.")
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as exc:  # the parser is lenient; anything it raises means "not an email"
        raise EmlError(f"The file could not be read as an email ({exc}).") from exc
    if not list(message.keys()):
        raise EmlError("The file is not an email: it has no headers (From, To, Subject).")
    senders = _addresses(message, "from")
    if not senders:
        raise EmlError("The email has no From line with an address, so its sender is unknown.")
    assert isinstance(message, EmailMessage)
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        content = part.get_content() if part is not None else ""
    except (LookupError, UnicodeError, KeyError) as exc:
        raise EmlError(f"The email's text could not be read ({exc}).") from exc
    if not isinstance(content, str):
        content = ""
    if part is not None and part.get_content_subtype() == "html":
        content = text_from_html(content)
    body = content.replace("\r\n", "\n").strip()
    if not body:
        raise EmlError("The email has no text to check (no plain-text or HTML part).")
    try:
        subject = str(message.get("subject", "") or "").strip()
    except Exception:  # pragma: no cover - a header the policy cannot decode
        subject = ""
    return ParsedEmail(
        sender=senders[0],
        to=_addresses(message, "to"),
        cc=_addresses(message, "cc"),
        bcc=_addresses(message, "bcc"),
        subject=subject or "(no subject)",
        body=body,
    )
