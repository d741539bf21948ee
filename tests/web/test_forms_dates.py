"""The shared form base: a date whose year is not plausible for a council's work (a year
typed as "26" reaches the server as 0026; a slip gives 9999) is refused on that field with
a plain error, and everything typed is kept, on every page's form."""

from __future__ import annotations

import datetime

from django import forms
from django.test import Client
from django.urls import reverse

from propriety.councils.models import Ward
from propriety.wardnotices.models import WardNotice
from propriety.web.forms import ProprietyForm

from .conftest import Hollowmere


class _Meeting(ProprietyForm):
    title = forms.CharField()
    held_on = forms.DateField(label="Date of the meeting")
    until = forms.SplitDateTimeField(required=False)


def test_a_two_digit_or_far_future_year_is_refused_on_its_field() -> None:
    for typed in ("0026-12-06", "9999-12-31", "1899-12-31", "2201-01-01"):
        form = _Meeting({"title": "Bus shelters", "held_on": typed})
        assert not form.is_valid(), typed
        assert form.errors["held_on"] == [
            "“Date of the meeting” must be between 1900 and 2200: "
            "write the year in full, for example 2027."
        ]
        assert form["held_on"].value() == typed
    form = _Meeting({"title": "Bus shelters", "held_on": "2027-01-11"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["held_on"] == datetime.date(2027, 1, 11)
    late = _Meeting(
        {"title": "x", "held_on": "2027-01-11", "until_0": "0027-01-11", "until_1": "10:00"}
    )
    assert not late.is_valid() and "until" in late.errors


def test_a_ward_notice_for_the_year_26_is_not_recorded(hollowmere: Hollowmere) -> None:
    h = hollowmere
    client = Client()
    client.force_login(h.cllr_ward)
    before = WardNotice.objects.for_council(h.council).count()
    page = client.get(reverse("wardnotices:new")).content.decode()
    assert "takes_place_on" in page
    posted = {
        "event": "member_public_meeting",
        "title": "Residents' evening",
        "takes_place_on": "0026-12-06",
        "wards": [str(Ward.objects.for_council(h.council).get().pk)],
    }
    response = client.post(reverse("wardnotices:new"), posted)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "write the year in full" in html
    assert 'value="0026-12-06"' in html
    assert WardNotice.objects.for_council(h.council).count() == before
    # With the year in full the same notice is recorded.
    again = client.post(reverse("wardnotices:new"), {**posted, "takes_place_on": "2027-12-06"})
    assert again.status_code == 302
    assert WardNotice.objects.for_council(h.council).count() == before + 1


def test_a_date_that_is_not_real_is_explained_in_words(hollowmere: Hollowmere) -> None:
    """The date boxes show the date as the browser's locale does (11/01/2027 in the UK):
    the error's example is a date in words, not the ISO form the server receives."""
    h = hollowmere
    client = Client()
    client.force_login(h.cllr_ward)
    response = client.post(
        reverse("wardnotices:new"), {"title": "Surgery", "takes_place_on": "2027-02-31"}
    )
    html = response.content.decode()
    assert "Enter a real date, for example 22 March 2027." in html
    assert "like 2027-03-22" not in html
    response = client.post(
        reverse("resources:new"), {"description": "Room", "needed_on": "31/31/2027"}
    )
    assert "Enter a real date, for example 22 March 2027." in response.content.decode()
