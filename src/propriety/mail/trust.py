"""Whether a message's sender can be believed (spoofing).

A message counts as a member's (or an officer's) only when BOTH its From
address is theirs AND the receiving relay's ``Authentication-Results`` header
(RFC 8601) says the From domain passed DMARC, or passed DKIM or SPF aligned
with it. Documented assumption (docs/operations.md, "Email in"): the relay
that hands mail to Propriety adds its own Authentication-Results header and
removes any that arrived from outside; name it in
``PROPRIETY_MAIL_AUTHSERV_IDS`` and only its headers count. Without that
setting the topmost header counts (the one the last hop added).
``PROPRIETY_MAIL_REQUIRE_AUTH=false`` turns the check off, for a closed
test installation only.
"""

from __future__ import annotations

import re

from django.conf import settings

_RESULT = re.compile(r"\b(dmarc|dkim|spf)\s*=\s*(\w+)([^;]*)", re.IGNORECASE)
_PROP = re.compile(r"\b(header\.from|header\.d|header\.i|smtp\.mailfrom)\s*=\s*([^\s;]+)", re.I)


def _domain(value: str) -> str:
    return value.rsplit("@", 1)[-1].strip().strip("<>\"'").lower()


def _aligned(domain: str, from_domain: str) -> bool:
    return bool(domain) and (from_domain == domain or from_domain.endswith("." + domain))


def header_passes(header: str, from_domain: str) -> bool:
    """Whether one Authentication-Results header vouches for ``from_domain``."""
    for method, result, rest in _RESULT.findall(header):
        if result.lower() != "pass":
            continue
        props = {k.lower(): _domain(v) for k, v in _PROP.findall(rest)}
        method = method.lower()
        if method == "dmarc" and (
            "header.from" not in props or _aligned(props["header.from"], from_domain)
        ):
            return True
        if method == "dkim" and _aligned(
            props.get("header.d", props.get("header.i", "")), from_domain
        ):
            return True
        if method == "spf" and _aligned(props.get("smtp.mailfrom", ""), from_domain):
            return True
    return False


def trusted_headers(headers: list[str]) -> list[str]:
    ids = [i.strip().lower() for i in settings.PROPRIETY_MAIL_AUTHSERV_IDS if i.strip()]
    if not ids:
        return headers[:1]
    return [h for h in headers if h.split(";", 1)[0].strip().lower() in ids]


def sender_authenticated(sender: str, headers: list[str]) -> bool:
    if not settings.PROPRIETY_MAIL_REQUIRE_AUTH:
        return True
    if "@" not in sender:
        return False
    return any(header_passes(h, _domain(sender)) for h in trusted_headers(headers))
