"""A record's transitions as buttons on its page, declared once on its viewset.

``RecordAction`` names one action view of a record: its label, its URL name, the selector of the
records the user may take it on (the same selector its ``ActionView`` checks) and, optionally,
the states it applies to. ``ScopedModelViewSet.record_actions`` lists them; the inspect page
shows each one the user may take as a button beside the breadcrumbs, the main transition as a
primary button, the others as secondary or (for what cannot be undone) dangerous ones, instead
of hiding them under "⋯". A user who may not act sees no button; the action URL itself still
answers 404 to them (``ActionView``)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.admin.widgets.button import Button

PRIMARY = "primary"
SECONDARY = "secondary"
SERIOUS = "serious"

# Wagtail's own classes: a filled button, an outlined one, an outlined one in red.
BUTTON_CLASSES = {
    PRIMARY: "button button-small button--icon",
    SECONDARY: "button button-small button--icon button-secondary",
    SERIOUS: "button button-small button--icon button-secondary serious",
}


@dataclass(frozen=True)
class RecordAction:
    """One action offered on a record's page: ``selector(user)`` is the queryset of records
    the user may take it on, ``when(record)`` whether the record's state allows it."""

    label: str
    url_name: str
    selector: Callable
    when: Callable | None = None
    icon: str = ""
    kind: str = PRIMARY

    def may_expression(self, user) -> Exists:
        """Whether the user may take the action on the record of the outer query."""
        return Exists(self.selector(user).filter(pk=OuterRef("pk")))

    def button(self, record) -> Button:
        return Button(
            self.label,
            url=reverse(self.url_name, args=[quote(record.pk)]),
            icon_name=self.icon or None,
            classname=BUTTON_CLASSES[self.kind],
            attrs={"data-record-action": self.url_name.rpartition(":")[2]},
        )


def actions_allowed(actions, user, record) -> list:
    """The ``actions`` the user may take on ``record``, in order: those whose state allows them
    are asked in one query, whatever their number."""
    candidates = [action for action in actions if action.when is None or action.when(record)]
    if not candidates:
        return []
    flags = {f"may_{index}": action.may_expression(user) for index, action in enumerate(candidates)}
    row = type(record)._base_manager.filter(pk=record.pk).values(**flags).first() or {}
    return [action for index, action in enumerate(candidates) if row.get(f"may_{index}")]


class RecordActionsInspectMixin:
    """Inspect view mixin: the ``record_actions`` the user may take on the object, as buttons
    in the header (``header_buttons``), in the order declared."""

    record_actions: tuple[RecordAction, ...] = ()

    @cached_property
    def available_record_actions(self) -> list[RecordAction]:
        return actions_allowed(self.record_actions, self.request.user, self.object)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        for index, action in enumerate(self.available_record_actions):
            button = action.button(self.object)
            button.priority = index
            buttons.append(button)
        return buttons
