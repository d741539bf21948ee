"""Questions about the protocol and delegated actions: paged with a total, open first,
filters kept across pages, downloads as filtered and only what the person may see, the
API's Paged shape."""

from __future__ import annotations

import datetime

from django.utils import timezone

from propriety.consultations.models import DelegatedAction
from propriety.protocoltext.models import ClauseQuestion

from .conftest import Hollowmere
from .list_checks import api_for, check_api_paged, check_downloads, check_pages, client_for, seeding


def test_protocol_questions_page_open_first_and_download_a_members_own(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    today = timezone.localdate()

    def ask(who: object, n: int, status: str, days_ago: int) -> list[str]:
        with seeding(h.council):
            return [
                ClauseQuestion.objects.for_council(h.council)
                .create(
                    council=h.council,
                    asked_by=who,
                    question=f"May I ask the planning officer direct? {k}",
                    asked_on=today - datetime.timedelta(days=days_ago),
                    answerer_role="proper_officer",
                    status=status,
                )
                .reference
                for k in range(n)
            ]

    answered = ask(h.cllr_ward, 2, ClauseQuestion.Status.ANSWERED, 1)
    waiting = ask(h.cllr_ward, 26, ClauseQuestion.Status.OPEN, 30)
    chairs = ask(h.cllr_chair, 3, ClauseQuestion.Status.ANSWERED, 2)

    url = "/protocol/questions/"
    clerk = client_for(h.clerk)
    listed = check_pages(clerk, url, "PQ", 26, "questions", {"status": "open"})
    assert listed == waiting[::-1]
    check_downloads(clerk, url, {"status": "open"}, listed)
    # Unfiltered: what waits for an answer first, though asked earlier.
    everything = clerk.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    refs = [line.split(",")[0] for line in everything.splitlines()[1:]]
    assert refs[:26] == listed and set(refs[26:]) == set(answered + chairs)
    # The chair sees and downloads only their own questions.
    check_downloads(client_for(h.cllr_chair), url, {}, chairs[::-1])
    check_api_paged(api_for(h.clerk), "/api/v1/protocol/questions", 31)


def test_delegated_actions_page_waiting_first_and_download_the_officers_own(
    hollowmere: Hollowmere,
) -> None:
    h = hollowmere
    today = timezone.localdate()

    def delegate(officer: object, n: int, status: str, days_ago: int) -> list[str]:
        with seeding(h.council):
            return [
                DelegatedAction.objects.for_council(h.council)
                .create(
                    council=h.council,
                    resolution_reference=f"PL 2026/{k}",
                    matter=f"The bus shelter contractor {k}",
                    officer=officer,
                    chair=h.cllr_chair,
                    authorised_on=today - datetime.timedelta(days=days_ago),
                    status=status,
                    recorded_by=h.clerk,
                )
                .reference
                for k in range(n)
            ]

    decided = delegate(h.officer_junior, 2, DelegatedAction.Status.DECIDED, 1)
    waiting = delegate(h.officer_junior, 26, DelegatedAction.Status.AWAITING, 30)
    clerks = delegate(h.clerk, 3, DelegatedAction.Status.AWAITING, 2)

    url = "/consultations/"
    clerk = client_for(h.clerk)
    listed = check_pages(clerk, url, "DEL", 29, "delegated actions", {"status": "awaiting"})
    assert set(listed) == set(waiting + clerks)
    check_downloads(clerk, url, {"status": "awaiting"}, listed)
    # The junior officer: their own, waiting first; never the Clerk's own.
    own = check_pages(client_for(h.officer_junior), url, "DEL", 28, "delegated actions", {})
    assert own[:26] == waiting[::-1] and own[26:] == decided[::-1]
    check_downloads(client_for(h.officer_junior), url, {}, own)
    check_api_paged(api_for(h.clerk), "/api/v1/delegated-actions", 31)
