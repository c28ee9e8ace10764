"""The subsidies' letters, registered with the kernel's letter machinery by ``SubsidiesConfig``
(templates: ``letters/<kind>.html``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubsidyLetterKind(models.TextChoices):
    SUBSIDY_AWARD = "subsidy_award", _("Staff-cost subsidy award")
