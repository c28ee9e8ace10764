"""Subsidies in the organisation portal, under /<language>/portal/subsidies/."""

from django.urls import path

from subsidies import portal_submit
from subsidies import portal_views as views

app_name = "subsidies"

urlpatterns = [
    path("", views.index, name="index"),
    path("schemes/<int:scheme_pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/check/", portal_submit.check, name="check"),
    path("<int:pk>/withdraw/", portal_submit.withdraw, name="withdraw"),
]
