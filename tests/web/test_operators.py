"""Operators set up councils and their Clerks, from the command line and /operator/,
and never see a council's casework."""

from __future__ import annotations

import binascii
import json
import re
from typing import Any

import pytest
from click.testing import CliRunner
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.oath import TOTP

from propriety.audit.models import AuditEvent
from propriety.councils.models import Council
from propriety.people.accounts import SetPasswordLink
from propriety.people.cli import council, operator
from propriety.people.models import Account, AccountEvent, Person
from propriety.people.operators import current_clerks
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

LINK = re.compile(r"https?://\S+/account/set-password/[^/\s]+/")
NEW_PASSWORD = "clerk's own long passphrase 7"


def pass_operator_two_factor(client: Client, account: Account) -> None:
    """Give the operator an authenticator app (a known key) and enter its code now."""
    from propriety.people.operator_two_factor import OperatorDevice

    key = "3132333435363738393031323334353637383930"
    OperatorDevice.objects.update_or_create(
        account=account, defaults={"key": key, "last_t": -1, "failure_count": 0}
    )
    code = f"{TOTP(binascii.unhexlify(key)).token():06d}"
    response = client.post(reverse("operator:two_factor_verify"), {"code": code})
    assert response.status_code == 302, response.content.decode()[:2000]


def _operator_client(account: Account) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": account.email, "password": f.PASSWORD})
    assert response.status_code == 302 and response.url == reverse("operator:councils")
    pass_operator_two_factor(client, account)
    return client


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


# --- the command line ---------------------------------------------------------------


def test_operator_create_prints_a_working_link(db: None) -> None:
    result = CliRunner().invoke(operator, ["create", "--email", "Op@Example.org", "--name", "Op"])
    assert result.exit_code == 0, result.output
    account = Account.objects.get(email="op@example.org")
    assert account.is_operator and not account.has_usable_password()
    url = LINK.search(result.output)
    assert url, result.output
    client = Client()
    assert client.get(_path(url.group(0))).status_code == 200
    assert AccountEvent.objects.filter(action="operator.created", account=account).exists()


def test_operator_create_again_sends_a_new_link_and_says_what_it_did(db: None) -> None:
    """Run again for an operator who has not set a password (the email went astray): a new
    link, the old one closed; logged as an update, not a second promotion."""
    first = CliRunner().invoke(operator, ["create", "--email", "op@example.org"])
    again = CliRunner().invoke(operator, ["create", "--email", "op@example.org", "--name", "Op"])
    assert again.exit_code == 0, again.output
    account = Account.objects.get(email="op@example.org")
    assert account.full_name == "Op"
    links = SetPasswordLink.objects.filter(account=account).order_by("pk")
    assert [link.closed_because for link in links] == ["replaced", ""]
    assert LINK.findall(first.output) != LINK.findall(again.output)
    logged = AccountEvent.objects.filter(account=account).order_by("pk")
    assert [e.action for e in logged] == [
        "operator.created",
        "operator.invited",
        "operator.updated",
        "operator.invited",
    ]


def test_operator_create_rejects_a_bad_email(db: None) -> None:
    result = CliRunner().invoke(operator, ["create", "--email", "not-an-email"])
    assert result.exit_code == 2
    assert "is not an email address" in result.output
    assert not Account.objects.exists()


def _create(*extra: str) -> Any:
    args = [
        "create",
        "--name",
        "Ashby Parva Parish Council",
        "--kind",
        "parish",
        "--nation",
        "england",
        "--rulebook",
        "west-mersea",
        "--clerk-email",
        "clerk@ashby.example",
        *extra,
    ]
    return CliRunner().invoke(council, args)


