"""The letterhead of the default site's settings, for the letters of the shared kernel."""

from wagtail.models import Site

from cms.models import SiteSettings
from incubator.kernel.letterhead import Letterhead


def letterhead_from_site_settings() -> Letterhead:
    """The bureau as the default site's settings describe it."""
    site = Site.objects.filter(is_default_site=True).first()
    settings = (
        SiteSettings.objects.filter(site=site).prefetch_related("letter_prefixes").first()
        if site
        else None
    )
    if settings is None:
        return Letterhead(bureau_name_zh="民政局")
    return Letterhead(
        bureau_name_zh=settings.bureau_name_zh,
        bureau_name_en=settings.bureau_name_en,
        address=settings.address,
        address_en=settings.address_en,
        phone=settings.phone,
        email=settings.email,
        signatory_name=settings.signatory_name,
        signatory_title=settings.signatory_title,
        signatory_title_en=settings.signatory_title_en,
        prefixes={item.kind: item.prefix for item in settings.letter_prefixes.all()},
        credit_code=settings.credit_code,
    )
