"""Mail arrives three ways and takes one path: a pipe (``propriety mail receive``), a real
SMTP receiver (aiosmtpd, in this process), and an IMAP mailbox (the poller, tested at the
imaplib boundary with a stand-in server object: see docs/operations.md "Email in")."""

from __future__ import annotations

import smtplib
import socket
from typing import Any

import pytest
from click.testing import CliRunner

from propriety.cli import main
from propriety.enquiries.models import Enquiry
from propriety.mail.models import InboundMessage, MailboxState
from propriety.mail.poll import poll_mailbox
from propriety.mail.smtp import controller

from .conftest import Hollowmere
from .mail_helpers import ADDRESS, message, receive_for

WARD = "ward@hollowmere.example"


def test_pipe_delivery_takes_one_message_on_standard_input(hollowmere: Hollowmere) -> None:
    receive_for(hollowmere.council)
    result = CliRunner().invoke(main, ["mail", "receive"], input=message(WARD))
    assert result.exit_code == 0, result.output
    assert " enquiry: Became enquiry ENQ-" in result.output
    assert Enquiry.objects.for_council(hollowmere.council).count() == 1
    # No council at that address: 67 (EX_NOUSER), so the mail server bounces it.
    nobody = CliRunner().invoke(
        main, ["mail", "receive", "--recipient", "x@nowhere.example"], input=message(WARD)
    )
    assert nobody.exit_code == 67
    # Rubbish is kept in quarantine, never a crash.
    junk = CliRunner().invoke(
        main, ["mail", "receive", "--recipient", ADDRESS], input=b"\x00\xff garbage"
    )
    assert junk.exit_code == 0 and "quarantined" in junk.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.django_db(transaction=True)
def test_a_real_smtp_receiver_lands_mail_and_refuses_unknown_recipients(
    hollowmere: Hollowmere,
) -> None:
    receive_for(hollowmere.council)
    port = _free_port()
    smtp = controller("127.0.0.1", port)
    smtp.start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            refused = client.sendmail(WARD, [ADDRESS], message(WARD))
            assert refused == {}
            with pytest.raises(smtplib.SMTPRecipientsRefused):
                client.sendmail(WARD, ["nobody@nowhere.example"], message(WARD))
    finally:
        smtp.stop()
    taken = InboundMessage.objects.for_council(hollowmere.council).get()
    assert taken.via == "smtp" and taken.status == InboundMessage.Status.ENQUIRY


class StandInImap:
    """What ``imaplib.IMAP4`` answers, for a mailbox holding ``messages`` (uid -> bytes)."""

    def __init__(self, messages: dict[int, bytes], validity: int = 7) -> None:
        self.messages = messages
        self.validity = validity
        self.seen: set[int] = set()
        self.logged_in = False

    def login(self, user: str, password: str) -> Any:
        self.logged_in = password == "right"
        return ("OK", [b"Logged in"]) if self.logged_in else ("NO", [b"no"])

    def select(self, mailbox: str = "INBOX", readonly: bool = False) -> Any:
        return ("OK", [str(len(self.messages)).encode()])

    def response(self, code: str) -> Any:
        return (code, [str(self.validity).encode()])

    def uid(self, command: str, *args: Any) -> Any:
        if command == "SEARCH":
            low = int(args[1].split()[1].split(":")[0])
            found = [str(u).encode() for u in sorted(self.messages) if u >= low]
            return ("OK", [b" ".join(found)])
        if command == "FETCH":
            uid = int(args[0])
            return ("OK", [(f"{uid} (UID {uid} RFC822 {{1}}".encode(), self.messages[uid]), b")"])
        if command == "STORE":
            self.seen.add(int(args[0]))
            return ("OK", [])
        raise AssertionError(command)

    def logout(self) -> Any:
        return ("BYE", [])


