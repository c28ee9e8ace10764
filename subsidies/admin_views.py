"""Back-office views of subsidies beyond what viewsets generate: the application's inspect view
with its action buttons, and the actions on an application (recommend, return, approve, reject,
record a payment), each an ``ActionView`` (``incubator.kernel.actions``) scoped by the selector
of those who may take it."""

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView, InspectView

from incubator.kernel.actions import ActionView
from incubator.kernel.forms import ReasonForm
from incubator.models import Organisation
from subsidies.forms import ApproveForm, DisburseForm, RecommendForm
from subsidies.models import Scheme, SubsidyApplication
from subsidies.selectors import (
    applications_user_may_decide,
    applications_user_may_pay,
    applications_user_may_review,
)
from subsidies.services import (
    subsidy_application_approve,
    subsidy_application_disburse,
    subsidy_application_recommend,
    subsidy_application_reject,
    subsidy_application_return,
)
from subsidies.services.common import money

S = SubsidyApplication.Status
# Wagtail's admin button styles: the main move, the others, and the one that ends it.
PRIMARY, SECONDARY, DANGER = "button", "button button-secondary", "button no"


class SubsidyApplicationInspectView(InspectView):
    """An application with its staff lines, attachments and payments, and the actions the
    user may take on it now: Recommend / Return (managers of its hub), Approve / Reject /
    Record a payment (bureau)."""

    template_name = "subsidies/admin/application_inspect.html"

    def _holds(self, selector) -> bool:
        return selector(self.request.user).filter(pk=self.object.pk).exists()

    @cached_property
    def next_actions(self) -> list[dict]:
        """The moves this user may make now, the main one first: a primary button on the page
        itself (never hidden in the header's menu), the others beside it."""
        moves = SubsidyApplication.ALLOWED_MOVES[self.object.status]
        actions = []
        if S.RECOMMENDED in moves and self._holds(applications_user_may_review):
            actions += [
                (_("Recommend"), "recommend", PRIMARY),
                (_("Return to the organisation"), "return", SECONDARY),
            ]
        if S.APPROVED in moves and self._holds(applications_user_may_decide):
            actions += [(_("Approve"), "approve", PRIMARY), (_("Reject"), "reject", DANGER)]
        if S.COMPLETED in moves and self._holds(applications_user_may_pay):
            actions.append((_("Record a payment"), "disburse", PRIMARY))
        return [
            {
                "label": label,
                "url": reverse(f"subsidy_applications:{name}", args=[self.object.pk]),
                "classname": classname,
            }
            for label, name, classname in actions
        ]

    @cached_property
    def header_more_buttons(self):
        # Changes go through the actions on the page; the edit form is not one of them.
        return [b for b in super().header_more_buttons if b.url != self.get_edit_url()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next_actions"] = self.next_actions
        context["lines"] = self.object.lines.all()
        context["attachments"] = self.object.attachments.select_related("uploaded_by")
        context["disbursements"] = self.object.disbursements.select_related("condition_milestone")
        return context


class SubsidyApplicationIndexView(IndexView):
    """The list of applications: a row opens the application's page (its inspect view, where
    the next step is), not the edit form."""

    def search_queryset(self, queryset):
        # The organisations and schemes whose names match first, then their applications by
        # index: a name matched anywhere across the applications' joins scans every one.
        if not self.search_query:
            return queryset
        query = self.search_query
        return queryset.filter(
            Q(organisation__in=Organisation.objects.filter(name__icontains=query).values("pk"))
            | Q(scheme__in=Scheme.objects.filter(name__icontains=query).values("pk"))
        )

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )


class StatusColumn(Column):
    """The status as a coloured badge (``status-badge status-<value>``)."""

    cell_template_name = "subsidies/admin/status_cell.html"


class ApplicationAction(ActionView):
    """An action on one application, opened from its inspect view and back to it."""

    select_related = ("organisation", "scheme")

    def back_url(self, application) -> str:
        return reverse("subsidy_applications:inspect", args=[application.pk])

    def subtitle(self, application) -> str:
        return f"{application.organisation.name} · {application.scheme.name}"


