"""The register's and the panels' forms: they parse what was typed; the actions decide."""

from __future__ import annotations

import datetime

from django import forms

from propriety.interests.models import NATURES, Panel
from propriety.people.holders import officers_of
from propriety.people.models import Person
from propriety.web.forms import ProprietyForm


def _people_choices(people: list[Person], blank: str) -> list[tuple[str, str]]:
    return [("", blank)] + [(str(p.pk), p.full_name) for p in people]


class _PersonField(forms.ChoiceField):
    """A choice of people by id; cleaned to the Person (or None)."""

    def __init__(self, people: list[Person], blank: str, **kwargs: object) -> None:
        self.people = {str(p.pk): p for p in people}
        super().__init__(choices=_people_choices(people, blank), required=False, **kwargs)  # type: ignore[arg-type]

    def clean(self, value: object) -> Person | None:
        key = super().clean(value)
        return self.people.get(str(key)) if key else None


class DeclarationForm(ProprietyForm):
    nature = forms.ChoiceField(
        choices=[(k, v[0]) for k, v in NATURES.items()],
        error_messages={"required": "Choose what kind of relationship or interest it is."},
    )
    related_name = forms.CharField(max_length=200, required=False, label="Outsider’s name")
    details = forms.CharField(
        widget=forms.Textarea, required=False, max_length=2000, label="Details"
    )
    starts_on = forms.DateField(required=False, label="From")
    ends_on = forms.DateField(required=False, label="To")

    def __init__(self, *args: object, people: list[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["related_person"] = _PersonField(people, "Nobody of the council")
        self.order_fields(["related_person", "related_name", "nature"])

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("related_person") and not (data.get("related_name") or "").strip():
            self.add_error("related_person", "Say whom the relationship or interest is with.")
        return data


class EndForm(ProprietyForm):
    ends_on = forms.DateField(required=False, label="Last day")


class PanelForm(ProprietyForm):
    kind = forms.ChoiceField(
        choices=Panel.Kind.choices, error_messages={"required": "Choose what the panel decides."}
    )
    title = forms.CharField(max_length=200, error_messages={"required": "Give the panel a title."})
    candidates = forms.CharField(widget=forms.Textarea, required=False, max_length=4000)

    def __init__(
        self, *args: object, council: object, day: datetime.date, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["subject"] = _PersonField(officers_of(council, day), "No officer")  # type: ignore[arg-type]
        self.order_fields(["kind", "title", "subject", "candidates"])


class SeatForm(ProprietyForm):
    canvassing = forms.BooleanField(required=False)
    information_advantage = forms.BooleanField(required=False)
    clerk_decision = forms.ChoiceField(
        choices=[("seat", "Seat the member"), ("refuse", "Do not seat the member")],
        required=False,
    )
    reasons = forms.CharField(widget=forms.Textarea, required=False, max_length=2000)

    def __init__(self, *args: object, members: list[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["member"] = _PersonField(members, "Choose a member")
        self.order_fields(["member"])

    def clean_member(self) -> Person:
        member = self.cleaned_data.get("member")
        if member is None:
            raise forms.ValidationError("Choose the member to consider for a seat.")
        return member  # type: ignore[no-any-return]


class ClosePanelForm(ProprietyForm):
    outcome = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Say what the panel decided."},
    )
