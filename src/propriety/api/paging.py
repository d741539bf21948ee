"""The one paged response every API list returns: ``{count, page, pages, per_page, items}``.

An endpoint declares ``response={200: Paged[ItemOut], ...}``, takes
``paging: Query[PageIn]`` and returns ``paged(rows, paging, build)``, where
``build`` turns one row into its ``ItemOut``. Only the rows of the asked-for
page are built; ``count`` is the total across all pages, so a client knows how
many there are without fetching them all. A page past the end is empty (with
the true count), never an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import create_model

T = TypeVar("T")

API_PER_PAGE = 50
API_MAX_PER_PAGE = 200


class PageIn(Schema):
    page: int = Field(1, ge=1, description="Which page, from 1.")
    per_page: int = Field(
        API_PER_PAGE,
        ge=1,
        le=API_MAX_PER_PAGE,
        description=f"How many items a page holds (at most {API_MAX_PER_PAGE}).",
    )


def list_query(name: str, filters: Mapping[str, str], sorts: Mapping[str, str]) -> type[Schema]:
    """The query parameters of a list endpoint: its filters (name → what it means) and
    ``sort`` (the first of ``sorts`` is the default), the same as the list's page offers.
    Read them with ``web.list_controls.controls_from(query.dict(), ..., strict=True)``."""
    fields: dict[str, Any] = {
        key: (str | None, Field(None, description=text)) for key, text in filters.items()
    }
    ways = ", ".join(f"`{key}` ({label[0].lower()}{label[1:]})" for key, label in sorts.items())
    fields["sort"] = (
        str | None,
        Field(None, description=f"The order: {ways}. The first is the default."),
    )
    # Named apart from the class an endpoint declares on top of it (``class
    # ThingListQuery(list_query("ThingListQuery", ...))``): one name, one schema.
    model: type[Schema] = create_model(f"{name}Fields", __base__=Schema, **fields)
    return model


class Paged(Schema, Generic[T]):
    count: int = Field(description="How many items there are across every page.")
    page: int = Field(description="This page's number, from 1.")
    pages: int = Field(description="How many pages there are (at least 1).")
    per_page: int = Field(description="How many items a page holds.")
    items: list[T] = Field(description="The items on this page.")


def paged(
    rows: QuerySet[Any] | Sequence[Any], paging: PageIn, build: Callable[[Any], T]
) -> Paged[T]:
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    pages = max(1, -(-count // paging.per_page))
    start = (paging.page - 1) * paging.per_page
    # Past the end, ask the database nothing: an offset beyond 64 bits (page=10**20) is
    # an error in SQLite and PostgreSQL, and there is nothing there anyway.
    window = rows[start : start + paging.per_page] if start < count else []
    return Paged[T](
        count=count,
        page=paging.page,
        pages=pages,
        per_page=paging.per_page,
        items=[build(row) for row in window],
    )
