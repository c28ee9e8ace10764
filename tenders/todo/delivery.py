"""Contract reports in the task lists: a provider's reports to file (their period over, not
yet submitted or returned), overdue ones marked; a bureau officer's submitted reports to
accept or return. One query per list, whatever the data."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incubator.incubation.admin.dashboard import admin_list_url
from incubator.kernel.todo import (
    BACK_OFFICE,
    PORTAL,
    Kind,
    TodoItem,
    TodoRequest,
    capped,
    first_with_total,
)
from incubator.templatetags.long_dates import date_span
from tenders.models import ContractReport
from tenders.selectors import (
    contract_reports_user_may_file,
    contract_reports_user_may_review,
    is_tender_officer,
)


def _detail(report) -> str:
    """The tender's reference and the report's period, written out in the active language."""
    period = date_span(report.period_starts_on, report.period_ends_on)
    return f"{report.contract.tender.reference} · {period}"


def _provider_items(todo: TodoRequest) -> list:
    today = todo.today
    due = contract_reports_user_may_file(todo.user).filter(
        contract__organisation=todo.membership.organisation_id,
        status__in=ContractReport.OPEN,
        period_ends_on__lte=today,
    )
    rows, total = first_with_total(due.select_related("contract__tender").order_by("due_on", "pk"))
    return capped(
        rows,
        total,
        kind=Kind.NOW,
        url=reverse("tenders_portal:contracts"),
        label=_("All your contracts"),
        build=lambda report: TodoItem(
            title=str(_("File report %(number)s on contract %(reference)s"))
            % {"number": report.number, "reference": report.contract.tender.reference},
            url=reverse("tenders_portal:report", args=[report.pk]),
            kind=Kind.NOW,
            status_label=str(report.get_status_display()),
            due_on=report.due_on,
            detail=_detail(report),
            overdue=report.due_on < today,
        ),
    )


def _officer_items(todo: TodoRequest) -> list:
    waiting = contract_reports_user_may_review(todo.user).filter(
        status=ContractReport.Status.SUBMITTED
    )
    rows, total = first_with_total(
        waiting.select_related("contract__tender", "contract__organisation").order_by(
            "submitted_at", "pk"
        )
    )
    return capped(
        rows,
        total,
        kind=Kind.NOW,
        url=admin_list_url("contract_reports:index", status=ContractReport.Status.SUBMITTED),
        label=_("All reports waiting for a decision"),
        build=lambda report: TodoItem(
            title=str(_("Accept or return the report of %(organisation)s"))
            % {"organisation": report.contract.organisation.name},
            url=reverse("contract_reports:inspect", args=[report.pk]),
            kind=Kind.NOW,
            status_label=str(report.get_status_display()),
            due_on=None,
            detail=_detail(report),
        ),
    )


def delivery_todo(todo: TodoRequest) -> list:
    """The contract-report items of ``todo``'s user."""
    if todo.audience == PORTAL and todo.membership is not None:
        return _provider_items(todo)
    if todo.audience == BACK_OFFICE and is_tender_officer(todo.user):
        return _officer_items(todo)
    return []
