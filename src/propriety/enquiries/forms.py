"""The forms on the enquiry pages: they parse input; the actions decide.

Each form on the case page has its own ``auto_id`` so several can sit on one
page without clashing ids, while the field names stay plain.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from propriety.councils.declared import DeclaredFactsForm
from propriety.councils.models import Council
from propriety.enquiries.models import (
    ADDRESSED,
    ADDRESSED_LABELS,
    KIND_LABELS,
    KINDS,
    DirectContactAgreement,
    Enquiry,
)
from propriety.people.models import Person
from propriety.protocol import format_date
from propriety.web.forms import ProprietyForm


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class OfficerChoiceField(forms.TypedChoiceField):
    """A select of the council's officers; cleans to the chosen Person."""

    def __init__(self, officers: list[Person], *, blank: str, **kwargs: Any) -> None:
        self.officers = {str(p.pk): p for p in officers}
        choices = [("", blank)] + [(str(p.pk), p.name_and_title) for p in officers]
        super().__init__(choices=choices, coerce=self.officers.__getitem__, **kwargs)


class EnquiryForm(DeclaredFactsForm):
    subject = forms.CharField(
        max_length=200,
        error_messages={
            **_required("Enter a short subject for your enquiry."),
            "max_length": "The subject must be 200 characters or fewer.",
        },
    )
    body = forms.CharField(
        widget=forms.Textarea, label="Your enquiry", error_messages=_required("Enter your enquiry.")
    )
    kind = forms.ChoiceField(
        choices=[(k, KIND_LABELS.get(k, k)) for k in KINDS],
        widget=forms.RadioSelect,
        error_messages={
            **_required("Choose what kind of enquiry this is."),
            "invalid_choice": "Choose what kind of enquiry this is.",
        },
    )
    addressed_to = forms.ChoiceField(
        choices=[(k, ADDRESSED_LABELS.get(k, k)) for k in ADDRESSED],
        widget=forms.RadioSelect,
        error_messages={
            **_required("Choose who the enquiry is addressed to."),
            "invalid_choice": "Choose who the enquiry is addressed to.",
        },
    )
    constituent_name = forms.CharField(
        max_length=200,
        required=False,
        error_messages={"max_length": "The constituent's name must be 200 characters or fewer."},
    )
    asks_for_priority = forms.BooleanField(required=False)
    via_formal_decision = forms.BooleanField(required=False)
    delegated_authority = forms.BooleanField(required=False)

    def __init__(
        self,
        *args: Any,
        officers: list[Person],
        cabinet_member: bool,
        agreements: Sequence[DirectContactAgreement] = (),
        council: Council | None = None,
        addressees: Sequence[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if council is not None:
            self.add_declared(council, "enquiry.route")
        if addressees is not None:
            self.fields["addressed_to"].choices = list(addressees)  # type: ignore[attr-defined]
        self.fields["addressed_officer"] = OfficerChoiceField(
            officers,
            blank="No one in particular",
            required=False,
            empty_value=None,
            error_messages={"invalid_choice": "Choose an officer of your council."},
        )
        if not cabinet_member:
            del self.fields["delegated_authority"]
        if agreements:
            self.fields["agreement"] = AgreementChoiceField(
                list(agreements),
                required=False,
                empty_value=None,
                error_messages={
                    "invalid_choice": "Choose one of the agreements that apply to you today."
                },
            )


def agreement_label(agreement: DirectContactAgreement) -> str:
    until = f", until {format_date(agreement.ends_on)}" if agreement.ends_on else ""
    return f"{agreement.officer.full_name}: {agreement.matter} ({agreement.reference}{until})"


class AgreementChoiceField(forms.TypedChoiceField):
    """A select of the agreements for direct contact a member may use; cleans to one."""

    def __init__(self, agreements: list[DirectContactAgreement], **kwargs: Any) -> None:
        self.agreements = {str(a.pk): a for a in agreements}
        choices = [("", "No, send it as the protocol says")] + [
            (str(a.pk), agreement_label(a)) for a in agreements
        ]
        super().__init__(choices=choices, coerce=self.agreements.__getitem__, **kwargs)


class AgreementForm(ProprietyForm):
    """The Clerk records an agreement for direct contact."""

    matter = forms.CharField(
        max_length=200,
        error_messages={
            **_required("Say what matter the agreement covers."),
            "max_length": "The matter must be 200 characters or fewer.",
        },
    )
    starts_on = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={
            **_required("Enter the first day of the agreement."),
            "invalid": "Enter a real date, for example 22 March 2027.",
        },
    )
    ends_on = forms.DateField(
        input_formats=["%Y-%m-%d"],
        required=False,
        error_messages={"invalid": "Enter a real date, for example 22 March 2027."},
    )
    instructions_approved = forms.BooleanField(required=False)

    def __init__(
        self, *args: Any, officers: list[Person], members: list[Person], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "agreement-%s")
        super().__init__(*args, **kwargs)
        self.fields["officer"] = OfficerChoiceField(
            officers,
            blank="Choose an officer",
            error_messages={
                **_required("Choose the officer members may contact direct."),
                "invalid_choice": "Choose an officer of the council.",
            },
        )
        self.fields["member"] = OfficerChoiceField(
            members,
            blank="Every member",
            required=False,
            empty_value=None,
            error_messages={"invalid_choice": "Choose a serving member of the council."},
        )
        self.order_fields(["officer", "matter", "member", "starts_on", "ends_on"])


_PRIORITIES = [(p.value, p.label) for p in Enquiry.Priority if p.value]


class TriageForm(ProprietyForm):
    priority = forms.ChoiceField(
        choices=_PRIORITIES,
        widget=forms.RadioSelect,
        error_messages={
            **_required("Choose a priority."),
            "invalid_choice": "Choose a priority.",
        },
    )

    def __init__(self, *args: Any, officers: list[Person], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "triage-%s")
        super().__init__(*args, **kwargs)
        self.fields["officer"] = OfficerChoiceField(
            officers,
            blank="Choose an officer",
            error_messages={
                **_required("Choose the officer to deal with it."),
                "invalid_choice": "Choose an officer of this council.",
            },
        )


class _TextForm(ProprietyForm):
    """One text box; subclasses name it and its error."""

    prefix_id = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)


