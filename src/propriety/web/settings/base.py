"""Settings shared by every environment.

The database is SQLite in ``var/`` unless ``DATABASE_URL`` names another
(PostgreSQL in practice): a small council can run Propriety with no database
server at all, and a larger install switches with one environment variable.
"""

from __future__ import annotations

import datetime
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
    "propriety.mail",
    "csp",
    # Sign-in protection: lockout and a record of failed sign-ins.
    "axes",
    # Two-factor sign-in with an authenticator app (propriety.web.two_factor).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "propriety.interests",
    "propriety.briefings",
    "propriety.consultations",
    "propriety.protocoltext",
    "propriety.wardnotices",
    "propriety.resources",
    "propriety.reports",
    "propriety.conduct",
    "propriety.workspace",
    # django-ninja: its templates and static files, so the API docs page
    # serves Swagger UI from here rather than a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security headers: Content-Security-Policy (django-csp) and Permissions-Policy.
    "csp.middleware.CSPMiddleware",
    "propriety.web.hardening.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages and API answers. Below WhiteNoise, which answers static
    # files before this runs (it serves its own pre-compressed copies); above
    # everything that writes the body. CSRF tokens are masked per response,
    # which is Django's defence against BREACH. At gzip's fastest level
    # (propriety.web.compression: half the CPU, about 12% larger).
    "propriety.web.compression.FastGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # 413 for an oversized body, 422 naming any field with a control character
    # (propriety.web.hardening); after authentication so its pages show the menu.
    "propriety.web.hardening.BadInputMiddleware",
    # request.user.is_verified(): whether this session entered a two-factor code.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: it signs out people whose access has
    # ended and tells them why.
    "propriety.people.middleware.AccessEndedMiddleware",
    # request.account: the signed-in person's account, or an operator's.
    "propriety.people.sessions.AccountMiddleware",
    # Those who must use two-factor sign-in enter their code before any other page.
    "propriety.web.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with its 429 page.
    "axes.middleware.AxesMiddleware",
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
                "propriety.people.context_processors.accounts",
                "propriety.workspace.context_processors.register_links",
            ],
            # Citations link to their clause on every page without a {% load %}.
            "builtins": [
                "propriety.web.templatetags.propriety_protocol",
                "propriety.web.templatetags.propriety_clauses",
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
        # Keep each connection for a minute: the PRAGMAs below run once per
        # connection, not once per request.
        "CONN_MAX_AGE": 60,
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
# django-axes' backend first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "propriety.people.backends.PersonBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A Person's email is unique per council, not globally: the Account behind it
# is what is unique, and PersonBackend signs in through it.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
# How long set-password links work (docs/operations.md "Operators and councils").
PROPRIETY_INVITATION_DAYS = int(os.environ.get("PROPRIETY_INVITATION_DAYS") or 7)
PROPRIETY_PASSWORD_RESET_HOURS = int(os.environ.get("PROPRIETY_PASSWORD_RESET_HOURS") or 24)

# Argon2 first: new and rehashed passwords use it; the others only verify
# passwords hashed before a change of hasher.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["full_name", "email"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
# Sessions travel in a signed cookie: no database read or write per request and
# nothing shared between server processes. A session is small (who signed in,
# two-factor state, an operator's account). Ending someone's sessions does not
# depend on the store: the session hash includes the person's security stamp,
# which disabling them or a new password changes (people/accounts.py). The cost:
# signing out clears the cookie in that browser but cannot revoke a copy taken
# earlier, which stays usable until it expires (browser close or 8 hours).
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_HTTPONLY = True
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

# Mail in (propriety.mail; docs/operations.md "Email in"). Messages over the
# size limit keep only their headers and wait in quarantine. Only the relay's
# own Authentication-Results headers count (name it by its authserv-id); with
# none named, the topmost header counts. The sink keeps sent mail as .eml files
# under the data directory, for the demo's "Mail sent" page.
PROPRIETY_MAIL_MAX_BYTES = int(os.environ.get("PROPRIETY_MAIL_MAX_BYTES") or 10 * 1024 * 1024)
PROPRIETY_MAIL_AUTHSERV_IDS = [
    i for i in os.environ.get("PROPRIETY_MAIL_AUTHSERV_IDS", "").split(",") if i.strip()
]
PROPRIETY_MAIL_REQUIRE_AUTH = os.environ.get("PROPRIETY_MAIL_REQUIRE_AUTH", "true").lower() not in (
    "0",
    "false",
    "no",
)
PROPRIETY_MAIL_SINK = os.environ.get("PROPRIETY_MAIL_SINK", "").lower() in ("1", "true", "yes")
# --- Security settings (docs/operations.md, "Security settings") ---------------------------
# The largest request body accepted (bytes); larger ones get 413. Django reads no more
# than this into memory either.
PROPRIETY_MAX_REQUEST_BYTES = int(os.environ.get("PROPRIETY_MAX_REQUEST_BYTES") or 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = PROPRIETY_MAX_REQUEST_BYTES
# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from this
# site; no inline script anywhere; nothing may frame the pages or receive their forms.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
# Sign-in protection (django-axes, propriety.web.signin): after 5 wrong passwords for one
# email address, or from one network address, sign-in is refused for 15 minutes (429) and
# the person is emailed. Every failure is recorded (AccessAttempt, AccessFailureLog).
AXES_FAILURE_LIMIT = int(os.environ.get("PROPRIETY_SIGN_IN_FAILURE_LIMIT") or 5)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("PROPRIETY_SIGN_IN_LOCKOUT_MINUTES") or 15)
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "propriety.web.signin.locked_out"
AXES_VERBOSE = False
# Two-factor sign-in (propriety.web.two_factor): role keys for which the operator requires
# it on every council, e.g. "proper_officer,chief_executive,monitoring_officer"; a council
# can require it for its Clerk and Monitoring Officer itself (`propriety two-factor`).
PROPRIETY_TWO_FACTOR_ROLES = os.environ.get("PROPRIETY_TWO_FACTOR_ROLES", "")
PROPRIETY_TWO_FACTOR_FOR_OPERATORS = os.environ.get(
    "PROPRIETY_TWO_FACTOR_FOR_OPERATORS", "true"
).strip().lower() not in ("0", "false", "no", "off")
OTP_TOTP_ISSUER = "Propriety"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# UK GDPR retention schedule (audit app): for each kind of record, how many
# years after which date `propriety retention apply` pseudonymises its personal
# data (the named free-text fields; people's names and addresses; the personal
# part of audit events, which leaves the audit log verifying). Change it to the
# council's own retention policy; docs/operations.md.
PROPRIETY_RETENTION: dict[str, dict[str, object]] = {
    "audit.auditevent": {"years": 6, "after": "occurred_at"},
    "people.person": {"years": 6, "after": "created_at"},
    "enquiries.enquiry": {
        "years": 6,
        "after": "received_on",
        "fields": ["body", "answer", "member_feedback", "clarification_question"],
    },
    "concerns.concern": {"years": 6, "after": "raised_on", "fields": ["details", "outcome"]},
    "concerns.concernnote": {"years": 6, "after": "added_on", "fields": ["text"]},
    "documents.accessrequest": {
        "years": 6,
        "after": "requested_on",
        "fields": ["purpose", "justification", "reasons"],
    },
    "documents.accessdispute": {
        "years": 6,
        "after": "raised_on",
        "fields": ["grounds", "reasons", "report"],
    },
    "correspondence.correspondence": {"years": 6, "after": "created_at", "fields": ["body"]},
    "press.mediainterest": {"years": 6, "after": "recorded_on", "fields": ["details"]},
}

# The enquiry list's main block kept per worker, keyed on the council's audit log
# head, the day, the reader and the query (propriety.enquiries.list_cache): how many
# pages a worker keeps (0 turns it off) and for how long at most, in seconds.
PROPRIETY_LIST_CACHE = 128
PROPRIETY_LIST_CACHE_SECONDS = 60.0
