from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TendersConfig(AppConfig):
    """Government service contracts: tender pages, bids, evaluation, awards and contracts."""

    name = "tenders"
    verbose_name = _("Tenders")
    default_auto_field = "django.db.models.BigAutoField"
