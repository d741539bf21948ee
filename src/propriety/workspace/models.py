"""Private calendar feed addresses, and (on SQLite) the search index.

A feed address is a secret URL a calendar program polls without signing in,
so it is a bearer credential: only its hash is stored, it is shown once, and
its owner can revoke it at any time (the address then answers 404).
"""

from __future__ import annotations

import hashlib

from django.db import models

from propriety.councils.tenancy import CouncilOwned


def hash_feed_key(key: str) -> str:
    """SHA-256 of the address's random key (256 bits: a plain hash is enough to look it up)."""
    return hashlib.sha256(key.encode()).hexdigest()


class CalendarFeed(CouncilOwned):
    class Kind(models.TextChoices):
        MINE = "mine", "My due dates"
        COUNCIL = "council", "The council’s dates"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="calendar_feeds"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta(CouncilOwned.Meta):
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
