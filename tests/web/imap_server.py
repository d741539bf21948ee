"""A real IMAP server for the poller's tests: Debian's Dovecot, started in a temporary
folder on a free loopback port, one user, plain login (loopback only).

``scripts/test`` installs ``dovecot-imapd`` with apt when it is missing. Dovecot drops
privileges to its own ``dovecot`` user, so it needs to start as root (as CI does);
elsewhere the tests that need it are skipped, and under CI=true they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

DOVECOT = "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unavailable() -> str | None:
    if not Path(DOVECOT).exists():
        return "Dovecot is not installed (scripts/test installs dovecot-imapd)"
    if os.geteuid() != 0:
        return "Dovecot's test server needs to start as root"
    return None


@contextmanager
def dovecot(user: str, password: str) -> Iterator[int]:
    """Run Dovecot for the block; yields its port."""
    why = _unavailable()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)
    # Its own folder under /tmp: pytest's tmp_path sits in a folder only root may
    # enter, and Dovecot's mail process runs as the dovecot user.
    root = Path(tempfile.mkdtemp(prefix="propriety-imap-"))
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o755)  # noqa: S103 - the dovecot user must reach its mail folder
    shutil.chown(root / "mail", "dovecot", "dovecot")
    (root / "users").write_text(f"{user}:{{PLAIN}}{password}\n")
    port = _free_port()
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(root=root, port=port))
    subprocess.run([DOVECOT, "-c", str(config)], check=True, timeout=30)
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield port
    finally:
        subprocess.run([DOVECOT, "-c", str(config), "stop"], check=False, timeout=30)
        shutil.rmtree(root, ignore_errors=True)
