"""Settings for the test suite.

Honours ``DATABASE_URL`` like every other environment, so the same suite runs
on SQLite (a file, in WAL mode) and on PostgreSQL.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from propriety.web.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Argon2 is deliberately slow; tests hash hundreds of passwords. One test
# checks the production hasher list separately (tests/web/test_settings.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# On SQLite, test against a real file rather than Django's default in-memory
# database, so WAL, IMMEDIATE transactions and busy_timeout behave as in
# production and concurrency tests mean something. One file per process: other
# people may run the suite in the same checkout at the same time.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"propriety-test-{os.getpid()}.sqlite3")
    }

# Uploaded documents go to a folder of this process's own, never into var/.
STORAGES["documents"] = {  # noqa: F405  (never var/ nor S3 in tests)
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": str(Path(tempfile.gettempdir()) / f"propriety-test-documents-{os.getpid()}"),
        "base_url": None,
    },
}

# The enquiry list's page cache is off for the suite, so that pages and query counts
# are what a request really reads; its own tests turn it on
# (tests/web/test_enquiry_list_cache.py). PROPRIETY_TEST_LIST_CACHE=128 runs the
# whole suite with it on.
PROPRIETY_LIST_CACHE = int(os.environ.get("PROPRIETY_TEST_LIST_CACHE", "0"))
