"""``propriety manage``, ``serve``, ``demo``, ``token`` and ``tick``: the commands that need Django.

Django is imported inside each command, never at module level: ``propriety
decide`` and the other core commands must start without it.
"""

from __future__ import annotations

import datetime
import logging
import os
import threading
import time

import click

from propriety.people import cli as people_cli

DEFAULT_SETTINGS = "propriety.web.settings.dev"
DEMO_URL_HOST = "127.0.0.1"
DEMO_PORT = 8000
DEFAULT_TICK_EVERY = 60  # minutes between runs of the clock work under ``serve``

log = logging.getLogger("propriety.tick")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# A port a server can listen on: anything else is click's one-line error before any work.
PORT = click.IntRange(1, 65535)


def _runserver(host: str, port: int) -> None:
    from django.core.management import CommandError, call_command

    click.echo(f"Propriety is running at http://{host}:{port}/ (press Ctrl-C to stop).")
    # --noreload: the command line has already set everything up, and the
    # autoreloader would re-run it in a child process.
    try:
        call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=False)
    except CommandError as error:  # e.g. --host that is not an address
        click.echo(f"Error: {error}", err=True)
        raise SystemExit(2) from None


def _tick_once() -> None:
    """Run the clock work once; log a failure instead of raising (the server keeps going)."""
    from django.db import connections

    try:
        from propriety.enquiries.tick import tick

        report = tick()
        click.echo(f"Clock work: {report.summary()}")
        from propriety.audit.checkpointing import scheduled_checkpoints

        click.echo(scheduled_checkpoints())
    except Exception:
        log.exception("The clock work failed; it will be tried again at the next run.")
    finally:
        # This thread's own database connection; the next run opens a fresh one.
        connections.close_all()


def _start_ticking(every_minutes: int) -> threading.Thread | None:
    """Run the clock work now and then every ``every_minutes`` in a daemon thread (0: never)."""
    if every_minutes <= 0:
        return None

    def run() -> None:
        while True:
            _tick_once()
            time.sleep(every_minutes * 60)

    thread = threading.Thread(target=run, name="propriety-tick", daemon=True)
    thread.start()
    return thread


_tick_every_option = click.option(
    "--tick-every",
    default=DEFAULT_TICK_EVERY,
    show_default=True,
    type=click.IntRange(min=0),
    help="Minutes between runs of the clock work (reminders, escalations, closing "
    "enquiries); 0 turns it off, e.g. when cron runs `propriety tick`.",
)


@click.command(
    "manage",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (propriety manage migrate, check, shell...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["propriety manage", *args])


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=PORT, help="Port to listen on.")
@_tick_every_option
@click.option(
    "--production",
    is_flag=True,
    help="Serve with gunicorn and the production settings (docs/operations.md).",
)
@click.option("--workers", type=click.IntRange(min=1), help="gunicorn workers (--production).")
@click.option(
    "--timeout",
    default=60,
    show_default=True,
    type=click.IntRange(min=1),
    help="Seconds one request may take before its worker is replaced (--production).",
)
def serve(
    host: str, port: int, tick_every: int, production: bool, workers: int | None, timeout: int
) -> None:
    """Apply migrations, then run the web application (development server unless --production)."""
    if production:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "propriety.web.settings.production")
    _setup_django()
    _migrate()
    if not production:
        _start_ticking(tick_every)
        _runserver(host, port)
        return
    from django.core.management import call_command

    from propriety.web import production_server

    call_command("collectstatic", interactive=False, verbosity=0)
    production_server.run(
        host,
        port,
        workers=workers or production_server.default_workers(),
        timeout=timeout,
        # In the master, once the workers are up; it closes its connection after each run.
        when_ready=lambda: _start_ticking(tick_every),
    )


@click.command("demo")
@click.option("--serve", "serve_too", is_flag=True, help="Start the web server afterwards.")
@click.option("--reset", is_flag=True, help="Empty the database first, then load the demo.")
@click.option("--port", default=DEMO_PORT, show_default=True, type=PORT)
@_tick_every_option
def demo(serve_too: bool, reset: bool, port: int, tick_every: int) -> None:
    """Load the demo council (Kestrelford Town Council) and show its sign-ins."""
    # The demo sends no mail: it keeps it for the Clerk's "Mail sent" page.
    os.environ.setdefault("PROPRIETY_MAIL_SINK", "true")
    os.environ.setdefault("PROPRIETY_EMAIL_BACKEND", "propriety.mail.sink.SinkEmailBackend")
    _setup_django()
    from django.core.management import call_command

    _migrate()
    if reset:
        call_command("flush", interactive=False, verbosity=0)
    from propriety.web.demo import demo_sign_ins, load_demo

    council, created = load_demo()
    if not os.environ.get("PROPRIETY_BASE_URL"):
        # Links in the demo's emails point at the address it serves on.
        from django.conf import settings

        settings.PROPRIETY_BASE_URL = f"http://{DEMO_URL_HOST}:{port}"
    click.echo(
        f"{'Loaded' if created else 'Already loaded:'} {council.name} "
        f"(rulebook {council.rulebook})."
    )
    click.echo(f"\nOpen http://{DEMO_URL_HOST}:{port}/ and sign in as any of these:\n")
    rows = [(s.email, s.password, s.role) for s in demo_sign_ins()]
    widths = [max(len(r[i]) for r in [*rows, ("Email", "Password", "Role")]) for i in range(3)]
    header = ("Email", "Password", "Role")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    if serve_too:
        click.echo("")
        _start_ticking(tick_every)
        _runserver(DEMO_URL_HOST, port)


