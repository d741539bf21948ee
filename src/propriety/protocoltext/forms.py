"""Forms on the protocol pages: they parse input; the actions decide."""

from __future__ import annotations

from django import forms

from propriety.web.forms import ProprietyForm


class AskForm(ProprietyForm):
    clause = forms.CharField(max_length=80, required=False)
    question = forms.CharField(
        widget=forms.Textarea,
        max_length=4000,
        error_messages={
            "required": "Enter your question about the protocol.",
            "max_length": "Your question must be 4,000 characters or fewer.",
        },
    )


class AnswerForm(ProprietyForm):
    answer = forms.CharField(
        widget=forms.Textarea, error_messages={"required": "Enter your answer."}
    )
