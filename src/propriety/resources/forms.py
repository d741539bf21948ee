"""Forms on the resources pages: they parse input; the actions decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from propriety.people.models import Person
from propriety.resources.models import KIND_LABELS, PURPOSE_LABELS
from propriety.web.forms import ProprietyForm


class ResourceRequestForm(ProprietyForm):
    kind = forms.ChoiceField(
        choices=list(KIND_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you want to use."},
    )
    purpose = forms.ChoiceField(
        choices=list(PURPOSE_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what it is for."},
    )
    description = forms.CharField(
        widget=forms.Textarea,
        max_length=4000,
        error_messages={
            "required": "Say what you need and why.",
            "max_length": "The description must be 4,000 characters or fewer.",
        },
    )
    needed_on = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter a real date, for example 22 March 2027."},
    )
    commercial_discussion = forms.BooleanField(required=False)
    officers_present = forms.BooleanField(required=False)

    def clean_needed_on(self) -> datetime.date | None:
        needed_on: datetime.date | None = self.cleaned_data.get("needed_on")
        if needed_on is not None and needed_on < timezone.localdate():
            raise forms.ValidationError("The day you need it must be today or later.")
        return needed_on

    def __init__(self, *args: Any, officers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.officer_map = {str(p.pk): p for p in officers}
        self.fields["officer"] = forms.TypedChoiceField(
            choices=[("", "No particular officer")]
            + [(k, p.full_name) for k, p in self.officer_map.items()],
            coerce=self.officer_map.__getitem__,
            required=False,
            empty_value=None,
            error_messages={"invalid_choice": "Choose an officer of the council."},
        )
