"""One person, many councils: one sign-in, a switcher in the header, and every rule per council."""

from __future__ import annotations

import itertools
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from propriety.audit.models import AuditEvent
from propriety.councils.tenancy import CouncilOwned
from propriety.people.actions import do_create_api_token, do_end_role
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere, ManyCouncils
from .test_permission_table import World, world  # noqa: F401  (fixture)
from .test_permission_table_concerns import concern_world
from .test_permission_table_press import press_world  # noqa: F401  (fixture)


def _sign_in(email: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": email, "password": f.PASSWORD})
    assert response.status_code == 302, response.content
    return client


def _council_of(client: Client) -> Any:
    return client.get(reverse("home")).context["council"]


def test_a_one_council_person_sees_no_switcher(hollowmere: Hollowmere) -> None:
    client = _sign_in(hollowmere.clerk.email)
    assert b"Switch council" not in client.get(reverse("home")).content


def test_the_switcher_moves_the_session_to_the_other_council(many: ManyCouncils) -> None:
    client = _sign_in(many.hollowmere.email)
    first = _council_of(client)
    html = client.get(reverse("home")).content.decode()
    assert "Switch council" in html
    assert "Hollowmere Parish Council" in html and "Fernley Parish Council" in html
    other = many.fernley if first == many.hollowmere.council else many.hollowmere
    response = client.post(reverse("accounts:switch"), {"council": other.council.pk})
    assert response.status_code == 302 and response.url == reverse("home")
    assert _council_of(client) == other.council
    assert client.get(reverse("home")).wsgi_request.user == other
    event = AuditEvent.objects.for_council(other.council).latest("pk")
    assert (event.action, event.actor) == ("person.switched_council", other)
    assert event.details["from_council"] == first.pk
    # The next sign-in lands in the council used last.
    assert _council_of(_sign_in(many.hollowmere.email)) == other.council


def test_switching_to_a_council_without_a_current_role_is_not_found(
    many: ManyCouncils, hollowmere: Hollowmere
) -> None:
    client = _sign_in(many.hollowmere.email)
    # A council where the account holds nothing.
    response = client.post(reverse("accounts:switch"), {"council": 999_999})
    assert response.status_code == 404
    # Someone else's council membership does not count either.
    lone = _sign_in(hollowmere.cllr_ward.email)
    assert (
        lone.post(reverse("accounts:switch"), {"council": many.fernley.council_id}).status_code
        == 404
    )
    # A role that has ended takes the council out of the switcher.
    (term,) = many.fernley.role_assignments.all()
    do_end_role(term, ends_on=f.TERM_STARTS, acting_user=None)
    assert (
        client.post(reverse("accounts:switch"), {"council": many.fernley.council_id}).status_code
        == 404
    )
    assert b"Switch council" not in client.get(reverse("home")).content


def test_sign_in_lands_in_a_council_with_a_current_role(many: ManyCouncils) -> None:
    for person in (many.hollowmere, many.fernley):
        (term,) = person.role_assignments.all()
        do_end_role(term, ends_on=f.TERM_STARTS, acting_user=None)
        others = [p for p in (many.hollowmere, many.fernley) if p != person]
        assert _council_of(_sign_in(person.email)) == others[0].council
        # Give it back for the next round.
        from propriety.people.actions import do_assign_role

        do_assign_role(person, role=Role.PROPER_OFFICER, starts_on=f.TERM_STARTS, acting_user=None)


def test_an_api_token_acts_for_one_council(many: ManyCouncils, hollowmere: Hollowmere) -> None:
    _, key = do_create_api_token(many.fernley, name="Fernley only", acting_user=many.fernley)
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["council"]["name"] == "Fernley Parish Council"


def _detail_urls() -> list[tuple[str, list[str]]]:
    """Every page URL that takes object ids, with the names of its id arguments."""
    found: list[tuple[str, list[str]]] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if str(p.pattern).startswith(("api/", "operator/", "account/")):
                    continue
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                converters = p.pattern.converters
                keys = [k for k, c in converters.items() if c.regex == "[0-9]+"]
                if keys:
                    found.append((f"{namespace}{p.name}", list(converters)))

    walk(get_resolver().url_patterns, "")
    return found


# URL arguments that are not ids, with the values they take.
OTHER_ARGS = {"kind": ("committees", "wards", "groups")}


def _ids_of(council: Any) -> set[int]:
    """The primary keys of every row the council owns (the audit trail aside)."""
    ids: set[int] = set()
    for model in CouncilOwned.__subclasses__() + [
        m for c in CouncilOwned.__subclasses__() for m in c.__subclasses__()
    ]:
        if model._meta.abstract or model.__name__ == "AuditEvent":
            continue
        ids.update(model.unscoped.filter(council=council).values_list("pk", flat=True))
    return ids


def _probe(client: Client, ids: set[int], forbidden: list[str], wanted: list[str]) -> list[str]:
    """GET every id page with every id; return leaks. Asserts the probe saw its own data."""
    leaks: list[str] = []
    seen_own = set()
    for name, keys in _detail_urls():
        urls: list[str] = []
        for pk in sorted(ids):
            # Id arguments get the id; the set-up pages' kind of body gets each kind in turn.
            ints = [k for k in keys if k not in OTHER_ARGS]
            choices = [OTHER_ARGS[k] for k in keys if k in OTHER_ARGS] or [("",)]
            for extra in itertools.product(*choices):
                kwargs = dict.fromkeys(ints, pk)
                kwargs.update(zip([k for k in keys if k in OTHER_ARGS], extra, strict=False))
                urls.append(reverse(name, kwargs=kwargs))
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 404, 405), (url, response.status_code)
            if response.status_code == 405:
                break  # a form's POST-only URL: nothing to see
            if response.status_code != 200:
                continue
            html = response.content.decode()
            leaks += [f"{url}: {word}" for word in forbidden if word in html]
            seen_own.update(word for word in wanted if word in html)
    assert seen_own, "the probe never opened a page of the current council"
    return leaks


