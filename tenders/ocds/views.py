"""The open-data URLs of the OCDS release packages (``/open-data/ocds/``), in Chinese
whatever the visitor's language, cacheable and open to any origin: every tender (built in the
background, in pages) and one tender (built on request: it is small)."""

import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from incubator.kernel.publications import publication_response
from tenders.ocds.publication import NAME
from tenders.ocds.releases import published_tenders, release_package


def _json(package: dict) -> HttpResponse:
    body = json.dumps(package, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _base() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/open-data/ocds/"


@require_GET
def tenders_view(request, number: int = 1):
    """A page of the package of every published tender, in Chinese whatever the visitor's
    language: read from the file the last build wrote (``tenders.ocds.publication``), with
    ETag and Last-Modified."""
    return publication_response(request, NAME, number)


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
    path("tenders-<int:number>.json", tenders_view, name="open_data_ocds_tenders_page"),
    path("tenders/<str:reference>.json", tender_view, name="open_data_ocds_tender"),
]
