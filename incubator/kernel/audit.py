"""The audit trail: every state change records who, when, what and why through Wagtail's audit
log, so it shows in the admin history of the object and in Wagtail's site history report.

Services call ``audit_log``; each app declares its action types with ``AuditAction`` in its
``audit_actions`` list, and ``wagtail_hooks`` registers them with Wagtail."""

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext

from wagtail.log_actions import LogFormatter, log


@dataclass(frozen=True)
class AuditAction:
    """An action type: a stable code such as ``incubator.membership.create``, a translated
    label, and a message template filled from the entry's data (missing keys show as '').
    ``choices`` maps data keys holding a stored code to the TextChoices that name it, so the
    history reads in the reader's language rather than the actor's."""

    code: str
    label: str | Promise
    message: str | Promise
    choices: dict = field(default_factory=dict)


def _formatter_class(action: AuditAction) -> type[LogFormatter]:
    """A formatter for one action: the message from its template, the reason as comment."""

    class Formatter(LogFormatter):
        label = action.label

        def format_message(self, log_entry) -> str:
            data = _Defaults(log_entry.data or {})
            for key, choices in action.choices.items():
                if data.get(key) in choices.values:
                    data[key] = choices(data[key]).label
            message = str(action.message) % data
            if data.get("reason"):
                message += " · " + gettext("Reason: %(reason)s") % {"reason": data["reason"]}
            return message

        def format_comment(self, log_entry) -> str:
            return (log_entry.data or {}).get("reason", "")

    return Formatter


class _Defaults(dict):
    def __missing__(self, key):
        return ""


def register_audit_actions(registry, actions: list[AuditAction]) -> None:
    """Register our action types with Wagtail's log registry (from a register_log_actions hook)."""
    for action in actions:
        registry.register_action(action.code)(_formatter_class(action))


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def audit_log(
    *,
    instance: models.Model,
    action: str,
    user,
    reason: str = "",
    changes: dict[str, tuple[Any, Any]] | None = None,
    data: dict[str, Any] | None = None,
):
    """Record a state change of ``instance`` by ``user``: the action code, why, the changed
    values as ``{field: (old, new)}``, and any extra data the message template names."""
    payload = {key: _plain(value) for key, value in (data or {}).items()}
    if reason:
        payload["reason"] = reason
    if changes:
        payload["changes"] = {
            field: [_plain(old), _plain(new)] for field, (old, new) in changes.items()
        }
    actor = user if getattr(user, "is_authenticated", False) else None
    return log(instance=instance, action=action, user=actor, data=payload)
