"""Demo mail for Kestrelford Town Council: it receives enquiries at
enquiries@kestrelford.example, and one message of each kind has come in (an emailed
enquiry, a stranger's letter, an out-of-office reply, and a councillor's email the relay
could not confirm), through the same receive path as real mail. Safe to run twice."""

from __future__ import annotations

from email.message import EmailMessage

from propriety.councils.models import Council
from propriety.mail.actions import do_set_enquiries_address
from propriety.mail.models import InboundMessage
from propriety.mail.receive import receive_message
from propriety.people.models import Person

DEMO_ADDRESS = "enquiries@kestrelford.example"
_RELAY = "mx.kestrelford.example"


def _message(
    sender: str,
    subject: str,
    body: str,
    *,
    confirmed: bool,
    attachment: tuple[str, bytes] | None = None,
    **headers: str,
) -> bytes:
    msg = EmailMessage()
    if confirmed:
        domain = sender.rsplit("@", 1)[-1]
        msg["Authentication-Results"] = f"{_RELAY}; dmarc=pass header.from={domain}"
    msg["From"] = sender
    msg["To"] = DEMO_ADDRESS
    msg["Subject"] = subject
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    if attachment is not None:
        name, data = attachment
        msg.add_attachment(data, maintype="text", subtype="plain", filename=name)
    return msg.as_bytes()


def load_mail_demo(council: Council) -> None:
    """Give the demo council its enquiries address and some mail, once."""
    emails = {p.email for p in Person.objects.for_council(council)}
    if "planning-chair@kestrelford.example" not in emails:
        return  # not the Kestrelford demo
    if not council.enquiries_address:
        do_set_enquiries_address(council, address=DEMO_ADDRESS, acting_user=None)
    if InboundMessage.objects.for_council(council).exists():
        return
    for raw in (
        _message(
            "planning-chair@kestrelford.example",
            "Street lights out on Riverside Walk",
            "Residents tell me three street lights on Riverside Walk have been out for a "
            "week. Who is responsible, and when will they be fixed?",
            confirmed=True,
            attachment=("lamp-posts.txt", b"Lamp posts 14, 15 and 17, Riverside Walk.\n"),
        ),
        _message(
            "resident@example.net",
            "Dog fouling at the recreation ground",
            "I am not a councillor but I want to complain about dog fouling.",
            confirmed=True,
        ),
        _message(
            "finance-chair@kestrelford.example",
            "Automatic reply: Budget papers",
            "I am away until Monday with no access to email.",
            confirmed=True,
            Auto_Submitted="auto-replied",
        ),
        _message(
            "deputy-mayor@kestrelford.example",
            "Allotment waiting list",
            "How long is the waiting list for an allotment at Millfield?",
            confirmed=False,
        ),
    ):
        receive_message(raw, via=InboundMessage.Via.PIPE)