class Recommend(ApplicationAction):
    """Recommend a submitted application to the bureau (managers of its hub)."""

    selector = staticmethod(applications_user_may_review)
    form_class = RecommendForm
    heading = gettext_lazy("Recommend the application")

    def intro(self, application) -> str:
        return _("Eligible under the scheme's rules: ¥%(eligible)s.") % {
            "eligible": money(application.eligible_total)
        }

    def act(self, application, data) -> str:
        subsidy_application_recommend(
            application=application,
            proposed_amount=data["proposed_amount"],
            note=data["note"],
            by=self.request.user,
        )
        return _("The application is recommended to the bureau.")


class Return(ApplicationAction):
    """Return a submitted application to the organisation with a reason."""

    selector = staticmethod(applications_user_may_review)
    form_class = ReasonForm
    heading = gettext_lazy("Return the application")
    icon = "undo"

    def intro(self, application) -> str:
        return _("The organisation can correct it and submit it again.")

    def act(self, application, data) -> str:
        subsidy_application_return(
            application=application, reason=data["reason"], by=self.request.user
        )
        return _("The application was returned to the organisation.")


class Approve(ApplicationAction):
    """Approve a recommended application for its eligible amount or less (bureau)."""

    selector = staticmethod(applications_user_may_decide)
    form_class = ApproveForm
    heading = gettext_lazy("Approve the application")
    icon = "check"

    def get_form_kwargs(self, application) -> dict:
        default = application.proposed_amount or application.eligible_total
        return {"initial": {"approved_amount": default}}

    def intro(self, application) -> str:
        scheme = application.scheme
        scheme.refresh_from_db(fields=["envelope", "approved_total"])
        text = _(
            "Eligible: ¥%(eligible)s. Left in %(scheme)s: ¥%(left)s of ¥%(envelope)s. "
            "You may approve a lower amount. Approval locks the scheme's rules and issues the "
            "award letter."
        ) % {
            "eligible": money(application.eligible_total),
            "scheme": scheme.name,
            "left": money(scheme.available),
            "envelope": money(scheme.envelope),
        }
        if application.proposed_amount is not None:
            text += " " + _("The hub recommended ¥%(amount)s.") % {
                "amount": money(application.proposed_amount)
            }
        return text

    def act(self, application, data) -> str:
        approved = subsidy_application_approve(
            application=application,
            approved_amount=data["approved_amount"],
            conditions=data["conditions"],
            by=self.request.user,
        )
        return _("Approved ¥%(amount)s; award letter %(reference)s is being prepared.") % {
            "amount": money(approved.approved_amount),
            "reference": approved.award_letter.reference,
        }


class Reject(ApplicationAction):
    """Reject a recommended application with a reason (bureau)."""

    selector = staticmethod(applications_user_may_decide)
    form_class = ReasonForm
    heading = gettext_lazy("Reject the application")
    icon = "cross"

    def act(self, application, data) -> str:
        subsidy_application_reject(
            application=application, reason=data["reason"], by=self.request.user
        )
        return _("The application was rejected.")


class Disburse(ApplicationAction):
    """Record a tranche paid against an approved application (bureau)."""

    selector = staticmethod(applications_user_may_pay)
    form_class = DisburseForm
    heading = gettext_lazy("Record a payment")
    icon = "doc-full"

    def get_form_kwargs(self, application) -> dict:
        return {"milestones": application.organisation.milestones.all()}

    def intro(self, application) -> str:
        return _("Approved ¥%(approved)s; paid so far ¥%(paid)s; left to pay ¥%(left)s.") % {
            "approved": money(application.approved_amount or 0),
            "paid": money(application.disbursed_total),
            "left": money(application.left_to_pay),
        }

    def act(self, application, data) -> str:
        subsidy_application_disburse(application=application, by=self.request.user, **data)
        return _("The payment was recorded.")
