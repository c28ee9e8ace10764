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

        from django.db.models.signals import post_delete, post_save

        from cms.models import LetterReferencePrefix, SiteSettings
        from incubator.pagecache import invalidate_on_change

        # The public pages read the settings from the shared page cache.
        for model in (SiteSettings, LetterReferencePrefix):
            for signal in (post_save, post_delete):
                signal.connect(
                    invalidate_on_change,
                    sender=model,
                    dispatch_uid=f"cms.pagecache.{model.__name__}.{id(signal)}",
                )
