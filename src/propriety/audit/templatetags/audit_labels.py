"""``{{ event.action|action_label }}``: an audit event's action in words."""

from __future__ import annotations

from django import template

from propriety.audit import labels

register = template.Library()
register.filter("action_label", labels.action_label)
