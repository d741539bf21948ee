"""The forms for delegated actions: they parse what was typed; the actions decide."""

from __future__ import annotations

from django import forms

from propriety.councils.models import Committee
from propriety.interests.forms import _PersonField
from propriety.people.models import Person
from propriety.web.forms import ProprietyForm


class DelegationForm(ProprietyForm):
    resolution_reference = forms.CharField(
        max_length=80, error_messages={"required": "Give the reference of the resolution."}
    )
    matter = forms.CharField(max_length=200, error_messages={"required": "Say what the action is."})
    details = forms.CharField(widget=forms.Textarea, required=False, max_length=4000)
    authorised_on = forms.DateField(required=False)

    def __init__(
        self,
        *args: object,
        officers: list[Person],
        members: list[Person],
        committees: list[Committee],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.committees = {str(c.pk): c for c in committees}
        self.fields["committee"] = forms.ChoiceField(
            choices=[("", "Not a committee (the council)")]
            + [(str(c.pk), c.name) for c in committees],
            required=False,
        )
        self.fields["officer"] = _PersonField(officers, "Choose the named officer")
        self.fields["chair"] = _PersonField(members, "Choose the chair")
        self.order_fields(["committee", "resolution_reference", "matter", "details", "officer"])

    def clean_committee(self) -> Committee | None:
        key = self.cleaned_data.get("committee")
        return self.committees.get(key) if key else None


class DecisionForm(ProprietyForm):
    consulted_on = forms.DateField(error_messages={"required": "Give the date you consulted."})
    chair_view = forms.CharField(
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Record what the chair said."},
    )
    pressure_applied = forms.BooleanField(required=False)
    decision_text = forms.CharField(
        widget=forms.Textarea, max_length=4000, error_messages={"required": "Record your decision."}
    )
