"""Settings for bench/web.py's own server: production settings over plain HTTP on loopback.

Not for any real use: the bench sets a throw-away secret key and data folder.
"""

from __future__ import annotations

import os

from propriety.web.settings.production import *  # noqa: F403

# Loopback HTTP, no proxy: nothing redirects to HTTPS and cookies travel plainly.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# The bench never asks for static files; skip collecting them.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# The bare views (propriety/web/bench_views.py) exist only here.
PROPRIETY_BENCH_VIEWS = True
# Demo passwords are typed by the bench, never stored; keep hashing cheap.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The enquiry list's kept pages (enquiries/list_cache.py): on, as in production, unless
# the bench says otherwise (bench/scale.py times the list's own work: 0). bench/web.py
# measures both: its list_uncached page skips the cache with a header honoured only
# because PROPRIETY_BENCH_VIEWS is on.
PROPRIETY_LIST_CACHE = int(os.environ.get("PROPRIETY_LIST_CACHE", "128"))
