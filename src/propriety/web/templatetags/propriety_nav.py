"""The service navigation in every signed-in page's header (``{% service_navigation %}``),
and the links (``{% link %}``) and static files (``{% asset %}``) every page names.

Written in Python rather than as template tags: as eleven ``{% url %}`` tags and
some forty ``{% if %}`` nodes it was half the rendering of a page like the
Clerk's enquiry list (docs/performance.md, 6 December 2026, session 6). Each
item's markup, in both its states, is built once per process for the URL
configuration and script prefix in force (nothing in it depends on the person
or the request); each request only chooses which item is the current one and
which conditional items (set-up, "Can I…?", the registers) it shows. A conditional
item is shown by the very predicate its view opens with (``_SHOWN_WHEN``), so the
menu never offers a page that would answer "Page not found".
"""

from __future__ import annotations

import weakref
from typing import Any

from django import template
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import empty
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from propriety.conduct.access import can_ask

register = template.Library()

# Each item: its key, its URL's name, its label, and how the page marks it current:
# "page" (that very page) or "true" (a page within that part of the service).
_ITEMS = (
    ("home", "home", "Home", "page"),
    ("enquiries", "enquiries:list", "Enquiries", "true"),
    ("correspondence", "correspondence:list", "Correspondence", "true"),
    ("documents", "documents:list", "Documents", "true"),
    ("requests", "documents:requests", "Access requests", "true"),
    ("concerns", "concerns:list", "Concerns", "true"),
    ("press", "press:list", "Press", "true"),
    ("protocoltext", "protocoltext:text", "Protocol", "true"),
    ("setup", "setup:index", "Set up", "true"),
    ("conduct", "conduct:ask", "Can I…?", "true"),
    ("profile", "profile", "Your profile", "page"),
)
# The documents namespace holds the register (these pages) and the access requests (the rest).
_REGISTER_PAGES = frozenset({"list", "detail", "ask", "new", "import", "reclassify"})
# Items marked current by their page's URL name, not its namespace.
_BY_NAME = frozenset({"home", "profile"})

_SIGN_OUT = (
    '<li class="govuk-service-navigation__item">\n'
    '<form method="post" action="{}" class="app-sign-out">\n'
    "{}\n"
    '<button type="submit" class="govuk-service-navigation__link app-link-button">'
    "Sign out</button>\n</form>\n</li>\n"
)
_CSRF_FIELD = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'


def _markup(url: str, label: str, current: str) -> tuple[SafeString, SafeString]:
    """One item's markup: as any other page shows it, and on a page it is current for."""
    plain = format_html(
        '<li class="govuk-service-navigation__item">\n'
        '<a class="govuk-service-navigation__link" href="{}">{}</a>\n</li>\n',
        url,
        label,
    )
    here = format_html(
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\n'
        '<a class="govuk-service-navigation__link" href="{}" aria-current="{}">'
        '<strong class="govuk-service-navigation__active-fallback">{}</strong></a>\n</li>\n',
        url,
        current,
        label,
    )
    return plain, here


def _can_ask(context: template.Context) -> bool:
    """conduct.views._asker's rule: only serving members and officers ask "Can I…?"."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and can_ask(user, timezone.localdate()))


# Items shown only to some people: each by its view's own access rule.
_SHOWN_WHEN = {
    "setup": lambda context: bool(context.get("can_set_up")),
    "conduct": _can_ask,
}

_built: dict[tuple[Any, str], dict[str, tuple[SafeString, SafeString]]] = {}


def _items() -> dict[str, tuple[SafeString, SafeString]]:
    """Every item's markup for the URL configuration in force; an item whose URL does
    not exist there is left out (as ``{% url ... as %}`` leaves it blank)."""
    key = (get_urlconf(), get_script_prefix())
    items = _built.get(key)
    if items is None:
        items = {}
        for name, url_name, label, current in _ITEMS:
            try:
                items[name] = _markup(reverse(url_name), label, current)
            except NoReverseMatch:
                continue
        items["logout"] = (mark_safe(reverse("logout")), mark_safe(""))  # noqa: S308
        _built[key] = items
    return items


_registers: dict[tuple[Any, str, str, str], tuple[SafeString, SafeString]] = {}


def _register_item(url_name: str, label: str) -> tuple[SafeString, SafeString]:
    """A register's item (workspace.context_processors.register_links), built once."""
    cache_key = (get_urlconf(), get_script_prefix(), url_name, label)
    item = _registers.get(cache_key)
    if item is None:
        item = _registers[cache_key] = _markup(reverse(url_name), label, "true")
    return item


_links: dict[tuple[Any, str, str], str] = {}


@register.simple_tag
def link(name: str) -> str:
    """``{% url name %}`` for a URL that takes no arguments, reversed once per process for
    the URL configuration and script prefix in force (the header's and the lists' links:
    each ``{% url %}`` costs as much as rendering a dozen variables)."""
    key = (get_urlconf(), get_script_prefix(), name)
    url = _links.get(key)
    if url is None:
        url = _links[key] = reverse(name)
    return url


_assets: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], str]] = weakref.WeakKeyDictionary()


@register.simple_tag
def asset(path: str) -> str:
    """``{% static path %}``, worked out once per storage: the manifest's hashed names
    never change while a process runs (settings that change the storage replace it;
    the script prefix is part of the key)."""
    storage = staticfiles_storage._wrapped  # type: ignore[attr-defined]  # (LazyObject)
    if storage is empty:
        return static(path)
    urls = _assets.setdefault(storage, {})
    key = (get_script_prefix(), path)  # a relative STATIC_URL starts with the prefix
    url = urls.get(key)
    if url is None:
        url = urls[key] = static(path)
    return url


@register.simple_tag(takes_context=True)
def service_navigation(context: template.Context) -> SafeString:
    """The signed-in menu: the service's parts, the registers the person can use, set-up
    for those who may set the council up, their profile, and signing out."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match is not None else None
    namespace = match.namespace if match is not None else ""

    def current(item: str) -> bool:
        if item in _BY_NAME:
            return name == item
        if item == "documents":
            return namespace == "documents" and name in _REGISTER_PAGES
        if item == "requests":
            return namespace == "documents" and name not in _REGISTER_PAGES
        return namespace == item

    items = _items()
    order = [
        n for n, *_ in _ITEMS if n in items and (n not in _SHOWN_WHEN or _SHOWN_WHEN[n](context))
    ]
    at = order.index("protocoltext") if "protocoltext" in order else len(order)
    parts: list[str] = [items[n][current(n)] for n in order[:at]]
    for key, url_name, label in context.get("register_links") or ():
        parts.append(_register_item(url_name, label)[namespace == key])
    parts += [items[n][current(n)] for n in order[at:]]
    token = context.get("csrf_token")
    parts.append(
        format_html(
            _SIGN_OUT,
            items["logout"][0],
            # As {% csrf_token %}: no field where the view gave no token.
            format_html(_CSRF_FIELD, token) if token and token != "NOTPROVIDED" else "",  # noqa: S105
        )
    )
    return mark_safe("".join(parts))  # noqa: S308  (every part is escaped above)
