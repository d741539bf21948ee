"""The forms on the correspondence pages: they parse input; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from propriety.correspondence.check import Addressee
from propriety.correspondence.eml import EmlError, ParsedEmail, parse_eml
from propriety.correspondence.models import (
    ADDRESSED_TO,
    ADDRESSED_TO_LABELS,
    CAPACITIES,
    CAPACITY_LABELS,
    FLAG_LABELS,
    FLAGS,
    INCOMING_FLAG_LABELS,
    INCOMING_FLAGS,
    IncomingLetter,
    Recipient,
)
from propriety.councils.declared import DeclaredFactsForm
from propriety.councils.models import Council
from propriety.people.models import Person
from propriety.web.forms import ProprietyForm

_LINES = {"to": "to", "cc": "cc", "bcc": "bcc"}
_OUTSIDE_KINDS = {k: k for k in Recipient.OUTSIDE_KINDS}
_OUTSIDE_HELP = (
    "One a line: To, Cc or Bcc; name; email (may be empty); and complainant, third party, "
    "member of the public or other. For example: To; Sam Resident; sam@example.com; complainant"
)


def _capacity_choices() -> list[tuple[str, str]]:
    return [("", "From their roles")] + [(k, CAPACITY_LABELS[k]) for k in CAPACITIES]


class _FlagsMixin:
    def flags(self) -> dict[str, bool]:
        data = self.cleaned_data  # type: ignore[attr-defined]
        return {name: bool(data.get(name)) for name in FLAGS}


def _add_flag_fields(form: forms.Form) -> None:
    for name in FLAGS:
        form.fields[name] = forms.BooleanField(required=False, label=FLAG_LABELS[name])


def parse_outside(text: str) -> list[Addressee]:
    """Outside recipients, one a line: ``line; name; email; kind``."""
    found: list[Addressee] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.split(";")]
        if len(parts) != 4:
            raise ValidationError(
                f"Line {number} needs four parts separated by semicolons: To, Cc or Bcc; "
                "name; email; kind."
            )
        line, name, email, kind = parts
        key = line.lower()
        if key not in _LINES:
            raise ValidationError(f"Line {number}: start with To, Cc or Bcc, not “{line}”.")
        # "member of the public", as the help text says it, is the kind member_of_public.
        kind_key = kind.lower().replace(" ", "_").replace("_the_", "_")
        if kind_key not in _OUTSIDE_KINDS:
            raise ValidationError(
                f"Line {number}: say complainant, third party, member of the public or other, "
                f"not “{kind}”."
            )
        if not name:
            raise ValidationError(f"Line {number}: give the recipient's name.")
        if email:
            try:
                forms.EmailField().clean(email)
            except ValidationError as exc:
                raise ValidationError(f"Line {number}: “{email}” is not an email address.") from exc
        found.append(Addressee(key, name, kind_key, email.lower(), None))
    return found


def outside_text(recipients: list[Recipient]) -> str:
    return "\n".join(
        f"{r.get_line_display()}; {r.name}; {r.email}; {r.get_kind_display().lower()}"
        for r in recipients
        if r.person_id is None
    )


class DraftForm(_FlagsMixin, DeclaredFactsForm):
    """A draft typed or pasted in; the council's people are chosen from lists."""

    def __init__(
        self,
        *args: Any,
        people: list[Person],
        senders: list[Person],
        editing: bool = False,
        council: Council | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if council is not None:
            self.add_declared(council, "correspondence.check")
        self.people = {str(p.pk): p for p in people}
        choices = [(str(p.pk), p.full_name) for p in people]
        if not editing:
            self.fields["sender"] = forms.ChoiceField(
                choices=[(str(p.pk), p.full_name) for p in senders],
                error_messages={"required": "Choose who it is from."},
            )
        self.fields["signatory"] = forms.ChoiceField(
            choices=[("", "The sender"), *choices], required=False
        )
        self.fields["signatory_capacity"] = forms.ChoiceField(
            choices=_capacity_choices(), required=False
        )
        self.fields["subject"] = forms.CharField(
            max_length=300,
            error_messages={
                "required": "Enter the subject.",
                "max_length": "The subject must be 300 characters or fewer.",
            },
        )
        self.fields["body"] = forms.CharField(
            widget=forms.Textarea, error_messages={"required": "Enter the text."}
        )
        for line in ("to", "cc", "bcc"):
            self.fields[line] = forms.MultipleChoiceField(
                choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
        self.fields["outside"] = forms.CharField(
            widget=forms.Textarea, required=False, help_text=_OUTSIDE_HELP
        )
        _add_flag_fields(self)

    def clean_outside(self) -> list[Addressee]:
        return parse_outside(self.cleaned_data.get("outside", ""))

    def person(self, key: str) -> Person | None:
        value = self.cleaned_data.get(key) or ""
        return self.people.get(value)

    def recipients(self) -> list[Addressee]:
        chosen = [
            Addressee(line, self.people[pk].full_name, "", "", self.people[pk])
            for line in ("to", "cc", "bcc")
            for pk in self.cleaned_data.get(line, [])
        ]
        return chosen + list(self.cleaned_data.get("outside", []))


class UploadForm(_FlagsMixin, DeclaredFactsForm):
    """An ``.eml`` file; it is parsed whole here, so nothing is stored half-parsed."""

    eml = forms.FileField(
        error_messages={
            "required": "Choose an .eml file to upload.",
            "empty": "The file is empty.",
        }
    )

    def __init__(self, *args: Any, council: Council | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if council is not None:
            self.add_declared(council, "correspondence.check")
        self.fields["signatory_capacity"] = forms.ChoiceField(
            choices=_capacity_choices(), required=False
        )
        _add_flag_fields(self)

    def clean_eml(self) -> ParsedEmail:
        upload = self.cleaned_data["eml"]
        if upload.size is not None and upload.size > 2 * 1024 * 1024:
            raise ValidationError(
                "The email is larger than 2 MB. Remove any attachments and try again."
            )
        try:
            return parse_eml(upload.read(), upload.name)
        except EmlError as exc:
            raise ValidationError(str(exc)) from exc


class SentForm(ProprietyForm):
    acknowledge = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, problems: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["acknowledge"].choices = [  # type: ignore[attr-defined]
            (str(p["id"]), str(p["explanation"])) for p in problems
        ]


class AskForm(ProprietyForm):
    purpose = forms.CharField(
        widget=forms.Textarea,
        error_messages={"required": "Say what you need the correspondence for"},
    )
    justification = forms.CharField(widget=forms.Textarea, required=False)
    third_party_name = forms.CharField(
        max_length=200,
        required=False,
        error_messages={"max_length": "The name must be 200 characters or fewer"},
    )
    member_interest = forms.BooleanField(required=False)


# --- incoming correspondence to the council ---------------------------------------------


class IncomingForm(DeclaredFactsForm):
    """A letter or email the council received, with what the protocol asks about it: the
    question's own facts and any the council's rulebook declares."""

    received_on = forms.DateField(
        error_messages={
            "required": "Enter the day it was received.",
            "invalid": "Enter a real date for the day it was received.",
        }
    )
    medium = forms.ChoiceField(
        choices=IncomingLetter.Medium.choices,
        widget=forms.RadioSelect,
        initial=IncomingLetter.Medium.LETTER,
        error_messages={
            "required": "Choose how it came.",
            "invalid_choice": "Choose how it came.",
        },
    )
    sender = forms.CharField(
        required=False,
        max_length=200,
        error_messages={"max_length": "The sender must be 200 characters or fewer."},
    )
    summary = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Say in a few words what it is about.",
            "max_length": "The summary must be 200 characters or fewer.",
        },
    )
    addressed_to = forms.ChoiceField(
        choices=[(a, ADDRESSED_TO_LABELS.get(a, a)) for a in ADDRESSED_TO],
        widget=forms.RadioSelect,
        initial="council",
        error_messages={
            "required": "Choose who received it.",
            "invalid_choice": "Choose who received it.",
        },
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in INCOMING_FLAGS:
            self.fields[name] = forms.BooleanField(required=False)
        self.add_declared(council, "correspondence.incoming")

    @property
    def flag_fields(self) -> list[tuple[forms.BoundField, str]]:
        return [(self[name], INCOMING_FLAG_LABELS[name]) for name in INCOMING_FLAGS]

    def flags(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in INCOMING_FLAGS}


class DealtWithForm(ProprietyForm):
    """What was done with a letter the council received, and why."""

    action = forms.ChoiceField(
        choices=IncomingLetter.Action.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what was done with it.",
            "invalid_choice": "Choose what was done with it.",
        },
    )
    reasons = forms.CharField(
        widget=forms.Textarea, error_messages={"required": "Say what was done and why."}
    )
