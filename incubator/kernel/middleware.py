"""Middleware of the site."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import get_language

# Paths that live outside the language prefixes. Django's LocaleMiddleware answers a 404 on
# any unprefixed path with a redirect to the prefixed one, and Wagtail's catch-all makes every
# prefixed path look valid, so a refused download or admin object would turn into a redirect.
UNPREFIXED = ("/admin/", "/files/", "/documents/", "/i18n/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that 404s outside the language prefixes stay 404s."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
