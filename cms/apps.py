from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Public content: home, guidance and standard pages, search, and the bureau's site settings."""

    name = "cms"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.letterhead import letterhead_from_site_settings
        from incubator.letterhead import register_letterhead_provider

        register_letterhead_provider(letterhead_from_site_settings)
