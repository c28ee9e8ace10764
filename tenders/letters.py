"""The tenders' letters, registered with the kernel's letter machinery by ``TendersConfig``
(templates: ``letters/<kind>.html``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TenderLetterKind(models.TextChoices):
    TENDER_AWARD = "tender_award", _("Tender award")
    TENDER_REGRET = "tender_regret", _("Tender regret")
    CONTRACT_AMENDMENT = "contract_amendment", _("Contract amendment")


# Labels of what these letters record in their details (the back office's details table).
TENDER_LETTER_DETAILS = {
    "tender_title": _("Tender"),
    "tender_reference": _("Reference"),
    "contract_period": _("Contract period"),
    "amendment_number": _("Amendment number"),
    "value_before": _("Value before"),
    "value_change": _("Value change"),
    "value_after": _("Value after"),
}
