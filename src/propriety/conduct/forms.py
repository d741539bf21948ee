"""The "Can I…?" form: what you plan to do, where and concerning whom, and any facts the
council's rulebook declares for conduct.action."""

from __future__ import annotations

from typing import Any

from django import forms

from propriety.conduct.models import ACTION_LABELS, CONCERNING_LABELS, FORUM_LABELS
from propriety.councils.declared import DeclaredFactsForm
from propriety.councils.models import Council
from propriety.web.forms import add_action_errors

__all__ = ["CanIForm", "add_action_errors"]


def _choice(labels: dict[str, str], message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=list(labels.items()),
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class CanIForm(DeclaredFactsForm):
    action = _choice(ACTION_LABELS, "Choose what you plan to do.")
    forum = _choice(FORUM_LABELS, "Choose where.")
    concerning = _choice(CONCERNING_LABELS, "Choose whom it concerns.")
    plan = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        error_messages={"max_length": "Keep it to 2,000 characters or fewer."},
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_declared(council, "conduct.action")

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "action": data["action"],
            "forum": data["forum"],
            "concerning": data["concerning"],
            "declared": self.declared_answers(),
        }
