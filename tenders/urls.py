"""Portal URLs of tenders (under /<language>/portal/tenders/)."""

from django.urls import path

from tenders import (
    portal_check,
    portal_complaints,
    portal_contracts,
    portal_reports,
    portal_sites,
    portal_views,
)

app_name = "tenders_portal"
urlpatterns = [
    path("", portal_views.bids, name="bids"),
    path("<int:pk>/bid/", portal_views.bid, name="bid"),
    path("<int:pk>/bid/check/", portal_check.check, name="check"),
    path("<int:pk>/withdraw/", portal_views.withdraw, name="withdraw"),
    path("<int:pk>/ask/", portal_views.ask, name="ask"),
    path("contracts/", portal_contracts.contracts, name="contracts"),
    path("sites/", portal_sites.sites, name="sites"),
    path("sites/<int:pk>/", portal_sites.site, name="site"),
    path("sites/<int:pk>/poster/", portal_sites.poster, name="site_poster"),
    path("complaints/", portal_complaints.complaints, name="complaints"),
    path("complaints/<int:pk>/", portal_complaints.complaint, name="complaint"),
    path("contracts/<int:pk>/", portal_contracts.contract, name="contract"),
    path("contracts/reports/<int:pk>/", portal_reports.report, name="report"),
]
