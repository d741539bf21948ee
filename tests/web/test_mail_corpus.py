"""Awkward mail: nothing crashes the receiver and nothing is lost. Each message is kept,
either landed or in quarantine with a reason."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propriety.mail.models import InboundMessage
from propriety.mail.parse import parse_message
from propriety.mail.receive import receive_message

from .conftest import Hollowmere
from .mail_helpers import ADDRESS, passing, receive_for

AUTH = f"Authentication-Results: {passing()}\r\n"
HEAD = f"{AUTH}From: ward@hollowmere.example\r\nTo: {ADDRESS}\r\n"

CORPUS: dict[str, bytes] = {
    "nul in text and subject": (HEAD + "Subject: a\x00b\r\n\r\nhello\x00world\r\n").encode(),
    "empty": b"",
    "no headers": b"just some words\r\n",
    "binary": bytes(range(256)) * 4,
    "no from": f"To: {ADDRESS}\r\nSubject: hi\r\n\r\nhello\r\n".encode(),
    "html only": (
        HEAD + "Subject: html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        "<p>Hello <i>there</i><script>alert(1)</script></p>\r\n"
    ).encode(),
    "nested multipart": (
        HEAD + 'Subject: nested\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="a"'
        '\r\n\r\n--a\r\nContent-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\n'
        "Content-Type: text/plain\r\n\r\nDeep text\r\n--b\r\nContent-Type: text/html\r\n\r\n"
        "<p>Deep</p>\r\n--b--\r\n--a\r\nContent-Type: application/octet-stream\r\n"
        'Content-Disposition: attachment; filename="../../etc/passwd"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n--a--\r\n"
    ).encode(),
    "lying charset": (
        HEAD + "Subject: =?utf-8?b?//79?=\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode()
    + b"caf\xe9 \xff\xfe\r\n",
    "unknown charset": (
        HEAD + "Subject: odd\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nhi\r\n"
    ).encode(),
    "broken base64": (
        HEAD + "Subject: b64\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64"
        "\r\n\r\n!!!not base64!!!\r\n"
    ).encode(),
    "huge header": (HEAD + "Subject: " + "x" * 200_000 + "\r\n\r\nbody\r\n").encode(),
    "unterminated multipart": (
        HEAD + 'Subject: cut\r\nContent-Type: multipart/mixed; boundary="zz"\r\n\r\n--zz\r\n'
        "Content-Type: text/plain\r\n\r\npart one"
    ).encode(),
    "delivery report": (
        "From: MAILER-DAEMON@hollowmere.example\r\n"
        f"To: {ADDRESS}\r\nSubject: Undeliverable: Bus shelter\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r\n\r\n'
        "--r\r\nContent-Type: text/plain\r\n\r\nIt bounced\r\n--r--\r\n"
    ).encode(),
    "out of office": (
        HEAD + "Subject: Out of Office: back Monday\r\nAuto-Submitted: auto-replied\r\n\r\nAway"
    ).encode(),
}


@pytest.mark.parametrize("name", list(CORPUS))
def test_awkward_messages_are_kept_and_never_crash(hollowmere: Hollowmere, name: str) -> None:
    receive_for(hollowmere.council)
    received = receive_message(
        CORPUS[name], via="pipe", envelope_recipients=[ADDRESS], today=datetime.date(2026, 12, 23)
    )
    assert received.outcome in ("enquiry", "quarantined"), received
    kept = InboundMessage.objects.for_council(hollowmere.council).get()
    assert bytes(kept.raw) or kept.raw_size == 0
    if received.outcome == "quarantined":
        assert kept.reason
    for attachment in kept.attachments.all():
        assert "/" not in attachment.filename and ".." not in attachment.file.name


def test_the_nested_message_yields_its_deep_text_and_a_safe_attachment() -> None:
    parsed = parse_message(CORPUS["nested multipart"])
    assert parsed.text == "Deep text"
    [attachment] = parsed.attachments
    assert attachment.data == b"hello" and "/" not in attachment.filename


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_the_parser_never_raises_and_gives_storable_text(data: bytes) -> None:
    parsed = parse_message(data)
    assert parsed.raw_size == len(data)
    for text in (parsed.sender, parsed.subject, parsed.text, *parsed.recipients):
        assert "\x00" not in text


@settings(max_examples=80, deadline=None)
@given(
    st.text(max_size=200),
    st.text(max_size=500),
    st.sampled_from(["text/plain", "text/html", "multipart/mixed", "application/x-thing"]),
)
def test_the_parser_never_raises_on_headers_and_bodies(
    subject: str, body: str, content_type: str
) -> None:
    raw = (
        f"From: a@b.example\r\nSubject: {subject}\r\nContent-Type: {content_type}\r\n\r\n{body}"
    ).encode("utf-8", errors="surrogatepass")
    parse_message(raw)
