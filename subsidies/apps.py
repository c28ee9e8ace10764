from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    """Staff-cost subsidies: schemes with budget envelopes, applications, approvals, payments."""

    name = "subsidies"
    verbose_name = _("Staff-cost subsidies")
    default_auto_field = "django.db.models.BigAutoField"