class ClarificationRequestForm(_TextForm):
    prefix_id = "clarify-request"
    question = forms.CharField(
        widget=forms.Textarea,
        error_messages=_required("Enter what you need the councillor to clarify."),
    )


class ClarifyForm(_TextForm):
    prefix_id = "clarify"
    reply = forms.CharField(widget=forms.Textarea, error_messages=_required("Enter your reply."))


class AnswerForm(_TextForm):
    prefix_id = "answer"
    answer = forms.CharField(widget=forms.Textarea, error_messages=_required("Enter the answer."))


class FeedbackForm(_TextForm):
    prefix_id = "feedback"
    answered = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            **_required("Say whether the answer answered your question."),
            "invalid_choice": "Say whether the answer answered your question.",
        },
    )
    comment = forms.CharField(widget=forms.Textarea, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answered") is False and not data.get("comment", "").strip():
            self.add_error("comment", "Say what the answer did not cover.")
        return data


class CloseForm(_TextForm):
    prefix_id = "close"
    reason = forms.CharField(
        widget=forms.Textarea, error_messages=_required("Say why the enquiry is being closed.")
    )


class WithdrawForm(_TextForm):
    """Withdrawing cannot be undone, so the member confirms it on the form itself."""

    prefix_id = "withdraw"
    reason = forms.CharField(widget=forms.Textarea, required=False)
    confirm = forms.BooleanField(
        error_messages={"required": "Confirm that you want to withdraw the enquiry"}
    )


class AcknowledgeForm(_TextForm):
    prefix_id = "acknowledge"
