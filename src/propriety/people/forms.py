"""Forms for signing in and for passwords. Error messages follow the GOV.UK patterns."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from propriety.people.accounts import Account
from propriety.web.forms import ProprietyForm

WRONG_SIGN_IN = "The email address or password is wrong. Check them and try again."


class SignInForm(ProprietyForm):
    username = forms.EmailField(
        widget=forms.EmailInput(),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.account: Account | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        email, password = data.get("username"), data.get("password")
        if email and password:
            found = authenticate(self.request, username=email, password=password)
            if found is None:
                # Locked out (django-axes answers 429 from its middleware), or wrong.
                raise ValidationError(WRONG_SIGN_IN, code="invalid_login")
            self.account = found if isinstance(found, Account) else found.account
        return data


class ForgottenPasswordForm(ProprietyForm):
    email = forms.EmailField(
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


class NewPasswordForm(ProprietyForm):
    """A new password, typed twice, checked by the configured password validators."""

    new_password1 = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(),
        error_messages={"required": "Enter a new password"},
    )
    new_password2 = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(),
        error_messages={"required": "Enter the new password again"},
    )

    def __init__(self, account: Account, *args: Any, **kwargs: Any) -> None:
        self.account = account
        super().__init__(*args, **kwargs)

    def clean_new_password2(self) -> str:
        first = self.cleaned_data.get("new_password1")
        second: str = self.cleaned_data["new_password2"]
        if first and first != second:
            raise ValidationError("The two passwords do not match: type the same one twice")
        return second

    def clean(self) -> dict[str, Any]:
        password = self.cleaned_data.get("new_password1")
        if password and "new_password2" in self.cleaned_data:
            # The validators configured in settings (length, common, numeric,
            # similarity to the email address).
            account: Any = self.account
            try:
                password_validation.validate_password(password, account)
            except ValidationError as exc:
                self.add_error("new_password1", exc)
        return self.cleaned_data


class ChangePasswordForm(NewPasswordForm):
    current_password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(),
        error_messages={"required": "Enter your current password"},
    )
    field_order = ("current_password", "new_password1", "new_password2")

    def clean_current_password(self) -> str:
        current: str = self.cleaned_data["current_password"]
        if not self.account.check_password(current):
            raise ValidationError("Your current password is wrong")
        return current


class SwitchCouncilForm(ProprietyForm):
    council = forms.IntegerField(error_messages={"required": "Choose a council"})