@click.group("token")
def token() -> None:
    """Create and revoke personal API tokens."""


@token.command("create")
@click.argument("email")
@click.option(
    "--name",
    default="Created at the command line",
    show_default=True,
    help="What the token is for, so its person can tell their tokens apart.",
)
@click.option(
    "--council",
    "council_slug",
    default="",
    help="The council the token acts for (its slug), when the person serves several.",
)
def token_create(email: str, name: str, council_slug: str) -> None:
    """Create an API token for the person with EMAIL and print its key (shown only once)."""
    if not name.strip():  # the model's own message ("This field cannot be blank.") names no option
        click.echo(
            "Error: give the token a name with --name (what it is for); no token was created.",
            err=True,
        )
        raise SystemExit(2)
    _setup_django()
    from django.core.exceptions import ValidationError

    from propriety.people.access import access_ended_reason
    from propriety.people.actions import do_create_api_token
    from propriety.people.models import Person

    # Unscoped, like signing in: the email (and --council) tell us the council.
    people = list(Person.unscoped.select_related("council").filter(email=email.strip().lower()))
    if council_slug:
        people = [p for p in people if p.council.slug == council_slug]
    if not people:
        where = f" in council {council_slug!r}" if council_slug else ""
        click.echo(
            f"Error: nobody has the email address {email!r}{where}; no token created.", err=True
        )
        raise SystemExit(2)
    if len(people) > 1:
        slugs = ", ".join(sorted(p.council.slug for p in people))
        click.echo(
            f"Error: {email} serves several councils; a token acts for one. "
            f"Choose it with --council (one of: {slugs}).",
            err=True,
        )
        raise SystemExit(2)
    person = people[0]
    if access_ended_reason(person):
        why = "is disabled" if not person.is_active else "holds no role today"
        click.echo(
            f"Error: {person.full_name} {why}, so a token would not work; none was created.",
            err=True,
        )
        raise SystemExit(2)
    try:
        api_token, key = do_create_api_token(person, name=name, acting_user=None)
    except ValidationError as exc:
        click.echo(f"Error: {' '.join(exc.messages)}", err=True)
        raise SystemExit(2) from None
    click.echo(
        f"Created token #{api_token.pk} “{api_token.name}” for {person.full_name} "
        f"({person.council.name})."
    )
    click.echo("Copy the key now: it is not stored and will not be shown again.\n")
    click.echo(key)


@token.command("revoke")
@click.argument("token_id", type=int)
def token_revoke(token_id: int) -> None:
    """Revoke the API token numbered TOKEN_ID (as printed by ``token create``)."""
    _setup_django()
    from propriety.people.actions import do_revoke_api_token
    from propriety.people.models import ApiToken

    # System work at the command line: the id names the token across councils.
    api_token = ApiToken.unscoped.select_related("person").filter(pk=token_id).first()
    if api_token is None:
        click.echo(f"Error: there is no token #{token_id}.", err=True)
        raise SystemExit(2)
    if api_token.revoked_at is not None:
        click.echo(f"Token #{token_id} was already revoked.")
        return
    do_revoke_api_token(api_token, acting_user=None)
    click.echo(f"Revoked token #{token_id} “{api_token.name}” of {api_token.person.full_name}.")


@click.command("tick")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Do the work as if it were this day (YYYY-MM-DD); today if not given.",
)
def tick_command(on: datetime.datetime | None) -> None:
    """Do the day's clock work once: remind, escalate, close; safe to run again.

    Run it from cron (see docs/operations.md), with ``serve --tick-every 0``.
    """
    _setup_django()
    from propriety.enquiries.tick import tick

    report = tick(on.date() if on else None)
    click.echo(report.summary())
    from propriety.audit.checkpointing import scheduled_checkpoints

    click.echo(scheduled_checkpoints())


def register(group: click.Group) -> None:
    """Add the web commands to the ``propriety`` command group."""
    group.add_command(manage)
    group.add_command(serve)
    group.add_command(demo)
    group.add_command(token)
    group.add_command(tick_command)
    group.add_command(people_cli.operator)
    group.add_command(people_cli.council)
    from propriety.mail.cli import mail

    group.add_command(mail)
    from propriety.web.two_factor_cli import two_factor

    group.add_command(two_factor)
    from propriety.audit.cli import register as register_audit

    register_audit(group)
    from propriety.workspace.cli import search as search_group

    group.add_command(search_group)
    from propriety.documents.cli import documents as documents_group
    from propriety.people.import_cli import people as people_group

    group.add_command(people_group)
    group.add_command(documents_group)
