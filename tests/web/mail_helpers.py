"""Building test messages for the mail-in tests (Hollowmere receives at enquiries@hollowmere.example)."""

from __future__ import annotations

from email.message import EmailMessage

from propriety.councils.models import Council
from propriety.mail.actions import do_set_enquiries_address

ADDRESS = "enquiries@hollowmere.example"


def passing(domain: str = "hollowmere.example") -> str:
    return f"mx.relay.example; dmarc=pass header.from={domain}; spf=pass smtp.mailfrom={domain}"


def receive_for(council: Council, address: str = ADDRESS) -> Council:
    return do_set_enquiries_address(council, address=address, acting_user=None)


def message(
    sender: str,
    *,
    to: str = ADDRESS,
    subject: str = "Bus shelter on Mill Lane",
    body: str = "Who repairs the bus shelter on Mill Lane?",
    html: str | None = None,
    auth: str | None = "pass",
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
) -> bytes:
    msg = EmailMessage()
    if auth == "pass":
        msg["Authentication-Results"] = passing(sender.rsplit("@", 1)[-1])
    elif auth:
        msg["Authentication-Results"] = auth
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{abs(hash((sender, subject, body)))}@test.example>"
    for name, value in (headers or {}).items():
        msg[name] = value
    if html is not None and body == "":
        msg.set_content(html, subtype="html")
    else:
        msg.set_content(body)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    for filename, content_type, data in attachments:
        maintype, subtype = content_type.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()
