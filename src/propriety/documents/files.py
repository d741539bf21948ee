"""Documents' files: checked on the way in, hashed, stored, and streamed back after access.

Files live in the ``documents`` storage (settings.STORAGES: a folder under the
data directory by default, S3-compatible storage by setting) under random
names. Nothing serves that storage by URL: the only way out is
:func:`file_response`, which the download view calls after
``access_document_by_id`` has let the person in.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import FileResponse

from propriety.documents.models import Document

CHUNK = 64 * 1024


@dataclass(frozen=True)
class StoredFile:
    name: str  # in the storage
    original_name: str
    size: int
    sha256: str
    content_type: str

    def audit(self) -> dict[str, Any]:
        """What the audit event keeps of the file: enough to prove later what was filed."""
        return {
            "file_name": self.original_name,
            "file_size": self.size,
            "file_sha256": self.sha256,
        }


def _limit_mb() -> str:
    return f"{settings.PROPRIETY_MAX_UPLOAD_BYTES / (1024 * 1024):g} MB"


def safe_name(name: str) -> str:
    """The file's own name without any folders, as a person would call it."""
    return PurePath(name.replace("\\", "/")).name.strip()[:255]


def check_upload(file: File[Any]) -> None:
    """A clear error for an empty, oversized or nameless file."""
    name = safe_name(file.name or "")
    if not name:
        raise ValidationError({"file": "The file has no name: choose the file again."})
    size = file.size or 0
    if size == 0:
        raise ValidationError({"file": f"The file {name} is empty."})
    if size > settings.PROPRIETY_MAX_UPLOAD_BYTES:
        raise ValidationError({"file": f"The file {name} is larger than {_limit_mb()}."})


def sha256_of(stream: IO[bytes] | File[Any]) -> str:
    digest = hashlib.sha256()
    if hasattr(stream, "chunks"):
        for chunk in stream.chunks(CHUNK):
            digest.update(chunk)
    else:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def store(document: Document, file: File[Any]) -> StoredFile:
    """Hash and save the file to the documents storage, and note it on the (unsaved) document."""
    original = safe_name(file.name or "")
    sha256 = sha256_of(file)
    content_type = (
        mimetypes.guess_type(original)[0]
        or getattr(file, "content_type", "")
        or "application/octet-stream"
    )
    document.file.save(original, file, save=False)
    document.file_name = original
    document.file_size = file.size
    document.file_sha256 = sha256
    document.file_content_type = content_type[:100]
    return StoredFile(str(document.file.name), original, file.size or 0, sha256, content_type)


def discard(stored: StoredFile) -> None:
    """Remove a stored file whose document was never written (the action failed)."""
    from django.core.files.storage import storages

    storages["documents"].delete(stored.name)


def file_response(document: Document) -> FileResponse:
    """Stream the document's file, always as a download and never sniffed as a page."""
    handle = document.file.open("rb")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.file_name or PurePath(str(document.file.name)).name,
        content_type=document.file_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
