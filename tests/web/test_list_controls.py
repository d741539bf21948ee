"""web.list_controls: only offered values filter, defaults apply without counting as chosen,
and a hand-edited URL never breaks a list."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from propriety.web.list_controls import Filter, read_controls

from .conftest import Hollowmere
from .list_checks import client_for

SHOW = Filter("show", "Show", (("a", "A"), ("all", "All")), lambda rows, v: rows, default="a")
KIND = Filter("kind", "Kind", (("x", "X"), ("y", "Y")), lambda rows, v: [r for r in rows if r == v])
SORTS = {"first": "First", "second": "Second"}


def test_only_offered_values_filter_and_the_first_sort_is_the_default() -> None:
    request = RequestFactory().get("/", {"kind": "z; drop", "sort": "pk"})
    controls = read_controls(request, (KIND,), SORTS)
    assert controls.chosen == {} and controls.sort == "first"
    assert controls.apply(["x", "y"]) == ["x", "y"]
    chosen = read_controls(
        RequestFactory().get("/", {"kind": "y", "sort": "second"}), (KIND,), SORTS
    )
    assert chosen.apply(["x", "y"]) == ["y"] and chosen.sort == "second"


def test_a_default_applies_but_is_not_a_choice_to_clear() -> None:
    controls = read_controls(RequestFactory().get("/"), (SHOW, KIND), SORTS)
    assert controls.values == {"show": "a"} and controls.chosen == {}
    show, kind = controls.fields
    assert show["any_label"] == "" and show["options"][0] == ("a", "A", True)
    assert kind["any_label"] == "Any"


@pytest.mark.parametrize(
    "url",
    [
        "/interests/?state=sideways&nature=aunt&sort=-pk",
        "/interests/panels/?status=1&kind=2",
        "/briefings/?group=abc&status=x",
        "/ward-notices/?ward=99999999999999999999&when=never",
        "/resources/?purpose=;&page=-3",
        "/reports/?for_body=x&per_page=0",
        "/reports/acting-proper-officer/?allowed=maybe",
        "/mail/?show=everything&via=carrier-pigeon",
        "/setup/people/?status=x&page=999",
        "/setup/wards/?status=x&format=pdf",
        "/protocol/questions/?status=x",
        "/consultations/?status=x",
    ],
)
def test_hand_edited_list_urls_show_the_list(hollowmere: Hollowmere, url: str) -> None:
    response = client_for(hollowmere.clerk).get(url)
    assert response.status_code == 200
    # Nothing it did not offer was taken as a filter.
    assert b"Clear filters" not in response.content and b"None match" not in response.content


def test_options_html_escapes_and_keeps_what_the_url_chose() -> None:
    from propriety.web.list_controls import options_html

    html = options_html([(1, 'Ann "A" <Smith>'), ("x&y", "X & Y")], "x&y", first="Any <person>")
    assert html == (
        '<option value="">Any &lt;person&gt;</option>\n'
        '<option value="1">Ann &quot;A&quot; &lt;Smith&gt;</option>\n'
        '<option value="x&amp;y" selected>X &amp; Y</option>'
    )
    # Nothing chosen, or something not offered: nothing selected.
    assert "selected" not in options_html([(1, "One")], "2")
