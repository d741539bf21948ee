"""The account and operator pages are well formed (the checks of test_page_structure.py)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from propriety.councils.models import Council
from propriety.people.demo import OPERATOR_EMAIL, OPERATOR_PASSWORD
from propriety.people.invitations import issue_link
from propriety.people.models import Account, Person
from propriety.web.demo import load_demo

from .test_operators import pass_operator_two_factor
from .test_page_structure import _failures


def _pages(client: Client, urls: list[str], posts: dict[str, dict[str, str]]) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    for url, data in posts.items():
        response = client.post(url, data)
        assert response.status_code == 200, url
        pages[f"POST {url}"] = response.content.decode()
    return pages


def test_account_and_operator_pages_are_well_formed(db: None) -> None:
    kestrelford, _ = load_demo()
    operator = Client()
    operator.post(reverse("login"), {"username": OPERATOR_EMAIL, "password": OPERATOR_PASSWORD})
    set_up_page = _pages(operator, [reverse("operator:two_factor_setup")], {})
    pass_operator_two_factor(operator, Account.objects.get(email=OPERATOR_EMAIL))
    councils = [
        reverse("operator:council", kwargs={"council_id": c.pk}) for c in Council.objects.all()
    ]
    failures = _failures(set_up_page) + _failures(
        _pages(
            operator,
            [reverse("operator:councils"), reverse("operator:council_new"), *councils],
            {
                reverse("operator:council_new"): {"name": "x"},
                reverse("operator:two_factor_verify"): {"code": "12"},
                reverse("operator:replace_clerk", kwargs={"council_id": kestrelford.pk}): {},
                reverse("accounts:change_password"): {},
            },
        )
    )
    mo = Person.objects.for_council(kestrelford).get(email="monitoring-officer@kestrelford.example")
    link = issue_link(mo.account, purpose="reset")
    person = Client()
    person.force_login(mo)
    failures += _failures(
        _pages(
            person,
            [reverse("home"), reverse("accounts:change_password"), reverse("profile")],
            {reverse("accounts:change_password"): {"current_password": "x"}},
        )
    )
    anonymous = Client()
    failures += _failures(
        _pages(
            anonymous,
            [reverse("accounts:forgotten_password"), "/" + link.url.split("/", 3)[3]],
            {
                reverse("accounts:forgotten_password"): {"email": "nope"},
                "/" + link.url.split("/", 3)[3]: {"new_password1": "a"},
            },
        )
    )
    gone = anonymous.get(reverse("accounts:set_password", args=["not-a-token"]))
    failures += _failures({"broken link": gone.content.decode()})
    assert not failures, "\n".join(failures)
