"""The web commands: registered on the group, Django imported only when they run."""

from __future__ import annotations

import subprocess
import sys

import click

from propriety.web.cli import register


def test_importing_the_web_cli_does_not_import_django() -> None:
    code = "import sys, propriety.web.cli; print(any(m.startswith('django') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_register_adds_manage_serve_demo_token_and_tick() -> None:
    group = click.Group()
    register(group)
    assert set(group.commands) >= {
        "manage",
        "serve",
        "demo",
        "token",
        "tick",
        "operator",
        "council",
        "audit",
        "mail",
        "two-factor",
        "people",
        "documents",
    }
    demo_options = {p.name for p in group.commands["demo"].params}
    assert {"serve_too", "reset"} <= demo_options


def test_manage_passes_arguments_through_to_django() -> None:
    code = (
        "import sys; from propriety.cli import main; "
        "sys.argv = ['propriety', 'manage', 'check', '--help']; main()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "--deploy" in result.stdout
