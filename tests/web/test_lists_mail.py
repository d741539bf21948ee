"""Mail in: opens on what waits in quarantine, paged with a total, filters kept across pages,
downloads as filtered and only the council's own, the API's Paged shape."""

from __future__ import annotations

import hashlib

from propriety.councils.models import Council
from propriety.mail.models import InboundMessage

from .conftest import Hollowmere
from .list_checks import api_for, check_api_paged, check_downloads, check_pages, client_for, seeding


def _messages(council: Council, n: int, status: str, tag: str) -> list[str]:
    with seeding(council):
        return [
            InboundMessage.objects.for_council(council)
            .create(
                council=council,
                via=InboundMessage.Via.PIPE,
                sha256=hashlib.sha256(f"{tag}{k}".encode()).hexdigest(),
                sender="resident@elsewhere.example",
                subject=f"Planning application {k}",
                raw=b"Subject: hello",
                raw_size=14,
                status=status,
            )
            .reference
            for k in range(n)
        ]


def test_mail_in_pages_quarantine_first_and_downloads_the_councils_own(
    hollowmere: Hollowmere, fernley: Council
) -> None:
    h = hollowmere
    waiting = _messages(h.council, 27, InboundMessage.Status.QUARANTINED, "q")
    filed = _messages(h.council, 2, InboundMessage.Status.DISCARDED, "d")
    theirs = _messages(fernley, 1, InboundMessage.Status.QUARANTINED, "f")

    clerk = client_for(h.clerk)
    # It opens on what waits in quarantine.
    listed = check_pages(clerk, "/mail/", "MSG", 27, "messages", {})
    assert set(listed) == set(waiting)
    check_downloads(clerk, "/mail/", {}, listed)
    # Everything: what waits first, then the rest; the choice is kept across pages.
    everything = check_pages(clerk, "/mail/", "MSG", 29, "messages", {"show": "all"})
    assert set(everything[:27]) == set(waiting) and set(everything[27:]) == set(filed)
    check_downloads(clerk, "/mail/", {"show": "all"}, everything)
    assert theirs[0] not in clerk.get("/mail/", {"show": "all", "format": "csv"}).content.decode()
    # Only the Clerk reads the council's mail, on the page or as a download.
    assert client_for(h.cllr_ward).get("/mail/", {"format": "csv"}).status_code == 404

    api = api_for(h.clerk)
    check_api_paged(api, "/api/v1/mail", 29)
    assert api.get("/api/v1/mail", {"status": "quarantined"}).json()["count"] == 27
