"""``propriety manage``, ``serve`` and ``demo``: the commands that need Django.

Django is imported inside each command, never at module level: ``propriety
decide`` and the other core commands must start without it.
"""

from __future__ import annotations

import os

import click

DEFAULT_SETTINGS = "propriety.web.settings.dev"
DEMO_URL_HOST = "127.0.0.1"
DEMO_PORT = 8000


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _runserver(host: str, port: int) -> None:
    from django.core.management import call_command

    click.echo(f"Propriety is running at http://{host}:{port}/ (press Ctrl-C to stop).")
    # --noreload: the command line has already set everything up, and the
    # autoreloader would re-run it in a child process.
    call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=False)


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
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """Apply migrations, then run the web application (development server)."""
    _setup_django()
    _migrate()
    _runserver(host, port)


@click.command("demo")
@click.option("--serve", "serve_too", is_flag=True, help="Start the web server afterwards.")
@click.option("--reset", is_flag=True, help="Empty the database first, then load the demo.")
@click.option("--port", default=DEMO_PORT, show_default=True, type=int)
def demo(serve_too: bool, reset: bool, port: int) -> None:
    """Load the demo council (Kestrelford Town Council) and show its sign-ins."""
    _setup_django()
    from django.core.management import call_command

    _migrate()
    if reset:
        call_command("flush", interactive=False, verbosity=0)
    from propriety.web.demo import demo_sign_ins, load_demo

    council, created = load_demo()
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
        _runserver(DEMO_URL_HOST, port)


def register(group: click.Group) -> None:
    """Add the web commands to the ``propriety`` command group."""
    group.add_command(manage)
    group.add_command(serve)
    group.add_command(demo)
