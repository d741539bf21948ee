"""The briefing forms: they parse what was typed; the actions decide."""

from __future__ import annotations

from django import forms

from propriety.briefings.models import Briefing
from propriety.councils.models import PartyGroup
from propriety.people.models import Person
from propriety.web.forms import ProprietyForm


class RequestForm(ProprietyForm):
    matter = forms.CharField(
        max_length=200, error_messages={"required": "Say what the group wants advice on."}
    )
    matter_kind = forms.ChoiceField(choices=Briefing.Matter.choices, initial="council_business")
    details = forms.CharField(widget=forms.Textarea, required=False, max_length=4000)
    meeting_on = forms.DateField(required=False)
    non_members_present = forms.BooleanField(required=False)
    support_services = forms.BooleanField(required=False)
    relay_requested = forms.BooleanField(required=False)

    def __init__(self, *args: object, groups: list[PartyGroup], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.groups = {str(g.pk): g for g in groups}
        self.fields["group"] = forms.ChoiceField(
            choices=[(str(g.pk), g.name) for g in groups],
            initial=str(groups[0].pk) if groups else None,
            error_messages={"required": "Choose your group."},
        )
        self.order_fields(["group", "matter"])

    def clean_group(self) -> PartyGroup:
        return self.groups[self.cleaned_data["group"]]


class DecideForm(ProprietyForm):
    agree = forms.TypedChoiceField(
        choices=[("yes", "Agree to brief the group"), ("no", "Decline")],
        coerce=lambda v: v == "yes",
        error_messages={"required": "Choose whether to brief the group."},
    )
    reasons = forms.CharField(widget=forms.Textarea, required=False, max_length=2000)


class _People(forms.MultipleChoiceField):
    def __init__(self, people: list[Person], **kwargs: object) -> None:
        self.people = {str(p.pk): p for p in people}
        super().__init__(choices=[(str(p.pk), p.full_name) for p in people], **kwargs)  # type: ignore[arg-type]

    def clean(self, value: object) -> list[Person]:
        return [self.people[v] for v in super().clean(value)]


class RecordForm(ProprietyForm):
    given_on = forms.DateField(error_messages={"required": "Give the date of the briefing."})
    advice = forms.CharField(
        widget=forms.Textarea,
        max_length=8000,
        error_messages={"required": "Record the facts and advice given."},
    )
    discussion = forms.CharField(widget=forms.Textarea, required=False, max_length=8000)
    non_members_attended = forms.BooleanField(required=False)

    def __init__(
        self, *args: object, officers: list[Person], members: list[Person], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["officers"] = _People(
            officers, error_messages={"required": "Choose the officers present."}
        )
        self.fields["attendees"] = _People(members, required=False)
        self.order_fields(["given_on", "officers", "attendees", "non_members_attended"])


class SameMatterForm(ProprietyForm):
    def __init__(self, *args: object, earlier: list[Briefing], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.earlier = {str(b.pk): b for b in earlier}
        self.fields["earlier"] = forms.ChoiceField(
            choices=[("", "No other group has been briefed on it")]
            + [(str(b.pk), f"{b.reference}: {b.group.name}, “{b.matter}”") for b in earlier],
            required=False,
        )

    def clean_earlier(self) -> Briefing | None:
        key = self.cleaned_data.get("earlier")
        return self.earlier.get(key) if key else None
