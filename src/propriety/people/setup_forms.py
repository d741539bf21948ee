"""The forms on the Clerk's people pages. They parse input only: the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms

from propriety.councils.models import Committee, Council, PartyGroup, Ward
from propriety.people.holders import OFFICER_ROLES
from propriety.people.models import Person
from propriety.people.roles import Role, roles_offered
from propriety.web.forms import ProprietyForm

_DATE = {
    "required": "Enter the first day, for example 8 May 2023",
    "invalid": "Enter a real date, for example 8 May 2023",
}
_END_DATE = {"invalid": "Enter a real date, for example 7 May 2027"}

KINDS = [
    (Role.COUNCILLOR.value, "Councillor"),
    (Role.CO_OPTED_MEMBER.value, "Co-opted member"),
    ("officer", "Officer"),
    (Role.MONITORING_OFFICER.value, "Monitoring Officer (of the principal council)"),
]


def _choices(rows: list[Any], empty: str) -> list[tuple[Any, str]]:
    return [("", empty)] + [(r.pk, r.name if hasattr(r, "name") else str(r)) for r in rows]


class _Pick:
    """Turn a chosen id back into the row offered (a form never trusts a posted id)."""

    def __init__(self, rows: list[Any]) -> None:
        self.rows = {r.pk: r for r in rows}

    def __call__(self, pk: int | None) -> Any:
        return self.rows.get(pk) if pk is not None else None


def _open_bodies(
    model: type[Committee] | type[Ward] | type[PartyGroup], council: Council
) -> list[Any]:
    return list(model.objects.for_council(council).filter(closed_on=None).order_by("name"))


def _optional_pick() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(coerce=int, required=False, empty_value=None)


class PersonForm(ProprietyForm):
    full_name = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter the person's full name",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    email = forms.EmailField(
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address like name@example.org",
        }
    )
    kind = forms.ChoiceField(
        choices=KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether they are a councillor, an officer or the MO"},
    )
    officer_role = forms.ChoiceField(required=False)
    starts_on = forms.DateField(error_messages=_DATE)
    ends_on = forms.DateField(required=False, error_messages=_END_DATE)
    ward = _optional_pick()
    job_title = forms.CharField(max_length=200, required=False)
    line_manager = _optional_pick()
    invite = forms.BooleanField(required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = roles_offered(council.kind)
        officer_roles = [r for r in offered if r in OFFICER_ROLES]
        self.fields["officer_role"].choices = [("", "Choose the post")] + [  # type: ignore[attr-defined]
            (r.value, r.label) for r in officer_roles
        ]
        wards = _open_bodies(Ward, council)
        managers = list(Person.objects.for_council(council).filter(is_active=True))
        self.fields["ward"].choices = _choices(wards, "No ward")  # type: ignore[attr-defined]
        self.fields["line_manager"].choices = [("", "No line manager")] + [  # type: ignore[attr-defined]
            (p.pk, p.full_name) for p in managers
        ]
        self.pick_ward, self.pick_manager = _Pick(wards), _Pick(managers)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "officer" and not data.get("officer_role"):
            self.add_error("officer_role", "Choose the officer's post")
        return data

    def role(self) -> str:
        kind = str(self.cleaned_data["kind"])
        return str(self.cleaned_data["officer_role"]) if kind == "officer" else kind


class RoleForm(ProprietyForm):
    role = forms.ChoiceField(error_messages={"required": "Choose the role"})
    starts_on = forms.DateField(error_messages=_DATE)
    ends_on = forms.DateField(required=False, error_messages=_END_DATE)
    committee = _optional_pick()
    ward = _optional_pick()
    party_group = _optional_pick()
    cabinet_portfolio = forms.CharField(max_length=200, required=False)
    delegated_authority = forms.CharField(widget=forms.Textarea, required=False)
    job_title = forms.CharField(max_length=200, required=False)
    line_manager = _optional_pick()

    def __init__(self, *args: Any, council: Council, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "Choose a role")] + [  # type: ignore[attr-defined]
            (r.value, r.label) for r in roles_offered(council.kind)
        ]
        committees = _open_bodies(Committee, council)
        wards = _open_bodies(Ward, council)
        groups = _open_bodies(PartyGroup, council)
        managers = list(
            Person.objects.for_council(council).filter(is_active=True).exclude(pk=person.pk)
        )
        self.fields["committee"].choices = _choices(committees, "No committee")  # type: ignore[attr-defined]
        self.fields["ward"].choices = _choices(wards, "No ward")  # type: ignore[attr-defined]
        self.fields["party_group"].choices = _choices(groups, "No party group")  # type: ignore[attr-defined]
        self.fields["line_manager"].choices = [("", "No line manager")] + [  # type: ignore[attr-defined]
            (p.pk, p.full_name) for p in managers
        ]
        self.picks = {
            "committee": _Pick(committees),
            "ward": _Pick(wards),
            "party_group": _Pick(groups),
            "line_manager": _Pick(managers),
        }

    def role_fields(self) -> dict[str, Any]:
        """What do_add_role takes, with chosen rows in place of their ids."""
        data = dict(self.cleaned_data)
        for name, pick in self.picks.items():
            data[name] = pick(data.get(name))
        return data


class EndRoleForm(ProprietyForm):
    ends_on = forms.DateField(
        error_messages={
            "required": "Enter the role's last day, for example 7 May 2027",
            "invalid": "Enter a real date, for example 7 May 2027",
        }
    )


class ImportForm(ProprietyForm):
    csv_file = forms.FileField(
        error_messages={"required": "Choose the CSV file to import", "empty": "The file is empty"}
    )
