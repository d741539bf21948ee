"""``propriety backup create`` and ``restore``: copies of the whole database.

SQLite is copied with its online backup API (a consistent copy while people
keep working); PostgreSQL with ``pg_dump`` in its custom format, restored with
``pg_restore``. Beside each copy goes a small manifest naming every council's
log size and root at the time, and a restore ends by verifying every council's
log (against checkpoint files kept elsewhere, when given): a copy that does not
verify is reported, not trusted. docs/operations.md says when to run it and
where to keep copies.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, connections
from django.utils import timezone

from propriety.audit.models import AuditLogHead


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: Path
    logs: dict[str, dict[str, Any]]


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _pg_env() -> tuple[dict[str, str], list[str]]:
    settings = connection.settings_dict
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    args = ["--dbname", str(settings["NAME"])]
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    return env, args


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools.")
    return found


def _logs() -> dict[str, dict[str, Any]]:
    return {
        head.council.slug: {"size": head.size, "root_hash": head.root_hash}
        for head in AuditLogHead.unscoped.select_related("council").order_by("council__slug")
    }


def create_backup(directory: Path) -> Backup:
    """Copy the database into ``directory`` (made if missing) with its manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    logs = _logs()
    if _engine() == "sqlite":
        path = directory / f"propriety-{stamp}.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        path = directory / f"propriety-{stamp}.pgdump"
        env, args = _pg_env()
        done = subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), *args],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    manifest = path.with_suffix(path.suffix + ".json")
    manifest.write_text(
        json.dumps(
            {"made_at": timezone.now().isoformat(), "engine": _engine(), "logs": logs}, indent=2
        ),
        encoding="utf-8",
    )
    return Backup(path, manifest, logs)


def restore_backup(path: Path) -> None:
    """Replace the database's contents with the copy at ``path``."""
    if not path.exists():
        raise BackupError(f"There is no backup at {path}.")
    if _engine() == "sqlite":
        if path.suffix == ".pgdump":
            raise BackupError("That is a PostgreSQL backup; this installation uses SQLite.")
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        if path.suffix != ".pgdump":
            raise BackupError(
                "That is not a Propriety backup for PostgreSQL (one made by pg_dump, "
                "ending .pgdump); the database was not changed."
            )
        connections.close_all()
        env, args = _pg_env()
        done = subprocess.run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                str(path),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
