"""URL map. Public pages and the portal live under a language prefix (/zh-hans/, /en/);
the staff back office, documents and language switching do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.open_data import open_data
from cms.views import search
from incubator.kernel.accounts.views import AdminLogoutView

urlpatterns = [
    # Before Wagtail's: its logout also answers GET (with a 405, having dropped the session
    # cookie), so a link on any page could log staff out.
    path("admin/logout/", AdminLogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("files/", include("incubator.incubation.downloads")),
    path("files/subsidies/", include("subsidies.downloads")),
    path("files/tenders/", include("tenders.downloads")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("open-data/", include("subsidies.opendata")),
    path("open-data/", include("subsidies.voucher_opendata")),
    path("open-data/ocds/", include("tenders.ocds")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("incubator.kernel.accounts.urls")),
    path("accounts/", include("incubator.incubation.invitation_views")),
    path("portal/subsidies/", include("subsidies.portal_urls")),
    path("portal/tenders/", include("tenders.urls")),
    path("portal/", include("incubator.incubation.portal.urls")),
    path("", include("incubator.kernel.verification")),
    path("", include("tenders.feedback_views")),
    path("", include("tenders.survey_views")),
    path("", include("tenders.complaint_views")),
    path("", include("tenders.site_performance")),
    path("", include("subsidies.balance_views")),
    path("", include("incubator.incubation.intake_views")),
    path("search/", search, name="search"),
    path("open-data/", open_data, name="open_data"),
    # Wagtail's page tree comes last: it answers every path the others do not.
    path("", include(wagtail_urls)),
)

# Our translated 400 page, rendered with the request like every other page (Django's default
# renders it without one, which our base template needs).
handler400 = "incubator.kernel.request_errors.bad_request"
