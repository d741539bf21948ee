"""The oversight pages' rows of the permission table (see test_permission_table.py).

The trail, its export and the checkpoints are for the Monitoring Officer (and
the governance committee, whose decisions the Monitoring Officer records);
subject access and the record of processing also for the Proper Officer (the
Clerk). Everyone else gets 404, as for a page that does not exist; another
council's checkpoint or person is 404 to everyone signed in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from propriety.audit.checkpointing import do_make_checkpoint
from propriety.people.roles import Role

from . import factories as f
from .audit_helpers import audit_key_file
from .conftest import Hollowmere
from .test_permission_table import wrong_in_row

__all__ = ["audit_key_file"]

ONLY_MO = (302, 404, 404, 404, 404, 200)
CLERK_AND_MO = (302, 200, 404, 404, 404, 200)

# (method, url name, object) -> statuses for ROLES, in order:
#            anonymous clerk chair ward junior MO
PAGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("GET", "audit:trail", ""): ONLY_MO,
    ("GET", "audit:export", ""): ONLY_MO,
    ("GET", "audit:checkpoints", ""): ONLY_MO,
    ("POST", "audit:checkpoint_new", ""): (302, 404, 404, 404, 404, 302),
    ("GET", "audit:checkpoint_download", "checkpoint"): ONLY_MO,
    ("GET", "audit:public_key", ""): ONLY_MO,
    ("GET", "audit:processing", ""): CLERK_AND_MO,
    ("GET", "audit:subject_access", ""): CLERK_AND_MO,
    ("GET", "audit:subject_access_export", "person"): CLERK_AND_MO,
}

KWARGS = {"checkpoint": "checkpoint_id", "person": "person_id"}


@pytest.fixture
def aworld(hollowmere: Hollowmere, fernley: Any, audit_key_file: Path) -> dict[str, Any]:
    h = hollowmere
    other_person = f.make_person(fernley, Role.COUNCILLOR, name="Fern Member")
    return {
        "people": {
            "anonymous": None,
            "clerk": h.clerk,
            "cllr_chair": h.cllr_chair,
            "cllr_ward": h.cllr_ward,
            "officer_junior": h.officer_junior,
            "monitoring_officer": h.monitoring_officer,
        },
        "ids": {
            "checkpoint": do_make_checkpoint(h.council, acting_user=None).pk,
            "other_checkpoint": do_make_checkpoint(fernley, acting_user=None).pk,
            "person": h.cllr_ward.pk,
            "other_person": other_person.pk,
        },
    }


def _url(name: str, obj: str, ids: dict[str, int]) -> str:
    if not obj:
        return reverse(name)
    return reverse(name, kwargs={KWARGS[obj.removeprefix("other_")]: ids.get(obj, 999_999)})


@pytest.mark.parametrize(("method", "name", "obj"), list(PAGES), ids=lambda v: str(v))
def test_audit_permission_table(aworld: dict[str, Any], method: str, name: str, obj: str) -> None:
    wrong = wrong_in_row(
        aworld["people"],
        PAGES[(method, name, obj)],
        method,
        lambda o: _url(name, o, aworld["ids"]),
        obj,
    )
    assert not wrong, f"{method} {name} {obj}: " + "; ".join(wrong)
