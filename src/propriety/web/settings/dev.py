"""Settings for running Propriety on your own machine (``propriety serve``, ``propriety demo``)."""

from __future__ import annotations

import os

from propriety.web.settings.base import *  # noqa: F403
from propriety.web.settings.base import DATA_DIR

# Django's debug pages list every URL and setting: the demo is shown to people, so they
# are off unless a developer asks for them (PROPRIETY_DEBUG=1). The GOV.UK-style
# 403/404/500 pages are shown instead.
DEBUG = os.environ.get("PROPRIETY_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

DATA_DIR.mkdir(parents=True, exist_ok=True)
