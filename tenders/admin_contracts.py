"""A contract's page in the back office and the bureau's actions on it: record the signing,
publish the contract on the tender page, amend it. Each action is an ``ActionView`` scoped by
the selector its service checks (others answer 404); the page lists the bureau's deadlines
for the contract and its amendments."""

from decimal import Decimal

from django import forms
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views.generic.models import InspectView

from incubator.kernel.actions import ActionView
from incubator.kernel.money import format_rmb
from tenders.admin_payments import tranche_context
from tenders.charts import contract_kpi_charts
from tenders.duties import contract_duties
from tenders.models import Contract, ContractStage, contract_stage
from tenders.selectors import (
    contracts_user_may_amend,
    contracts_user_may_publish,
    contracts_user_may_sign,
)
from tenders.services.contracts import (
    amendment_bounds,
    contract_amend,
    contract_publish,
    contract_sign,
)
from tenders.survey_selectors import satisfaction_rate, surveys_with_results


def may_sign(contract) -> bool:
    return contract_stage(contract) == ContractStage.UNSIGNED


def may_publish(contract) -> bool:
    return contract_stage(contract) == ContractStage.SIGNED


def may_amend(contract) -> bool:
    return contract_stage(contract) != ContractStage.UNSIGNED


class ContractInspectView(InspectView):
    """The contract, where it stands, the bureau's deadlines for it, its amendments and
    acceptances, its KPIs, its reporting schedule and its residents' surveys."""

    template_name = "tenders/admin/contract_inspect.html"

    def get_object(self, queryset=None):
        # The tender, the provider and the award (with its tender, for the duties) in the
        # same query; the scope is checked by the viewset's mixin.
        contracts = Contract.objects.select_related("tender", "organisation", "award__tender")
        return get_object_or_404(contracts, pk=unquote(str(self.kwargs[self.pk_url_kwarg])))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = self.object
        context["stage"] = contract_stage(contract)
        context["duties"] = contract_duties(contract)
        context["amendments"] = list(contract.amendments.select_related("decided_by"))
        context["acceptances"] = list(
            contract.acceptances.select_related("signed_off_by").prefetch_related("items")
        )
        # The header's "Record an acceptance" button, asked with the other actions.
        context["may_accept"] = any(
            action.url_name == "tender_contracts:accept" for action in self.available_record_actions
        )
        context["kpis"] = list(contract.kpis.all())
        context["kpi_charts"] = contract_kpi_charts(contract, context["kpis"])
        context["reports"] = contract.reports.all()
        context["surveys"] = [
            (survey, satisfaction_rate(survey.satisfied, survey.ratings))
            for survey in surveys_with_results(contract.surveys.all()).order_by("opens_on")
        ]
        context["today"] = timezone.localdate()
        context.update(tranche_context(contract, self.request.user))
        return context


class SignForm(forms.Form):
    signed_on = forms.DateField(
        label=gettext_lazy("Signed on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The date both parties signed; not in the future."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = timezone.localdate()


class AmendForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Published on the tender page and printed in the letter."),
    )
    value_change = forms.DecimalField(
        label=gettext_lazy("Change of value (RMB)"),
        max_digits=12,
        decimal_places=2,
        initial=Decimal("0.00"),
        help_text=gettext_lazy("Negative for a reduction; zero when only the end date changes."),
    )
    ends_on = forms.DateField(
        label=gettext_lazy("New end date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Leave empty to keep the end date."),
    )


class _ContractAction(ActionView):
    select_related = ("tender", "organisation", "award")
    icon = "clipboard-list"

    def back_url(self, contract):
        return reverse("tender_contracts:inspect", args=[contract.pk])

    def subtitle(self, contract):
        return f"{contract.tender.reference} · {contract.organisation.name}"


class SignContract(_ContractAction):
    """Record the date the contract was signed."""

    selector = staticmethod(contracts_user_may_sign)
    form_class = SignForm
    heading = gettext_lazy("Record the signing")

    def intro(self, contract):
        return _(
            "The contract is due to be signed within 30 days of the award notice; it must then "
            "be published within 2 working days."
        )

    def blockers(self, contract):
        return [] if may_sign(contract) else [_("The contract is signed already.")]

    def act(self, contract, data):
        contract_sign(contract=contract, signed_on=data["signed_on"], by=self.request.user)
        return _("The signing is recorded.")


class PublishContract(_ContractAction):
    """Publish the contract's summary on its tender's public page."""

    selector = staticmethod(contracts_user_may_publish)
    heading = gettext_lazy("Publish the contract")

    def intro(self, contract):
        return _(
            "The tender's public page will show the parties, the value, the period, the "
            "deliverables and the signing date. This cannot be undone."
        )

    def blockers(self, contract):
        return [] if may_publish(contract) else [_("Only a signed, unpublished contract.")]

    def act(self, contract, data):
        contract_publish(contract=contract, by=self.request.user)
        return _("The contract is published on the tender page.")


class AmendContract(_ContractAction):
    """Amend the contract (补充合同), within 10 % of its original value."""

    selector = staticmethod(contracts_user_may_amend)
    form_class = AmendForm
    heading = gettext_lazy("Amend the contract")

    def intro(self, contract):
        low, high = amendment_bounds(contract.original_value)
        return _(
            "Value now %(value)s (originally %(original)s). Amendments together may keep it "
            "between %(low)s and %(high)s. The provider receives an amendment letter."
        ) % {
            "value": format_rmb(contract.value),
            "original": format_rmb(contract.original_value),
            "low": format_rmb(low),
            "high": format_rmb(high),
        }

    def blockers(self, contract):
        return [] if may_amend(contract) else [_("Only a signed contract can be amended.")]

    def act(self, contract, data):
        amendment = contract_amend(
            contract=contract,
            reason=data["reason"],
            value_change=data["value_change"],
            ends_on=data.get("ends_on"),
            by=self.request.user,
        )
        return _("Amendment %(number)s is recorded; the letter is being prepared.") % {
            "number": amendment.number
        }
