"""The ``propriety`` command line.

Commands that only need the pure core (``decide``, ``rulebook``) never import
Django, so they start fast and work without a database. Commands that need the
web application (``serve``, ``demo``, ``manage``, ...) are registered by
:mod:`propriety.web.cli`.
"""

from __future__ import annotations

import click

from propriety import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="propriety")
def main() -> None:
    """Propriety: run your council's councillor–officer protocol."""


def _register() -> None:
    from propriety.protocol.cli import register as register_core
    from propriety.web.cli import register as register_web

    register_core(main)
    register_web(main)


_register()
