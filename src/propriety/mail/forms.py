from __future__ import annotations

from typing import Any

from django import forms

from propriety.enquiries.models import Enquiry
from propriety.people.models import Person
from propriety.web.forms import ProprietyForm


class _EnquiryChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference}: {obj.subject}"


class _PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class FileForm(ProprietyForm):
    enquiry = _EnquiryChoice(
        queryset=Enquiry.unscoped.none(),
        empty_label="Choose an enquiry",
        error_messages={"required": "Choose the enquiry to file the email to."},
    )

    def __init__(self, *args: Any, enquiries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["enquiry"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = enquiries


class ConvertForm(ProprietyForm):
    member = _PersonChoice(
        queryset=Person.unscoped.none(),
        empty_label="Choose a member",
        error_messages={"required": "Choose the member who sent the enquiry."},
    )
    subject = forms.CharField(max_length=200, required=False)

    def __init__(self, *args: Any, members: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Person.unscoped.filter(pk__in=[m.pk for m in members])


class DiscardForm(ProprietyForm):
    reason = forms.CharField(
        max_length=500, error_messages={"required": "Say why the email is being discarded."}
    )
