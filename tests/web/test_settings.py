"""Settings: SQLite in WAL mode by default, PostgreSQL by URL, a production that refuses unsafe starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.management import call_command
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import override_settings

from propriety.web.settings import base

GOOD_KEY = "k" * 20 + "3xQ-vT9_pL2mZ8nR4sW7yB1cD6fH0jK5" + "e" * 10


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db: None
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = {
        **base.database_from_env(),
        "NAME": str(tmp_path / "wal-check.sqlite3"),
        "TIME_ZONE": None,
        "CONN_HEALTH_CHECKS": False,
        "CONN_MAX_AGE": 0,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TEST": {},
    }
    wrapper = DatabaseWrapper(config, alias="wal-check")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 5000
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 1  # NORMAL
        assert wrapper.transaction_mode == "IMMEDIATE"  # type: ignore[attr-defined]
    finally:
        wrapper.close()


def test_the_default_database_lives_in_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert base.database_from_env()["NAME"] == base.DATA_DIR / "propriety.sqlite3"


def test_database_url_switches_to_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://propriety@/propriety?host=/tmp/pg")
    config = base.database_from_env()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"]) == ("propriety", "/tmp/pg")


def test_the_tests_run_on_the_database_the_environment_names() -> None:
    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("DATABASE_URL"):
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"


def test_locale_and_time_zone() -> None:
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ) == (
        "en-gb",
        "Europe/London",
        True,
    )


def test_argon2_hashes_new_passwords() -> None:
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        hashed = make_password("a council password")
        assert hashed.startswith("argon2$")
        assert check_password("a council password", hashed)


def test_migrations_match_the_models(db: None) -> None:
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def _run_production(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A production process starts without the test run's own settings (nor the browser
    # tests' DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PROPRIETY_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    clean.update(DJANGO_SETTINGS_MODULE="propriety.web.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60
    )


_CHECK_DEPLOY = (
    "import django; django.setup(); from django.core.management import call_command; "
    "call_command('check', deploy=True, fail_level='WARNING')"
)


def test_production_passes_check_deploy_with_a_proper_environment(tmp_path: Path) -> None:
    result = _run_production(
        _CHECK_DEPLOY,
        PROPRIETY_SECRET_KEY=GOOD_KEY,
        PROPRIETY_ALLOWED_HOSTS="propriety.kestrelford.example",
        PROPRIETY_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "PROPRIETY_SECRET_KEY is missing"),
        ({"PROPRIETY_SECRET_KEY": "short"}, "PROPRIETY_SECRET_KEY is missing, too short"),
        ({"PROPRIETY_SECRET_KEY": base.INSECURE_DEFAULT_SECRET_KEY}, "development default"),
        ({"PROPRIETY_SECRET_KEY": GOOD_KEY, "PROPRIETY_DEBUG": "1"}, "PROPRIETY_DEBUG is on"),
        ({"PROPRIETY_SECRET_KEY": GOOD_KEY}, "PROPRIETY_ALLOWED_HOSTS is empty"),
    ],
)
def test_production_refuses_to_start_when_unsafe(
    env: dict[str, str], message: str, tmp_path: Path
) -> None:
    env = {"PROPRIETY_ALLOWED_HOSTS": "x.example", "PROPRIETY_DATA_DIR": str(tmp_path), **env}
    if "PROPRIETY_ALLOWED_HOSTS is empty" in message:
        env.pop("PROPRIETY_ALLOWED_HOSTS")
    result = _run_production(_CHECK_DEPLOY, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_the_test_database_itself_runs_in_wal_mode_on_sqlite(db: None) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("WAL is a SQLite setting; this run is on PostgreSQL.")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
