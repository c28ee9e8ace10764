from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Public content: home, guidance and standard pages, search, and the bureau's site settings."""

    name = "cms"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from incubator.kernel.roles import Role, contribute_role_permissions

        # Site administrators keep the bureau's site settings (letterhead, prefixes).
        contribute_role_permissions({Role.SITE_ADMIN: ["cms.change_sitesettings"]})

        from cms.letterhead import letterhead_from_site_settings
        from incubator.kernel.letterhead import register_letterhead_provider

        register_letterhead_provider(letterhead_from_site_settings)

        from cms.review import connect_signals

        connect_signals()  # pages using a deleted document, image or page are flagged

        from django.db.models.signals import post_delete, post_save

        from cms.models import SiteSettings

        # The public pages read the settings from the shared page cache.
        post_save.connect(
            _site_settings_saved, sender=SiteSettings, dispatch_uid="cms.pagecache.settings"
        )
        post_delete.connect(
            _site_settings_saved, sender=SiteSettings, dispatch_uid="cms.pagecache.settings.del"
        )


def _site_settings_saved(sender, created=False, **kwargs):
    """A change of the settings starts a new page-cache generation. Not their creation: the
    first request of a site creates them while caching them, and nothing older is cached."""
    if created:
        return
    from cms.pagecache import invalidate_on_change

    invalidate_on_change()
