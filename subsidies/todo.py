"""The subsidies' share of the task lists (``incubator.kernel.todo``). For an organisation:
draft and returned applications to finish (by the scheme's closing date), open schemes it may
still apply to, and applications waiting for a decision or a payment. In the back office: a
hub manager's applications to recommend, a bureau officer's recommended applications to
decide and approved ones to pay. A fixed number of queries per audience, whatever the data."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from incubator.incubation.admin.dashboard import admin_list_url
from incubator.incubation.selectors import manages_any_hub
from incubator.kernel.money import format_rmb
from incubator.kernel.todo import (
    BACK_OFFICE,
    PORTAL,
    Kind,
    TodoItem,
    TodoRequest,
    capped,
    first_with_total,
    local_date,
)
from incubator.models import OrganisationMembership
from subsidies.claim_selectors import claims_user_may_decide
from subsidies.models import Claim, Scheme, SubsidyApplication
from subsidies.selectors import (
    applications_user_may_decide,
    applications_user_may_pay,
    applications_user_may_review,
    applications_visible_to,
    schemes_open_to,
)

S = SubsidyApplication.Status
ALL_APPLICATIONS = _("All subsidy applications")


def _portal_item(application: SubsidyApplication, kind: str, *, editable: bool) -> TodoItem:
    if kind == Kind.NOW:
        title = _("Finish and submit your application to %(scheme)s")
    elif application.status in SubsidyApplication.COMMITTED:
        title = _("Payment of the subsidy from %(scheme)s")
    else:
        title = _("Decision on your application to %(scheme)s")
    url_name = "subsidies:edit" if editable else "subsidies:detail"
    detail = ""
    if application.status in SubsidyApplication.COMMITTED:
        detail = str(_("%(amount)s left to pay")) % {"amount": format_rmb(application.left_to_pay)}
    return TodoItem(
        title=str(title) % {"scheme": application.scheme.name},
        url=reverse(url_name, args=[application.pk]),
        kind=kind,
        status_label=str(application.get_status_display()),
        due_on=local_date(application.scheme.closes_at) if kind == Kind.NOW else None,
        detail=detail,
    )


def organisation_items(todo: TodoRequest) -> list:
    """The organisation's applications to finish or waiting, and schemes open to it."""
    organisation = todo.membership.organisation
    is_admin = todo.membership.role == OrganisationMembership.Role.ADMIN
    own = applications_visible_to(todo.user).filter(organisation=organisation.pk)
    list_url = reverse("subsidies:index")
    entries = []
    for kind, statuses in (
        (Kind.NOW, SubsidyApplication.EDITABLE),
        (Kind.WAITING, (S.SUBMITTED, S.RECOMMENDED, S.APPROVED, S.DISBURSING)),
    ):
        rows, total = first_with_total(
            own.filter(status__in=statuses).select_related("scheme").order_by("created_at", "pk")
        )
        entries += capped(
            rows,
            total,
            kind=kind,
            url=list_url,
            label=ALL_APPLICATIONS,
            build=lambda application, kind=kind: _portal_item(
                application,
                kind,
                editable=is_admin and application.status in SubsidyApplication.EDITABLE,
            ),
        )
    # Schemes taking applications now that the organisation has not applied to yet.
    open_now = (
        Scheme.objects.filter(opens_at__lte=todo.now, closes_at__gt=todo.now)
        .exclude(applications__organisation=organisation.pk)
        .order_by("closes_at", "pk")
    )
    for scheme in schemes_open_to(organisation, open_now)[:10]:
        entries.append(
            TodoItem(
                title=str(_("Apply for a staff-cost subsidy: %(scheme)s"))
                % {"scheme": scheme.name},
                url=reverse("subsidies:apply", args=[scheme.pk]) if is_admin else list_url,
                kind=Kind.COMING,
                status_label=str(_("Open for applications")),
                due_on=local_date(scheme.closes_at),
            )
        )
    return entries


