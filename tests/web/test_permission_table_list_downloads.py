"""Every list's download (``?format=csv`` / ``?format=xlsx`` on the list's own URL) answers
each role exactly as the list page does: the same gate, then only the rows the page shows.

Rows: (list URL) → the status each role gets, in test_permission_table.ROLES order.
"""

from __future__ import annotations

import pytest
from django.test import Client

from .conftest import Hollowmere
from .test_permission_table import ROLES

SIGNED_IN = (302, 200, 200, 200, 200, 200)
CLERK_ONLY_404 = (302, 200, 404, 404, 404, 404)
CLERK_ONLY_403 = (302, 200, 403, 403, 403, 403)

LISTS = {
    "/interests/": SIGNED_IN,
    "/interests/panels/": SIGNED_IN,
    "/briefings/": SIGNED_IN,
    "/ward-notices/": SIGNED_IN,
    "/resources/": SIGNED_IN,
    "/reports/": SIGNED_IN,
    "/reports/acting-proper-officer/": SIGNED_IN,
    "/protocol/questions/": SIGNED_IN,
    "/consultations/": SIGNED_IN,
    "/mail/": CLERK_ONLY_404,
    "/setup/people/": CLERK_ONLY_403,
    "/setup/committees/": CLERK_ONLY_403,
    "/setup/wards/": CLERK_ONLY_403,
    "/setup/groups/": CLERK_ONLY_403,
}


def _people(h: Hollowmere) -> dict[str, object]:
    return {
        "anonymous": None,
        "clerk": h.clerk,
        "cllr_chair": h.cllr_chair,
        "cllr_ward": h.cllr_ward,
        "officer_junior": h.officer_junior,
        "monitoring_officer": h.monitoring_officer,
    }


@pytest.mark.parametrize(("url", "want"), LISTS.items(), ids=list(LISTS))
def test_a_lists_download_answers_each_role_as_its_page_does(
    hollowmere: Hollowmere, url: str, want: tuple[int, ...]
) -> None:
    people = _people(hollowmere)
    wrong = []
    for role, expected in zip(ROLES, want, strict=True):
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])  # type: ignore[arg-type]
        for query in ({}, {"format": "csv"}, {"format": "xlsx"}):
            response = client.get(url, query)
            if response.status_code != expected:
                wrong.append(f"{role} {query}: expected {expected}, got {response.status_code}")
            elif query and "attachment" not in response.get("Content-Disposition", "attachment"):
                wrong.append(f"{role} {query}: not a download")
    assert not wrong, f"{url}: " + "; ".join(wrong)
