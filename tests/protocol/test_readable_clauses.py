"""The rulebook as a reader sees it (the Clerk's rulebook page, the set-up preview, the
HTML report): each clause's adopted text shows the words, never the source's markup."""

from __future__ import annotations

import re

import pytest

from propriety.protocol import readable_clauses, rulebook, rulebook_names
from propriety.protocol._reports import render_html

_MARKUP = re.compile(r"</?(?:b|i|u|em|strong|sub|sup|span|br)\s*/?>|<https?://|\*\*", re.I)


@pytest.mark.parametrize("name", rulebook_names())
def test_no_clause_text_keeps_the_sources_markup(name: str) -> None:
    for item in readable_clauses(rulebook(name)):
        assert not _MARKUP.search(item.text), (name, item.clause, item.text)


def test_ludlows_cover_table_reads_as_words() -> None:
    texts = " ".join(item.text for item in readable_clauses(rulebook("ludlow")))
    assert "26th April 2016" in texts
    page = render_html(rulebook("ludlow"))
    assert "&lt;sup&gt;" not in page and "26th April 2016" in page
