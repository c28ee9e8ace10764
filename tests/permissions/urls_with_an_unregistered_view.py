"""A URL configuration for the harness's own test: the site's URLs plus one new portal view
that nobody registered."""

from django.http import HttpResponse
from django.urls import path

from incubator.urls import urlpatterns as site_patterns


def forgotten_view(request, pk):  # pragma: no cover - never requested
    return HttpResponse("leak")


forgotten_view.__module__ = "incubator.incubation.portal.views"

urlpatterns = [
    path("forgotten/<int:pk>/", forgotten_view, name="forgotten_report"),
    *site_patterns,
]
