"""Small pieces of wording the pages and case histories share."""

from __future__ import annotations

_ENDS_A_SENTENCE = (".", "?", "!", "…")


def quoted(words: str) -> str:
    """Someone's words quoted as the end of a sentence: “Done.” where they end one
    themselves, “Done”. otherwise, never “Done.”. (the quote's own mark ends it)."""
    words = words.strip()
    return f"“{words}”" if words.endswith(_ENDS_A_SENTENCE) else f"“{words}”."
