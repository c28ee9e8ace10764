"""Back-office views of subsidies beyond what viewsets generate: the application's inspect view
with its action buttons, the action forms (recommend, return, approve, reject, record a
payment), and each scheme's budget with its exports."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import Button

from incubator.incubation.selectors import get_visible_or_404
from incubator.kernel.actions import action_form
from subsidies.forms import ApproveForm, DisburseForm, ReasonForm, RecommendForm
from subsidies.models import SubsidyApplication
from subsidies.permissions import (
    applications_decided_by,
    applications_paid_by,
    applications_reviewed_by,
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


class SubsidyApplicationInspectView(InspectView):
    """An application with its staff lines, attachments and payments, and the actions the
    user may take on it now: Recommend / Return (managers of its hub), Approve / Reject /
    Record a payment (bureau)."""

    template_name = "subsidies/admin/application_inspect.html"

    def _holds(self, selector) -> bool:
        return selector(self.request.user).filter(pk=self.object.pk).exists()

    @cached_property
    def header_more_buttons(self):
        buttons = [b for b in super().header_more_buttons if b.url != self.get_edit_url()]
        moves = SubsidyApplication.ALLOWED_MOVES[self.object.status]
        actions = []
        if S.RECOMMENDED in moves and self._holds(applications_reviewed_by):
            actions += [
                (_("Recommend"), "recommend", "check"),
                (_("Return"), "return", "undo"),
            ]
        if S.APPROVED in moves and self._holds(applications_decided_by):
            actions += [(_("Approve"), "approve", "check"), (_("Reject"), "reject", "cross")]
        if S.COMPLETED in moves and self._holds(applications_paid_by):
            actions.append((_("Record a payment"), "disburse", "doc-full"))
        for label, name, icon in actions:
            url = reverse(f"subsidy_applications:{name}", args=[self.object.pk])
            buttons.append(Button(label, url=url, icon_name=icon))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.lines.all()
        context["attachments"] = self.object.attachments.select_related("uploaded_by")
        context["disbursements"] = self.object.disbursements.select_related("condition_milestone")
        return context


def _act(request, pk: int, *, selector, form, decide, heading, intro="", icon="form"):
    application = get_visible_or_404(
        request, selector(request.user).select_related("organisation", "scheme"), pk=pk
    )
    back = reverse("subsidy_applications:inspect", args=[application.pk])

    def act(data):
        return decide(application, data), back

    return action_form(
        request,
        form=form(application),
        act=act,
        back=back,
        heading=heading,
        subtitle=f"{application.organisation.name} · {application.scheme.name}",
        intro=intro(application) if callable(intro) else intro,
        icon=icon,
    )


def _data(request):
    return request.POST if request.method == "POST" else None


def recommend(request, pk: int):
    """Recommend a submitted application to the bureau (managers of its hub)."""

    def decide(application, data):
        subsidy_application_recommend(
            application=application,
            proposed_amount=data["proposed_amount"],
            note=data["note"],
            by=request.user,
        )
        return _("The application is recommended to the bureau.")

    return _act(
        request,
        pk,
        selector=applications_reviewed_by,
        form=lambda application: RecommendForm(_data(request)),
        decide=decide,
        heading=_("Recommend the application"),
        intro=lambda application: (
            _("Eligible under the scheme's rules: ¥%(eligible)s.")
            % {"eligible": money(application.eligible_total)}
        ),
    )


def return_application(request, pk: int):
    """Return a submitted application to the organisation with a reason."""

    def decide(application, data):
        subsidy_application_return(application=application, reason=data["reason"], by=request.user)
        return _("The application was returned to the organisation.")

    return _act(
        request,
        pk,
        selector=applications_reviewed_by,
        form=lambda application: ReasonForm(_data(request)),
        decide=decide,
        heading=_("Return the application"),
        intro=_("The organisation can correct it and submit it again."),
        icon="undo",
    )


def approve(request, pk: int):
    """Approve a recommended application for its eligible amount or less (bureau)."""

    def form(application):
        default = application.proposed_amount or application.eligible_total
        return ApproveForm(_data(request), initial={"approved_amount": default})

    def decide(application, data):
        approved = subsidy_application_approve(
            application=application,
            approved_amount=data["approved_amount"],
            conditions=data["conditions"],
            by=request.user,
        )
        return _("Approved ¥%(amount)s; award letter %(reference)s is being prepared.") % {
            "amount": money(approved.approved_amount),
            "reference": approved.award_letter.reference,
        }

    def intro(application):
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

    return _act(
        request,
        pk,
        selector=applications_decided_by,
        form=form,
        decide=decide,
        heading=_("Approve the application"),
        intro=intro,
        icon="check",
    )


def reject(request, pk: int):
    """Reject a recommended application with a reason (bureau)."""

    def decide(application, data):
        subsidy_application_reject(application=application, reason=data["reason"], by=request.user)
        return _("The application was rejected.")

    return _act(
        request,
        pk,
        selector=applications_decided_by,
        form=lambda application: ReasonForm(_data(request)),
        decide=decide,
        heading=_("Reject the application"),
        icon="cross",
    )


def disburse(request, pk: int):
    """Record a tranche paid against an approved application (bureau)."""

    def decide(application, data):
        subsidy_application_disburse(application=application, by=request.user, **data)
        return _("The payment was recorded.")

    def intro(application):
        return _("Approved ¥%(approved)s; paid so far ¥%(paid)s; left to pay ¥%(left)s.") % {
            "approved": money(application.approved_amount or 0),
            "paid": money(application.disbursed_total),
            "left": money(application.left_to_pay),
        }

    return _act(
        request,
        pk,
        selector=applications_paid_by,
        form=lambda application: DisburseForm(
            _data(request), milestones=application.organisation.milestones.all()
        ),
        decide=decide,
        heading=_("Record a payment"),
        intro=intro,
        icon="doc-full",
    )
