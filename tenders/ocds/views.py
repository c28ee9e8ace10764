"""The open-data URLs of the OCDS release packages (``/open-data/ocds/``), in Chinese
whatever the visitor's language, cacheable and open to any origin."""

import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from tenders.ocds.releases import published_tenders, release_package


def _json(package: dict) -> HttpResponse:
    body = json.dumps(package, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _base() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/open-data/ocds/"


@require_GET
@cache_control(public=True, max_age=900)
def tenders_view(request):
    """Every published tender, in Chinese whatever the visitor's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _json(release_package(published_tenders(), uri=_base() + "tenders.json"))


@require_GET
@cache_control(public=True, max_age=900)
def tender_view(request, reference: str):
    """One published tender's release package."""
    tenders = list(published_tenders().filter(reference=reference))
    if not tenders:
        raise Http404
    with translation.override(settings.LANGUAGE_CODE):
        uri = _base() + f"tenders/{reference}.json"
        return _json(release_package(tenders, uri=uri))


urlpatterns = [
    path("tenders.json", tenders_view, name="open_data_ocds_tenders"),
    path("tenders/<str:reference>.json", tender_view, name="open_data_ocds_tender"),
]