def test_a_many_council_person_sees_only_the_current_councils_data(
    many: ManyCouncils,
    hollowmere: Hollowmere,
    fernley: Any,
    world: World,  # noqa: F811
    press_world: World,  # noqa: F811
) -> None:
    concern_world(hollowmere, fernley)
    fernley_people = [p.full_name for p in Person.unscoped.filter(council=fernley)]
    fernley_only = sorted({n for n in fernley_people if n.startswith("Fern ")})
    hollowmere_only = ["Clara Clerk", "Charles Chair", "Wendy Ward", "Jo Junior"]
    assert fernley_only, fernley_people
    every_id = _ids_of(hollowmere.council) | _ids_of(fernley)

    client = _sign_in(many.hollowmere.email)
    if _council_of(client) != hollowmere.council:
        client.post(reverse("accounts:switch"), {"council": hollowmere.council.pk})
    assert _probe(client, every_id, fernley_only, hollowmere_only) == []

    client.post(reverse("accounts:switch"), {"council": fernley.pk})
    assert _council_of(client) == fernley
    assert _probe(client, every_id, hollowmere_only, fernley_only) == []


def test_token_create_asks_which_council_for_a_many_council_person(many: ManyCouncils) -> None:
    from click.testing import CliRunner

    from propriety.people.models import ApiToken
    from propriety.web.cli import token

    email = many.hollowmere.email
    result = CliRunner().invoke(token, ["create", email])
    assert result.exit_code == 2
    assert "Choose it with --council (one of: fernley, hollowmere)" in result.output
    result = CliRunner().invoke(token, ["create", email, "--council", "fernley"])
    assert result.exit_code == 0, result.output
    assert ApiToken.unscoped.get().person == many.fernley


def test_when_access_ends_in_one_council_the_session_moves_to_another(
    many: ManyCouncils,
) -> None:
    client = _sign_in(many.hollowmere.email)
    current = many.hollowmere if _council_of(client) == many.hollowmere.council else many.fernley
    other = many.fernley if current == many.hollowmere else many.hollowmere
    (term,) = current.role_assignments.all()
    do_end_role(term, ends_on=f.TERM_STARTS, acting_user=None)
    response = client.get(reverse("home"), follow=True)
    assert response.context["council"] == other.council
    assert f"Your access to {current.council} has ended" in response.content.decode()


def test_the_switcher_names_the_council_it_is_on_in_readable_colours(many: ManyCouncils) -> None:
    """The header is white on black; the switcher's select sets its own dark-on-white colours.

    Those colours must come from the stylesheet: the Content-Security-Policy
    (``style-src 'self'``) makes browsers ignore a ``style`` attribute, which left the
    select white on white, so a Clerk or Monitoring Officer serving several councils could
    not read which council they were in.
    """
    from pathlib import Path

    import propriety.web

    client = _sign_in(many.hollowmere.email)
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    switcher = html[html.index('id="switch-council"') - 200 : html.index("Switch council</button>")]
    assert "style=" not in switcher
    assert "app-council-switcher__select" in switcher
    css = (Path(propriety.web.__file__).parent / "static/propriety/app.css").read_text()
    rule = css[css.index(".app-council-switcher__select") :]
    rule = rule[: rule.index("}")]
    assert "color: #0b0c0c" in rule and "background-color: #fff" in rule
