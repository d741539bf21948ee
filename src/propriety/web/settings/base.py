"""Settings shared by every environment.

The database is SQLite in ``var/`` unless ``DATABASE_URL`` names another
(PostgreSQL in practice): a small council can run Propriety with no database
server at all, and a larger install switches with one environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

# src/propriety/web/settings/base.py -> the repository root.
BASE_DIR = Path(__file__).resolve().parents[4]
DATA_DIR = Path(os.environ.get("PROPRIETY_DATA_DIR") or BASE_DIR / "var")

# Only dev and test use this; production refuses to start with it (see
# production.py), so it can never protect real sessions.
INSECURE_DEFAULT_SECRET_KEY = "django-insecure-propriety-dev-key-never-use-in-production"  # noqa: S105
SECRET_KEY = INSECURE_DEFAULT_SECRET_KEY
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "propriety.web",
    "propriety.councils",
    "propriety.people",
    "propriety.audit",
    "propriety.documents",
    "propriety.api",
    "propriety.enquiries",
    "propriety.concerns",
    "propriety.press",
    "propriety.correspondence",
    # django-ninja: its templates and static files, so the API docs page
    # serves Swagger UI from here rather than a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: it signs out people whose access has
    # ended and tells them why.
    "propriety.people.middleware.AccessEndedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "propriety.web.urls"
WSGI_APPLICATION = "propriety.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "propriety.web.context_processors.council",
            ],
        },
    },
]


def database_from_env() -> dict[str, Any]:
    """The default database: ``DATABASE_URL`` if set, else SQLite in the data folder.

    SQLite runs in WAL mode so readers never wait for the writer, and opens
    write transactions IMMEDIATE so two writers queue on ``busy_timeout``
    instead of failing with "database is locked" when one upgrades a read
    lock.
    """
    url = os.environ.get("DATABASE_URL")
    if url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
        options: dict[str, Any] = dict(config.get("OPTIONS") or {})
        config["OPTIONS"] = options
        # "postgresql://user@/db?host=/tmp/dir" (a Unix socket) arrives as an
        # option; HOST is where Django and people look for it.
        if not config.get("HOST") and "host" in options:
            config["HOST"] = options.pop("host")
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "propriety.sqlite3",
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
        },
    }


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.Person"
AUTHENTICATION_BACKENDS = ["propriety.people.backends.PersonBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Argon2 first: new and rehashed passwords use it; the others only verify
# passwords hashed before a change of hasher.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def documents_storage_from_env() -> dict[str, Any]:
    """Where documents' files go: a folder in the data directory, or, when
    ``PROPRIETY_S3_BUCKET`` is set, a private S3-compatible bucket (needs the
    ``s3`` extra, django-storages; credentials in ``AWS_ACCESS_KEY_ID`` and
    ``AWS_SECRET_ACCESS_KEY``). Either way nothing serves them by URL: they are
    read back only through the access check (documents/files.py)."""
    bucket = os.environ.get("PROPRIETY_S3_BUCKET")
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": DATA_DIR / "documents", "base_url": None},
        }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("PROPRIETY_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("PROPRIETY_S3_REGION") or None,
            "location": os.environ.get("PROPRIETY_S3_PREFIX", "documents"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


STORAGES["documents"] = documents_storage_from_env()
# The largest file one upload may carry (a document, a CSV, a zip of documents).
PROPRIETY_MAX_UPLOAD_BYTES = int(os.environ.get("PROPRIETY_MAX_UPLOAD_BYTES") or 20 * 1024 * 1024)
# Serve straight from the apps' static folders when nothing has been
# collected (dev and test); production collects and compresses instead.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Email: printed to the console unless configured. Setting PROPRIETY_SMTP_HOST
# switches to SMTP (see docs/operations.md); tests use Django's in-memory
# backend (pytest-django sets it).
EMAIL_BACKEND = os.environ.get(
    "PROPRIETY_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
if os.environ.get("PROPRIETY_SMTP_HOST"):
    EMAIL_BACKEND = os.environ.get(
        "PROPRIETY_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
    )
    EMAIL_HOST = os.environ["PROPRIETY_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("PROPRIETY_SMTP_PORT") or 587)
    EMAIL_HOST_USER = os.environ.get("PROPRIETY_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("PROPRIETY_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("PROPRIETY_SMTP_TLS", "true").lower() not in ("0", "false", "no")
DEFAULT_FROM_EMAIL = os.environ.get("PROPRIETY_FROM_EMAIL", "propriety@localhost")
# Where the web application is reached, for links in emails.
PROPRIETY_BASE_URL = os.environ.get("PROPRIETY_BASE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
