"""Residents' complaints in the task lists: a provider's unanswered complaints (late ones
marked), a bureau officer's late ones (they have come to the bureau). One query per list,
whatever the data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.kernel.todo import (
    BACK_OFFICE,
    PORTAL,
    Kind,
    TodoItem,
    TodoRequest,
    capped,
    first_with_total,
)
from tenders.complaint_selectors import complaints_of_own_organisation, complaints_user_may_answer
from tenders.selectors import is_tender_officer


def _detail(complaint) -> str:
    return f"{complaint.site.name} · {complaint.get_category_display()}"


def _provider_items(todo: TodoRequest) -> list:
    unanswered = complaints_of_own_organisation(todo.user).filter(answered_at__isnull=True)
    rows, total = first_with_total(
        unanswered.select_related("site").order_by("answer_due_on", "pk")
    )
    return capped(
        rows,
        total,
        kind=Kind.NOW,
        url=reverse("tenders_portal:complaints"),
        label=_("All complaints"),
        build=lambda complaint: TodoItem(
            title=str(_("Answer complaint %(code)s")) % {"code": complaint.display_code},
            url=reverse("tenders_portal:complaint", args=[complaint.pk]),
            kind=Kind.NOW,
            status_label=complaint.get_state_display(todo.today),
            due_on=complaint.answer_due_on,
            detail=_detail(complaint),
            overdue=complaint.is_late(todo.today),
        ),
    )


def _officer_items(todo: TodoRequest) -> list:
    late = complaints_user_may_answer(todo.user, today=todo.today).filter(answered_at__isnull=True)
    rows, total = first_with_total(late.select_related("site").order_by("answer_due_on", "pk"))
    return capped(
        rows,
        total,
        kind=Kind.NOW,
        url=reverse("site_complaints:index"),
        label=_("All complaints"),
        build=lambda complaint: TodoItem(
            title=str(_("Answer the late complaint %(code)s for the bureau"))
            % {"code": complaint.display_code},
            url=reverse("site_complaints:inspect", args=[complaint.pk]),
            kind=Kind.NOW,
            status_label=complaint.get_state_display(todo.today),
            due_on=complaint.answer_due_on,
            detail=_detail(complaint),
            overdue=True,
        ),
    )


def complaints_todo(todo: TodoRequest) -> list:
    """The complaint items of ``todo``'s user."""
    if todo.audience == PORTAL and todo.membership is not None:
        return _provider_items(todo)
    if todo.audience == BACK_OFFICE and is_tender_officer(todo.user):
        return _officer_items(todo)
    return []
