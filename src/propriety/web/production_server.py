"""``propriety serve --production``: the app under gunicorn, static files by WhiteNoise.

gunicorn's sync workers suit this app: each request is short and CPU-bound
(templates, the rulebook), so one process per request in flight uses both
cores without threads sharing a database connection. The application is
loaded in each worker after the fork (no ``preload_app``), so no database
connection opened by the master is ever shared with a worker.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

# Seconds a worker may spend on one request before gunicorn replaces it. The
# slowest pages (a PDF report, a large export) finish well inside this.
REQUEST_TIMEOUT = 60


def default_workers() -> int:
    """Two per core plus one, gunicorn's own advice for sync workers."""
    return 2 * (os.cpu_count() or 1) + 1


def gunicorn_options(host: str, port: int, workers: int, timeout: int) -> dict[str, Any]:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        "keepalive": 5,
        # Replace each worker after a while so slow leaks never build up;
        # the jitter keeps them from all restarting at once.
        "max_requests": 2000,
        "max_requests_jitter": 200,
        "accesslog": "-",
        "errorlog": "-",
        "preload_app": False,
        # gunicorn 27's control socket (in the home folder) is not used: stop
        # and reload with signals, as the service manager does.
        "control_socket_disable": True,
    }


class _Propriety(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any], when_ready: Callable[[], object] | None) -> None:
        self.options = options
        self.on_ready = when_ready
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if self.on_ready is not None:
            on_ready = self.on_ready
            self.cfg.set("when_ready", lambda _server: on_ready())

    def load(self) -> Any:
        from propriety.web.wsgi import application

        _freeze_what_is_loaded()
        return application


def _freeze_what_is_loaded() -> None:
    """Keep what the worker has loaded (Django, the apps, every view and URL) out of
    the garbage collector's reach.

    Those hundreds of thousands of objects live as long as the worker, but each
    of the collector's full passes walked them all again: about a tenth of a
    list page's CPU time went on collections (docs/performance.md, 6 December
    2026, session 6). Frozen, a pass walks only what requests made.
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports every app's views and URLs)
    gc.collect()
    gc.freeze()


def run(
    host: str,
    port: int,
    *,
    workers: int,
    timeout: int = REQUEST_TIMEOUT,
    when_ready: Callable[[], object] | None = None,
    max_requests: int | None = None,
) -> None:
    """Serve until stopped. Static files must be collected first (``collectstatic``).

    ``max_requests=0`` never replaces workers (``bench/web.py``: a worker's cold
    start would land on whichever page was being measured at the time)."""
    from django.db import connections

    # Whatever the set-up opened (migrate, collectstatic) is closed before
    # the workers fork: each opens its own.
    connections.close_all()
    options = gunicorn_options(host, port, workers, timeout)
    if max_requests is not None:
        options.update(max_requests=max_requests, max_requests_jitter=0)
    _Propriety(options, when_ready).run()
