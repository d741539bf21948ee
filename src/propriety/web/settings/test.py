"""Settings for the test suite.

Honours ``DATABASE_URL`` like every other environment, so the same suite runs
on SQLite (in memory) and on PostgreSQL.
"""

from __future__ import annotations

from propriety.web.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Argon2 is deliberately slow; tests hash hundreds of passwords. One test
# checks the production hasher list separately (tests/web/test_settings.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
