"""The shared form base: a control character in any field is refused on that field,
before any cleaning reaches the database or the form's own checks, and the text is
kept without it."""

from __future__ import annotations

import json

from django import forms
from django.http import QueryDict
from django.test import RequestFactory

from propriety.councils.models import Council
from propriety.people.forms import SignInForm
from propriety.web.forms import ProprietyForm

from .conftest import Hollowmere


class _Letter(ProprietyForm):
    subject = forms.CharField(label="Subject")
    body = forms.CharField(widget=forms.Textarea)
    when = forms.SplitDateTimeField(required=False)
    council = forms.ModelChoiceField(
        queryset=Council.objects.all(), to_field_name="slug", required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["late"] = forms.CharField(required=False)  # added after the base's init


def test_the_field_is_named_and_every_other_value_kept(db: None) -> None:
    form = _Letter(QueryDict("subject=Bus%00shelter&body=Who+repairs+it%3F&late=a%1Bb"))
    assert not form.is_valid()
    assert form.errors["subject"] == [
        "“Subject” must not contain control characters (such as NUL). "
        "They have been taken out: check the text and send it again."
    ]
    assert "late" in form.errors  # a field added in a subclass's __init__ too
    assert form["subject"].value() == "Busshelter"
    assert form["late"].value() == "ab"
    assert form["body"].value() == "Who repairs it?"
    assert "subject" not in form.cleaned_data


def test_a_split_field_and_a_lookup_by_text_never_reach_the_database(db: None) -> None:
    form = _Letter(
        {"subject": "ok", "body": "ok", "when_0": "2027-01-11\x00", "council": "holl\x00owmere"}
    )
    assert not form.is_valid()  # on PostgreSQL the lookup would have failed with a 500
    assert set(form.errors) == {"when", "council"}
    assert "must not contain control characters" in form.errors["council"][0]


def test_ordinary_text_is_untouched(db: None) -> None:
    form = _Letter({"subject": "Tab\there", "body": "Line one\r\nline two – £5, é"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "Line one\r\nline two – £5, é"


def test_sign_in_never_tries_a_password_with_a_control_character(hollowmere: Hollowmere) -> None:
    request = RequestFactory().post("/sign-in/")
    form = SignInForm(request, {"username": hollowmere.clerk.email, "password": "pass\x00word"})
    assert not form.is_valid()
    assert "password" in form.errors
    assert form.non_field_errors() == []  # clean() never asked to authenticate


def test_a_page_post_reaches_its_form_untouched_and_the_api_is_answered_422() -> None:
    from django.http import HttpRequest, HttpResponse

    from propriety.web.hardening import BadInputMiddleware

    seen: dict[str, str] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["subject"] = request.POST["subject"]
        return HttpResponse("ok")

    page = RequestFactory().post("/enquiries/new/", {"subject": "Bus\x00shelter"})
    assert BadInputMiddleware(view)(page).status_code == 200
    assert seen == {"subject": "Bus\x00shelter"}

    seen.clear()
    api = RequestFactory().post("/api/v1/enquiries", {"subject": "Bus\x00shelter"})
    response = BadInputMiddleware(view)(api)
    assert response.status_code == 422
    assert "subject" in json.loads(response.content)["errors"]
    assert seen == {}
