from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Public content: home, guidance and standard pages, search, and the bureau's site settings."""

    name = "cms"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"
