"""The governance committee's column of the permission table.

A member of the council's governance committee (named by the Clerk in set-up)
reads the governance report and the oversight pages, redacted, and nothing
else. The table below is written out by hand for every role, the committee
member added as a seventh column; ``test_the_committee_gains_nothing_else``
then compares the member with a twin (a councillor with the same roles on a
committee that is not the governance committee) on every page that needs no
object and on the casework objects of the main table: they must differ on
exactly the granted pages.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from propriety.audit.checkpointing import do_make_checkpoint
from propriety.councils.actions import do_set_governance_committee
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .audit_helpers import audit_key_file
from .conftest import Hollowmere
from .test_permission_table import ROLES, World, _status, _url_names, world, wrong_in_row  # noqa: F401

__all__ = ["audit_key_file"]

GOVERNANCE_ROLES = (*ROLES, "governance_member")

# (method, url name, object) -> statuses for GOVERNANCE_ROLES, in order:
#            anonymous clerk chair ward junior MO governance-member
GOVERNANCE: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "audit:trail", ""): (302, 404, 404, 404, 404, 200, 200),
    ("GET", "audit:export", ""): (302, 404, 404, 404, 404, 200, 200),
    ("GET", "audit:checkpoints", ""): (302, 404, 404, 404, 404, 200, 200),
    # Signing the log is the Monitoring Officer's: the committee only reads.
    ("POST", "audit:checkpoint_new", ""): (302, 404, 404, 404, 404, 302, 404),
    ("GET", "audit:checkpoint_download", "checkpoint"): (302, 404, 404, 404, 404, 200, 200),
    ("GET", "audit:public_key", ""): (302, 404, 404, 404, 404, 200, 200),
    # The council's GDPR duties are the Proper Officer's and the Monitoring Officer's.
    ("GET", "audit:processing", ""): (302, 200, 404, 404, 404, 200, 404),
    ("GET", "audit:subject_access", ""): (302, 200, 404, 404, 404, 200, 404),
    ("GET", "audit:subject_access_export", "person"): (302, 200, 404, 404, 404, 200, 404),
    ("GET", "workspace:report", ""): (302, 200, 404, 404, 404, 200, 200),
    # Naming the committee is the Clerk's (an empty form goes back to its page).
    ("POST", "setup:committee_governance", "committee"): (302, 302, 403, 403, 403, 403, 403),
    ("GET", "setup:index", ""): (302, 200, 403, 403, 403, 403, 403),
}
# What being on the governance committee adds, against the twin who is not.
GRANTED = {
    ("GET", "audit:trail"),
    ("GET", "audit:export"),
    ("GET", "audit:checkpoints"),
    ("GET", "audit:checkpoint_download"),
    ("GET", "audit:public_key"),
    ("GET", "workspace:report"),
}
KWARGS = {"checkpoint": "checkpoint_id", "person": "person_id", "committee": "body_id"}


def _member(h: Hollowmere, committee: Any, name: str) -> Person:
    return f.make_person(
        h.council, Role.COUNCILLOR, Role.COMMITTEE_MEMBER, name=name, committee=committee
    )


@pytest.fixture
def gworld(hollowmere: Hollowmere, fernley: Any, audit_key_file: Any) -> dict[str, Any]:
    h = hollowmere
    governance = f.make_committee(h.council, "Audit and Governance Committee")
    other = f.make_committee(h.council, "Allotments Committee")
    do_set_governance_committee(h.council, committee=governance, acting_user=h.clerk)
    f_committee = f.make_committee(fernley, "Fernley Audit")
    return {
        "people": {
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
            "governance_member": _member(h, governance, "Gwen Governor"),
        },
        "twin": _member(h, other, "Tom Twin"),
        "ids": {
            "checkpoint": do_make_checkpoint(h.council, acting_user=None).pk,
            "other_checkpoint": do_make_checkpoint(fernley, acting_user=None).pk,
            "person": h.cllr_ward.pk,
            "other_person": f.make_person(fernley, Role.COUNCILLOR).pk,
            "committee": governance.pk,
            "other_committee": f_committee.pk,
        },
    }


def _url(name: str, obj: str, ids: dict[str, int]) -> str:
    if not obj:
        return reverse(name)
    return reverse(name, kwargs={KWARGS[obj.removeprefix("other_")]: ids.get(obj, 999_999)})


def _client(person: Person | None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


@pytest.mark.parametrize(("method", "name", "obj"), list(GOVERNANCE), ids=lambda v: str(v))
def test_governance_permission_table(
    gworld: dict[str, Any], method: str, name: str, obj: str
) -> None:
    wrong = wrong_in_row(
        gworld["people"],
        GOVERNANCE[(method, name, obj)],
        method,
        lambda o: _url(name, o, gworld["ids"]),
        obj,
        roles=GOVERNANCE_ROLES,
    )
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)


def test_every_oversight_page_has_a_governance_row() -> None:
    oversight = {n for n in _url_names() if n.startswith("audit:")} | {"workspace:report"}
    assert oversight <= {name for _, name, _ in GOVERNANCE}


def _simple_pages() -> list[str]:
    """Every page URL that reverses with no arguments."""
    names = []
    for name in sorted(_url_names()):
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        names.append(name)
    return names


def test_the_committee_gains_nothing_else(gworld: dict[str, Any], world: World) -> None:  # noqa: F811
    member = _client(gworld["people"]["governance_member"])
    twin = _client(gworld["twin"])
    differs = set()
    checked = 0
    for name in _simple_pages():
        if name in {"logout", "login"}:
            continue
        url = reverse(name)
        if _status(member, "GET", url) != _status(twin, "GET", url):
            differs.add(("GET", name))
        checked += 1
    # The casework objects of the main table: an exempt paper, a member's enquiry, a
    # refused and disputed access request.
    for name, kwarg, key in (
        ("enquiries:detail", "enquiry_id", "enquiry"),
        ("documents:detail", "document_id", "document"),
        ("documents:request", "request_id", "request"),
    ):
        url = reverse(name, kwargs={kwarg: world.ids[key]})
        got = (_status(member, "GET", url), _status(twin, "GET", url))
        assert got == (404, 404), f"{name}: member and twin got {got}"
    url = _url("audit:checkpoint_download", "checkpoint", gworld["ids"])
    if _status(member, "GET", url) != _status(twin, "GET", url):
        differs.add(("GET", "audit:checkpoint_download"))
    assert checked > 40
    assert differs == GRANTED
