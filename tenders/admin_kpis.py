"""Back-office screens of a contract's KPIs: the bureau's KPI templates per service category,
the contract's page with its KPIs and reporting schedule, and "Set KPIs and reporting", a
form prefilled from the template of the tender's service category (or the KPIs set before)."""

from django import forms
from django.forms import formset_factory
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.kernel.actions import ActionView
from incubator.kernel.menu import MENU_HOOKS
from incubator.kernel.viewsets import ScopedModelViewSet
from tenders.forms import blank_first
from tenders.models import ContractReport, KpiFrequency, KpiGroup, KpiTemplate, ReportingFrequency
from tenders.selectors import contracts_user_may_set_kpis
from tenders.services.delivery import (
    MIN_KPIS,
    REPORTS_STARTED,
    TOO_FEW_KPIS,
    contract_kpis_set,
    kpis_from_template,
)

EXTRA_ROWS = 2


class KpiTemplateViewSet(ScopedModelViewSet):
    """The KPIs the bureau proposes for each service category's contracts."""

    model = KpiTemplate
    scopes: dict = {}  # model-wide rights only: bureau officers
    icon = "list-ol"
    menu_label = gettext_lazy("KPI templates")
    menu_name = "kpi_templates"
    menu_order = 244
    menu_hook = MENU_HOOKS["tenders"]
    list_display = ["name", "category", "unit", "default_target", "weight", "group"]
    list_filter = ["category", "group"]
    search_fields = ["name"]
    ordering = ["category", "position", "pk"]
    form_fields = [
        "category",
        "name",
        "unit",
        "default_target",
        "method",
        "frequency",
        "weight",
        "group",
        "lower_is_better",
        "position",
    ]


class KpiForm(forms.Form):
    """One KPI row of the contract's form."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=30)
    target = forms.DecimalField(
        label=gettext_lazy("Target"), min_value=0, max_digits=12, decimal_places=2
    )
    method = forms.CharField(
        label=gettext_lazy("Method of measurement"), widget=forms.Textarea(attrs={"rows": 2})
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("Frequency"), choices=blank_first(KpiFrequency.choices)
    )
    weight = forms.IntegerField(label=gettext_lazy("Weight"), min_value=1)
    group = forms.ChoiceField(label=gettext_lazy("Category"), choices=blank_first(KpiGroup.choices))
    lower_is_better = forms.BooleanField(label=gettext_lazy("Lower is better"), required=False)


class _KpiFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)
        ]
        if len(kept) < MIN_KPIS:
            raise forms.ValidationError(TOO_FEW_KPIS % {"count": MIN_KPIS}, code="too_few")


KpiFormSet = formset_factory(KpiForm, formset=_KpiFormSet, extra=EXTRA_ROWS, can_delete=True)


class KpiSetForm(forms.Form):
    """The reporting frequency and the KPIs (a formset) in one form, for ``ActionView``."""

    reporting = forms.ChoiceField(
        label=gettext_lazy("Reporting frequency"),
        choices=ReportingFrequency.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "One report per period over the contract, each due ten working days after it ends."
        ),
    )

    def __init__(self, data=None, *, kpis=(), **kwargs):
        super().__init__(data, **kwargs)
        self.kpis = KpiFormSet(data, initial=list(kpis), prefix="kpi")

    def is_valid(self):
        valid = super().is_valid()
        kpis_valid = self.kpis.is_valid()
        if valid and kpis_valid:
            self.cleaned_data["kpis"] = [
                form.cleaned_data
                for form in self.kpis.forms
                if form.cleaned_data and not self.kpis._should_delete_form(form)
            ]
        return valid and kpis_valid


class SetKpis(ActionView):
    """Set a contract's KPIs and reporting frequency, which creates its reporting schedule."""

    selector = staticmethod(contracts_user_may_set_kpis)
    select_related = ("organisation", "tender")
    form_class = KpiSetForm
    heading = gettext_lazy("Set KPIs and reporting")
    icon = "list-ol"
    template_name = "tenders/admin/kpis_form.html"

    def get_form_kwargs(self, contract):
        kpis = list(
            contract.kpis.values(
                "name",
                "unit",
                "target",
                "method",
                "frequency",
                "weight",
                "group",
                "lower_is_better",
            )
        )
        reporting = contract.reporting_frequency or ReportingFrequency.MONTHLY
        return {"kpis": kpis or kpis_from_template(contract), "initial": {"reporting": reporting}}

    def intro(self, contract):
        return _(
            "Prefilled from the KPI template of the tender's service category (or the KPIs set "
            "before). At least %(count)s KPIs, each with a weight above zero; tick “Delete” to "
            "drop a row. The provider's members are told."
        ) % {"count": MIN_KPIS}

    def blockers(self, contract):
        if contract.reports.exclude(status=ContractReport.Status.DRAFT).exists():
            return [REPORTS_STARTED]
        return []

    def back_url(self, contract):
        return reverse("tender_contracts:inspect", args=[contract.pk])

    def act(self, contract, data):
        contract = contract_kpis_set(
            contract=contract, kpis=data["kpis"], reporting=data["reporting"], by=self.request.user
        )
        return _("The KPIs are set and %(count)s reports are scheduled.") % {
            "count": contract.reports.count()
        }
