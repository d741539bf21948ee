"""Small pieces of wording the pages and case histories share."""

from __future__ import annotations

from collections.abc import Sequence

_ENDS_A_SENTENCE = (".", "?", "!", "…")


def quoted(words: str) -> str:
    """Someone's words quoted as the end of a sentence: “Done.” where they end one
    themselves, “Done”. otherwise, never “Done.”. (the quote's own mark ends it)."""
    words = words.strip()
    return f"“{words}”" if words.endswith(_ENDS_A_SENTENCE) else f"“{words}”."


def and_list(parts: Sequence[str]) -> str:
    """``["A", "B", "C"]`` as "A, B and C" ("" for none)."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
