"""Settings for running Propriety on your own machine (``propriety serve``, ``propriety demo``)."""

from __future__ import annotations

from propriety.web.settings.base import *  # noqa: F403
from propriety.web.settings.base import DATA_DIR

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

DATA_DIR.mkdir(parents=True, exist_ok=True)
