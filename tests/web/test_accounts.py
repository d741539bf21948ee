"""Accounts: invitations, password resets, changing a password, and the sign-in error."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from propriety.audit.models import AuditEvent
from propriety.people.accounts import SetPasswordLink
from propriety.people.actions import do_create_person
from propriety.people.invitations import do_invite_person, issue_link
from propriety.people.models import Account, AccountEvent, Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

NEW_PASSWORD = "a much longer new passphrase 42"
LINK = re.compile(r"https?://\S+/account/set-password/[^/\s]+/")


def _new_clerk(h: Hollowmere) -> Person:
    person = do_create_person(
        h.council, email="New.Clerk@Hollowmere.example", full_name="Nina New", acting_user=None
    )
    from propriety.people.actions import do_assign_role

    do_assign_role(person, role=Role.DEPUTY_CLERK, starts_on=f.TERM_STARTS, acting_user=None)
    return person


def _link_in(message: mail.EmailMessage) -> str:
    found = LINK.search(str(message.body))
    assert found, message.body
    return found.group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _sign_in(client: Client, email: str, password: str) -> int:
    return client.post(reverse("login"), {"username": email, "password": password}).status_code


@pytest.fixture
def invited(hollowmere: Hollowmere, django_capture_on_commit_callbacks) -> tuple[Person, str]:  # type: ignore[no-untyped-def]
    person = _new_clerk(hollowmere)
    with django_capture_on_commit_callbacks(execute=True):
        do_invite_person(person, acting_user=hollowmere.clerk)
    return person, _link_in(mail.outbox[-1])


@override_settings(PROPRIETY_BASE_URL="https://propriety.hollowmere.example")
def test_an_invitation_emails_a_link_on_the_base_url_and_stores_only_its_hash(
    hollowmere: Hollowmere,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    person = _new_clerk(hollowmere)
    assert not person.account.has_usable_password()
    with django_capture_on_commit_callbacks(execute=True):
        issued = do_invite_person(person, acting_user=hollowmere.clerk)
    message = mail.outbox[-1]
    assert message.to == ["new.clerk@hollowmere.example"]
    assert "Hollowmere Parish Council" in message.subject
    url = _link_in(message)
    assert url == issued.url
    assert url.startswith("https://propriety.hollowmere.example/account/set-password/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    link = SetPasswordLink.objects.get(account=person.account)
    assert token not in link.token_hash and len(link.token_hash) == 64
    assert link.expires_at - link.created_at == datetime.timedelta(days=7)
    event = AuditEvent.objects.for_council(hollowmere.council).latest("pk")
    assert (event.action, event.actor, event.object_id) == (
        "person.invited",
        hollowmere.clerk,
        str(person.pk),
    )


def test_following_the_invitation_sets_the_password_once(
    invited: tuple[Person, str], client: Client
) -> None:
    person, url = invited
    page = client.get(_path(url))
    assert page.status_code == 200
    assert "You have been invited to Hollowmere Parish Council" in page.content.decode()
    response = client.post(
        _path(url), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response.url == reverse("login")
    # The sign-in page says, in plain words, what to sign in with.
    assert (
        "Your password has been set. Sign in with your email address and your new password."
        in client.get(response.url).content.decode()
    )
    assert _sign_in(Client(), person.email, NEW_PASSWORD) == 302
    assert (
        AuditEvent.objects.for_council(person.council)
        .filter(action="person.invitation_accepted", object_id=str(person.pk))
        .exists()
    )
    assert AccountEvent.objects.filter(
        action="account.password_set", account=person.account
    ).exists()
    # Reused: the link has done its work.
    again = client.post(_path(url), {"new_password1": "x" * 20, "new_password2": "x" * 20})
    assert again.status_code == 404
    assert "This link does not work" in again.content.decode()
    assert _sign_in(Client(), person.email, NEW_PASSWORD) == 302


def test_an_expired_link_does_not_work(invited: tuple[Person, str], client: Client) -> None:
    person, url = invited
    SetPasswordLink.objects.filter(account=person.account).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(_path(url)).status_code == 404
    response = client.post(
        _path(url), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 404
    person.account.refresh_from_db()
    assert not person.account.has_usable_password()


@pytest.mark.parametrize("change", ["last", "first", "truncate", "extend"])
def test_a_tampered_link_does_not_work(
    invited: tuple[Person, str], client: Client, change: str
) -> None:
    _, url = invited
    path = _path(url)
    token = path.rstrip("/").rsplit("/", 1)[1]
    altered = {
        "last": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "first": ("A" if token[0] != "A" else "B") + token[1:],
        "truncate": token[:-4],
        "extend": token + "x",
    }[change]
    assert client.get(reverse("accounts:set_password", args=[altered])).status_code == 404
    # The real one still works.
    assert client.get(path).status_code == 200


def test_a_new_invitation_replaces_the_old_link(
    invited: tuple[Person, str], hollowmere: Hollowmere, client: Client
) -> None:
    person, old = invited
    do_invite_person(person, acting_user=hollowmere.clerk)
    assert client.get(_path(old)).status_code == 404
    assert SetPasswordLink.objects.get(account=person.account, closed_at__isnull=True)


def test_the_new_password_must_pass_the_validators_and_match(
    invited: tuple[Person, str], client: Client
) -> None:
    _, url = invited
    short = client.post(_path(url), {"new_password1": "abc", "new_password2": "abc"})
    assert short.status_code == 200
    assert "This password is too short" in short.content.decode()
    differ = client.post(
        _path(url), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "!"}
    )
    assert "The two passwords do not match" in differ.content.decode()
    # Neither used the link up.
    assert client.get(_path(url)).status_code == 200


# --- forgotten password -------------------------------------------------------------


def test_forgotten_password_says_the_same_whether_or_not_the_address_exists(
    hollowmere: Hollowmere,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    pages = []
    for email in (hollowmere.cllr_ward.email, "nobody@nowhere.example"):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post(reverse("accounts:forgotten_password"), {"email": email})
        assert response.status_code == 200
        pages.append(response.content.decode().replace(email, "EMAIL"))
    assert pages[0] == pages[1]
    assert "Check your email" in pages[0]
    assert [m.to for m in mail.outbox] == [[hollowmere.cllr_ward.email]]


def test_a_reset_link_sets_a_new_password_and_ends_other_sessions(
    hollowmere: Hollowmere,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    email = hollowmere.cllr_ward.email
    elsewhere = Client()
    assert _sign_in(elsewhere, email, f.PASSWORD) == 302
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("accounts:forgotten_password"), {"email": email.upper()})
    url = _link_in(mail.outbox[-1])
    link = SetPasswordLink.objects.get(account=hollowmere.cllr_ward.account)
    assert link.purpose == "reset"
    assert link.expires_at - link.created_at == datetime.timedelta(hours=24)
    response = Client().post(
        _path(url), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert _sign_in(Client(), email, f.PASSWORD) == 200
    assert _sign_in(Client(), email, NEW_PASSWORD) == 302
    assert elsewhere.get(reverse("home")).status_code == 302


def test_a_disabled_account_gets_no_reset_email(hollowmere: Hollowmere) -> None:
    account = hollowmere.cllr_ward.account
    Account.objects.filter(pk=account.pk).update(is_active=False)
    Client().post(reverse("accounts:forgotten_password"), {"email": account.email})
    assert mail.outbox == []
    assert not SetPasswordLink.objects.filter(account=account).exists()


def test_forgotten_password_needs_an_email_address() -> None:
    response = Client().post(reverse("accounts:forgotten_password"), {"email": "not an email"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.content.decode()


# --- signing in and changing the password --------------------------------------------


@pytest.mark.parametrize("which", ["password", "email"])
def test_the_sign_in_error_says_the_email_or_password_was_wrong(
    hollowmere: Hollowmere, which: str
) -> None:
    email = hollowmere.clerk.email if which == "password" else "someone@else.example"
    password = "wrong password" if which == "password" else f.PASSWORD
    response = Client().post(reverse("login"), {"username": email, "password": password})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The email address or password is wrong. Check them and try again." in html
    # What was typed stays in the form (the email, never the password).
    assert f'value="{email}"' in html
    assert password not in html


def test_sign_in_page_links_to_forgotten_password(db: None) -> None:
    html = Client().get(reverse("login")).content.decode()
    assert reverse("accounts:forgotten_password") in html


def test_changing_the_password_keeps_this_session_and_ends_the_others(
    hollowmere: Hollowmere,
) -> None:
    email = hollowmere.officer_junior.email
    here, elsewhere = Client(), Client()
    assert _sign_in(here, email, f.PASSWORD) == 302
    assert _sign_in(elsewhere, email, f.PASSWORD) == 302
    wrong = here.post(
        reverse("accounts:change_password"),
        {
            "current_password": "not it",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert "Your current password is wrong" in wrong.content.decode()
    response = here.post(
        reverse("accounts:change_password"),
        {
            "current_password": f.PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert here.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home")).status_code == 302
    assert _sign_in(Client(), email, NEW_PASSWORD) == 302
    assert AccountEvent.objects.filter(
        action="account.password_changed", account=hollowmere.officer_junior.account
    ).exists()


def test_the_password_change_page_asks_anonymous_visitors_to_sign_in(db: None) -> None:
    response = Client().get(reverse("accounts:change_password"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- people and accounts ----------------------------------------------------------------


def test_adding_someone_to_a_second_council_reuses_their_account(
    hollowmere: Hollowmere, fernley: object
) -> None:
    clerk = hollowmere.clerk
    again = f.make_person(fernley, Role.STAFF, name="Clara C.", email=clerk.email.upper())  # type: ignore[arg-type]
    assert again.account == clerk.account
    assert again.email == clerk.email
    assert Account.objects.filter(email=clerk.email).count() == 1
    # Per council: the same address twice in one council is refused.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        f.make_person(hollowmere.council, Role.STAFF, email=clerk.email)


def test_disabling_a_person_in_one_council_leaves_the_account_working_elsewhere(
    many: object,
) -> None:
    from propriety.people.actions import do_disable_person

    people = many
    do_disable_person(people.hollowmere, acting_user=None)  # type: ignore[attr-defined]
    client = Client()
    assert _sign_in(client, people.fernley.email, f.PASSWORD) == 302  # type: ignore[attr-defined]
    assert client.get(reverse("home")).context["council"] == people.fernley.council  # type: ignore[attr-defined]


def test_issue_link_closes_earlier_links(hollowmere: Hollowmere) -> None:
    account = hollowmere.clerk.account
    first = issue_link(account, purpose="reset")
    second = issue_link(account, purpose="reset")
    first.link.refresh_from_db()
    assert first.link.closed_because == "replaced"
    assert second.link.is_open()


def test_an_invitation_to_someone_with_a_password_says_to_use_it(
    hollowmere: Hollowmere, fernley: Any, django_capture_on_commit_callbacks: Any
) -> None:
    again = f.make_person(fernley, Role.STAFF, email=hollowmere.clerk.email)
    with django_capture_on_commit_callbacks(execute=True):
        do_invite_person(again, acting_user=None)
    body = str(mail.outbox[-1].body)
    assert "You have been added to Fernley Parish Council" in body
    assert "You already have a Propriety account" in body
    # The old password still works until they choose to use the link.
    assert _sign_in(Client(), again.email, f.PASSWORD) == 302
