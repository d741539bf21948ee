"""Settings for a real deployment. Refuses to start unless it is safe to.

Environment:
    PROPRIETY_SECRET_KEY       required: at least 50 characters, not the dev key
    PROPRIETY_ALLOWED_HOSTS    required: comma-separated host names
    DATABASE_URL               optional: PostgreSQL; SQLite in PROPRIETY_DATA_DIR otherwise
    PROPRIETY_BEHIND_PROXY     "1" when a proxy terminates TLS and sets X-Forwarded-Proto
    PROPRIETY_DEBUG            must be unset or false: production never runs with DEBUG
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from propriety.web.settings.base import *  # noqa: F403
from propriety.web.settings.base import INSECURE_DEFAULT_SECRET_KEY

_TRUE = {"1", "true", "yes", "on"}

if os.environ.get("PROPRIETY_DEBUG", "").strip().lower() in _TRUE:
    raise ImproperlyConfigured(
        "PROPRIETY_DEBUG is on under production settings. DEBUG shows source code and "
        "settings to anyone who triggers an error: unset PROPRIETY_DEBUG, or use "
        "propriety.web.settings.dev on your own machine."
    )
DEBUG = False

SECRET_KEY = os.environ.get("PROPRIETY_SECRET_KEY", "")
if (
    not SECRET_KEY
    or SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "PROPRIETY_SECRET_KEY is missing, too short or a development default. It signs "
        "sessions and password-reset links: set it to at least 50 random characters, e.g. "
        "the output of: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("PROPRIETY_ALLOWED_HOSTS", "").split(",")]
ALLOWED_HOSTS = [h for h in ALLOWED_HOSTS if h]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "PROPRIETY_ALLOWED_HOSTS is empty: set it to the host name(s) Propriety is served "
        "on, comma-separated, e.g. propriety.kestrelford.example"
    )

if os.environ.get("PROPRIETY_BEHIND_PROXY", "").strip().lower() in _TRUE:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

STORAGES = {
    **STORAGES,  # noqa: F405  (documents' files: base.py, or your own settings for S3)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
