"""What every app's forms share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_action_errors(form: forms.Form, error: ValidationError) -> None:
    """Put an action's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DecideForm(forms.Form):
    """Allow or refuse, with reasons: for whoever the protocol refers a decision to."""

    allow = forms.TypedChoiceField(
        choices=[("yes", "Allow it"), ("no", "Refuse it")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to allow or refuse it."},
    )
    reasons = forms.CharField(
        widget=forms.Textarea, error_messages={"required": "Give the reasons for your decision."}
    )
