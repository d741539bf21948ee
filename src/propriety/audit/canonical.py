"""Canonical JSON for the audit log (no Django, no models)."""

from __future__ import annotations

import json
from typing import Any


class CanonicalJSONEncoder(json.JSONEncoder):
    """Canonical JSON (sorted keys, no spaces, UTF-8), whatever Django asks for.

    The audit event's JSON columns use it, so on SQLite the stored text is
    already canonical and verify hashes it as read, without parsing it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        super().__init__(*args, **kwargs)
