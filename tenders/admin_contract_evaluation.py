"""The bureau's side of a contract's independent evaluation: Grant (an evaluator, their firm,
a period) and Revoke, each an ``ActionView`` scoped by the selector its service checks; the
evaluation report's file for officers and its author; the contract page's panel listing
grants and reports (``tenders/includes/evaluator_grants.html``)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks

from incubator.kernel.actions import ActionView
from incubator.kernel.audit import AuditAction, register_audit_actions
from incubator.kernel.files import private_file_response
from incubator.kernel.forms import ReasonForm
from incubator.kernel.permissions import get_visible_or_404
from tenders import admin_contract_evaluator
from tenders.contract_evaluation_selectors import (
    contract_evaluator_candidates,
    contracts_user_may_grant_evaluation,
    evaluation_reports_visible_to,
    evaluator_grants_user_may_revoke,
)
from tenders.models import ConflictGround, Grade
from tenders.services.contract_evaluation import (
    MAX_GRANT_DAYS,
    contract_evaluator_grant,
    contract_evaluator_revoke,
)

AUDIT_ACTIONS = [
    AuditAction(
        "tenders.contract.evaluator_grant",
        gettext_lazy("Evaluator granted access"),
        gettext_lazy("%(evaluator)s (%(organisation)s) from %(starts_on)s to %(ends_on)s"),
    ),
    AuditAction(
        "tenders.contract.evaluator_revoke",
        gettext_lazy("Evaluator's access revoked"),
        gettext_lazy("%(evaluator)s no longer has access"),
    ),
    AuditAction(
        "tenders.contract.evaluator_declare",
        gettext_lazy("Evaluator declared conflicts"),
        gettext_lazy("%(evaluator)s: %(conflict)s"),
        choices={"conflict": ConflictGround},
    ),
    AuditAction(
        "tenders.contract.evaluation_submit",
        gettext_lazy("Evaluation report submitted"),
        gettext_lazy("%(evaluator)s: %(score)s, recommended %(grade)s"),
        choices={"grade": Grade},
    ),
]


class EvaluatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name() or user.get_username()
        return f"{name} ({user.email})" if user.email else name


class GrantForm(forms.Form):
    evaluator = EvaluatorChoiceField(
        label=gettext_lazy("Evaluator"),
        queryset=None,
        help_text=gettext_lazy("Users holding the third-party contract evaluator role."),
    )
    evaluating_organisation = forms.CharField(
        label=gettext_lazy("Evaluation organisation"),
        max_length=200,
        help_text=gettext_lazy("The third-party evaluation firm the evaluator works for."),
    )
    starts_on = forms.DateField(
        label=gettext_lazy("Access from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Access until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Access ends at midnight China Standard Time that day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluator"].queryset = contract_evaluator_candidates()
        self.fields["starts_on"].initial = timezone.localdate()


def _contract_url(contract_id) -> str:
    return reverse("tender_contracts:inspect", args=[contract_id]) + "#evaluator-grants"


class GrantAccess(ActionView):
    """Give a third-party evaluator access to this contract for a period."""

    selector = staticmethod(contracts_user_may_grant_evaluation)
    select_related = ("tender", "organisation")
    form_class = GrantForm
    heading = gettext_lazy("Grant an evaluator access")
    icon = "user"

    def back_url(self, contract):
        return _contract_url(contract.pk)

    def subtitle(self, contract):
        return f"{contract.tender.reference} · {contract.organisation.name}"

    def intro(self, contract):
        return _(
            "The evaluator reads this contract's KPIs, reports and evidence, and nothing else, "
            "for at most %(days)s days, once they have declared no conflict of interest with "
            "the provider. They are told by email."
        ) % {"days": MAX_GRANT_DAYS}

    def blockers(self, contract):
        return [] if contract.signed_on else [_("Only a signed contract is evaluated.")]

    def act(self, contract, data):
        grant = contract_evaluator_grant(
            contract=contract,
            evaluator=data["evaluator"],
            evaluating_organisation=data["evaluating_organisation"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            by=self.request.user,
        )
        return _("%(name)s has access until %(ends_on)s.") % {
            "name": grant.evaluator.get_full_name() or grant.evaluator.get_username(),
            "ends_on": grant.ends_on.isoformat(),
        }


class RevokeAccess(ActionView):
    """End an evaluator's access to a contract now."""

    selector = staticmethod(evaluator_grants_user_may_revoke)
    select_related = ("contract__tender", "contract__organisation", "evaluator")
    form_class = ReasonForm
    heading = gettext_lazy("Revoke the access")
    icon = "cross"

    def get_form_kwargs(self, grant):
        return {"help_text": _("The evaluator receives this by email.")}

    def back_url(self, grant):
        return _contract_url(grant.contract_id)

    def subtitle(self, grant):
        return str(grant)

    def blockers(self, grant):
        return [_("This access has been revoked already.")] if grant.revoked_at else []

    def act(self, grant, data):
        contract_evaluator_revoke(grant=grant, reason=data["reason"], by=self.request.user)
        return _("The access is revoked.")


@login_required
def report_file(request, pk: int):
    """An evaluation report's file: bureau officers, and its evaluator while their access runs."""
    report = get_visible_or_404(request, evaluation_reports_visible_to(request.user), pk=pk)
    if not report.file:
        raise Http404
    return private_file_response(report.file, download_name=report.original_name)


@hooks.register("register_admin_urls")
def register_contract_evaluation_urls():
    patterns = [
        path("contracts/<int:pk>/grant/", GrantAccess.as_view(), name="grant"),
        path("access/<int:pk>/revoke/", RevokeAccess.as_view(), name="revoke"),
        path("reports/<int:pk>/file/", report_file, name="report_file"),
    ]
    return [
        path("contract-evaluation/", include((patterns, "contract_evaluation"))),
        *admin_contract_evaluator.urls(),
    ]


@hooks.register("register_log_actions")
def register_contract_evaluation_actions(actions):
    register_audit_actions(actions, AUDIT_ACTIONS)
