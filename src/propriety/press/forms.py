"""The forms on the press pages: they parse input; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms

from propriety.councils.declared import DeclaredFactsForm, initial_answers
from propriety.councils.models import Council, Ward
from propriety.people.models import Person
from propriety.press.models import CAPACITY_LABELS, PressRelease, Spokesperson
from propriety.web.forms import ProprietyForm, add_action_errors

__all__ = [
    "AppointForm",
    "DecisionForm",
    "ElectionChangeForm",
    "ElectionForm",
    "ElectionWithdrawForm",
    "EndForm",
    "MediaContactForm",
    "MediaInterestForm",
    "ReleaseForm",
    "add_action_errors",
]

_YES_NO = [("yes", "Yes"), ("no", "No")]
# What a member can say about the capacity they speak in (officers always speak for the council).
CAPACITY_CHOICES = [
    (k, CAPACITY_LABELS[k])
    for k in ("council", "ward_member", "personal", "party_group", "candidate")
]


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _date(message: str) -> forms.DateField:
    return forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": message,
            "invalid": "Enter a real date, for example 22 March 2027.",
        },
    )


class ReleaseForm(DeclaredFactsForm):
    title = forms.CharField(
        max_length=200,
        error_messages={
            **_required("Enter a title for the release."),
            "max_length": "The title must be 200 characters or fewer.",
        },
    )
    body = forms.CharField(
        widget=forms.Textarea, error_messages=_required("Enter the text of the release.")
    )
    kind = forms.ChoiceField(
        choices=PressRelease.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            **_required("Choose whether it is a press release or a media statement."),
            "invalid_choice": "Choose whether it is a press release or a media statement.",
        },
    )
    on_behalf_of_council = forms.ChoiceField(
        choices=_YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            **_required("Say whether it is issued on behalf of the council."),
            "invalid_choice": "Say whether it is issued on behalf of the council.",
        },
    )
    about_dispute = forms.BooleanField(required=False)
    about_major_planning = forms.BooleanField(required=False)
    about_court = forms.BooleanField(required=False)
    about_individual_complaint = forms.BooleanField(required=False)
    political_content = forms.BooleanField(required=False)
    promotes_party_group = forms.BooleanField(required=False)

    FLAGS = (
        "about_dispute",
        "about_major_planning",
        "about_court",
        "about_individual_complaint",
        "political_content",
        "promotes_party_group",
    )

    def __init__(self, *args: Any, council: Council | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "release-%s")
        super().__init__(*args, **kwargs)
        if council is not None:
            self.add_declared(council, "press.release")

    @classmethod
    def initial_from(cls, release: PressRelease) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": release.title,
            "body": release.body,
            "kind": release.kind,
            "on_behalf_of_council": "yes" if release.on_behalf_of_council else "no",
        }
        data.update({flag: getattr(release, flag) for flag in cls.FLAGS})
        data.update(initial_answers(release.declared_facts or {}))
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "kind": data["kind"],
            "on_behalf_of_council": data["on_behalf_of_council"] == "yes",
            **{flag: data[flag] for flag in self.FLAGS},
            "declared": self.declared_answers(),
        }


class DecisionForm(ProprietyForm):
    reasons = forms.CharField(widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, prefix_id: str = "decision", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)


class WithdrawReleaseForm(ProprietyForm):
    """The drafter withdraws a release: an optional reason, and a box to confirm it."""

    reason = forms.CharField(widget=forms.Textarea, required=False)
    confirm = forms.BooleanField(
        error_messages={"required": "Confirm that you want to withdraw the release"}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "withdraw-%s")
        super().__init__(*args, **kwargs)


class ElectionForm(ProprietyForm):
    title = forms.CharField(
        max_length=200,
        error_messages=_required("Enter the election, for example “Town council elections 2027”."),
    )
    notice_of_election = _date("Enter the date of the notice of election.")
    polling_day = _date("Enter polling day.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "election-%s")
        super().__init__(*args, **kwargs)


class ElectionChangeForm(ElectionForm):
    reason = forms.CharField(widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "change-%s")
        super().__init__(*args, **kwargs)


class ElectionWithdrawForm(ProprietyForm):
    reason = forms.CharField(
        widget=forms.Textarea, error_messages=_required("Say why the election is withdrawn.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "withdraw-%s")
        super().__init__(*args, **kwargs)


class PersonChoiceField(forms.TypedChoiceField):
    def __init__(self, people: list[Person], *, blank: str, **kwargs: Any) -> None:
        self.people = {str(p.pk): p for p in people}
        choices = [("", blank)] + [(str(p.pk), p.full_name) for p in people]
        super().__init__(choices=choices, coerce=self.people.__getitem__, **kwargs)


class AppointForm(ProprietyForm):
    basis = forms.ChoiceField(
        choices=Spokesperson.Basis.choices,
        widget=forms.RadioSelect,
        error_messages={
            **_required("Choose a resolution or an officer's authorisation."),
            "invalid_choice": "Choose a resolution or an officer's authorisation.",
        },
    )
    resolution_reference = forms.CharField(
        max_length=100, error_messages=_required("Enter the resolution or minute reference.")
    )
    resolved_on = _date("Enter the date of the resolution.")
    scope = forms.CharField(max_length=300, required=False)

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "appoint-%s")
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonChoiceField(
            people,
            blank="Choose a person",
            error_messages={
                **_required("Choose a member or officer of the council."),
                "invalid_choice": "Choose a member or officer of the council.",
            },
        )
        self.order_fields(["person", "basis", "resolution_reference", "resolved_on", "scope"])


class EndForm(ProprietyForm):
    reason = forms.CharField(widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "end-%s")
        super().__init__(*args, **kwargs)


class MediaContactForm(ProprietyForm):
    capacity = forms.ChoiceField(
        choices=CAPACITY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            **_required("Choose the capacity you speak in."),
            "invalid_choice": "Choose the capacity you speak in.",
        },
    )
    outlet = forms.CharField(
        max_length=200, error_messages=_required("Enter the newspaper, station or journalist.")
    )
    topic = forms.CharField(max_length=300, error_messages=_required("Enter what it is about."))
    political_comment = forms.BooleanField(required=False)

    def __init__(self, *args: Any, officer: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "contact-%s")
        super().__init__(*args, **kwargs)
        if officer:
            # Officers speak for the council or not at all.
            del self.fields["capacity"]


class MediaInterestForm(ProprietyForm):
    matter = forms.CharField(
        max_length=200, error_messages=_required("Enter the matter the media are interested in.")
    )
    outlet = forms.CharField(max_length=200, required=False)
    details = forms.CharField(widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, wards: list[Ward], members: list[Person], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "interest-%s")
        super().__init__(*args, **kwargs)
        self.wards = {str(w.pk): w for w in wards}
        self.members = {str(p.pk): p for p in members}
        self.fields["ward"] = forms.TypedChoiceField(
            choices=[("", "No particular ward")] + [(k, w.name) for k, w in self.wards.items()],
            coerce=self.wards.__getitem__,
            required=False,
            empty_value=None,
            error_messages={"invalid_choice": "Choose a ward of the council."},
        )
        self.fields["also_tell"] = forms.TypedMultipleChoiceField(
            choices=[(k, p.full_name) for k, p in self.members.items()],
            coerce=self.members.__getitem__,
            required=False,
            error_messages={"invalid_choice": "Choose members of the council."},
        )
