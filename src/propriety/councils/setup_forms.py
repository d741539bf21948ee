"""The forms on the Clerk's set-up pages for the council and its bodies. They parse only."""

from __future__ import annotations

from typing import Any

from django import forms

from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.web.forms import ProprietyForm

_DAYS = {
    "min_value": "Enter a number of working days from 1 to 60",
    "max_value": "Enter a number of working days from 1 to 60",
    "invalid": "Enter a whole number of working days, like 5",
}

PRINCIPAL_HAS_NONE = "A principal council has no principal council above it: leave this empty"


def refuse_principal_of_a_principal(form: forms.Form, kind: str | None) -> None:
    """The pages say "leave it empty for a principal council": an error where it is not."""
    data = getattr(form, "cleaned_data", {})
    if kind == Council.Kind.PRINCIPAL and (data.get("principal_council_name") or "").strip():
        form.add_error("principal_council_name", PRINCIPAL_HAS_NONE)


class CouncilDetailsForm(ProprietyForm):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the council's name"})
    nation = forms.ChoiceField(
        choices=Council.Nation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the nation whose bank holidays apply"},
    )
    principal_council_name = forms.CharField(max_length=200, required=False)
    monitoring_officer = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    acknowledge_working_days = forms.IntegerField(
        min_value=1, max_value=60, required=False, error_messages=_DAYS
    )
    respond_working_days = forms.IntegerField(
        min_value=1, max_value=60, required=False, error_messages=_DAYS
    )
    follow_up_working_days = forms.IntegerField(
        min_value=1,
        max_value=60,
        error_messages={**_DAYS, "required": "Enter the working days for follow-up, like 10"},
    )
    enquiries_address = forms.EmailField(
        required=False,
        error_messages={"invalid": "Enter an email address, like enquiries@example.gov.uk"},
    )

    def __init__(
        self, *args: Any, monitoring_officers: list[Person], kind: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.people = {p.pk: p for p in monitoring_officers}
        self.fields["monitoring_officer"].choices = [  # type: ignore[attr-defined]
            ("", "Whoever holds the Monitoring Officer role")
        ] + [(p.pk, p.full_name) for p in monitoring_officers]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refuse_principal_of_a_principal(self, self.kind)
        return data

    def chosen_monitoring_officer(self) -> Person | None:
        pk = self.cleaned_data.get("monitoring_officer")
        return self.people.get(pk) if pk is not None else None


class RulebookForm(ProprietyForm):
    rulebook = forms.ChoiceField(error_messages={"required": "Choose a rulebook"})
    reasons = forms.CharField(
        widget=forms.Textarea,
        error_messages={
            "required": "Say why the rulebook changes, for example the council's resolution"
        },
    )

    def __init__(self, *args: Any, names: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rulebook"].choices = [("", "Choose a rulebook")] + [  # type: ignore[attr-defined]
            (n, n) for n in names
        ]


class BodyNameForm(ProprietyForm):
    name = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter the name",
            "max_length": "The name must be 200 characters or fewer",
        },
    )


class CloseBodyForm(ProprietyForm):
    closed_on = forms.DateField(
        error_messages={
            "required": "Enter the last day, for example 31 March 2027",
            "invalid": "Enter a real date, for example 31 March 2027",
        }
    )
