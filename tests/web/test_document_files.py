"""The register for real: uploaded files kept privately, their SHA-256 in the audit event,
downloaded only through the access check; reclassifying with reasons."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from propriety.audit.models import AuditEvent
from propriety.documents.models import Document

from .conftest import Hollowmere

PAPER = b"%PDF-1.4\nGrounds maintenance tender: prices of each tenderer.\n"


def _client(person: object) -> Client:
    client = Client()
    client.force_login(person)  # type: ignore[arg-type]
    return client


def _add_exempt_paper(hollowmere: Hollowmere) -> Document:
    response = _client(hollowmere.clerk).post(
        reverse("documents:new"),
        {
            "title": "Tender prices",
            "classification": "exempt",
            "exempt_category": "3",
            "committee": str(hollowmere.planning.pk),
            "dated": "2026-11-02",
            "file": SimpleUploadedFile("Tender prices.pdf", PAPER, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()
    document: Document = Document.objects.for_council(hollowmere.council).get(title="Tender prices")
    return document


def _body(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_an_upload_is_stored_with_its_sha256_in_the_audit_event(hollowmere: Hollowmere) -> None:
    document = _add_exempt_paper(hollowmere)
    digest = hashlib.sha256(PAPER).hexdigest()
    assert document.reference.startswith("D2026/")
    assert (document.file_name, document.file_size, document.file_sha256) == (
        "Tender prices.pdf",
        len(PAPER),
        digest,
    )
    # Stored under a random name that says nothing about the document.
    assert "Tender" not in document.file.name and document.file.name.endswith(".pdf")
    event = AuditEvent.objects.for_council(hollowmere.council).get(
        action="document.created", object_id=str(document.pk)
    )
    assert event.details["file_sha256"] == digest
    assert event.details["file_name"] == "Tender prices.pdf"


def test_the_file_is_downloaded_only_by_those_who_may_read_the_document(
    hollowmere: Hollowmere,
) -> None:
    document = _add_exempt_paper(hollowmere)
    url = reverse("documents:download", args=[document.pk])
    # The chair sits on the Planning Committee, whose exempt business it is.
    response = _client(hollowmere.cllr_chair).get(url)
    assert response.status_code == 200
    assert _body(response) == PAPER
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    download = AuditEvent.objects.for_council(hollowmere.council).latest("pk")
    assert (download.action, download.actor) == ("document.downloaded", hollowmere.cllr_chair)
    # A member who is not on the committee, and an officer it was not released to: not found.
    for person in (hollowmere.cllr_ward, hollowmere.officer_junior):
        assert _client(person).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # signed out: to the sign-in page


def test_there_is_no_public_url_for_a_stored_file(hollowmere: Hollowmere) -> None:
    document = _add_exempt_paper(hollowmere)
    stored = document.file.name
    client = _client(hollowmere.clerk)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert stored not in page
    assert reverse("documents:download", args=[document.pk]) in page
    for guess in (f"/{stored}", f"/media/{stored}", f"/documents/{stored}", f"/static/{stored}"):
        assert client.get(guess).status_code == 404


def test_a_bad_upload_gets_a_clear_error(hollowmere: Hollowmere, settings: object) -> None:
    settings.PROPRIETY_MAX_UPLOAD_BYTES = 16  # type: ignore[attr-defined]
    client = _client(hollowmere.clerk)
    for upload, message in (
        (SimpleUploadedFile("big.pdf", PAPER), "larger than"),
        (SimpleUploadedFile("empty.pdf", b""), "The file is empty"),
    ):
        response = client.post(
            reverse("documents:new"),
            {"title": "A paper", "classification": "public", "file": upload},
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert message in page and 'value="A paper"' in page
    assert not Document.objects.for_council(hollowmere.council).exists()


def test_exempt_needs_its_paragraph(hollowmere: Hollowmere) -> None:
    response = _client(hollowmere.clerk).post(
        reverse("documents:new"), {"title": "A paper", "classification": "exempt"}
    )
    assert "Schedule 12A" in response.content.decode()
    assert not Document.objects.for_council(hollowmere.council).exists()


def test_reclassifying_needs_reasons_and_records_them(hollowmere: Hollowmere) -> None:
    document = _add_exempt_paper(hollowmere)
    client = _client(hollowmere.clerk)
    url = reverse("documents:reclassify", args=[document.pk])
    response = client.post(url, {"classification": "public"})
    assert "Give the reasons for the new classification" in response.content.decode()
    response = client.post(
        url,
        {
            "classification": "public",
            "contains_personal_data": "on",
            "reasons": "The contract was signed on 2 December.",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.classification, document.exempt_category) == ("public", None)
    assert document.contains_personal_data
    event = AuditEvent.objects.for_council(hollowmere.council).latest("pk")
    assert event.action == "document.reclassified"
    assert event.details["reasons"] == "The contract was signed on 2 December."
    assert event.details["from"]["classification"] == "exempt"
    # Now public: the ward councillor may download it.
    response = _client(hollowmere.cllr_ward).get(reverse("documents:download", args=[document.pk]))
    assert (response.status_code, _body(response)) == (200, PAPER)


@pytest.mark.parametrize("name", ["no-file"])
def test_a_document_without_a_file_has_nothing_to_download(
    hollowmere: Hollowmere, name: str
) -> None:
    from . import factories as f

    document = f.make_document(hollowmere.council, "public", title=name)
    response = _client(hollowmere.clerk).get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 404


def test_s3_storage_is_chosen_by_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from propriety.web.settings import base

    monkeypatch.delenv("PROPRIETY_S3_BUCKET", raising=False)
    assert base.documents_storage_from_env()["BACKEND"].endswith("FileSystemStorage")
    monkeypatch.setenv("PROPRIETY_S3_BUCKET", "ashcombe-propriety")
    monkeypatch.setenv("PROPRIETY_S3_ENDPOINT_URL", "https://s3.example.net")
    config = base.documents_storage_from_env()
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["OPTIONS"]["default_acl"] == "private"
    pytest.importorskip("storages.backends.s3")
    from storages.backends.s3 import S3Storage

    storage = S3Storage(**config["OPTIONS"])  # no network until a file is read or written
    assert (storage.bucket_name, storage.endpoint_url) == (
        "ashcombe-propriety",
        "https://s3.example.net",
    )
