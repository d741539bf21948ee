"""What every app's forms share.

Every form in the project is a ``ProprietyForm`` (a test walks them all). It
refuses control characters (NUL, escape, DEL and the rest; tab and line
breaks are ordinary text) in *any* field, whatever its type, in one place
rather than field by field: the field gets the error "“Subject” must not
contain control characters ...", the error summary lists it, and the form is
shown again with everything typed kept, the offending field included, with
only the control characters taken out (they are invisible, and PostgreSQL
cannot store a NUL at all). The field is checked before it is cleaned, so a
NUL never reaches a database lookup (a ``ModelChoiceField`` keyed by text
would otherwise fail on PostgreSQL) nor a form's own ``clean()`` (the sign-in
form never tries a password with one).

HTML form posts reach the form untouched: ``web.hardening.BadInputMiddleware``
leaves them to it, and still refuses control characters in the API's bodies
and in query strings.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.utils import pretty_name

from propriety.web.hardening import has_control_character, without_control_characters

# A date a council's work could hold. A year typed as "26" in a date box reaches the server
# as 0026, and a slip gives 9999: either would set deadlines and clocks nobody meant.
FIRST_YEAR, LAST_YEAR = 1900, 2200
YEAR_ERROR = (
    "“{label}” must be between {first} and {last}: write the year in full, for example 2027."
)

# Django's own ("Ensure this value has at most 200 characters (it has 500).") names no
# field in the error summary and is not how the pages speak.
TOO_LONG_ERROR = "“{label}” must be {limit:,} characters or fewer (it has {length:,})."
# A text box with no limit of its own (a Textarea without max_length) takes no more than
# this: a few thousand words, far beyond any enquiry, note or letter, far short of the
# megabytes a paste can carry into the queue, the emails, the PDFs and the search index.
TEXT_LIMIT = 20_000
# And Django's "Enter a valid date." for a date field that kept its default.
NOT_A_DATE_ERROR = "“{label}” must be a real date, for example 22 March 2027."

_DJANGO_NOT_A_DATE = forms.DateField.default_error_messages["invalid"]

CONTROL_CHARACTER_ERROR = (
    "“{label}” must not contain control characters (such as NUL). "
    "They have been taken out: check the text and send it again."
)


def _label(field: forms.Field, name: str) -> str:
    return str(field.label or pretty_name(name)).rstrip(" :")


class ProprietyForm(forms.Form):
    """The base of every form: a field holding a control character is refused, text kept."""

    control_character_fields: tuple[str, ...] = ()  # set when the form is cleaned

    def _field_of(self, key: str) -> str | None:
        """The field a posted key belongs to (``when_0`` belongs to a split ``when``)."""
        for name in self.fields:
            html_name = self.add_prefix(name)
            if key == html_name or re.fullmatch(re.escape(html_name) + r"_\d+", key):
                return name
        return None

    def _take_out_control_characters(self) -> None:
        data: Any = self.data
        getlist = data.getlist if hasattr(data, "getlist") else lambda key: [data[key]]
        bad = [
            key
            for key in data
            if any(isinstance(v, str) and has_control_character(v) for v in getlist(key))
        ]
        if not bad:
            self.control_character_fields = ()
            return
        if hasattr(data, "getlist"):
            kept = data.copy()  # a QueryDict: a mutable copy, every value of a key kept
            for key in bad:
                kept.setlist(key, [without_control_characters(v) for v in data.getlist(key)])
        else:
            kept = dict(data)
            for key in bad:
                value = data[key]
                kept[key] = without_control_characters(value) if isinstance(value, str) else value
        self.data = kept
        fields = [self._field_of(str(key)) for key in bad]
        self.control_character_fields = tuple(dict.fromkeys(n for n in fields if n))

    def _clean_fields(self) -> None:
        # Looked at when cleaning starts, not in __init__: many forms add fields there.
        # Refused before clean(): the rest of the form is cleaned without the field, as for
        # any field with an error, so cross-field checks (and sign-in) never see it.
        self._take_out_control_characters()
        super()._clean_fields()  # type: ignore[misc]
        for name in self.control_character_fields:
            self.errors.pop(name, None)  # the complaint about what is left would mislead
            label = _label(self.fields[name], name)
            self.add_error(name, ValidationError(CONTROL_CHARACTER_ERROR.format(label=label)))
        self._refuse_endless_text()
        self._say_plainly()
        self._refuse_implausible_years()

    def _refuse_endless_text(self) -> None:
        """Every text box without a limit of its own gets TEXT_LIMIT."""
        for name, field in self.fields.items():
            if not (
                isinstance(field, forms.CharField)
                and field.max_length is None
                and isinstance(field.widget, forms.Textarea)
            ):
                continue
            value = self.cleaned_data.get(name)
            if isinstance(value, str):
                try:  # Django's own check, worded as ours by _say_plainly next
                    MaxLengthValidator(TEXT_LIMIT)(value)
                except ValidationError as error:
                    self.add_error(name, error)

    def _say_plainly(self) -> None:
        """Django's default messages for text over a field's ``max_length`` and for a date
        that is not one, reworded with the field's label; a form's own message is kept."""
        for name, errors in self.errors.items():
            field = self.fields.get(name)
            if field is None:
                continue
            for i, error in enumerate(errors.data):
                if not isinstance(error, ValidationError):
                    continue
                label = _label(field, name)
                params = error.params or {}
                if error.code == "max_length" and "max_length" not in field.error_messages:
                    message = TOO_LONG_ERROR.format(
                        label=label,
                        limit=params.get("limit_value", 0),
                        length=params.get("show_value", 0),
                    )
                elif (
                    error.code == "invalid"
                    and isinstance(field, forms.DateField)
                    and field.error_messages.get("invalid") == _DJANGO_NOT_A_DATE
                ):
                    message = NOT_A_DATE_ERROR.format(label=label)
                else:
                    continue
                errors.data[i] = ValidationError(message, code=error.code, params=params)

    def _refuse_implausible_years(self) -> None:
        """Every date (and date and time) field: a year outside FIRST_YEAR..LAST_YEAR is
        refused on the field before the form's own checks, the text typed kept."""
        for name, field in self.fields.items():
            if not isinstance(
                field, forms.DateField | forms.DateTimeField | forms.SplitDateTimeField
            ):
                continue
            value = self.cleaned_data.get(name)
            if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
                label = _label(field, name)
                message = YEAR_ERROR.format(label=label, first=FIRST_YEAR, last=LAST_YEAR)
                self.add_error(name, ValidationError(message))


def add_action_errors(form: forms.Form, error: ValidationError) -> None:
    """Put an action's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DecideForm(ProprietyForm):
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
