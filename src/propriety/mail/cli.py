"""``propriety mail receive | serve | poll``: mail in, three ways, one path.

Exit codes of ``receive`` follow sysexits, as mail servers expect of a pipe:
0 the message was taken (landed, quarantined, or already had), 65 there was
no message on standard input, 67 no council receives mail at that address (the server bounces it), 75 a temporary failure
(the server keeps it and tries again).
"""

from __future__ import annotations

import os
import sys

import click

from propriety.web.cli import _setup_django

EX_DATAERR = 65
EX_NOUSER = 67
EX_TEMPFAIL = 75


@click.group("mail")
def mail() -> None:
    """Receive mail: enquiries and replies by email land in their cases."""


@mail.command("receive")
@click.option(
    "--recipient",
    "recipients",
    multiple=True,
    help="The envelope recipient (as the mail server passes it, e.g. Postfix's ${recipient}); "
    "the message's own To/Cc/Delivered-To headers are used if not given.",
)
def receive(recipients: tuple[str, ...]) -> None:
    """Read one message (RFC 5322) on standard input and land it, for a pipe delivery."""
    if sys.stdin.isatty():  # typed at a terminal: it would wait silently for a message
        click.echo("Error: pipe one email in, e.g. propriety mail receive < message.eml", err=True)
        raise SystemExit(2)
    raw = sys.stdin.buffer.read()
    if not raw.strip():
        click.echo(
            "Error: no message on standard input: pipe one email in, "
            "e.g. propriety mail receive < message.eml",
            err=True,
        )
        raise SystemExit(EX_DATAERR)
    _setup_django()
    from propriety.mail.models import InboundMessage
    from propriety.mail.receive import receive_message

    try:
        received = receive_message(
            raw, via=InboundMessage.Via.PIPE, envelope_recipients=list(recipients) or None
        )
    except Exception as exc:  # the database failed: the mail server keeps it and retries
        click.echo(f"Temporary failure, try again later: {type(exc).__name__}", err=True)
        raise SystemExit(EX_TEMPFAIL) from None
    if received.outcome == "no_council":
        click.echo(received.says, err=True)
        raise SystemExit(EX_NOUSER)
    reference = received.message.reference if received.message else ""
    click.echo(f"{reference} {received.outcome}: {received.says}")


@mail.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=2525, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Run an SMTP receiver (for a relay that forwards the council's mail)."""
    _setup_django()
    from propriety.mail.smtp import run_forever

    run_forever(host, port)


@mail.command("poll")
@click.option("--server", required=True, help="The IMAP server's host name.")
@click.option("--port", default=None, type=int, help="993 with TLS, 143 without.")
@click.option("--user", "username", required=True, help="The mailbox's user name.")
@click.option(
    "--password-env",
    default="PROPRIETY_IMAP_PASSWORD",
    show_default=True,
    help="The environment variable holding the password (never on the command line).",
)
@click.option("--mailbox", default="INBOX", show_default=True)
@click.option("--no-tls", is_flag=True, help="Plain IMAP (a local test server only).")
@click.option(
    "--recipient",
    "recipients",
    multiple=True,
    help="The council address this mailbox receives for, if its messages do not show it.",
)
def poll(
    server: str,
    port: int | None,
    username: str,
    password_env: str,
    mailbox: str,
    no_tls: bool,
    recipients: tuple[str, ...],
) -> None:
    """Fetch new messages from an IMAP mailbox, remembering what has been taken."""
    password = os.environ.get(password_env, "")
    if not password:
        click.echo(f"Error: set the mailbox password in ${password_env}.", err=True)
        raise SystemExit(2)
    _setup_django()
    import imaplib

    from propriety.mail.poll import poll_mailbox

    def connect() -> imaplib.IMAP4:
        if no_tls:
            return imaplib.IMAP4(server, port or 143, timeout=60)
        return imaplib.IMAP4_SSL(server, port or 993, timeout=60)

    try:
        report = poll_mailbox(
            connect,
            server=server,
            username=username,
            password=password,
            mailbox=mailbox,
            recipients=list(recipients) or None,
        )
    except (imaplib.IMAP4.error, OSError) as exc:
        click.echo(f"Error: the mailbox could not be read ({exc}).", err=True)
        raise SystemExit(EX_TEMPFAIL) from None
    click.echo(report.summary())
