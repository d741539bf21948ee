"""The ward notice form: it parses input; the action decides."""

from __future__ import annotations

from typing import Any

from django import forms

from propriety.councils.models import Ward
from propriety.people.models import Person
from propriety.wardnotices.models import EVENT_LABELS
from propriety.web.forms import ProprietyForm


class WardNoticeForm(ProprietyForm):
    title = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter what it is.",
            "max_length": "The title must be 200 characters or fewer.",
        },
    )
    takes_place_on = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": "Enter the date it starts or takes place.",
            "invalid": "Enter a real date, for example 22 March 2027.",
        },
    )
    details = forms.CharField(widget=forms.Textarea, required=False)
    party_political = forms.BooleanField(required=False)

    def __init__(
        self,
        *args: Any,
        events: tuple[str, ...],
        wards: list[Ward],
        officers: list[Person] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"] = forms.ChoiceField(
            choices=[(e, EVENT_LABELS[e]) for e in events],
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose what you are recording.",
                "invalid_choice": "Choose what you are recording.",
            },
        )
        self.ward_map = {str(w.pk): w for w in wards}
        self.fields["wards"] = forms.TypedMultipleChoiceField(
            choices=[(k, w.name) for k, w in self.ward_map.items()],
            coerce=self.ward_map.__getitem__,
            error_messages={
                "required": "Choose the ward or wards affected.",
                "invalid_choice": "Choose wards of the council.",
            },
        )
        if "officer_visit" in events and officers:
            self.officer_map = {str(p.pk): p for p in officers}
            self.fields["visiting_officer"] = forms.TypedChoiceField(
                choices=[("", "Me")] + [(k, p.full_name) for k, p in self.officer_map.items()],
                coerce=self.officer_map.__getitem__,
                required=False,
                empty_value=None,
                error_messages={"invalid_choice": "Choose an officer of the council."},
            )
        self.order_fields(
            ["event", "title", "takes_place_on", "wards", "visiting_officer", "party_political"]
        )
