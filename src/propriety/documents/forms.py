"""The forms on the access-request pages. They parse input only: the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms

from propriety.councils.declared import DeclaredFactsForm
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.web.forms import ProprietyForm


class AskForm(DeclaredFactsForm):
    purpose = forms.CharField(
        widget=forms.Textarea,
        error_messages={"required": "Say what you need the document for"},
    )
    justification = forms.CharField(widget=forms.Textarea, required=False)
    third_party_name = forms.CharField(
        max_length=200,
        required=False,
        error_messages={"max_length": "The name must be 200 characters or fewer"},
    )
    member_interest = forms.BooleanField(required=False)

    def __init__(self, *args: Any, council: Council | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if council is not None:
            self.add_declared(council, "document.access")


class AllocateForm(ProprietyForm):
    decider = forms.TypedChoiceField(
        coerce=int, error_messages={"required": "Choose the officer who will decide"}
    )

    def __init__(self, *args: Any, officers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.officers = {p.pk: p for p in officers}
        self.fields["decider"].choices = [("", "Choose an officer")] + [  # type: ignore[attr-defined]
            (p.pk, p.name_and_title) for p in officers
        ]

    def chosen(self) -> Person:
        return self.officers[self.cleaned_data["decider"]]


class DetermineForm(ProprietyForm):
    release = forms.ChoiceField(
        choices=[("release", "Release the document"), ("refuse", "Refuse access")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to release the document or refuse access"},
    )
    reasons = forms.CharField(
        widget=forms.Textarea, error_messages={"required": "Give the reasons for your decision"}
    )
    data_protection_risk = forms.BooleanField(required=False)


class DisputeForm(ProprietyForm):
    grounds = forms.CharField(
        widget=forms.Textarea,
        error_messages={"required": "Say why you think the refusal is wrong"},
    )


class DecideDisputeForm(ProprietyForm):
    grant = forms.ChoiceField(
        choices=[("grant", "Grant access"), ("uphold", "Uphold the refusal")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to grant access or uphold the refusal"},
    )
    reasons = forms.CharField(
        widget=forms.Textarea, error_messages={"required": "Give the reasons for the decision"}
    )
    report = forms.CharField(widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, report_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report_required = report_required

    def clean_report(self) -> str:
        report: str = self.cleaned_data.get("report", "")
        if self.report_required and not report.strip():
            raise forms.ValidationError(
                "The protocol requires a report at this stage: enter it", code="required"
            )
        return report