def _admin_item(application: SubsidyApplication, *, title, url_name: str) -> TodoItem:
    return TodoItem(
        title=str(title) % {"organisation": application.organisation.name},
        url=reverse(url_name, args=[application.pk]),
        kind=Kind.NOW,
        status_label=str(application.get_status_display()),
        detail=f"{application.scheme.name} · {format_rmb(application.eligible_total)}",
    )


def _admin_section(applications, *, statuses, title, url_name: str, more_label) -> list:
    rows, total = first_with_total(
        applications.filter(status__in=statuses)
        .select_related("organisation", "scheme")
        .order_by("submitted_at", "pk")
    )
    return capped(
        rows,
        total,
        kind=Kind.NOW,
        url=admin_list_url("subsidy_applications:index", status=statuses[0]),
        label=more_label,
        build=lambda application: _admin_item(application, title=title, url_name=url_name),
    )


def staff_items(todo: TodoRequest) -> list:
    """Recommendations for hub managers, decisions and payments for bureau officers."""
    user = todo.user
    entries = []
    if manages_any_hub(user):
        entries += _admin_section(
            applications_user_may_review(user),
            statuses=(S.SUBMITTED,),
            title=_("Recommend or return the subsidy application of %(organisation)s"),
            url_name="subsidy_applications:inspect",
            more_label=_("All applications to recommend"),
        )
    if user.has_perm("subsidies.decide_subsidyapplication"):
        entries += _admin_section(
            applications_user_may_decide(user),
            statuses=(S.RECOMMENDED,),
            title=_("Approve or reject the subsidy application of %(organisation)s"),
            url_name="subsidy_applications:inspect",
            more_label=_("All applications to decide"),
        )
    if user.has_perm("subsidies.disburse_subsidyapplication"):
        entries += _admin_section(
            applications_user_may_pay(user),
            statuses=(S.APPROVED, S.DISBURSING),
            title=_("Record a payment to %(organisation)s"),
            url_name="subsidy_applications:disburse",
            more_label=_("All applications to pay"),
        )
    if user.has_perm("subsidies.decide_claim") or user.has_perm("subsidies.resolve_voucheranomaly"):
        entries += voucher_items(user)
    return entries


CLAIM_STEPS = {
    Claim.Status.SUBMITTED: _("Draw the sample of the care-voucher claim of %(organisation)s"),
    Claim.Status.SAMPLE_DRAWN: _(
        "Check the sample and approve the care-voucher claim of %(organisation)s"
    ),
    Claim.Status.APPROVED: _("Record the payment of the care-voucher claim of %(organisation)s"),
}


def _claim_item(claim: Claim) -> TodoItem:
    return TodoItem(
        title=str(CLAIM_STEPS[claim.status]) % {"organisation": claim.organisation.name},
        url=reverse("voucher_claims:inspect", args=[claim.pk]),
        kind=Kind.NOW,
        status_label=str(claim.get_status_display()),
        detail=f"{date_format(claim.month, 'YEAR_MONTH_FORMAT')} · {format_rmb(claim.total)}",
    )


def voucher_items(user) -> list:
    """The bureau's care-voucher claims to take a step on (open flags are on the home page's
    panel of their own)."""
    rows, total = first_with_total(
        claims_user_may_decide(user)
        .filter(status__in=list(CLAIM_STEPS))
        .select_related("organisation")
        .order_by("submitted_at", "pk")
    )
    entries = capped(
        rows,
        total,
        kind=Kind.NOW,
        url=reverse("voucher_claims:index"),
        label=_("All care-voucher claims"),
        build=_claim_item,
    )
    return entries


def subsidies_todo(todo: TodoRequest) -> list:
    """The subsidy items of ``todo``'s user, for the portal or the back office."""
    if todo.audience == PORTAL:
        return organisation_items(todo) if todo.membership is not None else []
    if todo.audience == BACK_OFFICE:
        return staff_items(todo)
    return []
