"""PDFs with WeasyPrint: HTML and CSS in, a tagged PDF out, with nothing fetched."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # Everything a PDF needs is inline: refuse to fetch anything, so a link in a case's
    # text can never make the server reach out.
    raise ValueError(f"Propriety's PDFs fetch nothing ({url})")


def pdf_bytes(html: str, *, base_url: str = "") -> bytes:
    from weasyprint import HTML

    return bytes(
        HTML(string=html, base_url=base_url or None, url_fetcher=_no_fetch).write_pdf(
            pdf_variant="pdf/ua-1"
        )
    )


def pdf_response(html: str, *, name: str, base_url: str = "", inline: bool = False) -> HttpResponse:
    day = timezone.localdate().isoformat()
    response = HttpResponse(pdf_bytes(html, base_url=base_url), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}-{day}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
