"""ADR 0001: the core never imports Django (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.core

PROBE = """
import sys, json, io
import propriety.protocol
from propriety.protocol import engine_for
from propriety.cli import main
sys.stdin = io.StringIO(json.dumps({"question": "protocol.review", "facts": {}}))
try:
    main(["decide", "--rulebook", "ludlow", "--as-of", "2026-11-22"])
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print("DJANGO:" + ",".join(loaded))
"""


def test_core_and_decide_command_never_import_django() -> None:
    env_free = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, env=env_free
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("DJANGO:"), result.stdout[-300:]


def test_no_module_of_the_core_mentions_django_imports() -> None:
    from pathlib import Path

    import propriety.protocol

    root = Path(propriety.protocol.__file__).parent
    for path in root.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            assert not stripped.startswith(("import django", "from django")), f"{path}: {line}"
