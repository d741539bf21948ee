"""Quoted words in a sentence of a case history: their own closing punctuation ends the
sentence (“Done.”), a full stop follows otherwise (“Done”.), never both (“Done.”.)."""

from __future__ import annotations

import pytest

from propriety.web.wording import quoted


@pytest.mark.parametrize(
    ("words", "sentence"),
    [
        ("The one on Mill Lane", "“The one on Mill Lane”."),
        ("The one on Mill Lane.", "“The one on Mill Lane.”"),
        ("  Which bus shelter?  ", "“Which bus shelter?”"),
        ("Now!", "“Now!”"),
        ("and so on…", "“and so on…”"),
        ("", "“”."),
    ],
)
def test_quoted_ends_the_sentence_once(words: str, sentence: str) -> None:
    assert quoted(words) == sentence
