"""The document register: classification rules and who sees what."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from propriety.councils.models import Council
from propriety.documents.access import access_document_by_id, documents_visible_to
from propriety.documents.actions import do_create_document, do_reclassify_document
from propriety.documents.models import Document, ExemptCategory
from propriety.people.models import Person

from . import factories as f
from .conftest import Hollowmere


def test_exempt_documents_need_their_schedule_12a_paragraph(hollowmere: Hollowmere) -> None:
    with pytest.raises(ValidationError, match="Schedule 12A"):
        f.make_document(hollowmere.council, "exempt")


def test_only_exempt_documents_have_a_schedule_12a_paragraph(hollowmere: Hollowmere) -> None:
    with pytest.raises(ValidationError, match="Only exempt documents"):
        f.make_document(hollowmere.council, "public", exempt_category=ExemptCategory.CRIME)


def test_schedule_12a_has_seven_paragraphs(hollowmere: Hollowmere) -> None:
    with pytest.raises(ValidationError, match="paragraphs 1 to 7"):
        f.make_document(hollowmere.council, "exempt", exempt_category=8)
    assert len(ExemptCategory.choices) == 7


def test_unknown_classifications_are_refused(hollowmere: Hollowmere) -> None:
    with pytest.raises(ValidationError, match="Unknown classification"):
        f.make_document(hollowmere.council, "secret")


def test_references_are_unique_within_a_council(hollowmere: Hollowmere, fernley: Council) -> None:
    kwargs = {"title": "Minutes", "reference": "MIN/1", "classification": "public"}
    do_create_document(hollowmere.council, acting_user=None, **kwargs)  # type: ignore[arg-type]
    do_create_document(fernley, acting_user=None, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        do_create_document(hollowmere.council, acting_user=None, **kwargs)  # type: ignore[arg-type]


def test_reclassifying_checks_the_category_too(hollowmere: Hollowmere) -> None:
    document = f.make_document(hollowmere.council, "committee", committee=hollowmere.planning)
    with pytest.raises(ValidationError):
        do_reclassify_document(
            document, classification="exempt", reasons="Tender", acting_user=hollowmere.clerk
        )
    do_reclassify_document(
        document,
        classification="exempt",
        exempt_category=3,
        reasons="Tender prices",
        acting_user=hollowmere.clerk,
    )
    document.refresh_from_db()
    assert (document.classification, document.exempt_category) == ("exempt", 3)


@pytest.fixture
def register(hollowmere: Hollowmere) -> dict[str, Document]:
    council = hollowmere.council
    finance = f.make_committee(council, "Finance Committee")
    return {
        "public": f.make_document(council, "public"),
        "planning": f.make_document(council, "committee", committee=hollowmere.planning),
        "planning_exempt": f.make_document(
            council, "exempt", exempt_category=1, committee=hollowmere.planning
        ),
        "finance": f.make_document(council, "committee", committee=finance),
        "confidential": f.make_document(council, "confidential"),
        "personal": f.make_document(council, "personal_data"),
    }


def _can_see(person: Person, document: Document) -> bool:
    try:
        access_document_by_id(person, document.pk)
    except Http404:
        return False
    return True


def test_the_clerk_sees_every_document(
    hollowmere: Hollowmere, register: dict[str, Document]
) -> None:
    assert all(_can_see(hollowmere.clerk, d) for d in register.values())
    assert set(documents_visible_to(hollowmere.clerk)) == set(register.values())


def test_everyone_sees_public_documents(
    hollowmere: Hollowmere, register: dict[str, Document]
) -> None:
    for person in (hollowmere.cllr_ward, hollowmere.officer_junior, hollowmere.monitoring_officer):
        assert _can_see(person, register["public"])


def test_committee_members_see_their_committees_documents(
    hollowmere: Hollowmere, register: dict[str, Document]
) -> None:
    chair = hollowmere.cllr_chair
    assert _can_see(chair, register["planning"])
    assert _can_see(chair, register["planning_exempt"])
    assert not _can_see(chair, register["finance"])


def test_others_do_not_see_non_public_documents(
    hollowmere: Hollowmere, register: dict[str, Document]
) -> None:
    for name in ("planning", "planning_exempt", "finance", "confidential", "personal"):
        assert not _can_see(hollowmere.cllr_ward, register[name]), name
        assert not _can_see(hollowmere.officer_junior, register[name]), name
    assert set(documents_visible_to(hollowmere.cllr_ward)) == {register["public"]}


def test_another_councils_document_is_not_found(hollowmere: Hollowmere, fernley: Council) -> None:
    theirs = f.make_document(fernley, "public")
    assert not _can_see(hollowmere.clerk, theirs)


def test_a_missing_document_is_not_found(hollowmere: Hollowmere) -> None:
    assert not _can_see(hollowmere.clerk, type("Missing", (), {"pk": 999_999})())


def test_the_register_pages(
    hollowmere: Hollowmere, register: dict[str, Document], client: Client
) -> None:
    client.force_login(hollowmere.cllr_ward)
    html = client.get(reverse("documents:list")).content.decode()
    assert register["public"].title in html
    # The register lists every entry, so a member can ask for one; only readable ones link.
    confidential = register["confidential"]
    assert confidential.title in html
    assert f'href="{reverse("documents:detail", args=[confidential.pk])}"' not in html
    assert f'href="{reverse("documents:ask", args=[confidential.pk])}"' in html
    assert client.get(reverse("documents:detail", args=[register["public"].pk])).status_code == 200
    forbidden = client.get(reverse("documents:detail", args=[register["confidential"].pk]))
    missing = client.get(reverse("documents:detail", args=[999_999]))
    assert forbidden.status_code == missing.status_code == 404


def test_an_exempt_document_shows_its_paragraph(
    hollowmere: Hollowmere, register: dict[str, Document], client: Client
) -> None:
    client.force_login(hollowmere.clerk)
    html = client.get(reverse("documents:detail", args=[register["planning_exempt"].pk])).content
    assert "Paragraph 1: information relating to any individual" in html.decode()
    assert "3 November 2026" in html.decode()