def test_council_create_makes_the_council_its_clerk_and_an_invitation(db: None) -> None:
    result = _create("--clerk-name", "Alex Ashby")
    assert result.exit_code == 0, result.output
    made = Council.objects.get(name="Ashby Parva Parish Council")
    assert (made.kind, made.nation, made.rulebook, made.slug) == (
        "parish",
        "england",
        "west-mersea",
        "ashby-parva-parish-council",
    )
    (clerk,) = current_clerks(made)
    assert (clerk.full_name, clerk.email) == ("Alex Ashby", "clerk@ashby.example")
    assert [r.role for r in clerk.roles_on()] == [Role.PROPER_OFFICER]
    url = LINK.search(result.output)
    assert url
    link = SetPasswordLink.objects.get(person=clerk)
    assert link.purpose == "invitation" and link.is_open()
    actions = list(
        AuditEvent.objects.for_council(made).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [
        "council.created",
        "person.created",
        "role.assigned",
        "person.invited",
        "operator.council_created",
    ]
    summary = AuditEvent.objects.for_council(made).get(action="operator.council_created")
    assert summary.details["operator"] == {"via": "command line"}


def test_council_create_json(db: None) -> None:
    result = _create("--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["name"] == "Ashby Parva Parish Council"
    assert data["rulebook"] == "west-mersea"
    assert data["clerks"] == [{"name": "Clerk", "email": "clerk@ashby.example"}]
    assert data["invitation"]["email"] == "clerk@ashby.example"
    assert "/account/set-password/" in data["invitation"]["url"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rulebook", "no-such-book"], "there is no rulebook 'no-such-book'. Choose one of: "),
        (
            ["--rulebook", "national-model"],
            "'national-model' is a model that other rulebooks extend, not one a council adopts",
        ),
        (["--kind", "county"], "there is no kind of council 'county'. Choose one of: parish"),
        (["--nation", "mars"], "there is no nation 'mars'. Choose one of: england"),
        (["--clerk-email", "nope"], "'nope' is not an email address"),
    ],
)
def test_council_create_errors_exit_2_and_write_nothing(
    db: None, args: list[str], message: str
) -> None:
    base = {
        "--name": "Ashby Parva Parish Council",
        "--kind": "parish",
        "--nation": "england",
        "--rulebook": "west-mersea",
        "--clerk-email": "clerk@ashby.example",
    }
    base[args[0]] = args[1]
    result = CliRunner().invoke(council, ["create", *[x for kv in base.items() for x in kv]])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not Council.objects.exists()


def test_unknown_rulebook_lists_the_known_ones(db: None) -> None:
    result = _create()
    assert result.exit_code == 0
    bad = CliRunner().invoke(
        council,
        [
            "create",
            "--name",
            "X",
            "--kind",
            "town",
            "--nation",
            "england",
            "--rulebook",
            "nope",
            "--clerk-email",
            "a@b.example",
        ],
    )
    assert "acses-town" in bad.output and "west-mersea" in bad.output
    assert "national-model" not in bad.output


def test_a_duplicate_council_name_exits_2(db: None) -> None:
    assert _create().exit_code == 0
    again = _create()
    assert again.exit_code == 2
    assert "There is already a council called 'Ashby Parva Parish Council'." in again.output
    assert Council.objects.count() == 1


def test_council_list_plain_and_json(hollowmere: Hollowmere) -> None:
    plain = CliRunner().invoke(council, ["list"])
    assert plain.exit_code == 0
    assert "Hollowmere Parish Council" in plain.output
    assert "Clara Clerk <clerk@hollowmere.example>" in plain.output
    data = json.loads(CliRunner().invoke(council, ["list", "--json"]).output)
    assert data[0]["name"] == "Hollowmere Parish Council"
    assert data[0]["clerks"] == [{"name": "Clara Clerk", "email": "clerk@hollowmere.example"}]


def test_council_list_when_there_are_none(db: None) -> None:
    result = CliRunner().invoke(council, ["list"])
    assert "No councils yet" in result.output
    assert json.loads(CliRunner().invoke(council, ["list", "--json"]).output) == []


def test_createsuperuser_makes_an_operator(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long superuser passphrase")
    call_command(
        "createsuperuser",
        interactive=False,
        email="root@installation.example",
        full_name="Ruth Root",
        verbosity=0,
    )
    account = Account.objects.get(email="root@installation.example")
    assert account.is_operator and account.check_password("a long superuser passphrase")
    assert not Person.unscoped.filter(email=account.email).exists()


# --- the operator's pages -----------------------------------------------------------


def test_an_operator_signs_in_to_the_councils_page(
    operator: Account, hollowmere: Hollowmere
) -> None:
    client = _operator_client(operator)
    page = client.get(reverse("operator:councils"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hollowmere Parish Council" in html and "Clara Clerk" in html
    assert AccountEvent.objects.filter(action="operator.signed_in", account=operator).exists()


def test_an_operator_sets_up_a_council_from_the_page(
    operator: Account,
    db: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = _operator_client(operator)
    form = {
        "name": "Ashby Parva Parish Council",
        "kind": "parish",
        "nation": "england",
        "rulebook": "west-mersea",
        "principal_council_name": "Ashby District Council",
        "clerk_email": "clerk@ashby.example",
        "clerk_name": "Alex Ashby",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("operator:council_new"), form)
    made = Council.objects.get(name="Ashby Parva Parish Council")
    assert response.status_code == 302
    assert response.url == reverse("operator:council", kwargs={"council_id": made.pk})
    summary = AuditEvent.objects.for_council(made).get(action="operator.council_created")
    assert summary.details["operator"] == {"account": operator.pk, "email": operator.email}
    invited = AuditEvent.objects.for_council(made).get(action="person.invited")
    assert invited.details["operator"]["email"] == operator.email
    # The Clerk follows the emailed link, sets a password and signs in to the council.
    url = LINK.search(str(mail.outbox[-1].body))
    assert url and mail.outbox[-1].to == ["clerk@ashby.example"]
    clerk_client = Client()
    clerk_client.post(
        _path(url.group(0)), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    response = clerk_client.post(
        reverse("login"), {"username": "clerk@ashby.example", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    home = clerk_client.get(reverse("home"))
    assert home.context["council"] == made
    assert "Proper Officer / Clerk" in home.content.decode()


def test_the_council_form_keeps_what_was_typed_and_says_what_is_wrong(
    operator: Account, hollowmere: Hollowmere
) -> None:
    client = _operator_client(operator)
    response = client.post(
        reverse("operator:council_new"),
        {
            "name": "Hollowmere Parish Council",
            "kind": "parish",
            "nation": "england",
            "rulebook": "acses-town",
            "clerk_email": "someone@new.example",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is already a council called" in html
    assert 'value="someone@new.example"' in html
    empty = client.post(reverse("operator:council_new"), {}).content.decode()
    assert "Enter the council’s name" in empty and "Choose the council’s rulebook" in empty


def test_the_council_form_names_each_rulebook_by_its_protocol(operator: Account, db: None) -> None:
    """An operator choosing a council's rulebook sees each protocol's title beside its id,
    as the Clerk's own rulebook page does: "acses-town" alone tells them nothing."""
    from propriety.protocol import concrete_rulebook_names, rulebook

    client = _operator_client(operator)
    html = client.get(reverse("operator:council_new")).content.decode()
    for name in concrete_rulebook_names():
        label = f"{name}: {rulebook(name).title}".replace("'", "&#x27;")
        assert f'<option value="{name}">{label}</option>' in html, label


def test_an_operator_going_home_lands_on_their_councils(operator: Account, db: None) -> None:
    """The header's "Propriety" link and the error pages' "Go to the home page" lead to /:
    for an operator (no council's person) that is their councils, not the sign-in page."""
    client = _operator_client(operator)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("operator:councils")
    # Nobody signed in still goes to sign in.
    anonymous = Client().get(reverse("home"))
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))


def test_an_operator_reinvites_and_replaces_the_clerk(
    operator: Account, hollowmere: Hollowmere
) -> None:
    client = _operator_client(operator)
    h = hollowmere
    page = client.get(reverse("operator:council", kwargs={"council_id": h.council.pk}))
    # What replacing does, said plainly (it said the Clerk's role "ends yesterday").
    assert (
        "The current Clerk stops being the Clerk at once and loses the Clerk’s access: their "
        "role is recorded as ending yesterday." in page.content.decode()
    )
    url = reverse("operator:reinvite", kwargs={"council_id": h.council.pk, "person_id": h.clerk.pk})
    assert client.post(url).status_code == 302
    event = AuditEvent.objects.for_council(h.council).get(action="operator.clerk_reinvited")
    assert event.details["operator"]["email"] == operator.email
    # Only a current Clerk can be re-invited.
    wrong = reverse(
        "operator:reinvite", kwargs={"council_id": h.council.pk, "person_id": h.cllr_ward.pk}
    )
    assert client.post(wrong).status_code == 404

    response = client.post(
        reverse("operator:replace_clerk", kwargs={"council_id": h.council.pk}),
        {"clerk_email": "nova@hollowmere.example", "clerk_name": "Nova New"},
    )
    assert response.status_code == 302
    assert [p.full_name for p in current_clerks(h.council)] == ["Nova New"]
    event = AuditEvent.objects.for_council(h.council).get(action="operator.clerk_replaced")
    assert event.details["ended"] == [h.clerk.pk]
    assert event.details["operator"]["account"] == operator.pk


def test_people_who_are_not_operators_get_not_found_on_operator_pages(
    hollowmere: Hollowmere,
) -> None:
    client = Client()
    client.force_login(hollowmere.clerk)
    assert client.get(reverse("operator:councils")).status_code == 404


def _casework_urls() -> list[str]:
    """Every page URL outside signing in, accounts and /operator/, ids 1–3 where it takes one."""
    urls: list[str] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if str(p.pattern).startswith(("api/", "operator/", "account/")):
                    continue
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name and p.name not in ("login", "logout"):
                name = f"{namespace}{p.name}"
                keys = list(p.pattern.regex.groupindex)
                if not keys:
                    urls.append(reverse(name))
                for n in (1, 2, 3) if keys else ():
                    urls.append(reverse(name, kwargs=dict.fromkeys(keys, n)))

    walk(get_resolver().url_patterns, "")
    return urls


def test_an_operator_cannot_read_any_casework(operator: Account, hollowmere: Hollowmere) -> None:
    from .test_permission_table import _case_objects

    h = hollowmere
    _case_objects(h.council, h.cllr_ward, h.officer_junior, h.clerk, h.planning)
    client = _operator_client(operator)
    urls = _casework_urls()
    assert len(urls) > 30
    opened = []
    for url in urls:
        response = client.get(url)
        # Sent to sign in as a council member, or "not found" (pages reached by a
        # secret in the URL, such as calendar feeds); never a page. The home page sends
        # an operator to their own councils.
        to_sign_in = response.status_code == 302 and response.url.startswith(reverse("login"))
        to_councils = response.status_code == 302 and response.url == reverse("operator:councils")
        if not (
            to_sign_in or (url == reverse("home") and to_councils) or response.status_code == 404
        ):
            opened.append((url, response.status_code))
    assert not opened, f"An operator reached casework: {opened}"
    # The API takes personal tokens only; an operator session is not one.
    assert client.get("/api/v1/enquiries").status_code == 401
    # Nor do the operator's own pages show any: the council page has no case in it.
    html = client.get(reverse("operator:council", kwargs={"council_id": h.council.pk})).content
    assert b"Street lights" not in html and b"Wendy Ward" not in html


@pytest.mark.django_db(transaction=True)
def test_council_create_json_stays_parseable_when_emails_print_to_the_console(
    settings: Any,
) -> None:
    # Committed for real, so the invitation is sent inside the command, as in use.
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    result = _create("--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["invitation"]["email"] == "clerk@ashby.example"
    assert "Subject: Your invitation to Ashby Parva Parish Council" in result.stderr


def test_the_demo_links_emails_to_the_port_it_serves_on(
    db: None, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    import propriety.web.demo as web_demo
    from propriety.web import cli as web_cli

    settings.PROPRIETY_BASE_URL = "http://127.0.0.1:8000"  # restored after the test
    monkeypatch.delenv("PROPRIETY_BASE_URL", raising=False)
    monkeypatch.setattr(web_demo, "load_demo", lambda: (Council(name="Demo", rulebook="x"), False))
    monkeypatch.setattr(web_demo, "demo_sign_ins", lambda: [])
    monkeypatch.setattr(web_cli, "_migrate", lambda: None)
    served: list[tuple[str, int]] = []
    monkeypatch.setattr(web_cli, "_runserver", lambda host, port: served.append((host, port)))
    monkeypatch.setattr(web_cli, "_start_ticking", lambda every: None)
    result = CliRunner().invoke(web_cli.demo, ["--serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served == [("127.0.0.1", 8123)]
    from django.conf import settings as live

    assert live.PROPRIETY_BASE_URL == "http://127.0.0.1:8123"


def test_a_clerk_who_is_also_an_operator_reaches_both(
    hollowmere: Hollowmere, settings: Any
) -> None:
    from propriety.people.operators import do_create_operator

    # Where two-factor sign-in is a must for operators, that is tested with it.
    settings.PROPRIETY_TWO_FACTOR_FOR_OPERATORS = False

    do_create_operator(email=hollowmere.clerk.email, acting_account=None)
    client = Client()
    client.post(reverse("login"), {"username": hollowmere.clerk.email, "password": f.PASSWORD})
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("operator:councils")).status_code == 200
    assert reverse("operator:councils") in client.get(reverse("profile")).content.decode()
    # Promoting an existing account keeps its password: no invitation is made.
    assert not SetPasswordLink.objects.filter(account=hollowmere.clerk.account).exists()


def test_operator_create_can_prompt_for_the_password(db: None) -> None:
    result = CliRunner().invoke(
        operator,
        ["create", "--email", "op@example.org", "--password-prompt"],
        input="a long operator passphrase\na long operator passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "They sign in with their existing password." in result.output
    assert Account.objects.get(email="op@example.org").check_password("a long operator passphrase")
    short = CliRunner().invoke(
        operator, ["create", "--email", "op2@example.org", "--password-prompt"], input="abc\nabc\n"
    )
    assert short.exit_code == 2 and "too short" in short.output
    assert not Account.objects.filter(email="op2@example.org").exists()


def test_the_councils_list_pages(operator: Account, db: None) -> None:
    for n in range(26):
        f.make_council(f"Council {n:02d}", slug=f"council-{n:02d}")
    client = _operator_client(operator)
    first = client.get(reverse("operator:councils")).content.decode()
    second = client.get(reverse("operator:councils") + "?page=2").content.decode()
    assert "Council 00" in first and "Council 25" not in first
    assert "Council 25" in second and "Showing 26 to 26 of 26 councils" in second
