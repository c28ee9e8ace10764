from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    """Kinds of official letter. Each kind has its own reference prefix and numbering."""

    ADMISSION = "admission", _("Admission to the incubator")
    SUBSIDY_AWARD = "subsidy_award", _("Staff-cost subsidy award")
    TENDER_AWARD = "tender_award", _("Tender award")
    TENDER_REGRET = "tender_regret", _("Tender regret")
