"""The subsidies' letters, registered with the kernel's letter machinery by ``SubsidiesConfig``
(templates: ``letters/<kind>.html``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubsidyLetterKind(models.TextChoices):
    SUBSIDY_AWARD = "subsidy_award", _("Staff-cost subsidy award")


# Labels of what these letters record in their details (the back office's details table).
SUBSIDY_LETTER_DETAILS = {
    "scheme_name": _("Scheme"),
    "period": _("Period"),
    "staff": _("Staff"),
    "name": _("Name"),
    "title": _("Title"),
    "qualification": _("Qualification"),
    "months": _("Months"),
    "eligible": _("Eligible"),
    "eligible_total": _("Eligible"),
    "amount_figures": _("Amount"),
    "amount_capital": _("Amount in words"),
    "conditions": _("Conditions"),
    "disbursement_plan": _("Disbursement plan"),
}


class VoucherLetterKind(models.TextChoices):
    VOUCHER_SETTLEMENT = "voucher_settlement", _("Care-voucher settlement")


# Labels of what the settlement letter records in its details.
VOUCHER_LETTER_DETAILS = {
    "provider_name": _("Provider"),
    "claim_month": _("Month"),
    "service_count": _("Services"),
    "paid_on": _("Paid on"),
    "payment_reference": _("Payment reference"),
    "sample_size": _("Sampled"),
    "claim_sites": _("Sites"),
    "site_name": _("Site"),
    "site_count": _("Services"),
    "site_amount": _("Amount"),
}
