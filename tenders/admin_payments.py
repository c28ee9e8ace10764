"""The contract's payments in the back office: the table of its tranches on the contract's
page (amount, what releases it, where it stands, when it is due), "Set payment schedule"
(a form of rows, each tied to a report or an acceptance) and "Record payment" on a released
tranche. Each action is an ``ActionView`` scoped by the selector its service checks."""

from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from incubator.kernel.actions import ActionView
from incubator.kernel.money import format_rmb
from tenders.models import TrancheState
from tenders.models.payments import PAY_WITHIN_DAYS, PAY_WITHIN_DAYS_MAX
from tenders.selectors import (
    contract_tranches,
    contracts_user_may_schedule_payments,
    tranches_user_may_pay,
)
from tenders.services.payments import contract_tranche_pay, contract_tranches_set

EXTRA_ROWS = 2
NOTHING_TO_RELEASE = gettext_lazy(
    "The contract has no reports nor acceptances yet: set its KPIs and reporting first."
)


def tranche_context(contract, user) -> dict:
    """What the contract's page shows of its payments, and which actions the user may take."""
    today = timezone.localdate()
    tranches = contract_tranches(contract)
    payable = set(
        tranches_user_may_pay(user)
        .filter(contract=contract)
        .order_by()
        .values_list("pk", flat=True)
    )
    for tranche in tranches:
        tranche.current_state = tranche.state(today)
        tranche.may_pay = tranche.pk in payable and tranche.current_state in (
            TrancheState.PAYABLE,
            TrancheState.LATE,
        )
    return {
        "tranches": tranches,
        "may_schedule_payments": contracts_user_may_schedule_payments(user)
        .filter(pk=contract.pk)
        .exists(),
        "tranches_scheduled": sum((t.amount for t in tranches), Decimal("0.00")),
    }


class TrancheForm(forms.Form):
    """One tranche of the schedule: its amount, what releases it, the term of payment."""

    amount = forms.DecimalField(
        label=gettext_lazy("Amount (RMB)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
    )
    release = forms.ChoiceField(label=gettext_lazy("Released by"))
    pay_within_days = forms.IntegerField(
        label=gettext_lazy("Pay within (days)"),
        min_value=1,
        max_value=PAY_WITHIN_DAYS_MAX,
        initial=PAY_WITHIN_DAYS,
        help_text=gettext_lazy("Calendar days after the report or acceptance is accepted."),
    )

    def __init__(self, *args, releases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["release"].choices = [("", "—"), *releases]


TrancheFormSet = formset_factory(TrancheForm, extra=EXTRA_ROWS, can_delete=True)


def _releases(contract) -> list[tuple[str, str]]:
    reports = [
        (
            f"report:{report.number}",
            _("Report %(number)s (%(start)s – %(end)s)")
            % {
                "number": report.number,
                "start": f"{report.period_starts_on:%Y-%m-%d}",
                "end": f"{report.period_ends_on:%Y-%m-%d}",
            },
        )
        for report in contract.reports.all()
    ]
    acceptances = [
        (
            f"acceptance:{acceptance.number}",
            _("Acceptance %(number)s (%(kind)s)")
            % {"number": acceptance.number, "kind": acceptance.get_kind_display()},
        )
        for acceptance in contract.acceptances.all()
    ]
    return reports + acceptances


class TranchesSetForm(forms.Form):
    """The unpaid tranches (a formset), for ``ActionView``."""

    def __init__(self, data=None, *, tranches=(), releases=(), **kwargs):
        super().__init__(data, **kwargs)
        self.tranches = TrancheFormSet(
            data, initial=list(tranches), prefix="tranche", form_kwargs={"releases": releases}
        )

    def is_valid(self):
        valid = super().is_valid() and self.tranches.is_valid()
        if valid:
            rows = []
            for form in self.tranches.forms:
                if not form.cleaned_data or self.tranches._should_delete_form(form):
                    continue
                kind, _sep, number = form.cleaned_data["release"].partition(":")
                rows.append(
                    {
                        "amount": form.cleaned_data["amount"],
                        "pay_within_days": form.cleaned_data["pay_within_days"],
                        kind: int(number),
                    }
                )
            self.cleaned_data["tranches"] = rows
        return valid


class _Action(ActionView):
    icon = "doc-full"

    def back_url(self, obj):
        contract_pk = getattr(obj, "contract_id", None) or obj.pk
        return reverse("tender_contracts:inspect", args=[contract_pk]) + "#payments"


class SetTranches(_Action):
    """Set the contract's payment schedule (the unpaid tranches)."""

    selector = staticmethod(contracts_user_may_schedule_payments)
    select_related = ("organisation", "tender")
    form_class = TranchesSetForm
    heading = gettext_lazy("Set payment schedule")
    template_name = "tenders/admin/tranches_form.html"

    def get_form_kwargs(self, contract):
        unpaid = contract.tranches.filter(paid_on__isnull=True).select_related(
            "report", "acceptance"
        )
        initial = [
            {
                "amount": t.amount,
                "pay_within_days": t.pay_within_days,
                "release": f"report:{t.report.number}"
                if t.report_id
                else f"acceptance:{t.acceptance.number}",
            }
            for t in unpaid
        ]
        return {"tranches": initial, "releases": _releases(contract)}

    def subtitle(self, contract):
        return f"{contract.tender.reference} · {contract.organisation.name}"

    def intro(self, contract):
        return _(
            "Contract value %(value)s, of which %(paid)s paid. Each tranche is paid once its "
            "report is accepted or its acceptance signed off as passed; all tranches together "
            "stay within the value. Paid tranches are kept; the rows below replace the unpaid "
            "ones. An acceptance must be recorded before a tranche can be tied to it."
        ) % {"value": format_rmb(contract.value), "paid": format_rmb(contract.paid_total)}

    def blockers(self, contract):
        if not contract.reports.exists() and not contract.acceptances.exists():
            return [NOTHING_TO_RELEASE]
        return []

    def act(self, contract, data):
        contract_tranches_set(contract=contract, tranches=data["tranches"], by=self.request.user)
        return _("The payment schedule is set.")


class PayForm(forms.Form):
    paid_on = forms.DateField(
        label=gettext_lazy("Paid on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The date of the transfer; not in the future."),
    )
    reference = forms.CharField(label=gettext_lazy("Payment voucher number"), max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()


class PayTranche(_Action):
    """Record that the bureau paid one tranche."""

    selector = staticmethod(tranches_user_may_pay)
    select_related = ("contract__tender", "contract__organisation", "report", "acceptance")
    form_class = PayForm
    heading = gettext_lazy("Record payment")

    def subtitle(self, tranche):
        contract = tranche.contract
        return f"{contract.tender.reference} · {contract.organisation.name}"

    def intro(self, tranche):
        return _("Tranche %(number)s: %(amount)s. The provider is told.") % {
            "number": tranche.number,
            "amount": format_rmb(tranche.amount),
        }

    def blockers(self, tranche):
        state = tranche.state()
        if state == TrancheState.PAID:
            return [_("This tranche is paid already.")]
        if state == TrancheState.WAITING:
            return [_("Its report or acceptance has not been accepted yet.")]
        return []

    def act(self, tranche, data):
        contract_tranche_pay(
            tranche=tranche,
            paid_on=data["paid_on"],
            reference=data["reference"],
            by=self.request.user,
        )
        return _("Tranche %(number)s is recorded as paid.") % {"number": tranche.number}
