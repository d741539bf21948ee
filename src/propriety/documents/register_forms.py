"""The forms for keeping the register: adding a document, reclassifying it, importing many."""

from __future__ import annotations

from typing import Any

from django import forms

from propriety.councils.models import Committee, Council
from propriety.documents.models import Classification, ExemptCategory
from propriety.web.forms import ProprietyForm

# The register's classifications as the Clerk chooses them; third-party
# personal data is a flag of its own, since any document may hold it.
CHOICES = [
    (Classification.PUBLIC.value, "Public"),
    (Classification.COMMITTEE.value, "Committee business (its members may see it)"),
    (Classification.EXEMPT.value, "Exempt information (Local Government Act 1972, Schedule 12A)"),
    (Classification.CONFIDENTIAL.value, "Confidential"),
]
_DATE = {"invalid": "Enter a real date, for example 3 November 2026"}


class _Classified(ProprietyForm):
    classification = forms.ChoiceField(
        choices=CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the document is classified"},
    )
    exempt_category = forms.TypedChoiceField(
        choices=[("", "Choose the paragraph"), *ExemptCategory.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    contains_personal_data = forms.BooleanField(required=False)


class DocumentForm(_Classified):
    title = forms.CharField(
        max_length=300,
        error_messages={
            "required": "Enter the document's title",
            "max_length": "The title must be 300 characters or fewer",
        },
    )
    reference = forms.CharField(max_length=80, required=False)
    dated = forms.DateField(required=False, error_messages=_DATE)
    committee = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    meeting_date = forms.DateField(required=False, error_messages=_DATE)
    summary = forms.CharField(widget=forms.Textarea, required=False)
    file = forms.FileField(
        required=False,
        error_messages={"empty": "The file is empty", "invalid": "Choose a file to upload"},
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        committees = list(Committee.objects.for_council(council).filter(closed_on=None))
        self.committees = {c.pk: c for c in committees}
        self.fields["committee"].choices = [("", "No committee")] + [  # type: ignore[attr-defined]
            (c.pk, c.name) for c in committees
        ]

    def chosen_committee(self) -> Committee | None:
        pk = self.cleaned_data.get("committee")
        return self.committees.get(pk) if pk is not None else None


class ReclassifyForm(_Classified):
    reasons = forms.CharField(
        widget=forms.Textarea,
        error_messages={"required": "Give the reasons for the new classification"},
    )


class DocumentImportForm(ProprietyForm):
    csv_file = forms.FileField(
        error_messages={
            "required": "Choose the CSV file of documents",
            "empty": "The file is empty",
        }
    )
    files_zip = forms.FileField(required=False, error_messages={"empty": "The zip file is empty"})
