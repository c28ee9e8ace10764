"""Requests that Django or Wagtail would answer with a server error get a clear answer instead.

- A multipart body Django cannot parse (``MultiPartParserError``) is a 400 with our translated
  page, whichever view first read the body.
- A deletion or change that records' history forbids (``ProtectedError``, ``RestrictedError``)
  or that conflicts with data saved meanwhile (``IntegrityError``) is refused with a
  translated message: back to the page the user came from, or a 409 page. The delete views
  refuse before trying (``incubator.kernel.deletion``); this is the net under every other path.
- ``next`` that is not a path (``next=default``) is dropped before a view passes it to
  ``redirect()``, which would look it up as a URL name and fail (Wagtail 8.0.1, reported
  upstream in docs/upstream/).
- The documents and images listings (and their ``results/`` fragments) with a search term and
  the usage-count filter (either end of its range) together fail in Wagtail 8.0.1's search
  backend (reported upstream): the search runs without the filter, and the user is told so.

- An object deleted by someone else while the request read it (``DoesNotExist`` from a view) is
  a 404, as if it had gone a moment earlier.

Each exception is answered after the view's transaction has rolled back, so nothing changed."""

import logging
from collections import Counter

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from incubator.kernel.deletion import dependants_text

logger = logging.getLogger("incubator.kernel.request_errors")

# Wagtail 8.0.1: search with usage_count_min fails in the database search backend.
USAGE_FILTERED_LISTINGS = ("/admin/documents/", "/admin/images/")
USAGE_FILTERS = ("usage_count_min", "usage_count_max")  # the two ends of one range filter


def bad_request(request, exception=None):
    """Our translated 400 page."""
    return render(request, "400.html", status=400)


def _safe_referer(request) -> str | None:
    referer = request.META.get("HTTP_REFERER")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def _admin_language(request) -> str | None:
    """The language the admin shows this user (their profile's choice), for a message made
    before Wagtail's admin view switches to it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return translation.get_language()
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(user).get_preferred_language()


def _is_path(value: str) -> bool:
    return value.startswith("/") and not value.startswith("//")


class RequestErrorsMiddleware:
    """See the module docstring. Sits after the message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._drop_unusable_next(request)
        self._search_without_usage_filter(request)
        return self.get_response(request)

    @staticmethod
    def _drop_unusable_next(request) -> None:
        if "next" in request.GET and not _is_path(request.GET["next"]):
            query = request.GET.copy()
            del query["next"]
            request.GET = query
        # Reading the body here is no earlier than the CSRF check would; a body that cannot
        # be parsed raises MultiPartParserError, which Django answers with our 400 page.
        if (
            request.method == "POST"
            and "next" in request.POST
            and not _is_path(request.POST["next"])
        ):
            body = request.POST.copy()
            del body["next"]
            request.POST = body

    @staticmethod
    def _search_without_usage_filter(request) -> None:
        if not request.path.startswith(USAGE_FILTERED_LISTINGS):
            return
        used = [name for name in USAGE_FILTERS if request.GET.get(name, "").strip()]
        if request.GET.get("q", "").strip() and used:
            query: QueryDict = request.GET.copy()
            for name in USAGE_FILTERS:
                query.pop(name, None)
            request.GET = query
            if not request.path.rstrip("/").endswith("results"):
                with translation.override(_admin_language(request)):
                    messages.warning(
                        request,
                        gettext(
                            "Search and the usage filter cannot be combined yet: these are the "
                            "search results without the usage filter."
                        ),
                    )

    def process_exception(self, request, exception):
        if isinstance(exception, ObjectDoesNotExist):
            # Deleted by someone else while this request was reading it (the scanner met one
            # in Wagtail's page listing): not found, as if it had gone a moment earlier.
            raise Http404 from exception
        if isinstance(exception, MultiPartParserError):
            logger.info("Unreadable multipart body on %s: %s", request.path, exception)
            return bad_request(request, exception)
        if isinstance(exception, (ProtectedError, RestrictedError)):
            blocking = (
                exception.protected_objects
                if isinstance(exception, ProtectedError)
                else exception.restricted_objects
            )
            counts = Counter(type(record) for record in blocking)
            message = gettext(
                "Nothing was deleted: other records depend on it (%(dependants)s), and their "
                "history must stay."
            ) % {"dependants": dependants_text(counts)}
            return self._refuse(request, message)
        if isinstance(exception, IntegrityError):
            logger.warning("Integrity error on %s: %s", request.path, exception)
            return self._refuse(
                request,
                gettext(
                    "Nothing was changed: the change conflicts with records saved meanwhile. "
                    "Reload the page and try again."
                ),
            )
        return None

    @staticmethod
    def _refuse(request, message: str):
        referer = _safe_referer(request)
        if referer and request.path.startswith("/admin/"):
            messages.error(request, message)
            return HttpResponseRedirect(referer)
        return render(request, "409.html", {"message": message}, status=409)
