"""Forms on the reports pages: they parse input; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms

from propriety.people.models import Person
from propriety.reports.models import BODY_LABELS
from propriety.web.forms import ProprietyForm

_DATE_ERRORS = {"invalid": "Enter a real date, for example 22 March 2027."}


class ReportRequestForm(ProprietyForm):
    subject = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter what the report is about.",
            "max_length": "The subject must be 200 characters or fewer.",
        },
    )
    for_body = forms.ChoiceField(
        choices=list(BODY_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the report is for."},
    )
    details = forms.CharField(widget=forms.Textarea, required=False)


class RespondForm(ProprietyForm):
    provide = forms.TypedChoiceField(
        choices=[("yes", "Provide the report"), ("no", "Decline")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to provide the report or decline."},
    )
    report_text = forms.CharField(widget=forms.Textarea, required=False)
    recommendation = forms.CharField(widget=forms.Textarea, required=False)
    reasons = forms.CharField(widget=forms.Textarea, required=False)


class ActingForm(ProprietyForm):
    starts_on = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={"required": "Enter the first day they act.", **_DATE_ERRORS},
    )
    ends_on = forms.DateField(
        required=False, input_formats=["%Y-%m-%d"], error_messages=_DATE_ERRORS
    )
    reason = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Say why (for example, a vacancy in the post).",
            "max_length": "The reason must be 200 characters or fewer.",
        },
    )
    paid = forms.BooleanField(required=False)
    short_term = forms.BooleanField(required=False)
    capacity_clear = forms.BooleanField(required=False)

    def __init__(self, *args: Any, councillors: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in councillors}
        self.fields["councillor"] = forms.TypedChoiceField(
            choices=[("", "Choose a councillor")]
            + [(k, p.full_name) for k, p in self.people.items()],
            coerce=self.people.__getitem__,
            error_messages={
                "required": "Choose a serving councillor.",
                "invalid_choice": "Choose a serving councillor.",
            },
        )
        self.order_fields(["councillor", "starts_on", "ends_on", "reason"])
