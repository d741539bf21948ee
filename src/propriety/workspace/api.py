"""``/api/v1/search``: the search page's one interface, as JSON, paged like every list."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from propriety.api.auth import current_person
from propriety.api.paging import Paged, PageIn, paged
from propriety.api.schemas import READ_ERRORS
from propriety.workspace.search import Hit, search

router = Router(tags=["search"])


class SearchIn(Schema):
    q: str = Field(
        min_length=1,
        max_length=200,
        description="What to look for: words, all of which must match (the last may be the "
        "start of a word).",
    )


class HitOut(Schema):
    kind: str = Field(description="What it is: `Enquiry`, `Access request`, `Document`, ...")
    reference: str = Field(description="Its reference, e.g. `ENQ-12`.")
    title: str = Field(description="Its subject or title.")
    url: str = Field(description="Its page in Propriety (a path).")
    snippet: str = Field(description="A few words around the first match, if any.")


def _out(hit: Hit) -> HitOut:
    return HitOut(
        kind=hit.kind, reference=hit.reference, title=hit.title, url=hit.url, snippet=hit.snippet
    )


@router.get(
    "",
    response={200: Paged[HitOut], **READ_ERRORS},
    summary="Search the casework you can see",
    operation_id="search",
)
def search_casework(
    request: HttpRequest, query: Query[SearchIn], paging: Query[PageIn]
) -> Paged[HitOut]:
    """Enquiries, access requests, documents, press releases, concerns and correspondence
    that you may see (the same as their pages show you), best match first. PostgreSQL's
    full-text search or SQLite's FTS5 finds them; nothing you may not see is ever counted."""
    person = current_person(request)
    return paged(search(person, query.q, timezone.localdate()), paging, _out)