def test_the_poller_takes_only_what_is_new_and_remembers(hollowmere: Hollowmere) -> None:
    receive_for(hollowmere.council)
    box = StandInImap(
        {
            3: message(WARD, subject="First"),
            5: message("stranger@elsewhere.example", subject="Hello"),
        }
    )
    args = {"server": "imap.test", "username": "clerk", "password": "right"}
    report = poll_mailbox(lambda: box, **args)
    assert [r.outcome for r in report.taken] == ["enquiry", "quarantined"]
    assert box.seen == {3, 5}
    assert MailboxState.objects.get().last_uid == 5
    box.messages[9] = message(WARD, subject="Second")
    again = poll_mailbox(lambda: box, **args)
    assert [r.outcome for r in again.taken] == ["enquiry"]
    assert again.summary() == "Took 1 message(s): 1 enquiry."
    # A new UIDVALIDITY reads the mailbox again; what was had is not taken twice.
    box.validity = 8
    renumbered = poll_mailbox(lambda: box, **args)
    assert [r.outcome for r in renumbered.taken] == ["duplicate"] * 3
    assert Enquiry.objects.for_council(hollowmere.council).count() == 2


def test_poll_needs_its_password_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROPRIETY_IMAP_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["mail", "poll", "--server", "x", "--user", "y"])
    assert result.exit_code == 2 and "PROPRIETY_IMAP_PASSWORD" in result.output


def test_the_sink_keeps_sent_mail_for_the_clerks_page(
    hollowmere: Hollowmere, settings: Any, tmp_path: Any
) -> None:
    from django.core.mail import send_mail
    from django.test import Client
    from django.urls import reverse

    settings.DATA_DIR = tmp_path
    settings.PROPRIETY_MAIL_SINK = True
    settings.EMAIL_BACKEND = "propriety.mail.sink.SinkEmailBackend"
    send_mail("For the ward member", "Hello Wendy", "p@x.example", [WARD])
    send_mail("For someone else", "Elsewhere", "p@x.example", ["who@fernley.example"])
    client = Client()
    client.force_login(hollowmere.clerk)
    page = client.get(reverse("mail:sink"))
    assert page.status_code == 200
    assert b"For the ward member" in page.content and b"Hello Wendy" in page.content
    assert b"For someone else" not in page.content
    client.force_login(hollowmere.cllr_ward)
    assert client.get(reverse("mail:sink")).status_code == 404


def test_the_poller_against_a_real_imap_server(hollowmere: Hollowmere) -> None:
    import imaplib

    from .imap_server import dovecot

    receive_for(hollowmere.council)
    with dovecot("enquiries", "s3cret-mailbox") as port:
        box = imaplib.IMAP4("127.0.0.1", port)
        box.login("enquiries", "s3cret-mailbox")
        box.append("INBOX", None, None, message(WARD, subject="Grit bins"))
        box.append("INBOX", None, None, message("stranger@elsewhere.example", subject="Hi"))
        box.logout()
        env = {"PROPRIETY_IMAP_PASSWORD": "s3cret-mailbox"}
        args = ["mail", "poll", "--server", "127.0.0.1", "--port", str(port)]
        args += ["--user", "enquiries", "--no-tls"]
        first = CliRunner().invoke(main, args, env=env)
        assert first.exit_code == 0, first.output
        assert "Took 2 message(s): 1 enquiry, 1 quarantined." in first.output
        again = CliRunner().invoke(main, args, env=env)
        assert "Took 0 message(s)." in again.output
        box = imaplib.IMAP4("127.0.0.1", port)
        box.login("enquiries", "s3cret-mailbox")
        box.select("INBOX", readonly=True)
        _, seen = box.search(None, "SEEN")
        box.logout()
        assert len(seen[0].split()) == 2  # marked seen, never deleted
    enquiry = Enquiry.objects.for_council(hollowmere.council).get()
    assert enquiry.subject == "Grit bins"
    assert (
        InboundMessage.objects.for_council(hollowmere.council)
        .get(sender="stranger@elsewhere.example")
        .via
        == "imap"
    )
