"""The forms on the concern pages: they parse input; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms

from propriety.concerns.models import DIRECTION_LABELS, SERIOUSNESS, SERIOUSNESS_LABELS
from propriety.concerns.routing import QUESTION
from propriety.councils.declared import DeclaredFactsForm
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.web.forms import ProprietyForm, add_action_errors

__all__ = [
    "CloseForm",
    "MoveOnForm",
    "NoteForm",
    "RaiseForm",
    "ReferForm",
    "ResolveForm",
    "add_action_errors",
]


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class PersonChoiceField(forms.TypedChoiceField):
    """A select of people; cleans to the chosen Person."""

    def __init__(self, people: list[Person], *, blank: str, **kwargs: Any) -> None:
        self.people = {str(p.pk): p for p in people}
        choices = [("", blank)] + [(str(p.pk), p.full_name) for p in people]
        super().__init__(choices=choices, coerce=self.people.__getitem__, **kwargs)


class RaiseForm(DeclaredFactsForm):
    """Raising a concern, with the facts the council's rulebook declares for its route."""

    summary = forms.CharField(
        max_length=200,
        error_messages={
            **_required("Enter a short summary of the concern."),
            "max_length": "The summary must be 200 characters or fewer.",
        },
    )
    details = forms.CharField(
        widget=forms.Textarea, label="What happened", error_messages=_required("Say what happened.")
    )
    seriousness = forms.ChoiceField(
        choices=[(s, SERIOUSNESS_LABELS.get(s, s)) for s in SERIOUSNESS],
        widget=forms.RadioSelect,
        initial="minor",
        error_messages={
            **_required("Choose how serious it is."),
            "invalid_choice": "Choose how serious it is.",
        },
    )
    direct_discussion_inappropriate = forms.BooleanField(required=False)
    formal_written = forms.BooleanField(required=False)
    sanction_requested = forms.BooleanField(required=False)

    def __init__(
        self,
        *args: Any,
        council: Council,
        directions: list[str],
        people: list[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["direction"] = forms.ChoiceField(
            choices=[(d, DIRECTION_LABELS.get(d, d)) for d in directions],
            widget=forms.RadioSelect,
            error_messages={
                **_required("Choose what kind of concern this is."),
                "invalid_choice": "Choose what kind of concern this is.",
            },
        )
        self.fields["about"] = PersonChoiceField(
            people,
            blank="Choose a person",
            required=False,
            empty_value=None,
            error_messages={"invalid_choice": "Choose a person of your council."},
        )
        self.order_fields(["direction", "about", "summary", "details", "seriousness"])
        self.add_declared(council, QUESTION)


class _CaseForm(ProprietyForm):
    prefix_id = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)


class _StepForm(_CaseForm):
    """What was done at this step, and (for a body) which of its members took part."""

    done = forms.CharField(
        widget=forms.Textarea,
        label="What was done at this step",
        error_messages=_required("Say what was done at this step."),
    )

    def __init__(self, *args: Any, handlers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.handlers = handlers
        self.fields["took_part"] = forms.TypedMultipleChoiceField(
            choices=[(str(p.pk), p.full_name) for p in handlers],
            coerce=lambda pk: {str(p.pk): p for p in handlers}[pk],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": "Choose people who handle this step."},
        )


class ResolveForm(_StepForm):
    prefix_id = "resolve"
    outcome = forms.CharField(
        widget=forms.Textarea,
        label="How it was resolved",
        error_messages=_required("Say how it was resolved."),
    )


class MoveOnForm(_StepForm):
    prefix_id = "move-on"


class ReferForm(_CaseForm):
    prefix_id = "refer"
    reason = forms.CharField(widget=forms.Textarea, required=False, label="Why")


class NoteForm(_CaseForm):
    prefix_id = "note"
    text = forms.CharField(
        widget=forms.Textarea, label="Your note", error_messages=_required("Enter your note.")
    )


class CloseForm(_CaseForm):
    prefix_id = "close"
    reason = forms.CharField(
        widget=forms.Textarea,
        label="Why you are closing it",
        error_messages=_required("Say why it is being closed."),
    )
